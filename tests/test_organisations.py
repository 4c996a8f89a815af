"""The quotes and articles of an organisation: the rule of core/organisations.py, and the library
(CLI ``quotes --org``, ``orgs``, the library's filter, exports) answering by the same rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.model import Analysis, Entity, Quote, Speaker
from newsread.core.organisations import article_organisations, organisation_key
from newsread.core.store.library import Library

TEXT = (
    "Headline\n\n"
    "“We will not sell,” said Anna Weber of the ÖBB. "
    "“The ÖBB has run out of money,” said Karl Lenz. "
    "“Prices rise,” the Straße Verein said in a statement. "
    "“Nothing to add,” said Eva Roth."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _quote(text: str, part: str, speaker: str | None, kind: str = "person") -> Quote:
    start, end = _span(text, part)
    return Quote(start=start, end=end, text=part, speaker=speaker, cue="said", speaker_kind=kind)


def _entity(text: str, part: str, canonical: str, occurrence: int = 0) -> Entity:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Entity(start=start, end=start + len(part), label="ORG", text=part, canonical=canonical)


def _analysis(text: str = TEXT) -> Analysis:
    return Analysis(
        text=text,
        title="Headline",
        entities=[
            _entity(text, "ÖBB", "Österreichische Bundesbahnen"),
            _entity(text, "ÖBB", "Österreichische Bundesbahnen", 1),
            _entity(text, "Straße Verein", "Straße Verein"),
        ],
        speakers=[
            Speaker(name="Anna Weber", organisation="öbb", quotes=1),
            Speaker(name="Karl Lenz", quotes=1),
            Speaker(name="Straße Verein", kind="organisation", quotes=1),
            Speaker(name="Eva Roth", organisation="Stadt Wien", quotes=1),
        ],
        quotes=[
            _quote(text, "“We will not sell,”", "Anna Weber"),
            _quote(text, "“The ÖBB has run out of money,”", "Karl Lenz"),
            _quote(text, "“Prices rise,”", "Straße Verein", "organisation"),
            _quote(text, "“Nothing to add,”", "Eva Roth"),
        ],
    )


def test_keys_fold_unicode_case_and_spaces() -> None:
    assert organisation_key("  Straße   Verein ") == organisation_key("STRASSE VEREIN") == "strasse verein"
    assert organisation_key("ÖBB") == organisation_key("öbb")
    assert organisation_key(None) == organisation_key("   ") == ""


def test_a_quote_is_an_organisations_when_said_for_it_or_naming_it() -> None:
    orgs = article_organisations(_analysis())
    # Anna Weber's organisation is "öbb"; Karl Lenz names the ÖBB inside his quote.
    assert orgs.quotes_of("ÖBB") == [0, 1]
    # An organisation quoted itself; another case and spelling of the same key.
    assert orgs.quotes_of("STRASSE VEREIN") == [2]
    assert orgs.quotes_of("stadt wien") == [3]
    # The entity's canonical name and its own text are both its names.
    assert orgs.mentions_of("österreichische bundesbahnen") == orgs.mentions_of("öbb") != []
    assert orgs.quotes_of("Österreichische Bundesbahnen") == [1]  # named inside; Anna's "öbb" is another key
    assert orgs.quotes_of("Nobody") == [] and not orgs.has("Nobody")


def test_named_organisations_in_order_quotes_then_speakers_then_entities() -> None:
    orgs = article_organisations(_analysis())
    assert list(orgs.names.values()) == ["öbb", "Straße Verein", "Stadt Wien", "Österreichische Bundesbahnen"]
    assert orgs.has("Öbb") and orgs.has("Stadt Wien") and orgs.has("österreichische bundesbahnen")


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "lib.db")
    lib.add_analysis(_analysis(), url="https://example.org/a")
    yield lib
    lib.close()


@pytest.mark.parametrize("name", ["ÖBB", "öbb", "Österreichische Bundesbahnen", "STRASSE VEREIN", "stadt wien"])
def test_the_library_answers_by_the_same_rule(library: Library, name: str) -> None:
    """Unicode case folding in SQL queries (``COLLATE NOCASE`` would not match "ÖBB" and "öbb")."""
    analysis = library.analysis(1)
    assert analysis is not None
    expected = [analysis.quotes[i].text for i in article_organisations(analysis).quotes_of(name)]
    assert [q.text for q in library.quotes(organisation=name)] == expected
    assert [a.id for a in library.articles(organisation=name)] == [1]
    assert library.articles(organisation="Nobody") == [] and library.quotes(organisation="Nobody") == []


def test_orgs_lists_each_key_once_with_the_rules_counts(library: Library) -> None:
    library.add_analysis(_analysis(TEXT.replace("Headline", "Another headline")), url="https://example.org/b")
    rows = {o.name: (o.articles, o.quotes) for o in library.organisations()}
    assert rows == {
        "öbb": (2, 4),
        "Straße Verein": (2, 2),
        "Stadt Wien": (2, 2),
        "Österreichische Bundesbahnen": (2, 2),
    }
    assert [o.name for o in library.organisations(limit=1)] == ["öbb"]


def test_the_seed_library_agrees_with_the_rule(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        analysis = lib.analysis(1)
        assert analysis is not None
        orgs = article_organisations(analysis)
        assert orgs.names, "the seed names organisations"
        by_key = {organisation_key(o.name): o for o in lib.organisations()}
        assert set(by_key) == set(orgs.names)
        for key, name in orgs.names.items():
            quotes = [analysis.quotes[i].start for i in orgs.quotes_of(name)]
            assert [q.start for q in lib.quotes(organisation=name.upper())] == quotes, name
            reported = sum(1 for i in orgs.quotes_of(name) if analysis.quotes[i].is_reported)
            assert (by_key[key].quotes, by_key[key].reported) == (len(quotes) - reported, reported)
            assert by_key[key].articles == 1
