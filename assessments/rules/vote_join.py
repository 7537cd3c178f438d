"""How a phone joins a live vote: the address to type and its QR code, made here on this
machine (segno draws the QR code; nothing is fetched or sent anywhere).

The address is the server's /vote page with the code. Which server address phones can reach
is not something the app can know for sure: a setting (`RECOVERY_PUBLIC_URL`, the address
phones use, as a proxy or a laptop's network address) wins; otherwise the address the browser
used, unless that is this computer's own (loopback), which no phone can reach."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import segno

PUBLIC_URL_VARIABLE = "RECOVERY_PUBLIC_URL"
VOTE_PATH = "/vote"
# The same three as assessments/serving.py, and "0.0.0.0", which a browser may be given too.
_THIS_COMPUTER = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})


@dataclass(frozen=True)
class JoinAddress:
    """The address shown beside a code; `reachable` False when phones cannot open it, and
    `advice` then says what the facilitator can do."""

    url: str
    shown: str  # the address without its scheme: shorter to read and to type
    reachable: bool
    advice: str = ""


def _origin(url: str) -> tuple[str, str | None]:
    """The scheme and host (with port) of an address, and its host name."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme or 'http'}://{parts.netloc}", parts.hostname


def _advice(serves_network: bool) -> str:
    if serves_network:
        return (
            "Phones cannot reach 127.0.0.1 (or localhost): that is this computer's own address. "
            "Open the app here at this computer's network address instead, as the phones would "
            "(for example http://192.168.1.20:8501), or set RECOVERY_PUBLIC_URL to it before "
            "starting the app; the code's address and QR code then use it."
        )
    return (
        "Phones cannot reach 127.0.0.1 (or localhost): this app is served to this computer "
        "only. To let the room's phones vote, serve it on the network. scripts/run.sh does that "
        "only once someone can sign in, so that nobody on the network records under any name: "
        "make the first account (python -m assessments create-admin --username ... --name ...) "
        "or set up organisation sign-in, then start it with bash scripts/run.sh "
        "--server.address 0.0.0.0 and open it here at this computer's network address (for "
        "example http://192.168.1.20:8501), or set RECOVERY_PUBLIC_URL to it. The phones must "
        "be on a network that reaches this computer (a guest Wi-Fi often keeps devices apart). "
        "python -m assessments serve-check -- --server.address 0.0.0.0 says whether it may start."
    )


def join_address(
    code: str, public_url: str | None, browser_url: str | None, serves_network: bool
) -> JoinAddress:
    """The address of the vote page for `code`: on `public_url` when set, else on the
    address the browser used (`browser_url`, any path in it dropped). `serves_network`:
    whether the server listens beyond this computer, which changes the advice."""
    base = (public_url or "").strip() or (browser_url or "").strip()
    if not base:  # no address at all (a test harness): only the path is certain
        return JoinAddress(f"{VOTE_PATH}?code={code}", f"{VOTE_PATH}?code={code}", False,
                           _advice(serves_network))  # fmt: skip
    if (public_url or "").strip():
        origin = base.rstrip("/")  # a proxy may serve the app under a path of its own
        host = urlsplit(origin).hostname
    else:
        origin, host = _origin(base)
    url = f"{origin}{VOTE_PATH}?code={code}"
    shown = url.split("://", 1)[-1]
    reachable = host is not None and host not in _THIS_COMPUTER
    return JoinAddress(url, shown, reachable, "" if reachable else _advice(serves_network))


def qr_svg(text: str, label: str) -> str:
    """`text` as a QR code, SVG markup sized by its container (black on white, with the
    quiet border scanners need, whatever the page's colours); `label` is its title for a
    screen reader."""
    code = segno.make(text, error="m", micro=False)
    return code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True,
                           svgclass="vote-qr", title=label)  # fmt: skip
