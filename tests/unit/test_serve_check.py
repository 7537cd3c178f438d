"""Whether a server may start (assessments/serving.py, `python -m assessments serve-check`): one
only this machine reaches always may; one other machines reach only when people sign in there
(an account in the store, or an [auth] section in Streamlit's secrets). The address and the
secrets files are read as `streamlit run` reads them: flags, then environment, then config."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments import serving, store
from assessments.__main__ import main
from assessments.records import Actor
from assessments.service import Service

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def places(tmp_path):
    """A project folder and a home folder, both empty."""
    return tmp_path / "project", tmp_path / "home"


def plan(places, args=(), environ=None) -> serving.Serving:
    project, home = places
    return serving.serving(list(args), environ or {}, project, home)


def test_the_shipped_config_listens_on_this_computer_only(tmp_path):
    shipped = serving.serving([], {}, ROOT, tmp_path)

    assert shipped.address == serving.Setting("127.0.0.1", str(ROOT / ".streamlit/config.toml"))
    assert not shipped.reaches_other_machines
    assert serving.may_start(shipped, any_accounts=False)


@pytest.mark.parametrize(
    "args",
    [
        ["--server.address", "0.0.0.0"],
        ["--server.address=0.0.0.0"],
        ["--server.port", "8600", "--server.address", "0.0.0.0", "--server.headless", "true"],
        ["--server.address", "127.0.0.1", "--server.address=0.0.0.0"],  # the last one counts
    ],
)
def test_the_address_given_to_streamlit_run_is_read_either_way(places, args):
    assert plan(places, args).address == serving.Setting("0.0.0.0", "--server.address")


def test_options_after_a_bare_double_dash_are_the_script_s_not_streamlit_s(places):
    given = plan(places, ["--server.address", "127.0.0.1", "--", "--server.address", "0.0.0.0"])

    assert given.address.value == "127.0.0.1"


def test_flags_then_environment_then_the_project_config_then_the_home_config(places):
    project, home = places
    assert plan(places).address == serving.Setting(None, "Streamlit's default")
    assert plan(places).listens_on == "every network interface"
    write(home / ".streamlit/config.toml", '[server]\naddress = "10.0.0.5"\n')
    assert plan(places).address.value == "10.0.0.5"
    write(project / ".streamlit/config.toml", '[server]\naddress = "127.0.0.1"\nport = 1\n')
    assert plan(places).address.value == "127.0.0.1"
    environ = {"STREAMLIT_SERVER_ADDRESS": "0.0.0.0"}
    assert plan(places, [], environ).address == serving.Setting(
        "0.0.0.0", "STREAMLIT_SERVER_ADDRESS"
    )
    assert plan(places, [], {"STREAMLIT_SERVER_ADDRESS": ""}).address.value == "127.0.0.1"
    flagged = plan(places, ["--server.address", "localhost"], environ)
    assert flagged.address == serving.Setting("localhost", "--server.address")


def test_a_config_streamlit_cannot_read_is_skipped_as_streamlit_skips_it(places):
    project, _ = places
    write(project / ".streamlit/config.toml", '[server]\naddress = "127.0.0.1\n')

    broken = plan(places)

    assert broken.address.value is None and broken.reaches_other_machines
    assert "config.toml is not read, as Streamlit would not read it" in broken.problems[0]


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost", "::1"])
def test_this_computer_only_may_start_without_any_sign_in(places, address):
    assert serving.may_start(plan(places, ["--server.address", address]), any_accounts=False)


@pytest.mark.parametrize("address", ["0.0.0.0", "", "::", "192.168.1.20", "127.0.0.2"])
def test_other_machines_need_an_account_or_organisation_sign_in(places, address):
    reachable = plan(places, ["--server.address", address])

    assert reachable.reaches_other_machines
    assert not serving.may_start(reachable, any_accounts=False)
    assert serving.may_start(reachable, any_accounts=True)


def test_an_auth_section_in_the_project_or_home_secrets_is_organisation_sign_in(places):
    project, home = places
    wide = ["--server.address", "0.0.0.0"]
    assert not plan(places, wide).organisation_sign_in
    write(home / ".streamlit/secrets.toml", '[auth]\nredirect_uri = "https://x/oauth2callback"\n')
    assert plan(places, wide).organisation_sign_in
    assert serving.may_start(plan(places, wide), any_accounts=False)
    # The project's file is read last, and its [auth] replaces the home's: empty, nobody signs in.
    write(project / ".streamlit/secrets.toml", "[auth]\n")
    assert not plan(places, wide).organisation_sign_in


def test_the_secrets_files_are_read_from_flags_environment_or_config(places, tmp_path):
    project, _ = places
    auth = write(tmp_path / "elsewhere/oidc.toml", '[auth]\nclient_id = "recovery"\n')
    other = write(tmp_path / "elsewhere/other.toml", 'key = "value"\n')
    wide = ["--server.address", "0.0.0.0"]

    flagged = plan(places, [*wide, "--secrets.files", str(other), "--secrets.files", str(auth)])
    spaced = plan(places, wide, {"STREAMLIT_SECRETS_FILES": f"{other} {auth}"})
    write(project / ".streamlit/config.toml", f'[secrets]\nfiles = ["{auth}"]\n')
    configured = plan(places, wide)

    assert flagged.secrets_files == spaced.secrets_files == (other, auth)
    assert flagged.organisation_sign_in and spaced.organisation_sign_in
    assert configured.secrets_files == (auth,) and configured.organisation_sign_in
    assert not plan(places, [*wide, "--secrets.files", str(other)]).organisation_sign_in


def test_secrets_mounted_as_folders_count_and_an_unreadable_file_is_said(places, tmp_path):
    mounted = tmp_path / "mounted"
    write(mounted / "auth/client_secret", "not shown\n")
    broken = write(tmp_path / "broken.toml", "[auth\n")
    wide = ["--server.address", "0.0.0.0"]

    assert plan(places, [*wide, "--secrets.files", str(mounted)]).organisation_sign_in
    refused = plan(places, [*wide, "--secrets.files", str(broken)])
    assert not refused.organisation_sign_in
    assert "broken.toml cannot be read, and Streamlit would refuse it" in refused.problems[0]


def test_the_refusal_says_where_it_listens_and_the_three_ways_on(places):
    reachable = plan(places, ["--server.address="])

    said = serving.refusal(reachable, "sqlite:////srv/recovery.db")

    assert said.startswith(
        "Not started: this server would listen on every network interface (set by "
        "--server.address), so other machines could reach it, but nobody signs in yet"
    )
    assert "The store at sqlite:////srv/recovery.db holds no account" in said
    assert 'python -m assessments create-admin --username NAME --name "Your Name"' in said
    assert "[auth] section" in said and ".streamlit/secrets.toml" in said
    assert "bash scripts/run.sh, which listens on 127.0.0.1" in said


@pytest.fixture
def command_line(tmp_path, monkeypatch):
    """`python -m assessments serve-check`, in process, started in an empty project folder with
    an empty home, on a SQLite store of the test's own; returns (exit code, stdout, stderr)."""
    monkeypatch.chdir(write(tmp_path / "project/README", "").parent)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RECOVERY_DATABASE_URL", f"sqlite:///{tmp_path / 'recovery.db'}")
    for name in ("STREAMLIT_SERVER_ADDRESS", "STREAMLIT_SECRETS_FILES"):
        monkeypatch.delenv(name, raising=False)

    def run(capsys, *options: str) -> tuple[int, str, str]:
        code = main(["serve-check", "--", *options])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_serve_check_refuses_until_the_first_account_exists(
    command_line, capsys, tmp_path, definitions
):
    code, out, err = command_line(capsys, "--server.address", "0.0.0.0", "--server.port", "8600")
    assert (code, out) == (1, "")
    assert err.startswith("Not started: this server would listen on 0.0.0.0")
    assert "Traceback" not in err

    engine = store.open_store(f"sqlite:///{tmp_path / 'recovery.db'}")
    Service(engine, definitions).accounts.create_account(
        Actor("Command line", "Administrator"), "ada", "Ada Admin", "administrator", PASSWORD
    )
    engine.dispose()

    assert command_line(capsys, "--server.address=0.0.0.0") == (
        0,
        "Listening on 0.0.0.0: everyone signs in with an account.\n",
        "",
    )


def test_serve_check_on_this_computer_never_opens_the_store(command_line, capsys, monkeypatch):
    monkeypatch.setenv("RECOVERY_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")

    assert command_line(capsys, "--server.address", "127.0.0.1") == (0, "", "")
    code, _, err = command_line(capsys, "--server.address", "0.0.0.0")
    assert code == 1 and "Traceback" not in err  # the store is asked, and cannot answer
