# The app's image for a region's server (README, "Deploying for a region"): Debian slim with
# Python 3.11, the pinned requirements, the app and its .streamlit/config.toml (XSRF protection
# on, no error details, the minimal toolbar, no usage statistics, uploads up to 50 MB), run as a
# user without privileges. Built from the repository's root, so that it holds the whole app:
#
#   docker build -t recovery-app .
#
# It starts through scripts/run.sh, as on a laptop (server.py: the app, and the phones' vote
# page at /vote beside it), listening on every interface of the container (port 8501): the
# script refuses to start until someone can sign in (an account in the store, or organisation
# sign-in in .streamlit/secrets.toml), so make the first administrator before the first start
# (deploy/compose.yaml says how).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/app/.venv/bin:$PATH \
    RECOVERY_SKIP_SETUP=1

WORKDIR /app

# The requirements first: a change to the app alone reuses this layer. Where scripts/setup.sh
# puts them, so scripts/run.sh finds .venv as it does on a laptop (RECOVERY_SKIP_SETUP: nothing
# is installed when a container starts).
COPY requirements.txt ./
RUN python -m venv .venv && .venv/bin/pip install -r requirements.txt

RUN groupadd --gid 10001 recovery \
    && useradd --uid 10001 --gid recovery --create-home --home-dir /home/recovery \
       --shell /usr/sbin/nologin recovery

# Everything but what .dockerignore keeps out (the store, secrets, .venv, tests), owned by root:
# the app cannot change its own code. The one folder of the app it may write is data/, for a
# single server on the embedded SQLite store (mount a volume there); with RECOVERY_DATABASE_URL
# the records are all in the database.
COPY . .
RUN mkdir -p data && chown recovery:recovery data

USER recovery
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# The file watcher is for editing the code; in an image nothing changes, and Streamlit's
# polling watcher would cost CPU for nothing.
CMD ["bash", "scripts/run.sh", "--server.address", "0.0.0.0", "--server.port", "8501", \
     "--server.fileWatcherType", "none"]
