"""One person (or organisation) across the library: the rule, as plain functions.

No SQLite here: the store (``library.link_identities``) fetches the few candidate identities a
name could belong to (by name, by surname, by alias: index searches) and asks these functions.

The rule:

* a speaker is the identity of the same name and kind (case-insensitively), if there is one;
* a person stored under a bare surname ("Trump", one word) is the full-name person whose last
  word that is ("Donald Trump") when exactly one full name in the library ends so; when several do
  ("Ben Carson", "Andre Carson") or none, it is an identity of its own ("Trump"). Two different
  full names sharing a surname stay apart: only the full name ties people together;
* an organisation that is not known by its name joins the one organisation known by it as an
  alias (an acronym such as "CFR" given by the analysis), if exactly one is;
* anonymous sources and documents are grouped by their description ("a spokesperson").

``surname_owner`` is also what the store uses when a full name arrives after bare surnames are
stored (the bare identity is merged into it) or when a second full name with that surname arrives
(bare-surname rows tied to the first one through the rule go back to a bare identity).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PERSON = "person"
ORGANISATION = "organisation"
ANONYMOUS = "anonymous"
UNATTRIBUTED = "unattributed"

# Words after a surname that are not the surname ("Martin Luther King Jr.").
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md"})


@dataclass(frozen=True, slots=True)
class Identity:
    id: int
    name: str
    kind: str


def norm(name: str) -> str:
    """How names are compared: case-insensitive, whitespace collapsed."""
    return " ".join(name.split()).casefold()


def infer_kind(name: str | None, *, is_organisation: bool = False) -> str:
    """The kind of a speaker stored before kinds existed (schema v1).

    No speaker: unattributed; a name that is an ORG/GPE/NORP entity of the article: organisation;
    a lower-case description ("a spokesperson"): anonymous; anything else: person.
    """
    if name is None:
        return UNATTRIBUTED
    if is_organisation:
        return ORGANISATION
    first = name.strip()[:1]
    if first and first.islower():
        return ANONYMOUS
    return PERSON


def surname_of(name: str, kind: str) -> str | None:
    """The last word of a person's full name (two words or more, suffixes skipped); else None."""
    if kind != PERSON:
        return None
    words = name.split()
    while len(words) > 2 and words[-1].rstrip(".").casefold() in _SUFFIXES:
        words.pop()
    return words[-1] if len(words) >= 2 else None


def is_bare_surname(name: str, kind: str) -> bool:
    """A person named by one word only ("Trump")."""
    return kind == PERSON and len(name.split()) == 1


def surname_owner(candidates: Sequence[Identity], surname: str) -> Identity | None:
    """The one full-name person among ``candidates`` whose surname is ``surname``; None if none or several."""
    key = norm(surname)
    owners = {
        c.id: c
        for c in candidates
        if c.kind == PERSON and (last := surname_of(c.name, c.kind)) is not None and norm(last) == key
    }
    return next(iter(owners.values())) if len(owners) == 1 else None


def choose_identity(
    name: str,
    kind: str,
    *,
    same_name: Sequence[Identity] = (),
    same_surname: Sequence[Identity] = (),
    same_alias: Sequence[Identity] = (),
) -> Identity | None:
    """The existing identity a speaker ``name`` of ``kind`` belongs to, or None for a new one.

    ``same_name``: identities named ``name`` (any case); ``same_surname``: full-name people whose
    surname is ``name``; ``same_alias``: identities that go by ``name``. Extra candidates that do not
    fit are ignored, so a caller may pass more than it needs.
    """
    if is_bare_surname(name, kind):
        owner = surname_owner(same_surname, name)
        if owner is not None:
            return owner
    key = norm(name)
    for ident in same_name:
        if ident.kind == kind and norm(ident.name) == key:
            return ident
    if kind == ORGANISATION:
        orgs = {i.id: i for i in same_alias if i.kind == ORGANISATION}
        if len(orgs) == 1:
            return next(iter(orgs.values()))
    return None
