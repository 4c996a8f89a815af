"""The analysis against hand-written gold: the seed article and nine real corpus articles."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from newsread.core.analysis import analyze
from newsread.core.textio import split_title

DATA = Path(__file__).parent / "data" / "analysis"
_spec = importlib.util.spec_from_file_location("newsread_score", DATA / "score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

# (article, publication date, min f1, min strict speaker accuracy, min figure recall)
GOLD = [
    ("000_635429398ea7a8c9", "2024-10-24", 1.0, 0.95, 0.9),
    ("aeb_cbsnews-com_7a664e40d2", "2019-11-19", 0.9, 0.85, 1.0),
    ("aeb_crn-com_291a8bf33e", "2019-11-18", 0.9, 0.85, 0.5),
    ("aeb_msn-com_9eef8162bb", "2019-11-18", 0.9, 0.9, 0.8),
    ("aeb_sportsnet-ca_0d46122928", "2019-11-19", 0.9, 0.9, 0.8),
    # held out until the rules were generalised (see tests/data/analysis/README.md)
    ("aeb_hosted-ap-org_82b6d780c7", "2019-11-19", 0.95, 0.9, 0.6),
    ("aeb_twincities-com_264dc3ae31", "2019-11-19", 0.95, 0.9, 0.5),
    ("aeb_spokesman-com_c13b9c0e04", "2019-11-19", 0.95, 0.9, 0.5),
    ("aeb_spacenews-com_d1c57d7821", "2019-11-19", 0.95, 0.9, 0.9),
    ("aeb_deccanherald-com_c90731f051", "2019-11-20", 0.95, 0.9, 0.0),
    # written for issue 9 before any of its rule changes (baseline pooled strict 0.750, see README)
    ("aeb_ascom-com_c69e539d68", "2018-08-23", 1.0, 1.0, 1.0),
    ("aeb_foxbusiness-com_51374560f4", "2019-11-19", 1.0, 1.0, 1.0),
    ("aeb_hawaiinewsnow-com_f344ca5fb3", "2019-11-19", 1.0, 1.0, 1.0),
    ("aeb_nbcnews-com_5a822960e9", "2019-11-20", 1.0, 1.0, 0.0),
    ("aeb_newsnation-in_076f4f33bf", "2019-11-19", 1.0, 0.0, 0.3),
    ("aeb_panarmenian-net_d90bda7ed1", "2019-11-20", 1.0, 1.0, 1.0),
    ("aeb_profootballtalk-nbcsports-com_8e3efab59f", "2019-11-19", 1.0, 1.0, 1.0),
    ("aeb_reuters-com_57d46c9d75", "2019-11-19", 1.0, 1.0, 1.0),
    ("aeb_techcrunch-com_1ace8c85aa", "2019-11-18", 1.0, 1.0, 1.0),
    ("aeb_thesun-co-uk_8b19453030", "2019-11-18", 1.0, 1.0, 0.8),
]
PRONOUNS = {"he", "she", "they", "him", "her", "them", "i", "we", "it", "you"}


def _analyse(name: str, published: str) -> dict:
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    title, body = split_title(text)
    return analyze(body, title=title, published=published, path=name).to_dict()


@pytest.mark.parametrize(("name", "published", "min_f1", "min_speaker", "min_figures"), GOLD)
def test_gold(name: str, published: str, min_f1: float, min_speaker: float, min_figures: float) -> None:
    gold = json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
    result = _analyse(name, published)
    quotes = [q for q in result["quotes"] if q["kind"] != "indirect"]
    q, q_misses = score.score_quotes(gold["quotes"], quotes)
    f, f_misses = score.score_figures(gold.get("figures", []), result["figures"])
    detail = "\n".join(q_misses + f_misses)
    assert q["f1"] >= min_f1, detail
    assert q["speaker_strict"] >= min_speaker, detail
    assert f["figure_recall"] >= min_figures, detail


def test_seed_speakers_roles_and_organisations(seed_analysis) -> None:
    gold = json.loads((DATA / "000_635429398ea7a8c9.gold.json").read_text(encoding="utf-8"))
    speakers = {s.name: s for s in seed_analysis.speakers}
    assert set(gold["speakers"]) <= set(speakers)
    for name, org in gold["organisations_of_speakers"].items():
        assert speakers[name].organisation == org
    assert speakers["Steven Cook"].role == "senior fellow for Middle East and North Africa studies"
    assert speakers["Antony Blinken"].role == "Secretary of State"
    assert "Netanyahu" in speakers["Benjamin Netanyahu"].aliases
    for sp in seed_analysis.speakers:
        assert sp.name.lower() not in PRONOUNS


def test_seed_entities_are_consistent(seed_analysis) -> None:
    text = seed_analysis.text
    by_text: dict[str, set[tuple[str, str]]] = {}
    for e in seed_analysis.entities:
        assert text[e.start : e.end] == e.text
        by_text.setdefault(e.text, set()).add((e.label, e.canonical))
    assert by_text["Sinwar"] == {("PERSON", "Yahya Sinwar")}
    assert by_text["Blinken"] == {("PERSON", "Antony Blinken")}
    assert by_text["Cook"] == {("PERSON", "Steven Cook")}
    canon = {e.canonical for e in seed_analysis.entities if e.text in ("U.S.", "US", "the United States")}
    assert canon == {"United States"}
    assert "Council on Foreign Relations" in {e.canonical for e in seed_analysis.entities}


def test_seed_figures(seed_analysis) -> None:
    figs = {(f.text, f.value, f.unit, f.object, f.per) for f in seed_analysis.figures if f.kind != "date"}
    assert ("797", 797, None, "aid trucks", None) in figs
    assert ("35", 35, None, "trucks", "day") in figs
    assert ("225", 225, None, "trucks", "day") in figs
    assert ("six-week", 6, "week", "cease-fire", None) in figs
    assert ("two-and-a-half-hour", 2.5, "hour", "meeting", None) in figs
    assert ("250", 250, None, "aid trucks", None) in figs
    assert ("350", 350, None, "aid trucks", None) in figs
    dates = {(f.text, f.date) for f in seed_analysis.figures if f.kind == "date"}
    assert ("Tuesday", "2024-10-22") in dates
    assert ("Oct. 1", "2024-10-01") in dates
    assert ("Oct. 13", "2024-10-13") in dates
    # no number taken from inside a date
    assert not any(re.fullmatch(r"1|13|23", f.text) for f in seed_analysis.figures)


@pytest.mark.parametrize("name", [g[0] for g in GOLD])
def test_gold_speaker_kinds(name: str) -> None:
    """Every gold quote that gives a speaker_kind and is found gets that kind (or no speaker)."""
    gold = json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
    published = next(g[1] for g in GOLD if g[0] == name)
    result = _analyse(name, published)
    wrong = []
    for gq in gold["quotes"]:
        want = gq.get("speaker_kind")
        if want is None or gq.get("doubtful"):
            continue
        quotes = [q for q in result["quotes"] if q["kind"] != "indirect"]
        best = max(quotes, key=lambda pq: score.coverage(gq["text"], pq["text"]), default=None)
        if best is None or score.coverage(gq["text"], best["text"]) < 0.6:
            continue
        if best["speaker_kind"] not in (want, "unattributed"):
            wrong.append(f"{best['speaker']!r} is {best['speaker_kind']}, gold {want}: {gq['text'][:50]}")
    assert not wrong, "\n".join(wrong)


def test_reported_speech_against_the_gold() -> None:
    """Reported statements (kind ``indirect``) against every gold file's hand-written ``reported``
    list, pooled, by the quotes' rule (60 % of the words) and strict speaker names. The lists were
    written before the engine extracted reported speech; the bounds sit just under what it scored
    then (precision 0.884, recall 0.691, strict speaker of those found 0.882)."""
    found = false = strict = gold_n = 0
    misses: list[str] = []
    for name, published, *_ in GOLD:
        gold = json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
        reported = [q for q in _analyse(name, published)["quotes"] if q["kind"] == "indirect"]
        r, r_misses = score.score_quotes(gold["reported"], reported)
        gold_n += r["quotes_gold"]
        found += r["quotes_found"]
        false += r["false_quotes"]
        strict += round(r["speaker_strict"] * r["quotes_gold"])
        misses += [f"{name}: {m}" for m in r_misses]
    detail = "\n".join(misses)
    assert found / (found + false) >= 0.85, detail
    assert found / gold_n >= 0.65, detail
    assert strict / found >= 0.85, detail
