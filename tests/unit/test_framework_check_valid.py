"""`python -m framework check` on good files: a local framework, a brief of the longest length,
and a revision of the shipped framework pass."""

from __future__ import annotations

from framework.__main__ import main
from framework.loader import load
from tests.unit.framework_files import REVISION, VALID, edit


def test_valid_local_file_passes_with_a_summary(tmp_path, capsys):
    path = tmp_path / "local.yaml"
    path.write_text(VALID)

    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"ok  {path}: framework local-challenges@1: 1 challenges"
    )


def test_a_brief_of_exactly_170_characters_passes(tmp_path, capsys):
    brief = "Few. " * 32 + "Fewer now."
    assert len(brief) == 170
    path = tmp_path / "local.yaml"
    path.write_text(
        edit(
            "{stage: 1, descriptor: Few do it.}",
            f"{{stage: 1, descriptor: Few do it., in_brief: {brief}}}",
        )
    )

    assert main(["check", str(path)]) == 0, capsys.readouterr().out
    assert load([path]).framework("local-challenges@1").challenges[0].in_brief(1) == brief


def test_a_revision_resolves_against_the_shipped_framework(tmp_path, capsys):
    path = tmp_path / "revision.yaml"
    path.write_text(REVISION)

    assert main(["check", str(path)]) == 0
    assert "rewording imroc-challenges@2010" in capsys.readouterr().out
