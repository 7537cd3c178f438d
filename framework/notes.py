"""Notes read beside a definition file's rated content, never rated themselves: today's
equivalents of dated references (a framework's or the indicator library's), and what later
ImROC papers add to a challenge. Bringing a note up to date changes what no round means, so
it needs no new version (checks.NOT_RATED)."""

from __future__ import annotations

from pydantic import Field

from framework.basics import Frozen, Id, Text


class DatedReference(Frozen):
    """A reference in the text that has dated since the source was written (a body, law, target
    or process since renamed or retired): the term as the text spells it, what it was, what
    stands in its place today and from which year. Read beside the text, never rated: the text
    itself keeps the source's facts, so rounds rated on it keep their meaning."""

    term: Text
    was: Text
    now: Text
    since: int = Field(ge=1900, le=2100)


class TodayNote(DatedReference):
    # The challenges whose text uses the term, by id (ids survive any rewording of the text).
    challenges: tuple[Id, ...] = Field(min_length=1)


class IndicatorNote(DatedReference):
    """A dated reference in the indicator library's words (a name, description or source)."""

    indicators: tuple[Id, ...] = Field(min_length=1)


class LaterNote(Frozen):
    """What a later paper adds to a challenge, in the project's words: a heading, its points
    (facts, numbers and names as the paper gives them) and the paper cited, with the part of it
    (its own citation, so adding one lists no new source in the rated file)."""

    heading: Text
    points: tuple[Text, ...] = Field(min_length=1)
    cited: Text
