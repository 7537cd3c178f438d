"""The building blocks every definition model shares: ids, text, versions, the frozen base
model, a cited source and the header every file starts with. Kept apart from model.py so that
notes.py and glossary.py can use them too."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

# Ids are stable, lower-case and hyphenated (`c06-risk`), so they are safe in URLs and keys.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _number_as_text(value: object) -> object:
    # `version: 2010` is an int to YAML; people mean the text "2010".
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Version = Annotated[
    str, BeforeValidator(_number_as_text), StringConstraints(pattern=r"^[A-Za-z0-9.\-]+$")
]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Frozen):
    """A published document a file's facts come from."""

    id: Id
    title: Text
    authors: tuple[Text, ...] = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    publisher: Text | None = None


class Header(Frozen):
    """The fields every definition file starts with."""

    id: Id
    version: Version
    title: Text
    summary: Text | None = None
    sources: tuple[Source, ...] = Field(min_length=1)

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"
