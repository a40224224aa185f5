"""What people type or paste as the server's address (field defect: `host:port` crashed)."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.xivo.xuc import XucClient, XucInvalidHostError, split_host


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("xivo.example.com", ("xivo.example.com", None)),
        ("  xivo.lan  ", ("xivo.lan", None)),
        ("127.0.0.1:8090", ("127.0.0.1", 8090)),
        ("xivo.lan:443", ("xivo.lan", 443)),
        ("[::1]", ("::1", None)),
        ("[::1]:8090", ("::1", 8090)),
        ("::1", ("::1", None)),
        ("fe80::1%eth0", ("fe80::1%eth0", None)),
        ("https://xivo.example.com/xuc/", ("xivo.example.com", None)),
        ("http://10.0.0.5:8090/", ("10.0.0.5", 8090)),
        ("xivo_pbx", ("xivo_pbx", None)),
    ],
)
def test_hosts_people_type(typed: str, expected: tuple[str, int | None]) -> None:
    assert split_host(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "xivo lan",
        "xivo.lan:",
        "xivo.lan:0",
        "xivo.lan:65536",
        "xivo.lan:http",
        "[::1",
        "[::1]x",
        "[xivo.lan]",
        "-xivo.lan",
        "a" * 300,
        "x" * 64 + ".lan",
        "ex..ample",
    ],
)
def test_what_is_not_an_address(typed: str) -> None:
    with pytest.raises(XucInvalidHostError):
        split_host(typed)


def test_invalid_host_is_still_a_value_error() -> None:
    """Code that caught `ValueError` from the client before keeps working."""
    with pytest.raises(ValueError):
        split_host("xivo lan")


@pytest.mark.parametrize("host", ["127.0.0.1:8090", "bad host", ""])
async def test_the_client_refuses_a_bad_host_with_its_own_error(host: str) -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(XucInvalidHostError):
            XucClient(session, host, "jbond", "secret")


async def test_the_client_takes_an_ipv6_address() -> None:
    async with aiohttp.ClientSession() as session:
        client = XucClient(session, "::1", "jbond", "secret", port=8090)
        assert str(client._base) == "http://[::1]:8090"
