"""``Library.organisations`` on a real library where a corrected article's entities name an
organisation that none of its quotes, stored or corrected, is said for: the article stays that
organisation's, as the ``o`` filter lists it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsread.core.corrections import correct_speaker
from newsread.core.model import Entity, Speaker
from newsread.core.organisations import ORG_LABEL
from newsread.core.store.library import Library
from support.desk_fixes import said_by


def test_a_corrected_article_counts_for_the_organisations_its_entities_name(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.db") as lib:  # 1: Ben Cole of the Port Authority, the Harbour Board named
        said = said_by("Ben Cole", "The Harbour Board met on Monday.")
        board = Entity(start=4, end=17, label=ORG_LABEL, text="Harbour Board", canonical="Harbour Board")
        assert said.text[board.start : board.end] == "Harbour Board"
        speakers = [Speaker(name="Ben Cole", organisation="Port Authority", quotes=2),
                    Speaker(name="Ada Moss", organisation="Dock Union")]  # fmt: skip
        lib.add_analysis(replace(said, speakers=speakers, entities=[board]), url="https://a.test/1")
        ada = said_by("Ada Moss", "Tuesday.")
        lib.add_analysis(replace(ada, speakers=[Speaker(name="Ada Moss", organisation="Dock Union", quotes=2)]),
                         url="https://a.test/2")  # fmt: skip

        def orgs() -> dict[str, tuple[int, int, int]]:
            return {o.name: (o.articles, o.quotes, o.reported) for o in lib.organisations()}

        assert orgs() == {"Port Authority": (1, 2, 0), "Dock Union": (2, 2, 0), "Harbour Board": (1, 0, 0)}
        for quote in lib.analysis(1).quotes:  # type: ignore[union-attr]
            correct_speaker(lib, 1, quote, "Ada Moss", "person")
        assert orgs() == {"Dock Union": (2, 4, 0), "Harbour Board": (1, 0, 0)}
        assert [a.id for a in lib.articles(organisation="Harbour Board")] == [1]
        assert [o.name for o in lib.organisations(limit=1)] == ["Dock Union"]
