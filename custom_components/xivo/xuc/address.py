"""Reading the server address a person typed or pasted."""

from __future__ import annotations

import re
from typing import Final

from .errors import XucInvalidHostError

_NAME: Final = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_-]{1,63})*\.?"
)
_IPV6: Final = re.compile(r"[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9_.-]{1,32})?")


def split_host(text: str) -> tuple[str, int | None]:
    """The host and, when one was typed with it, the port.

    Takes `xivo.lan`, `10.0.0.5:8090`, `[::1]:443`, `::1`, even a pasted `https://xivo.lan/xuc/`.

    IPv6 addresses come back without brackets. Raises `XucInvalidHostError`.
    """
    value = text.strip()
    if "://" in value:
        value = value.split("://", 1)[1]
    value = value.split("/", 1)[0].rsplit("@", 1)[-1]
    port: str | None = None
    if value.startswith("["):
        host, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise XucInvalidHostError(text)
        port = rest[1:] if rest else None
        if not _IPV6.fullmatch(host) or ":" not in host:
            raise XucInvalidHostError(text)
    elif value.count(":") > 1:
        host = value
        if not _IPV6.fullmatch(host):
            raise XucInvalidHostError(text)
    else:
        host, colon, port_text = value.partition(":")
        port = port_text if colon else None
        if not _NAME.fullmatch(host):
            raise XucInvalidHostError(text)
    if port is None:
        return host, None
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise XucInvalidHostError(text)
    return host, int(port)
