"""The clearly fictional demo provider (Northfield Demo NHS Foundation Trust (fictional)), kept
apart from the domain package: its content as data files (content/*.yaml, read and checked by
`content`), and the small builder (`build`, with `workshop`, `plans` and `trip`) that turns the
content and a seed into ordinary service calls. Everything is invented: provider names say
"(fictional)", localities are made up, and the text names staff roles, never people."""

from demo.build import MAX_ROUNDS, MAX_TEAMS, DemoSummary, load_demo

__all__ = ["MAX_ROUNDS", "MAX_TEAMS", "DemoSummary", "load_demo"]
