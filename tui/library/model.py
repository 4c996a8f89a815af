"""What the library screen shows and the rules its keys follow, without Textual.

``LibraryView`` is what is shown (the search, the filters, the sort) and what ``Library.articles``
is asked for it; ``LibraryState`` holds the view with what the screen knows of the library (how many
articles, a failure to read it, whether another process changed it, the article opened from here)
and answers what a key or an event changes: the next sort, what escape clears, the status line's
parts, when to read the library again, the pickers' rows. ``COLUMNS`` are the list's columns (the
article table draws them) and ``SORT_COLUMNS`` those it sorts by. The screen runs the answers against
its widgets and the store. Everything here is plain Python, so the rules are tested in milliseconds
(``tests/test_library_model.py``) and an import-linter contract keeps Textual out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypedDict

from ...core.store.feeds import FeedRow
from ...core.store.fts import MAX_QUERY_TERMS, query_terms_cut
from ...core.store.library import ArticleFilters
from ...core.store.records import OrgSummary, SpeakerSummary
from ..kinds import KIND_GROUPS, KIND_ORDER, kind_of, plural, statement_counts
from ..safe_text import one_line

FilterKind = Literal["speaker", "organisation"]
EscapeStep = Literal["search", "filters"]
ResumeStep = Literal["reload", "show_opened"]


class StatusFacts(TypedDict):
    """The keywords of ``StatusBar.show``: the facts the status line lays out."""

    shown: int
    total: int | None
    unread: int
    filters: list[str]
    sort: str
    loading: bool
    importing: bool
    read_only: bool
    can_add: bool
    problem: str | None


@dataclass(frozen=True, slots=True)
class SortColumn:
    """A column the list can be sorted by: its label and the direction it is first sorted in."""

    label: str
    descending: bool


COLUMNS: dict[str, str] = {
    "marks": "",
    "title": "Title",
    "site": "Site",
    "published": "Published",
    "added": "Added",
    "quotes": "Quotes",
    "notes": "Notes",
}
"""The list's columns in the order they are drawn, each with its header label (marks: unread and
bookmarked, unlabelled). A sortable column's key is the order ``Library.articles`` sorts by."""

SORT_CYCLE = ("published", "title", "site", "quotes", "notes", "added")
"""The columns ``S`` steps through, in order; the list starts sorted by the first."""

FIRST_DESCENDING = frozenset({"published", "added", "quotes", "notes"})
"""The columns first sorted from the top down (newest, most quoted, most noted); text sorts A to Z."""

SORT_COLUMNS: dict[str, SortColumn] = {
    key: SortColumn(label=COLUMNS[key], descending=key in FIRST_DESCENDING) for key in SORT_CYCLE
}
"""The sortable columns in ``S`` order: what ``LibraryState`` sorts by unless given others."""


@dataclass(frozen=True, slots=True)
class PickerRow:
    """One entry of a filter's picker: the name chosen, its count, a detail line, the other names it
    answers to, the group it is listed under and (for speakers) its reported statements."""

    name: str
    count: int
    detail: str | None = None
    aliases: tuple[str, ...] = ()
    group: str | None = None
    reported: int = 0


@dataclass(frozen=True, slots=True)
class LibraryView:
    """What the library screen currently shows: search, filters and sort."""

    query: str = ""
    search_ids: tuple[int, ...] | None = None
    speaker: str | None = None
    organisation: str | None = None
    unread_only: bool = False
    bookmarked_only: bool = False
    sort: str = "published"
    descending: bool = True
    feed: str | None = None  # the subscription's name, as shown
    feed_id: int | None = None  # and its id, as asked of the store

    @property
    def filtered(self) -> bool:
        return bool(
            self.search_ids is not None
            or self.speaker
            or self.organisation
            or self.unread_only
            or self.bookmarked_only
            or self.feed_id is not None
        )

    def labels(self) -> list[str]:
        """The status line's name for each search and filter that is on, in a fixed order."""
        out = []
        # names come from articles (an anonymous source's description, a document's): neutralised
        if self.search_ids is not None:
            cut = f" (its first {MAX_QUERY_TERMS} words)" if query_terms_cut(self.query) else ""
            out.append(f"search{cut}: {one_line(self.query)}")
        if self.speaker:
            out.append(f"speaker: {one_line(self.speaker)}")
        if self.organisation:
            out.append(f"organisation: {one_line(self.organisation)}")
        if self.feed_id is not None:
            out.append(f"feed: {one_line(self.feed)}")
        if self.unread_only:
            out.append("unread only")
        if self.bookmarked_only:
            out.append("bookmarked only")
        return out

    def query_kwargs(self) -> ArticleFilters:
        return {
            "order": self.sort,
            "descending": self.descending,
            "unread_only": self.unread_only,
            "bookmarked_only": self.bookmarked_only,
            "speaker": self.speaker,
            "organisation": self.organisation,
            "ids": list(self.search_ids) if self.search_ids is not None else None,
            "feed_id": self.feed_id,
        }

    def searched(self, text: str, ids: Iterable[int] | None) -> LibraryView:
        """The view with the search ``text`` found in the articles ``ids``; a blank text is no search."""
        query = text.strip()
        if not query or ids is None:
            return replace(self, query="", search_ids=None)
        return replace(self, query=query, search_ids=tuple(ids))

    def filtered_by(self, kind: FilterKind, name: str) -> LibraryView:
        """Only the articles quoting the speaker ``name``, or naming the organisation ``name``."""
        return replace(self, speaker=name) if kind == "speaker" else replace(self, organisation=name)

    def of_feed(self, feed_id: int, name: str) -> LibraryView:
        """Only the articles the subscription ``feed_id`` (called ``name``) brought."""
        return replace(self, feed_id=feed_id, feed=name)

    def cleared(self) -> LibraryView:
        """No search and no filter; the sort kept."""
        return LibraryView(sort=self.sort, descending=self.descending)

    # -- remembered between launches -------------------------------------------------------------
    def saved(self) -> dict[str, Any]:
        """What is remembered for the next launch: the sort and the filters (not a search, which
        names articles found now)."""
        return {
            "sort": self.sort,
            "descending": self.descending,
            "unread_only": self.unread_only,
            "bookmarked_only": self.bookmarked_only,
            "speaker": self.speaker,
            "organisation": self.organisation,
            "feed": self.feed,
            "feed_id": self.feed_id,
        }

    @classmethod
    def from_saved(cls, data: object, columns: Mapping[str, SortColumn] = SORT_COLUMNS) -> LibraryView:
        """The view ``saved()`` wrote; what is missing, of the wrong type or no longer a column is
        left at its default (the file is the user's to edit or damage)."""
        if not isinstance(data, dict):
            return cls()

        def get(key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
            value = data.get(key, default)
            return value if isinstance(value, kind) and not (kind is int and isinstance(value, bool)) else default

        sort = get("sort", str, "published")
        if sort not in columns:
            return cls()
        feed_id = get("feed_id", int)
        return cls(
            sort=sort,
            descending=get("descending", bool, columns[sort].descending),
            unread_only=get("unread_only", bool, False),
            bookmarked_only=get("bookmarked_only", bool, False),
            speaker=get("speaker", str) or None,
            organisation=get("organisation", str) or None,
            feed_id=feed_id,
            feed=get("feed", str, "") if feed_id is not None else None,
        )


@dataclass(slots=True)
class LibraryState:
    """What the library screen's keys and events change, and the rules they follow.

    ``columns`` are the sortable columns in the order ``S`` steps through them (``SORT_COLUMNS``
    unless given others). ``total`` is the number of articles in the library and ``unread`` the
    unread ones, ``counted`` once they have been read (a large view's are read after its first page
    is drawn), ``counts_due`` from a change of the library until they are read again (a change of
    view alone does not count them), ``problem`` why it could not be read (shown instead of the
    counts), ``data_version`` the library's ``data_version`` when last looked at,
    ``changed_elsewhere`` a change seen while another screen was on top; ``opened`` is the article
    opened from the screen, until it comes back; ``generation`` numbers the reloads.
    """

    columns: Mapping[str, SortColumn] = field(default_factory=SORT_COLUMNS.copy)
    view: LibraryView = field(default_factory=LibraryView)
    total: int = 0
    unread: int = 0
    counted: bool = False
    counts_due: bool = True
    problem: str | None = None
    data_version: int | None = None
    changed_elsewhere: bool = False
    opened: int | None = None
    generation: int = 0

    # -- sort --------------------------------------------------------------------------------------
    def sort_label(self) -> str:
        return f"{self.columns[self.view.sort].label.lower()} {'↓' if self.view.descending else '↑'}"

    def next_sort(self) -> LibraryView:
        """``S``: the next column, in its first direction."""
        keys = list(self.columns)
        return self.sorted_by(keys[(keys.index(self.view.sort) + 1) % len(keys)])

    def sorted_by(self, column: str) -> LibraryView:
        """Sorted by ``column`` in its first direction."""
        return replace(self.view, sort=column, descending=self.columns[column].descending)

    def reversed(self) -> LibraryView:
        """``-``: the same column the other way."""
        return replace(self.view, descending=not self.view.descending)

    def header_clicked(self, column: str) -> LibraryView | None:
        """A click on a column's label: the sorted column reverses, another sorts by it; None for a
        column the list is not sorted by (the marks)."""
        if column not in self.columns:
            return None
        return self.reversed() if column == self.view.sort else self.sorted_by(column)

    # -- search, filters, escape -------------------------------------------------------------------
    def toggled(self, flag: Literal["unread_only", "bookmarked_only"]) -> LibraryView:
        if flag == "unread_only":
            return replace(self.view, unread_only=not self.view.unread_only)
        return replace(self.view, bookmarked_only=not self.view.bookmarked_only)

    def escape_clears(self, *, box_focused: bool, box_text: str) -> tuple[EscapeStep, ...]:
        """What one escape clears, in order: the search box (while it has the focus, holds text, or
        its search is on: the box is emptied and hidden), then every search and filter."""
        steps: list[EscapeStep] = []
        if box_focused or box_text or self.view.search_ids is not None:
            steps.append("search")
        if self.view.filtered or self.view.query:
            steps.append("filters")
        return tuple(steps)

    # -- status ------------------------------------------------------------------------------------
    def status(self, shown: int, *, loading: bool, importing: bool, read_only: bool, can_add: bool) -> StatusFacts:
        """The status line's facts: ``shown`` rows are in the table, ``loading`` while more are read,
        ``importing`` while the first run's import is under way, ``read_only`` when nothing is saved,
        ``can_add`` unless articles cannot be added (an in-memory library). The total is None until
        the library's articles have been counted."""
        return {
            "shown": shown,
            "total": self.total if self.counted else None,
            "unread": self.unread,
            "filters": self.view.labels(),
            "sort": self.sort_label(),
            "loading": loading,
            "importing": importing,
            "read_only": read_only,
            "can_add": can_add,
            "problem": self.problem,
        }

    def failed(self, message: str) -> bool:
        """The library could not be read: ``message`` is shown in the status line; True when it is
        new (to be said once, in a toast)."""
        new = message != self.problem
        self.problem = message
        return new

    # -- reading again -----------------------------------------------------------------------------
    def new_load(self) -> int:
        """A reload begins: its number, which makes the rows of the earlier ones stale."""
        self.generation += 1
        return self.generation

    def is_stale(self, generation: int) -> bool:
        return generation != self.generation

    def counts_read(self, total: int, unread: int) -> None:
        """The library's articles and unread articles, as just counted."""
        self.total, self.unread, self.counted, self.counts_due = total, unread, True, False

    def count_changed(self, count: int | None) -> bool:
        """Another process added or removed articles (``count`` read now, None when unreadable);
        never before the library's own count is in."""
        return self.counted and count is not None and count != self.total

    def version_seen(self, version: int | None, *, on_top: bool) -> bool:
        """The library's ``data_version`` read now (None when unreadable): True when another process
        committed since and the screen is on top, to reload now; under another screen the change is
        kept for ``resumed``."""
        if version is None or version == self.data_version:
            return False
        self.data_version = version
        self.changed_elsewhere = not on_top
        return on_top

    def resumed(self, count: int | None) -> ResumeStep | None:
        """The screen is on top again: ``reload`` when the library changed meanwhile (another process
        committed, or the number of articles differs), else ``show_opened`` when an article was
        opened from here (its row changed: it is read now), else nothing."""
        changed, self.changed_elsewhere = self.changed_elsewhere, False
        if changed or (self.total and self.count_changed(count)):
            self.opened = None
            return "reload"
        if self.opened is not None:
            return "show_opened"
        return None

    def take_opened(self) -> int | None:
        """The article opened from here, forgotten: it is shown as it is now once."""
        opened, self.opened = self.opened, None
        return opened

    def reload_after_marking(self, read: bool) -> bool:
        """An article marked read (``read``) or unread from here: the list is read again when the
        article leaves it (read, with only unread articles shown), or while the library's counts are
        due, as the counts being read may not include the change."""
        return (read and self.view.unread_only) or self.counts_due

    def reload_after_bookmark(self, bookmarked: bool) -> bool:
        """An article unbookmarked leaves the list when only bookmarked articles are shown."""
        return self.view.bookmarked_only and not bookmarked


def speaker_rows(speakers: Sequence[SpeakerSummary]) -> list[PickerRow]:
    """The speaker picker's rows, grouped by kind (people first), most quoted first within a group
    (the store's order)."""
    kinded = [(KIND_ORDER[kind_of(s.kind)], s) for s in speakers]
    return [
        PickerRow(
            name=s.name,
            count=s.quotes,
            detail=plural(s.articles, "article"),
            aliases=tuple(s.aliases),
            group=KIND_GROUPS[kind_of(s.kind)],
            reported=s.reported,
        )
        for _, s in sorted(kinded, key=lambda pair: pair[0])
    ]


def delete_question(title: str, notes: int) -> str:
    """What ``d`` asks before deleting the article ``title`` that holds ``notes`` notes: notes are
    never dropped silently, so the question counts them and says they are kept unless deleted too."""
    if not notes:
        return f"Delete “{title}”?"
    return (
        f"Delete “{title}”? It has {plural(notes, 'note')}: kept in All notes (as orphans) unless you delete them too."
    )


def feed_rows(feeds: Sequence[FeedRow]) -> list[PickerRow]:
    """The feed picker's rows: unread articles counted, the articles and a failed refresh as the
    detail (the store's order: by name)."""
    rows = []
    for f in feeds:
        detail = plural(f.articles, "article")
        if f.last_error:
            detail += f" · last refresh failed: {one_line(f.last_error)}"
        rows.append(PickerRow(name=f.name, count=f.unread, detail=detail))
    return rows


def organisation_rows(orgs: Sequence[OrgSummary]) -> list[PickerRow]:
    """The organisation picker's rows: articles counted, quotes and reported statements as the
    detail (the store's order)."""
    return [PickerRow(name=o.name, count=o.articles, detail=statement_counts(o.quotes, o.reported)) for o in orgs]
