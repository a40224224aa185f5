"""The XUC client: login, the CTI websocket, keepalive, reconnect and the line's state."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable, Mapping
import contextlib
from dataclasses import dataclass
import logging
import random
from typing import Any, Final

import aiohttp
import orjson
from yarl import URL

from . import commands
from .commands import Frame
from .errors import (
    XucAuthenticationError,
    XucCommandError,
    XucConnectionError,
    XucError,
    XucNotConnectedError,
    XucTimeoutError,
    XucTlsError,
    XucTokenRefusedError,
)
from .messages import parse_message
from .models import (
    CallEvent,
    CallHistory,
    ConferenceEvent,
    CurrentCalls,
    DirectoryResult,
    ForwardType,
    HintStatus,
    LineConfig,
    LoggedOn,
    LoggedOnError,
    Message,
    PhoneEvent,
    PhoneStatusUpdate,
    ServerError,
    UserConfigUpdate,
    VoicemailStatus,
)
from .state import LineState, UpdateKind

_LOGGER = logging.getLogger(__name__)

MAX_FRAME_SIZE: Final = 1024 * 1024
_LOGIN_PATH: Final = "/xuc/api/2.0/auth/login"
_CHECK_PATH: Final = "/xuc/api/2.0/auth/check"
_CTI_PATH: Final = "/xuc/api/2.0/cti"
# Error codes meaning "these credentials will not work"; anything else may be transient.
_CREDENTIAL_ERRORS: Final = frozenset(
    {"InvalidCredentials", "UserNotFound", "CasServerInvalidTicket", "Unauthorized"}
)


def _encode(frame: Frame) -> str:
    return orjson.dumps(frame).decode()


_PING_TEXT: Final = _encode(commands.PING)

type Listener = Callable[[], None]
type CallListener = Callable[[CallEvent], None]
type ConferenceListener = Callable[[ConferenceEvent], None]


@dataclass(frozen=True, slots=True)
class Timings:
    """Every delay of the client, so tests can shrink minutes into milliseconds."""

    ping_interval: float = 5.0
    dead_after: float = 20.0
    backoff_min: float = 1.0
    backoff_max: float = 60.0
    request_timeout: float = 10.0


def _redacted(err: BaseException) -> str:
    """Describe an aiohttp error without the URL it carries (the URL holds the token)."""
    if isinstance(err, aiohttp.ClientResponseError):
        return f"{type(err).__name__} (HTTP {err.status})"
    if isinstance(err, aiohttp.ClientConnectorError):
        return f"{type(err).__name__} ({err.os_error.strerror or err.os_error})"
    if isinstance(err, OSError) and err.strerror:
        return f"{type(err).__name__} ({err.strerror})"
    return type(err).__name__


def _call_each(listeners: tuple[Callable[..., None], ...], kind: str, *args: object) -> None:
    """Call every listener; one that raises is logged and does not stop the others or the link."""
    for listener in listeners:
        try:
            listener(*args)
        except Exception:
            _LOGGER.exception("Error in a XUC %s listener", kind)


class XucClient:
    """One user's connection to a XUC server.

    `connect()` logs in and opens the CTI session once (for setup, where failures must surface);
    `listen()` then keeps the session alive forever, reconnecting as needed, until `close()`.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        username: str,
        password: str,
        *,
        port: int = 8090,
        use_ssl: bool = False,
        verify_ssl: bool = True,
        monitored_numbers: Iterable[str] = (),
        timings: Timings | None = None,
    ) -> None:
        """Prepare a client; nothing is sent until `connect()` or `listen()`."""
        self._session = session
        self._username = username
        self._password = password
        self._base = URL.build(scheme="https" if use_ssl else "http", host=host, port=port)
        self._ws_scheme = "wss" if use_ssl else "ws"
        # aiohttp's ssl=True verifies certificates, ssl=False skips verification.
        self._ssl = verify_ssl if use_ssl else True
        self._monitored = tuple(dict.fromkeys(monitored_numbers))
        self._timings = timings or Timings()
        self.state = LineState()
        self._token: str | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._connected = False
        self._synced_once = False
        self._auth_failed = False
        self._closing = False
        self._last_frame = 0.0
        self._listen_task: asyncio.Task[None] | None = None
        self._keepalive_task: asyncio.Task[None] | None = None
        self._listeners: dict[tuple[UpdateKind, str | None], list[Listener]] = {}
        self._call_listeners: list[CallListener] = []
        self._conference_listeners: list[ConferenceListener] = []
        # Replies carry no request id: waiters are served in order, per reply type.
        self._waiters: deque[tuple[type[Any], asyncio.Future[Any]]] = deque()
        self.last_backoff: float = 0.0
        self._handlers: dict[type[Any], Callable[[Any], None]] = {
            UserConfigUpdate: self._on_user_config,
            PhoneStatusUpdate: self._on_phone_status,
            PhoneEvent: self._on_phone_event,
            CurrentCalls: self._on_current_calls,
            VoicemailStatus: self._on_voicemail,
            HintStatus: self._on_hint,
            LineConfig: self._on_line_config,
            CallHistory: self._resolve,
            DirectoryResult: self._resolve,
            ConferenceEvent: self._on_conference,
            ServerError: self._on_server_error,
            LoggedOn: lambda _: None,
            LoggedOnError: self._on_logged_on_error,
        }

    # -- public state ---------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        """The CTI session is up and its state has been synced."""
        return self._connected

    @property
    def auth_failed(self) -> bool:
        """The server refused the credentials; `listen()` has stopped retrying."""
        return self._auth_failed

    @property
    def closing(self) -> bool:
        """`close()` was called: the link goes down on purpose."""
        return self._closing

    @property
    def monitored_numbers(self) -> tuple[str, ...]:
        """The numbers whose hint status the client subscribes to."""
        return self._monitored

    # -- listeners ------------------------------------------------------------------------

    def add_listener(
        self, listener: Listener, *kinds: UpdateKind, key: str | None = None
    ) -> Callable[[], None]:
        """Call `listener` when one of `kinds` changes (for HINT, only number `key`).

        Every listener is also called when the connection goes up or down.
        """
        slots = [(kind, key if kind is UpdateKind.HINT else None) for kind in kinds]
        slots.append((UpdateKind.CONNECTION, None))
        for slot in slots:
            self._listeners.setdefault(slot, []).append(listener)

        def remove() -> None:
            for slot in slots:
                with contextlib.suppress(KeyError, ValueError):
                    self._listeners[slot].remove(listener)

        return remove

    def add_call_listener(self, listener: CallListener) -> Callable[[], None]:
        """Call `listener` with each call event of the line."""
        self._call_listeners.append(listener)
        return lambda: self._call_listeners.remove(listener)

    def add_conference_listener(self, listener: ConferenceListener) -> Callable[[], None]:
        """Call `listener` with each conference event."""
        self._conference_listeners.append(listener)
        return lambda: self._conference_listeners.remove(listener)

    def _notify(self, kind: UpdateKind, key: str | None = None) -> None:
        if self._connected or kind is UpdateKind.CONNECTION:
            _call_each(tuple(self._listeners.get((kind, key), ())), "state")

    def _emit_call(self, event: CallEvent) -> None:
        _call_each(tuple(self._call_listeners), "call", event)

    # -- connection -----------------------------------------------------------------------

    async def _http(
        self, method: str, path: str, *, json: Any = None, token: str | None = None
    ) -> dict[str, Any]:
        """One REST call; returns the JSON body of a success, raises on anything else."""
        headers = {"Authorization": f"Bearer {token}"} if token else None
        try:
            async with self._session.request(
                method,
                self._base.with_path(path),
                json=json,
                headers=headers,
                ssl=self._ssl,
                timeout=aiohttp.ClientTimeout(total=self._timings.request_timeout),
            ) as response:
                try:
                    body = await response.json(content_type=None, loads=orjson.loads)
                except ValueError:
                    body = None
                status = response.status
        except (aiohttp.ClientSSLError, aiohttp.ClientConnectorCertificateError) as err:
            raise XucTlsError(_redacted(err)) from None
        except (aiohttp.ClientError, TimeoutError, OSError) as err:
            raise XucConnectionError(_redacted(err)) from None
        body = body if isinstance(body, dict) else {}
        if status < 300 and isinstance(body.get("token"), str):
            return body
        code = str(body.get("error") or f"HTTP {status}")
        if path == _CHECK_PATH and status < 500:
            raise XucTokenRefusedError(code)
        if status in (401, 403) or code in _CREDENTIAL_ERRORS:
            raise XucAuthenticationError(code)
        raise XucConnectionError(code)

    async def login(self) -> None:
        """Log in with the password; raises `XucAuthenticationError` for bad credentials."""
        body = await self._http(
            "POST", _LOGIN_PATH, json={"login": self._username, "password": self._password}
        )
        self._token = body["token"]

    async def _authenticate(self) -> None:
        if self._token is not None:
            try:
                # /auth/check doubles as renewal: it answers with a (possibly new) token.
                body = await self._http("GET", _CHECK_PATH, token=self._token)
            except XucTokenRefusedError:
                _LOGGER.debug("Token refused, logging in again")
                self._token = None
            else:
                self._token = body["token"]
                return
        await self.login()

    async def _open_websocket(self) -> aiohttp.ClientWebSocketResponse:
        assert self._token is not None
        url = self._base.with_scheme(self._ws_scheme).with_path(_CTI_PATH)
        try:
            return await self._session.ws_connect(
                url.with_query(token=self._token),
                ssl=self._ssl,
                max_msg_size=MAX_FRAME_SIZE,
                timeout=aiohttp.ClientWSTimeout(ws_close=self._timings.ping_interval),
                autoping=True,
            )
        except aiohttp.WSServerHandshakeError as err:
            if err.status in (401, 403):
                raise XucTokenRefusedError(f"HTTP {err.status}") from None
            raise XucConnectionError(_redacted(err)) from None
        except (aiohttp.ClientSSLError, aiohttp.ClientConnectorCertificateError) as err:
            raise XucTlsError(_redacted(err)) from None
        except (aiohttp.ClientError, TimeoutError, OSError) as err:
            raise XucConnectionError(_redacted(err)) from None

    async def connect(self) -> None:
        """Log in, open the CTI session and sync the line's state; one attempt, errors raised."""
        if self._connected:
            return
        await self._authenticate()
        try:
            ws = await self._open_websocket()
        except XucTokenRefusedError:
            # Revoked between /auth/check and the upgrade: the next attempt logs in afresh.
            self._token = None
            raise
        self._ws = ws
        try:
            await self._sync(ws)
        except BaseException:
            self._ws = None
            await ws.close()
            raise

    async def _receive_until[T: Message](
        self, ws: aiohttp.ClientWebSocketResponse, wanted: type[T]
    ) -> T:
        """Read and apply frames until one of type `wanted` arrives."""
        while True:
            frame = await ws.receive()
            if frame.type is not aiohttp.WSMsgType.TEXT:
                raise XucConnectionError(f"link closed during sync ({frame.type.name})")
            message = parse_message(frame.data)
            if isinstance(message, wanted):
                return message
            if message is not None:
                self._handlers[type(message)](message)

    async def _sync(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Wait for `LoggedOn`, ask for what a fresh session needs, apply it, go live."""
        try:
            async with asyncio.timeout(self._timings.request_timeout):
                await self._receive_until(ws, LoggedOn)
                # What real clients ask for right after LoggedOn (protocol §1.4).
                frames = [commands.get_config("line")]
                if self._monitored:
                    frames.append(commands.subscribe_to_phone_hints(self._monitored))
                frames.append(commands.get_current_calls())
                for frame in frames:
                    await ws.send_str(_encode(frame))
                current = await self._receive_until(ws, CurrentCalls)
        except TimeoutError:
            raise XucTimeoutError("the server did not complete the session sync") from None
        changes = self.state.reconcile_calls(current.events)
        self._last_frame = asyncio.get_running_loop().time()
        self._connected = True
        self._auth_failed = False
        self._notify(UpdateKind.CONNECTION)
        if self._synced_once:
            for change in changes:
                self._emit_call(change)
        self._synced_once = True

    def _on_logged_on_error(self, message: LoggedOnError) -> None:
        raise XucConnectionError(f"CTI session refused: {message.error}")

    async def listen(self) -> None:
        """Keep the CTI session alive until `close()`; stops early on refused credentials."""
        self._listen_task = asyncio.current_task()
        failures = 0
        try:
            while not self._closing:
                if self._ws is None:
                    try:
                        await self.connect()
                    except XucAuthenticationError:
                        _LOGGER.debug("Credentials refused; not retrying")
                        self._auth_failed = True
                        self._notify(UpdateKind.CONNECTION)
                        return
                    except XucError as err:
                        self.last_backoff = self._backoff(failures)
                        failures += 1
                        _LOGGER.debug(
                            "Connection attempt %d failed (%s); next in %.1f s",
                            failures,
                            err,
                            self.last_backoff,
                        )
                        await asyncio.sleep(self.last_backoff)
                        continue
                    failures = 0
                await self._run_session()
        finally:
            self._listen_task = None

    def _backoff(self, failures: int) -> float:
        timings = self._timings
        delay = min(timings.backoff_max, timings.backoff_min * 2.0 ** min(failures, 30))
        # Jitter spreads the reconnects of many clients after a server restart.
        return delay * random.uniform(0.8, 1.2)

    async def _run_session(self) -> None:
        ws = self._ws
        assert ws is not None
        self._keepalive_task = asyncio.create_task(self._keepalive(ws), name="xuc keepalive")
        clock = asyncio.get_running_loop().time
        try:
            async for message in ws:
                if message.type is aiohttp.WSMsgType.TEXT:
                    self._last_frame = clock()
                    self._handle(message.data)
        except XucConnectionError as err:
            _LOGGER.debug("Session ended: %s", err)
        finally:
            self._keepalive_task.cancel()
            self._keepalive_task = None
            self._ws = None
            await ws.close()
            self._set_disconnected()

    async def _keepalive(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Ping on a fixed beat; any inbound frame counts as life (the pong's type is unknown)."""
        loop = asyncio.get_running_loop()
        interval = self._timings.ping_interval
        next_ping = wake_at = loop.time() + interval
        heard_since = self._last_frame
        while True:
            await asyncio.sleep(wake_at - loop.time())
            now = loop.time()
            if now - wake_at > interval:
                # This event loop was stalled: frames may be waiting unread in the socket, so
                # the silence proves nothing about the server.
                heard_since = now
            deadline = max(self._last_frame, heard_since) + self._timings.dead_after
            if now >= deadline:
                _LOGGER.debug("No frame for %.1f s; dropping the link", now - self._last_frame)
                break
            if now >= next_ping:
                next_ping = now + interval
                try:
                    await ws.send_str(_PING_TEXT)
                except (aiohttp.ClientError, ConnectionError):
                    break
            wake_at = min(next_ping, deadline)
        # Closing the socket ends the receive loop, which then reconnects.
        await ws.close()

    def _set_disconnected(self) -> None:
        was_connected = self._connected
        self._connected = False
        while self._waiters:
            _, waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_exception(XucNotConnectedError("link lost"))
        if was_connected:
            self._notify(UpdateKind.CONNECTION)

    async def close(self) -> None:
        """Stop everything this client started; safe to call twice."""
        self._closing = True
        tasks = [
            task
            for task in (self._keepalive_task, self._listen_task)
            if task is not None and task is not asyncio.current_task()
        ]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if (ws := self._ws) is not None:
            self._ws = None
            await ws.close()
        self._set_disconnected()

    # -- inbound --------------------------------------------------------------------------

    def _handle(self, raw: str | bytes) -> None:
        message = parse_message(raw)
        if message is not None:
            self._handlers[type(message)](message)

    def _on_user_config(self, message: UserConfigUpdate) -> None:
        self.state.apply_user_config(message)
        self._notify(UpdateKind.USER_CONFIG)

    def _on_phone_status(self, message: PhoneStatusUpdate) -> None:
        if message.status is not self.state.phone_status:
            self.state.phone_status = message.status
            self._notify(UpdateKind.PHONE_STATUS)

    def _on_phone_event(self, message: PhoneEvent) -> None:
        if not self._connected:
            # Until the sync reply, the current-calls list is the truth; it follows shortly.
            return
        change = self.state.apply_phone_event(message)
        self._notify(UpdateKind.CALLS)
        self._emit_call(change)

    def _on_current_calls(self, message: CurrentCalls) -> None:
        self._resolve(message)
        for change in self.state.reconcile_calls(message.events):
            self._notify(UpdateKind.CALLS)
            self._emit_call(change)

    def _on_voicemail(self, message: VoicemailStatus) -> None:
        self.state.voicemail = message
        self._notify(UpdateKind.VOICEMAIL)

    def _on_hint(self, message: HintStatus) -> None:
        if self.state.hints.get(message.number, False) is not message.status:
            self.state.hints[message.number] = message.status
            self._notify(UpdateKind.HINT, message.number)

    def _on_line_config(self, message: LineConfig) -> None:
        self.state.line = message
        self._notify(UpdateKind.LINE_CONFIG)

    def _on_conference(self, message: ConferenceEvent) -> None:
        _call_each(tuple(self._conference_listeners), "conference", message)

    def _on_server_error(self, message: ServerError) -> None:
        # Error frames carry no request id: they fail the oldest request still waiting.
        for _, waiter in self._waiters:
            if not waiter.done():
                waiter.set_exception(XucCommandError(message.code, message.message))
                return
        # Otherwise a command sent without waiting was refused: say so, it is rare.
        _LOGGER.warning("The XUC server refused a command: %s %s", message.code, message.message)

    def _resolve(self, message: Message) -> None:
        for reply_type, waiter in self._waiters:
            if reply_type is type(message) and not waiter.done():
                waiter.set_result(message)
                return

    # -- outbound -------------------------------------------------------------------------

    async def send(self, frame: Frame) -> None:
        """Send one command frame on the live session."""
        ws = self._ws
        if not self._connected or ws is None:
            raise XucNotConnectedError("the CTI link is down")
        try:
            await ws.send_str(_encode(frame))
        except (aiohttp.ClientError, ConnectionError) as err:
            raise XucNotConnectedError(_redacted(err)) from None

    async def _request[T: Message](self, frame: Frame, reply_type: type[T]) -> T:
        waiter: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        entry = (reply_type, waiter)
        self._waiters.append(entry)
        try:
            await self.send(frame)
            async with asyncio.timeout(self._timings.request_timeout):
                return await waiter
        except TimeoutError:
            raise XucTimeoutError(f"no reply to {frame['command']}") from None
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(entry)

    async def dial(self, destination: str, variables: Mapping[str, str] | None = None) -> None:
        """Place a call from the line."""
        await self.send(commands.dial(destination, variables))

    async def dial_from_mobile(
        self, destination: str, variables: Mapping[str, str] | None = None
    ) -> None:
        """Place a call from the user's mobile."""
        await self.send(commands.dial_from_mobile(destination, variables))

    async def dial_from_queue(
        self,
        destination: str,
        queue_id: int,
        caller_id_name: str,
        caller_id_number: str,
        variables: Mapping[str, str] | None = None,
    ) -> None:
        """Place a call on behalf of a queue."""
        await self.send(
            commands.dial_from_queue(
                destination, queue_id, caller_id_name, caller_id_number, variables
            )
        )

    async def dial_by_username(self, username: str) -> None:
        """Call another XiVO user by login."""
        await self.send(commands.dial_by_username(username))

    async def originate(self, destination: str) -> None:
        """Originate a call."""
        await self.send(commands.originate(destination))

    async def answer(self, unique_id: str | None = None) -> None:
        """Answer a ringing call."""
        await self.send(commands.answer(unique_id))

    async def hangup(self, unique_id: str | None = None) -> None:
        """Hang up a call."""
        await self.send(commands.hangup(unique_id))

    async def hold(self, unique_id: str | None = None) -> None:
        """Put a call on hold (or take it back)."""
        await self.send(commands.hold(unique_id))

    async def toggle_microphone(self, unique_id: str | None = None) -> None:
        """Mute or unmute the microphone of a WebRTC line."""
        await self.send(commands.toggle_microphone(unique_id))

    async def direct_transfer(self, destination: str) -> None:
        """Transfer the current call."""
        await self.send(commands.direct_transfer(destination))

    async def attended_transfer(self, destination: str, device: str | None = None) -> None:
        """Start a consultation transfer."""
        await self.send(commands.attended_transfer(destination, device))

    async def complete_transfer(self) -> None:
        """Complete the transfer in progress."""
        await self.send(commands.complete_transfer())

    async def cancel_transfer(self) -> None:
        """Cancel the transfer in progress."""
        await self.send(commands.cancel_transfer())

    async def conference(self) -> None:
        """Make a conference of the current calls."""
        await self.send(commands.conference())

    async def send_dtmf(self, key: str) -> None:
        """Send a DTMF key."""
        await self.send(commands.send_dtmf(key))

    async def set_data(self, variables: Mapping[str, str]) -> None:
        """Attach data to the current calls."""
        await self.send(commands.set_data(variables))

    async def set_dnd(self, enabled: bool) -> None:
        """Ask for DND on or off; the state changes when the server confirms."""
        await self.send(commands.set_dnd(enabled))

    async def set_forward(self, forward: ForwardType, enabled: bool, destination: str) -> None:
        """Ask for a forward change; the state changes when the server confirms."""
        await self.send(commands.set_forward(forward, enabled, destination))

    async def get_current_calls(self) -> tuple[PhoneEvent, ...]:
        """The server's list of current calls."""
        return (await self._request(commands.get_current_calls(), CurrentCalls)).events

    async def get_call_history(self, size: int) -> CallHistory:
        """The user's last `size` calls."""
        return await self._request(commands.get_user_call_history(size), CallHistory)

    async def get_call_history_by_days(self, days: int) -> CallHistory:
        """The user's calls of the last `days` days."""
        return await self._request(commands.get_user_call_history_by_days(days), CallHistory)

    async def search_contacts(self, term: str) -> DirectoryResult:
        """Search the XiVO directories."""
        return await self._request(commands.search_contacts(term), DirectoryResult)
