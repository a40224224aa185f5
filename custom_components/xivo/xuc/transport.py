"""The network under the client: REST login and token check, the CTI websocket.

Every aiohttp, socket and TLS error is turned into this library's errors in one place,
`translate`, at every network step (login, check, upgrade, each send, each receive), so no
transport exception ever reaches the client's loop or its callers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
import contextlib
from typing import Any, Final

import aiohttp
import orjson
from yarl import URL

from .errors import (
    XucAuthenticationError,
    XucCertificateError,
    XucConnectionError,
    XucError,
    XucTlsError,
    XucTokenRefusedError,
)

MAX_FRAME_SIZE: Final = 1024 * 1024
_LOGIN_PATH: Final = "/xuc/api/2.0/auth/login"
_CHECK_PATH: Final = "/xuc/api/2.0/auth/check"
_CTI_PATH: Final = "/xuc/api/2.0/cti"
# Error codes meaning "these credentials will not work"; anything else may be transient.
_CREDENTIAL_ERRORS: Final = frozenset(
    {"InvalidCredentials", "UserNotFound", "CasServerInvalidTicket", "Unauthorized"}
)


def redacted(err: BaseException) -> str:
    """Describe an aiohttp error without the URL it carries (the URL holds the token)."""
    if isinstance(err, aiohttp.ClientResponseError):
        return f"{type(err).__name__} (HTTP {err.status})"
    if isinstance(err, aiohttp.ClientConnectorError):
        return f"{type(err).__name__} ({err.os_error.strerror or err.os_error})"
    if isinstance(err, OSError) and err.strerror:
        return f"{type(err).__name__} ({err.strerror})"
    return type(err).__name__


# What the network can raise: aiohttp's errors (among them `ClientConnectionResetError`,
# "Cannot write to closing transport", when a TLS server closed the session), the socket's
# (`ConnectionResetError`...) and TLS's (`ssl.SSLError`), both `OSError`s, and timeouts.
TRANSPORT_ERRORS: Final = (aiohttp.ClientError, OSError, TimeoutError)


def translate(err: BaseException) -> XucError:
    """The library's error for what the network raised, without the URL it may carry."""
    match err:
        case aiohttp.WSServerHandshakeError(status=401 | 403):
            return XucTokenRefusedError(f"HTTP {err.status}")
        case aiohttp.ClientConnectorCertificateError():
            return XucCertificateError(redacted(err))
        case aiohttp.ClientSSLError():
            # Not the certificate: the handshake itself failed, as against a plain-HTTP port.
            return XucTlsError(redacted(err))
    return XucConnectionError(redacted(err))


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """Raise what `translate` makes of the network's errors inside the block."""
    try:
        yield
    except TRANSPORT_ERRORS as err:
        raise translate(err) from None


async def send_text(ws: aiohttp.ClientWebSocketResponse, text: str) -> None:
    """Send one text frame; raises `XucConnectionError` when the link cannot take it."""
    try:
        await ws.send_str(text)
    except TRANSPORT_ERRORS as err:
        raise translate(err) from None


async def receive(ws: aiohttp.ClientWebSocketResponse) -> aiohttp.WSMessage:
    """The next frame; raises `XucConnectionError` when the link broke under it."""
    try:
        return await ws.receive()
    except TRANSPORT_ERRORS as err:
        raise translate(err) from None


class Transport:
    """The HTTP calls and the websocket opening of one server, each bounded in time."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base: URL,
        *,
        verify_ssl: bool,
        request_timeout: float,
        ws_close_timeout: float,
    ) -> None:
        """Talk to `base` (http or https) through the caller's session."""
        self._session = session
        self._base = base
        self._ws_url = base.with_scheme("wss" if base.scheme == "https" else "ws").with_path(
            _CTI_PATH
        )
        # aiohttp's ssl=True verifies certificates, ssl=False skips verification.
        self._ssl = verify_ssl if base.scheme == "https" else True
        self._request_timeout = request_timeout
        self._ws_close_timeout = ws_close_timeout

    async def _http(
        self, method: str, path: str, *, json: Any = None, token: str | None = None
    ) -> str:
        """One REST call; returns the token of a success, raises on anything else."""
        headers = {"Authorization": f"Bearer {token}"} if token else None
        with translated():
            async with self._session.request(
                method,
                self._base.with_path(path),
                json=json,
                headers=headers,
                ssl=self._ssl,
                timeout=aiohttp.ClientTimeout(total=self._request_timeout),
            ) as response:
                try:
                    body = await response.json(content_type=None, loads=orjson.loads)
                except ValueError:
                    body = None
                status = response.status
        body = body if isinstance(body, dict) else {}
        token = body.get("token")
        if status < 300 and isinstance(token, str):
            return token
        code = str(body.get("error") or f"HTTP {status}")
        if path == _CHECK_PATH and status < 500:
            raise XucTokenRefusedError(code)
        if status in (401, 403) or code in _CREDENTIAL_ERRORS:
            raise XucAuthenticationError(code)
        raise XucConnectionError(code)

    async def login(self, username: str, password: str) -> str:
        """Log in with the password; returns the token."""
        return await self._http("POST", _LOGIN_PATH, json={"login": username, "password": password})

    async def check(self, token: str) -> str:
        """Check a token; /auth/check doubles as renewal and answers with a (new) token.

        Raises `XucTokenRefusedError` when the server no longer takes it.
        """
        return await self._http("GET", _CHECK_PATH, token=token)

    async def open_websocket(self, token: str) -> aiohttp.ClientWebSocketResponse:
        """Open the CTI websocket with the token."""
        try:
            # The shared session allows minutes; a stuck upgrade must not hold setup that long.
            async with asyncio.timeout(self._request_timeout):
                with translated():
                    return await self._session.ws_connect(
                        self._ws_url.with_query(token=token),
                        ssl=self._ssl,
                        max_msg_size=MAX_FRAME_SIZE,
                        timeout=aiohttp.ClientWSTimeout(ws_close=self._ws_close_timeout),
                        autoping=True,
                    )
        except TimeoutError:
            raise XucConnectionError("the server did not open the CTI session in time") from None
