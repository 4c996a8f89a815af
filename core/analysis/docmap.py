"""Where each token of a parsed article sits: its paragraph and the quoted span around it.

Every attribution stage asks the same questions of a token — is it inside a quotation, is it in
this paragraph, which token starts at this character — so they are answered once per article here.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .quotemarks import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class DocMap:
    doc: Doc
    text: str
    paras: list[tuple[int, int]]
    spans: list[QuoteSpan]
    starts: list[int]  # character offset of each token
    tok_para: list[int]  # paragraph index of each token (-1 between paragraphs)
    tok_quote: list[int]  # index into ``spans`` of the quote holding each token, or -1

    @classmethod
    def build(cls, doc: Doc, text: str, paras: list[tuple[int, int]], spans: list[QuoteSpan]) -> DocMap:
        n = len(doc)
        tok_para = [-1] * n
        tok_quote = [-1] * n
        starts: list[int] = []
        if n:
            from spacy.attrs import IDX

            starts = [int(x) for x in doc.to_array(IDX)]
        pi = qi = 0
        for i, c in enumerate(starts):
            while pi < len(paras) and paras[pi][1] <= c:
                pi += 1
            if pi < len(paras) and paras[pi][0] <= c:
                tok_para[i] = pi
            while qi < len(spans) and spans[qi].end <= c:
                qi += 1
            if qi < len(spans) and spans[qi].start <= c:
                tok_quote[i] = qi
        return cls(doc, text, paras, spans, starts, tok_para, tok_quote)

    def tok_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def quoted(self, i: int) -> bool:
        return self.tok_quote[i] >= 0

    def span_text(self, first: int, last: int) -> str:
        """The article's text from token ``first`` to token ``last`` inclusive."""
        tok = self.doc[last]
        return self.text[self.starts[first] : self.starts[last] + len(tok.text)]
