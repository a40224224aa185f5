"""TLS and where the token goes: https/wss with ssl on, verification on unless turned off."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import datetime
import ipaddress
from pathlib import Path
import ssl

import aiohttp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
import pytest

from custom_components.xivo.xuc import (
    XucCertificateError,
    XucClient,
    XucConnectionError,
)
from simulator import XucSimulator
from tests.common import wait_for
from tests.conftest import FAST_TIMINGS


def self_signed_context(folder: Path) -> ssl.SSLContext:
    """A server context with a fresh self-signed certificate for 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "xivo.test")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context


@pytest.fixture
async def tls_server(socket_enabled: None, tmp_path: Path) -> AsyncIterator[XucSimulator]:
    server = XucSimulator(ssl_context=self_signed_context(tmp_path))
    await server.start()
    yield server
    await server.stop()


def tls_client(session: aiohttp.ClientSession, server: XucSimulator, verify: bool) -> XucClient:
    return XucClient(
        session,
        "127.0.0.1",
        "jbond",
        "secret",
        port=server.port,
        use_ssl=True,
        verify_ssl=verify,
        timings=FAST_TIMINGS,
    )


async def test_a_self_signed_certificate_is_refused_by_default(
    http_session: aiohttp.ClientSession, tls_server: XucSimulator
) -> None:
    client = tls_client(http_session, tls_server, verify=True)
    with pytest.raises(XucCertificateError):
        await client.connect()
    assert tls_server.logins == 0


async def test_verification_off_connects_over_https_and_wss(
    http_session: aiohttp.ClientSession, tls_server: XucSimulator
) -> None:
    client = tls_client(http_session, tls_server, verify=False)
    await client.connect()
    try:
        assert client.connected
        assert tls_server.sessions("jbond") == 1
        assert client.state.user is not None
    finally:
        await client.close()


async def test_plain_http_to_a_tls_server_fails_cleanly(
    http_session: aiohttp.ClientSession, tls_server: XucSimulator
) -> None:
    client = XucClient(http_session, "127.0.0.1", "jbond", "secret", port=tls_server.port)
    with pytest.raises(XucConnectionError) as err:
        await client.connect()
    assert "secret" not in str(err.value)


async def test_the_token_travels_only_where_the_protocol_needs_it(
    http_session: aiohttp.ClientSession, xuc_server: XucSimulator
) -> None:
    requests: list[tuple[str, str, dict[str, str]]] = []

    async def on_request_start(_session, _context, params) -> None:  # type: ignore[no-untyped-def]
        requests.append((params.method, str(params.url), dict(params.headers)))

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_request_start)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        client = XucClient(
            session, "127.0.0.1", "jbond", "secret", port=xuc_server.port, timings=FAST_TIMINGS
        )
        await client.connect()
        token = client._token
        await xuc_server.drop_connections()
        await client.close()
        await client.connect()
        await client.close()
    assert token
    login, websocket, check, websocket_again = requests
    # The password only in the login body, the token never in the login request.
    assert login[0] == "POST"
    assert token not in login[1] + str(login[2])
    assert websocket[1].endswith(f"/xuc/api/2.0/cti?token={token}")
    assert check[0] == "GET"
    assert check[2]["Authorization"] == f"Bearer {token}"
    assert token not in check[1]
    assert "token=" in websocket_again[1]
    assert all("secret" not in url for _, url, _ in requests)


async def test_a_tls_session_closed_right_after_logged_on_fails_cleanly(
    http_session: aiohttp.ClientSession, tls_server: XucSimulator
) -> None:
    """XUC under load takes the login and closes the websocket at once: an error of ours."""
    await tls_server.close_after_logged_on()
    client = tls_client(http_session, tls_server, verify=False)
    with pytest.raises(XucConnectionError) as err:
        await client.connect()
    assert "t0k3n" not in str(err.value)
    assert not client.connected
    # The next attempt goes through.
    await client.connect()
    try:
        assert client.connected
    finally:
        await client.close()


async def test_the_link_comes_back_after_tls_sessions_closed_at_once(
    http_session: aiohttp.ClientSession, tls_server: XucSimulator
) -> None:
    """While running: the listen loop retries with backoff instead of dying."""
    client = tls_client(http_session, tls_server, verify=False)
    await client.connect()
    listening = asyncio.create_task(client.listen())
    try:
        await tls_server.close_after_logged_on(3)
        await tls_server.drop_connections()
        await wait_for(lambda: not client.connected)
        await wait_for(lambda: client.connected and tls_server.sessions("jbond") == 1)
        assert tls_server.faults.sessions_to_close == 0
        assert client.last_backoff > 0
        assert not listening.done()
    finally:
        await client.close()
