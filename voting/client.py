"""Which client a phone's request comes from, for the limit on guessing codes
(assessments/rules/vote_guesses.py).

The address is the connection's. Behind a proxy (deploy/nginx.conf) every connection is the
proxy's, so all phones would share one address: the proxy's own address (or network) is named
in RECOVERY_TRUSTED_PROXIES (for example "127.0.0.1" or "172.16.0.0/12", comma-separated),
and only a connection from one of those has its X-Forwarded-For believed, read from the right
(each proxy appends the address it was reached from), the first address that is not a trusted
proxy's. Anything else sending X-Forwarded-For is ignored: a phone could write any address
there. An IPv6 address counts as its /64 network, which one household or phone is given."""

from __future__ import annotations

import os
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

TRUSTED_PROXIES_VARIABLE = "RECOVERY_TRUSTED_PROXIES"
UNKNOWN = "unknown"  # no address at all (a test client): one shared client


def trusted_proxies(setting: str | None = None) -> tuple[IPv4Network | IPv6Network, ...]:
    """The networks named in the setting (the environment's when None); a malformed entry
    is refused, so a typo does not leave a proxy untrusted unnoticed."""
    text = os.environ.get(TRUSTED_PROXIES_VARIABLE, "") if setting is None else setting
    return tuple(ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


def client_address(
    peer: str | None, forwarded_for: str | None, trusted: tuple[IPv4Network | IPv6Network, ...]
) -> str:
    """The address the limit counts a request against."""
    address = _parsed(peer)
    if address is None:
        return UNKNOWN
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
    while hops and any(address in net for net in trusted):
        previous = _parsed(hops.pop())
        if previous is None:
            break  # a hop that is not an address: the last believed one stands
        address = previous
    if address.version == 6:
        return str(ip_network(f"{address}/64", strict=False))
    return str(address)


def _parsed(text: str | None) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address((text or "").strip())
    except ValueError:
        return None
