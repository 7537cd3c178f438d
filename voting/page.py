"""The phone's vote page: one small HTML document for a 360 px screen and a screen reader, with
its script and style inline and named in the Content-Security-Policy by their hashes, so that
nothing else runs, loads or is fetched from anywhere. Every text from the definitions or the
address is escaped; what the server says back is set as text by the script, never as HTML."""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path

from framework.loader import Definitions

DEVICE_KEY = "recovery-vote-device"  # the phone's random token, kept in its localStorage
GROUP_KEY = "recovery-vote-group"  # the group it chose, so it is asked once
_HERE = Path(__file__).parent
STYLE = (_HERE / "vote.css").read_text(encoding="utf-8")
SCRIPT = (_HERE / "vote.js").read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def page_parts(definitions: Definitions) -> tuple[str, str]:
    """The script (with the storage keys in it) and the Content-Security-Policy naming it and
    the style by their hashes: nothing else may run, load, be framed or be posted to."""
    script = SCRIPT.replace("__DEVICE__", DEVICE_KEY).replace("__GROUP__", GROUP_KEY)
    policy = (
        f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(STYLE)}; "
        "connect-src 'self'; img-src 'none'; font-src 'none'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )
    return script, policy


def vote_page(definitions: Definitions, script: str, code: str = "") -> str:
    """The page, with `code` (from the address, already checked to be letters) typed in. It
    shows a challenge's stages; once the code's state says it is a TRIP statement, the
    script puts the statement's answers in their place (from the state, as text)."""
    framework = next(iter(definitions.frameworks.values()))
    groups = "".join(
        f'<label class="choice"><input type="radio" name="group" value="{escape(g.id)}">'
        f"<span>{escape(g.name)}</span></label>"
        for g in definitions.stakeholder_groups
    )
    stages = "".join(
        f'<label class="choice stage"><input type="radio" name="answer" value="stage-{s.number}">'
        f'<span>Stage {s.number}: {escape(s.name)} <span class="hint">{escape(s.headline)}</span>'
        "</span></label>"
        for s in framework.stages
    )
    priorities = "".join(f'<option value="{n}">{n}</option>' for n in range(1, 11))
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Vote: recovery self-assessment</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>Your vote</h1>
<p class="small">Anonymous: no name and no sign-in. You can change your vote until the
facilitator closes it.</p>
<noscript><p>This page needs JavaScript turned on to send your vote.</p></noscript>
<form id="vote" novalidate>
<label class="field" for="code">Code on the screen at the front</label>
<input type="text" id="code" name="code" value="{escape(code)}" autocomplete="off"
 autocapitalize="characters" spellcheck="false" maxlength="8" aria-describedby="question">
<p id="question" aria-live="polite"></p>
<fieldset>
<legend>Which group are you in?</legend>
{groups}
</fieldset>
<fieldset id="answers">
<legend id="ask">Which stage is the service at on this challenge?</legend>
{stages}
<label class="choice stage"><input type="radio" name="answer" value="not-sure">
<span>Not sure</span></label>
</fieldset>
<div id="priority-field">
<label class="field" for="priority">Priority for action, 1 is the highest (optional)</label>
<select id="priority" name="priority"><option value="">No priority</option>{priorities}</select>
</div>
<button type="submit" id="send">Send my vote</button>
<p id="status" role="status" aria-live="polite"></p>
</form>
</main>
<script>{script}</script>
</body>
</html>
"""
