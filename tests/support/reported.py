"""A hand-made analysis with reported speech, for the store, CLI and export tests: a direct quote,
two reported statements (kind "indirect") and a partial quote inside the first statement, in the
shape ``core.analysis`` gives them. No spaCy."""

from __future__ import annotations

from newsread.core.model import Analysis, Quote, Speaker

TEXT = (
    "Bridge to reopen\n\n"
    "Ann Lee said the bridge would reopen in May, calling the delay “a disgrace” for the city.\n"
    "“We are nearly done,” Ann Lee said. According to the council, the repairs cost $4 million."
)
STATEMENT = "the bridge would reopen in May, calling the delay “a disgrace” for the city"
"""The reported statement that holds the partial quote ``PARTIAL``."""
PARTIAL = "“a disgrace”"
COUNCIL = "the repairs cost $4 million"


def span(needle: str) -> tuple[int, int]:
    """Where ``needle`` is in ``TEXT``."""
    start = TEXT.index(needle)
    return start, start + len(needle)


def reported_analysis() -> Analysis:
    """``TEXT`` analysed: Ann Lee's statement with a partial quote inside it, her direct quote, and
    the council's statement (an organisation, through "according to")."""
    stmt, partial, council = span(STATEMENT), span(PARTIAL), span(COUNCIL)
    direct = span("“We are nearly done,”")
    quotes = [
        Quote(*stmt, STATEMENT, "Ann Lee", "said", kind="indirect"),
        Quote(*partial, PARTIAL, "Ann Lee", "calling", kind="partial", statement_start=stmt[0], statement_end=stmt[1]),
        Quote(*direct, TEXT[slice(*direct)], "Ann Lee", "said", kind="direct"),
        Quote(*council, COUNCIL, "the council", "according to", kind="indirect", speaker_kind="organisation"),
    ]
    return Analysis(
        text=TEXT,
        title="Bridge to reopen",
        published="2024-05-01",
        speakers=[
            Speaker("Ann Lee", role="Mayor", quotes=2, reported=1),
            Speaker("the council", kind="organisation", reported=1),
        ],
        quotes=sorted(quotes, key=lambda q: q.start),
        model="test",
    )
