"""Hand-made libraries for the source desk's corrections and merges (issue 17): one article whose
quotes a reader corrected and whose text then changed, and the same person under two names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsread.core.corrections import correct_added, correct_details, correct_not_quote, correct_speaker
from newsread.core.model import Analysis, Quote, Speaker
from newsread.core.store.library import Library

SAID = "“We will open the crossings before the winter comes,”"
OTHER = "“Nothing has been agreed yet,”"
THIRD = "“The trucks are waiting at the border,”"
LEAD = "Talks with Omar Haddad"


def story(lead: str = "") -> Analysis:
    """Three quotes the analysis credits to Ann Lee, the mayor; Omar Haddad is in the article."""
    text, quotes = f"{lead}{LEAD}.", []
    for q in (SAID, OTHER, THIRD):
        text += " "
        quotes.append(Quote(start=len(text), end=len(text) + len(q), text=q, speaker="Ann Lee", cue="said"))
        text += q + " Ann Lee said."
    speakers = [
        Speaker(name="Ann Lee", role="Mayor", quotes=3),
        Speaker(name="Omar Haddad", role="Minister", organisation="Ministry of Works"),
    ]
    return Analysis(text=text, title=f"Talks {lead}".strip(), quotes=quotes, speakers=speakers)


def corrected_library(path: Path) -> str:
    """Article 1 corrected (SAID to Omar Haddad, OTHER not a quote, LEAD added for Jane Roe, Ann
    Lee a governor there), then its text changed; article 2, older, as the analysis gave it."""
    db = str(path / "library.db")
    with Library.open(db) as lib:
        old = replace(story("Before. "), published="2020-01-01")
        assert lib.add_analysis(story(), url="https://a.test/talks").article_id == 1
        assert lib.add_analysis(old, url="https://b.test/talks").article_id == 2
        said, other, third = story().quotes
        correct_speaker(lib, 1, said, "Omar Haddad", "person")
        correct_not_quote(lib, 1, other)
        correct_added(lib, 1, 0, len(LEAD), "Jane Roe", "person")
        correct_details(lib, 1, third, "Governor", None, Speaker(name="Ann Lee", role="Mayor"))
        lib.add_analysis(story("Updated.\n\n"), url="https://a.test/talks")  # analysed again, text changed
    return db


SAYS = ("“We will keep the crossings open,”", "“Aid must reach Gaza before the winter,”")


def said_by(who: str, lead: str, role: str | None = None) -> Analysis:
    """An article whose two quotes ``who`` said."""
    text, quotes = f"{lead} Talks went on.", []
    for words in SAYS:
        text += " "
        quotes.append(Quote(start=len(text), end=len(text) + len(words), text=words, speaker=who, cue="said"))
        text += f"{words} {who} said."
    return Analysis(text=text, title=lead, quotes=quotes, speakers=[Speaker(name=who, role=role, quotes=2)])


def two_blinkens(path: Path) -> str:
    """A library where Antony Blinken (article 1) and Tony Blinken (article 2) are two people."""
    with Library.open(path) as lib:
        lib.add_analysis(said_by("Antony Blinken", "Monday.", "Secretary of State"), url="https://a.test/1")
        lib.add_analysis(said_by("Tony Blinken", "Tuesday."), url="https://a.test/2")
    return str(path)
