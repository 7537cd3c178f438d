"""Hostile files, generated (never committed): what an attacker or a careless person sends."""

from __future__ import annotations

import io
import zipfile


def alias_bomb(levels: int = 9) -> bytes:
    """'Billion laughs': each level's list names the one before it nine times."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels + 1):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def deep(levels: int) -> bytes:
    """A list inside a list inside a list..., written flow style on one line."""
    return b"kind: framework\nnested: " + b"[" * levels + b"]" * levels + b"\n"


def many_values(count: int) -> bytes:
    return b"kind: framework\nvalues:\n" + b"- 1\n" * count


def big(megabytes: int) -> bytes:
    return b"kind: framework\nnote: '" + b"x" * (megabytes * 1_000_000) + b"'\n"


def zipped(*files: tuple[str, bytes], encrypted: bool = False) -> bytes:
    """A zip of `files`; `encrypted` marks every entry as a password-protected zip does (bit 0
    of the flags, in each local header and central directory record: Python writes none)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    if encrypted:
        for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = data.find(signature)
            while start != -1:
                data[start + flags_at] |= 0x1
                start = data.find(signature, start + 4)
    return bytes(data)
