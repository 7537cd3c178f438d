"""The frozen migrations build exactly the schema of the live tables.

Each migration has its own table definitions as of its version, so a change to a live table
(assessments/store/tables.py) without a migration that brings old databases along fails here:
the database upgraded from empty through every migration is compared, as the database itself
reports it, with one made straight from the live metadata.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sqlalchemy import Column, Engine, Integer, MetaData, inspect, text

from assessments import store
from assessments.store import migrations


def schema(engine: Engine) -> dict[str, dict]:
    """Every table as the database describes it: columns (type, nullability, default), primary
    key, indexes, unique and check constraints, foreign keys. Column order is left out: a
    column added by a migration comes last, and nothing reads columns by position."""
    found = {}
    with engine.connect() as conn:
        db = inspect(conn)
        for table in db.get_table_names():
            columns = {
                c["name"]: (
                    str(c["type"].compile(dialect=engine.dialect)),
                    c["nullable"],
                    c.get("default"),
                )
                for c in db.get_columns(table)
            }
            pk = db.get_pk_constraint(table)
            indexes = {
                (
                    i["name"],
                    tuple(i["column_names"]),
                    bool(i["unique"]),
                    tuple(
                        (option, " ".join(str(value).split()))
                        for option, value in sorted((i.get("dialect_options") or {}).items())
                    ),
                )
                for i in db.get_indexes(table)
            }
            uniques = {
                (u["name"], tuple(u["column_names"])) for u in db.get_unique_constraints(table)
            }
            checks = {
                (c["name"], " ".join(c["sqltext"].split())) for c in db.get_check_constraints(table)
            }
            foreign_keys = {
                (
                    f["name"],
                    tuple(f["constrained_columns"]),
                    f["referred_table"],
                    tuple(f["referred_columns"]),
                    tuple(sorted((f.get("options") or {}).items())),
                )
                for f in db.get_foreign_keys(table)
            }
            found[table] = {
                "columns": columns,
                "primary key": (pk.get("name"), tuple(pk["constrained_columns"])),
                "indexes": indexes,
                "unique constraints": uniques,
                "check constraints": checks,
                "foreign keys": foreign_keys,
            }
    return found


def emptied(url: str, tmp_path: Path, name: str) -> Engine:
    """A second empty database beside `url`'s: another file for SQLite, the same (emptied)
    database for PostgreSQL."""
    if url.startswith("sqlite"):
        return store.make_engine(f"sqlite:///{tmp_path / name}")
    engine = store.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    return engine


def live_schema(url: str, tmp_path: Path, metadata: MetaData = store.metadata) -> dict:
    engine = emptied(url, tmp_path, "live.db")
    metadata.create_all(engine)
    found = schema(engine)
    engine.dispose()
    return found


def assert_same(upgraded: dict, live: dict) -> None:
    assert sorted(upgraded) == sorted(live), "tables differ"
    for table in live:
        for part, value in live[table].items():
            assert upgraded[table][part] == value, f"{table}: {part} differ"


def test_upgrading_an_empty_database_builds_the_live_schema(database_url, tmp_path):
    engine = store.make_engine(database_url)
    assert store.upgrade(engine) == store.SCHEMA_VERSION
    upgraded = schema(engine)
    engine.dispose()

    assert_same(upgraded, live_schema(database_url, tmp_path))


def test_a_version_2_database_made_before_migrations_were_frozen_upgrades_to_the_live_schema(
    database_url, tmp_path
):
    # Then migration 2 built `rounds` from the live table, `kind` included.
    engine = store.make_engine(database_url)
    store.upgrade(engine, to=2)
    with engine.begin() as conn:
        conn.execute(
            text("ALTER TABLE rounds ADD COLUMN kind VARCHAR(20) NOT NULL DEFAULT 'template-a'")
        )

    assert store.upgrade(engine) == store.SCHEMA_VERSION
    upgraded = schema(engine)
    engine.dispose()

    assert_same(upgraded, live_schema(database_url, tmp_path))


def test_a_live_table_changed_without_a_migration_is_caught(tmp_path):
    engine = store.make_engine(f"sqlite:///{tmp_path / 'upgraded.db'}")
    store.upgrade(engine)
    upgraded = schema(engine)
    changed = MetaData()
    for table in store.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["teams"].append_column(Column("headcount", Integer))

    live = live_schema(f"sqlite:///{tmp_path / 'unused.db'}", tmp_path, changed)

    assert upgraded["teams"]["columns"] != live["teams"]["columns"]


def test_a_migration_never_imports_the_live_tables():
    folder = Path(migrations.__file__).parent
    for path in sorted(folder.glob("m[0-9][0-9][0-9]_*.py")):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                imported.add(node.module or "")
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
        assert not {m for m in imported if m.split(".")[0] == "assessments"}, path.name


def test_the_migrations_are_the_files_in_order():
    folder = Path(migrations.__file__).parent
    files = sorted(p.stem for p in folder.glob("m[0-9][0-9][0-9]_*.py"))
    listed = [m.__module__.rsplit(".", 1)[1] for m in migrations.MIGRATIONS]
    assert listed == files
    assert [int(name[1:4]) for name in files] == list(range(1, store.SCHEMA_VERSION + 1))
