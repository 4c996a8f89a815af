"""The library screen's rules, without Textual: the view and what it asks the store for, the sort,
search and filters, what escape clears, the status line's facts, when to read the library again,
and the pickers' rows."""

from __future__ import annotations

import pytest
from newsread.core.store.feeds import FeedRow
from newsread.core.store.fts import MAX_QUERY_TERMS
from newsread.core.store.records import OrgSummary, SpeakerSummary
from newsread.tui.library.model import (
    COLUMNS,
    SORT_COLUMNS,
    SORT_CYCLE,
    LibraryState,
    LibraryView,
    PickerRow,
    SortColumn,
    delete_question,
    feed_rows,
    organisation_rows,
    speaker_rows,
)

THREE_COLUMNS = {  # a short cycle, to test the rules apart from the list's own columns
    "published": SortColumn(label="Published", descending=True),
    "title": SortColumn(label="Title", descending=False),
    "quotes": SortColumn(label="Quotes", descending=True),
}


def state(**view: object) -> LibraryState:
    return LibraryState(columns=THREE_COLUMNS, view=LibraryView(**view))


# -- the view ---------------------------------------------------------------------------------------


def test_a_new_view_shows_everything_newest_first() -> None:
    view = LibraryView()
    assert not view.filtered and view.labels() == []
    assert view.query_kwargs() == {
        "order": "published",
        "descending": True,
        "unread_only": False,
        "bookmarked_only": False,
        "speaker": None,
        "organisation": None,
        "ids": None,
        "feed_id": None,
    }


def test_every_filter_is_labelled_in_order_and_asked_of_the_store() -> None:
    view = LibraryView(unread_only=True, bookmarked_only=True).searched("cease-fire", [3, 1])
    view = view.filtered_by("speaker", "Steven Cook").filtered_by("organisation", "Hamas").of_feed(7, "BBC\x1b")
    assert view.filtered
    assert view.labels() == [
        "search: cease-fire",
        "speaker: Steven Cook",
        "organisation: Hamas",
        "feed: BBC␛",
        "unread only",
        "bookmarked only",
    ]
    kwargs = view.query_kwargs()
    assert kwargs["ids"] == [3, 1] and kwargs["speaker"] == "Steven Cook" and kwargs["organisation"] == "Hamas"
    assert kwargs["feed_id"] == 7
    assert LibraryView().of_feed(7, "BBC").filtered and not LibraryView().of_feed(7, "BBC").cleared().filtered


def test_names_from_articles_are_labelled_inert_on_one_line() -> None:
    view = LibraryView().filtered_by("speaker", "a\x1b[31m\nb")
    assert view.labels() == ["speaker: a␛[31m b"]


def test_a_long_search_says_which_words_it_used() -> None:
    text = " ".join(f"w{i}" for i in range(MAX_QUERY_TERMS + 5))
    assert LibraryView().searched(text, []).labels() == [f"search (its first {MAX_QUERY_TERMS} words): {text}"]


def test_a_search_finding_nothing_is_a_filter_and_a_blank_one_is_none() -> None:
    found_nothing = LibraryView().searched("  zebra ", [])
    assert found_nothing.query == "zebra" and found_nothing.search_ids == () and found_nothing.filtered
    assert found_nothing.query_kwargs()["ids"] == []
    blank = found_nothing.searched("   ", None)
    assert blank.query == "" and blank.search_ids is None and not blank.filtered


def test_cleared_keeps_only_the_sort() -> None:
    view = LibraryView(sort="title", descending=False, unread_only=True, speaker="Cook").searched("x", [1])
    assert view.cleared() == LibraryView(sort="title", descending=False)


# -- sort -------------------------------------------------------------------------------------------


def test_sort_steps_through_the_columns_each_in_its_first_direction_and_wraps() -> None:
    s = state()
    assert s.sort_label() == "published ↓"
    seen = []
    for _ in range(3):
        s.view = s.next_sort()
        seen.append((s.view.sort, s.view.descending))
    assert seen == [("title", False), ("quotes", True), ("published", True)]


def test_the_library_sorts_by_its_own_columns_newest_and_most_first_text_a_to_z() -> None:
    s = LibraryState()  # the model's own columns: S steps through SORT_CYCLE
    assert s.columns == SORT_COLUMNS and list(s.columns) == list(SORT_CYCLE)
    assert set(SORT_CYCLE) < set(COLUMNS)  # each is a column of the list, labelled as in its header
    seen = []
    for _ in SORT_CYCLE:
        s.view = s.next_sort()
        seen.append(s.sort_label())
    assert seen == ["title ↑", "site ↑", "quotes ↓", "notes ↓", "added ↓", "published ↓"]


def test_reverse_and_header_clicks() -> None:
    s = state(sort="title", descending=False)
    assert s.reversed().descending is True
    assert s.header_clicked("title") == LibraryView(sort="title", descending=True)  # the sorted column reverses
    assert s.header_clicked("quotes") == LibraryView(sort="quotes", descending=True)  # another: its first direction
    assert s.header_clicked("marks") is None  # not a sort column
    s.view = s.reversed()
    assert s.sort_label() == "title ↓"


def test_toggles_flip_one_flag() -> None:
    s = state(unread_only=True)
    assert s.toggled("unread_only") == LibraryView()
    assert s.toggled("bookmarked_only") == LibraryView(unread_only=True, bookmarked_only=True)


# -- escape -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("view", "focused", "text", "steps"),
    [
        ({}, False, "", ()),
        ({}, True, "", ("search",)),  # the empty box is closed
        ({}, False, "typed", ("search",)),  # text not yet searched
        ({"query": "x", "search_ids": (1,)}, False, "x", ("search", "filters")),
        ({"query": "x", "search_ids": (1,)}, False, "", ("search", "filters")),  # the box emptied, search on
        ({"query": "x"}, False, "", ("filters",)),  # a query without its results yet
        ({"unread_only": True}, False, "", ("filters",)),
        ({"speaker": "Cook"}, True, "typed", ("search", "filters")),
        ({"sort": "title", "descending": False}, False, "", ()),  # the sort is not a filter
    ],
)
def test_what_escape_clears_and_in_which_order(view: dict, focused: bool, text: str, steps: tuple) -> None:
    assert state(**view).escape_clears(box_focused=focused, box_text=text) == steps


# -- status -----------------------------------------------------------------------------------------


def test_the_status_facts() -> None:
    s = state(unread_only=True)
    assert s.status(3, loading=True, importing=False, read_only=False, can_add=True)["total"] is None  # not counted yet
    s.counts_read(12, 5)
    assert s.status(3, loading=True, importing=False, read_only=True, can_add=False) == {
        "shown": 3,
        "total": 12,
        "unread": 5,
        "filters": ["unread only"],
        "sort": "published ↓",
        "loading": True,
        "importing": False,
        "read_only": True,
        "can_add": False,
        "problem": None,
    }


def test_a_failure_to_read_is_new_once_and_stays_shown() -> None:
    s = state()
    assert s.failed("database disk image is malformed") is True
    assert s.failed("database disk image is malformed") is False
    facts = s.status(0, loading=False, importing=False, read_only=False, can_add=True)
    assert facts["problem"] == "database disk image is malformed"
    assert s.failed("file is not a database") is True


# -- reading again ----------------------------------------------------------------------------------


def test_a_newer_load_makes_the_older_stale() -> None:
    s = state()
    first = s.new_load()
    second = s.new_load()
    assert s.is_stale(first) and not s.is_stale(second)


def test_count_changed_ignores_an_unreadable_count() -> None:
    s = state()
    s.counts_read(4, 1)
    assert not s.count_changed(4) and not s.count_changed(None)
    assert s.count_changed(5) and s.count_changed(0)


def test_no_count_changed_before_the_library_is_counted() -> None:
    s = state()  # a large view's first load: its counts come with its ids, after the first frame
    assert not s.count_changed(100_000) and s.resumed(100_000) is None
    s.counts_read(100_000, 99_000)
    assert (s.total, s.unread) == (100_000, 99_000)
    assert not s.count_changed(100_000) and s.count_changed(100_001)


def test_another_process_committing_reloads_now_on_top_or_when_the_screen_comes_back() -> None:
    s = state()
    s.data_version = 7
    s.counts_read(4, 0)
    assert s.version_seen(7, on_top=True) is False  # nothing new
    assert s.version_seen(None, on_top=True) is False  # unreadable: nothing known
    assert s.version_seen(8, on_top=True) is True and s.data_version == 8
    assert s.resumed(4) is None  # already shown
    assert s.version_seen(9, on_top=False) is False  # under the reader: kept for later
    s.opened = 1
    assert s.resumed(4) == "reload" and s.opened is None
    assert s.resumed(4) is None  # said once


def test_coming_back_from_an_article_shows_it_or_reloads_when_the_count_moved() -> None:
    s = state()
    s.counts_read(4, 0)
    s.opened = 2
    assert s.resumed(4) == "show_opened"
    assert s.take_opened() == 2 and s.opened is None
    assert s.resumed(4) is None
    s.opened = 2
    assert s.resumed(5) == "reload" and s.opened is None  # another terminal added one meanwhile
    s.opened = 2
    assert s.resumed(None) == "show_opened"  # the count unreadable: not a change


def test_an_empty_library_is_not_reloaded_on_resume_for_its_count() -> None:
    s = state()
    assert s.total == 0
    assert s.resumed(3) is None  # the first run's import reloads the screen itself


def test_which_changes_take_an_article_out_of_the_list() -> None:
    counted = state()
    counted.counts_read(4, 2)
    assert not counted.reload_after_marking(read=True) and not counted.reload_after_marking(read=False)
    unread_only = state(unread_only=True)
    unread_only.counts_read(4, 2)
    assert unread_only.reload_after_marking(read=True) and not unread_only.reload_after_marking(read=False)
    assert state().reload_after_marking(read=False)  # counts due: they may not include the change
    assert state(bookmarked_only=True).reload_after_bookmark(bookmarked=False)
    assert not state(bookmarked_only=True).reload_after_bookmark(bookmarked=True)
    assert not state().reload_after_bookmark(bookmarked=False)


# -- pickers ----------------------------------------------------------------------------------------


def test_speakers_are_grouped_by_kind_people_first_in_the_stores_order_within() -> None:
    speakers = [
        SpeakerSummary(name="court records", quotes=9, articles=1, kind="document"),
        SpeakerSummary(name="Steven Cook", aliases=["Cook"], quotes=7, articles=2, kind="person"),
        SpeakerSummary(name="two officials", quotes=3, articles=1, kind="anonymous"),
        SpeakerSummary(name="Shira Efron", quotes=4, articles=1, kind="someone"),  # unknown kinds are people's
        SpeakerSummary(name="IDF", quotes=1, articles=1, kind="organisation"),
    ]
    assert speaker_rows(speakers) == [
        PickerRow(name="Steven Cook", count=7, detail="2 articles", aliases=("Cook",), group="People"),
        PickerRow(name="Shira Efron", count=4, detail="1 article", group="People"),
        PickerRow(name="IDF", count=1, detail="1 article", group="Organisations"),
        PickerRow(name="two officials", count=3, detail="1 article", group="Anonymous sources"),
        PickerRow(name="court records", count=9, detail="1 article", group="Documents"),
    ]


def test_organisations_count_articles_with_their_quotes_as_detail() -> None:
    orgs = [OrgSummary(name="Hamas", articles=3, quotes=1), OrgSummary(name="IPF", articles=1, quotes=0)]
    assert organisation_rows(orgs) == [
        PickerRow(name="Hamas", count=3, detail="1 quote"),
        PickerRow(name="IPF", count=1, detail="0 quotes"),
    ]


# -- feeds, and what is remembered between launches -------------------------------------------------


def test_feed_rows_count_unread_articles_and_say_a_failed_refresh() -> None:
    feeds = [
        FeedRow(id=1, name="BBC", url="https://bbc.test/rss", articles=12, unread=3),
        FeedRow(id=2, name="Ars", url="https://ars.test/", articles=1, unread=0, last_error="HTTP 404\x1b[2J"),
    ]
    assert feed_rows(feeds) == [
        PickerRow(name="BBC", count=3, detail="12 articles"),
        PickerRow(name="Ars", count=0, detail="1 article · last refresh failed: HTTP 404␛[2J"),
    ]


def test_the_sort_and_filters_are_saved_and_restored_but_not_a_search() -> None:
    view = LibraryView(sort="title", descending=True, unread_only=True).of_feed(3, "BBC")
    view = view.filtered_by("speaker", "Steven Cook").searched("gaza", [1, 2])
    restored = LibraryView.from_saved(view.saved())
    assert restored == LibraryView(
        sort="title", descending=True, unread_only=True, speaker="Steven Cook", feed_id=3, feed="BBC"
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"sort": "nonsense"},
        {"sort": 3},
        {"descending": "yes", "unread_only": 1, "feed_id": True, "speaker": 5},
    ],
)
def test_a_damaged_saved_view_is_the_default_view(data: object) -> None:
    assert LibraryView.from_saved(data) == LibraryView()


def test_deleting_asks_and_counts_the_notes_kept() -> None:
    assert delete_question("Story 1", 0) == "Delete “Story 1”?"
    assert delete_question("Story 1", 2) == (
        "Delete “Story 1”? It has 2 notes: kept in All notes (as orphans) unless you delete them too."
    )
