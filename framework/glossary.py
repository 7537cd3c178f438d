"""The glossary: the method's words in plain English, each with a stable id that pages and
links name (`glossary?term=baseline`), the other spellings a page may use, and the source its
facts come from. Read beside the method, never rated."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from framework.basics import Frozen, Header, Id, Text
from framework.yamlfile import YamlFile


class Term(Frozen):
    id: Id  # the anchor on the glossary page: never change one that pages link to
    term: Text
    also: tuple[Text, ...] = ()  # other spellings: "XmR chart" beside "SPC"
    meaning: Text  # plain English, for a reading age of about 12
    source: Id


class Glossary(Header):
    kind: Literal["glossary"]
    terms: tuple[Term, ...] = Field(min_length=1)

    def term(self, term_id: str) -> Term:
        return next(t for t in self.terms if t.id == term_id)


def check_glossary(doc: YamlFile, glossary: Glossary) -> None:
    """Each term cites one of the file's sources, and no two terms share a name."""
    doc.check_cited("terms", glossary.terms, glossary.sources)
    seen: set[str] = set()
    for i, term in enumerate(glossary.terms):
        for name in (term.term, *term.also):
            if name.lower() in seen:
                doc.problem(("terms", i, "term"), f"'{name}' is named twice", "each name once")
            seen.add(name.lower())
