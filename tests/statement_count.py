"""Counting what a read costs the database: `with counted(engine) as seen:` gathers every SQL
statement the engine runs inside the block (an SQLAlchemy `before_cursor_execute` hook) and
every transaction it begins, so a test can hold a screen or a report to a budget of
statements that does not grow with the number of teams."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, event


@dataclass
class Seen:
    statements: list[str] = field(default_factory=list)
    transactions: int = 0

    def __str__(self) -> str:
        shown = "\n".join(f"  {s.splitlines()[0][:120]}" for s in self.statements)
        return f"{len(self.statements)} statements in {self.transactions} transactions:\n{shown}"


@contextmanager
def counted(engine: Engine) -> Iterator[Seen]:
    seen = Seen()

    def statement(conn, cursor, text, parameters, context, executemany) -> None:
        seen.statements.append(text)

    def began(conn) -> None:
        seen.transactions += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "begin", began)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "begin", began)
