"""Checking a line of ``add --analyses`` and keying its text, on their fast paths: an item shape that
passed once is not a pass for an item of other types, and the text's key ignores every kind of
whitespace as before."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sys

import pytest
from newsread.core import ingest
from newsread.core.ingest import parse_analysis_line
from newsread.core.store.library import content_hash

TEXT = "Cook said the talks would go on."


def _line(**fields: object) -> bytes:
    data: dict[str, object] = {"text": TEXT, "entities": [], "speakers": [], "quotes": [], "figures": []}
    data.update(fields)
    return json.dumps(data).encode("utf-8")


QUOTE = {"start": 0, "end": 4, "text": "Cook", "speaker": "Ann Lee", "cue": "said", "kind": "direct"}


@pytest.mark.parametrize(
    ("changed", "reason"),
    [
        ({"speaker": {}}, "quotes[1].speaker is not a string or null"),
        ({"start": True}, "quotes[1].start is not an integer"),
        ({"cue": 3}, "quotes[1].cue is not a string or null"),
        ({"kind": None}, "quotes[1].kind is not a string"),
    ],
)
def test_an_item_of_a_shape_that_passed_is_still_checked_when_a_type_differs(
    changed: dict[str, object], reason: str
) -> None:
    assert len(parse_analysis_line(_line(quotes=[QUOTE])).quotes) == 1  # its shape passed
    with pytest.raises(ValueError) as refused:
        parse_analysis_line(_line(quotes=[QUOTE, QUOTE | changed]))
    assert str(refused.value) == reason


def test_the_shapes_kept_are_bounded_whatever_the_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ingest._passed_shapes, "entities", set())
    monkeypatch.setattr(ingest, "_SHAPES_KEPT", 10)
    fields = {"start": 0, "end": 4, "label": "PERSON", "text": "Cook", "canonical": "Cook"}
    orders = [dict((name, fields[name]) for name in order) for order in itertools.permutations(fields)]
    extra = fields | {"confidence": 0.5}  # a key the record lacks: ignored, and its shape not kept
    analysis = parse_analysis_line(_line(entities=[extra, *orders]))
    assert len(analysis.entities) == 121 and len(orders) == 120
    kept = ingest._passed_shapes["entities"]
    assert len(kept) == 10 and all(len(names) == 5 for names, _ in kept)


def test_a_texts_key_ignores_every_kind_of_whitespace_as_a_regular_expression_does() -> None:
    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", c)]
    assert len(spaces) > 20
    for c in spaces:
        text = f"{c}Cook{c}{c}said \t the talks{c}"
        old = hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()
        assert content_hash(text) == old == content_hash("Cook said the talks"), repr(c)
