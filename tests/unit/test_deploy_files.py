"""The container image and the region's deployment, read as files (CI runs no containers): they
keep agreeing with the app they ship. The image starts through scripts/run.sh (so the sign-in
check runs) as a user without privileges, on the shipped config; the proxy takes uploads as
large as the app does and keeps each browser on one replica; secrets stay out of the image."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
NGINX = (ROOT / "deploy/nginx.conf").read_text()
CONFIG = tomllib.loads((ROOT / ".streamlit/config.toml").read_text())


def instructions(name: str) -> list[str]:
    """The Dockerfile's instructions of one kind, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line[len(name) :].strip() for line in joined.splitlines() if line.startswith(name)]


def test_the_image_starts_through_run_sh_on_every_interface_as_a_user_without_privileges():
    assert instructions("FROM ") == ["python:3.11-slim-bookworm"]
    assert instructions("USER ") == ["recovery"]
    (cmd,) = instructions("CMD ")
    assert cmd.startswith('["bash", "scripts/run.sh", "--server.address", "0.0.0.0"')
    (check,) = instructions("HEALTHCHECK ")
    assert "http://127.0.0.1:8501/_stcore/health" in check
    assert "-r requirements.txt" in " ".join(instructions("RUN "))


def test_secrets_and_the_local_store_stay_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".streamlit/secrets.toml", "data", ".venv", ".git", "deploy"} <= set(ignored)
    assert ".streamlit" not in ignored  # the shipped config.toml goes in


def test_the_proxy_is_sticky_takes_the_app_s_uploads_and_upgrades_the_websocket():
    limit = re.search(r"client_max_body_size (\d+)m;", NGINX)
    assert limit and int(limit.group(1)) == CONFIG["server"]["maxUploadSize"]
    assert re.search(r"hash \$replica_key consistent;", NGINX)
    stream = NGINX.split("location = /_stcore/stream {")[1].split("}")[0]
    assert "proxy_set_header Upgrade $http_upgrade;" in stream
    assert "proxy_set_header Connection $connection_upgrade;" in stream
    assert "proxy_set_header Host $http_host;" in stream  # the websocket's Origin check


def test_compose_runs_two_replicas_on_one_postgresql_behind_the_proxy():
    compose = yaml.safe_load((ROOT / "deploy/compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "app", "proxy"}
    app = services["app"]
    assert app["deploy"]["replicas"] == 2
    assert app["environment"]["RECOVERY_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "@db:5432/" in app["environment"]["RECOVERY_DATABASE_URL"]
    assert "ports" not in app  # only the proxy is published
    # Phones vote through the proxy: its X-Forwarded-For is believed, each phone counted apart.
    trusted = app["environment"]["RECOVERY_TRUSTED_PROXIES"]
    assert "172.16.0.0/12" in trusted
    assert app["build"] == {"context": "..", "dockerfile": "Dockerfile"}
    assert services["db"]["healthcheck"]["test"][0] == "CMD-SHELL"
    assert any(v.startswith("db-data:") for v in services["db"]["volumes"])
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in services["proxy"]["volumes"]
    assert services["proxy"]["depends_on"]["app"]["condition"] == "service_healthy"
