"""The XUC client: login, the CTI websocket, keepalive, reconnect, requests and their replies.

The line's state itself lives in `LineState`; the client feeds it what the server sends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
import contextlib
from dataclasses import dataclass, replace
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
    XucCertificateError,
    XucConnectionError,
    XucError,
    XucInvalidHostError,
    XucNotConnectedError,
    XucTimeoutError,
    XucTlsError,
    XucTokenRefusedError,
)
from .messages import parse_message
from .models import (
    CallEvent,
    CallEventType,
    CallHistory,
    ConferenceEvent,
    CurrentCalls,
    DirectoryResult,
    ForwardType,
    HintStatus,
    LoggedOn,
    LoggedOnError,
    Message,
    PhoneEvent,
    ServerError,
    UserConfigUpdate,
)
from .names import NameCache, name_for_number
from .replies import CALL_ACK, CONFIG_ACK, Replies
from .state import NO_CHANGE, LineState, StateMessage, UpdateKind

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
    """Bound of each network step: login, token check, websocket upgrade, sync, a request."""
    stable_after: float = 30.0
    """A session that dies sooner counts as a failed attempt: a server that closes every
    session right after the sync is retried with backoff, not in a tight loop."""
    refusal_wait: float = 0.5
    """How long a command waits for the server to refuse it, when nothing shows it was taken."""
    name_wait: float = 0.3
    """How long a call event may wait for the caller's name from the directory."""


# A call event or a release ends the wait for a caller's name: there is nothing to name.
_ENDS: Final = frozenset({CallEventType.RELEASED, CallEventType.FAILURE})


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


def _named(change: CallEvent, name: str) -> CallEvent:
    """The call event, its call named from the directory."""
    assert change.call is not None
    return replace(change, call=change.call._replace(directory_name=name))


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
        lookup_names: bool = True,
    ) -> None:
        """Prepare a client; nothing is sent until `connect()` or `listen()`.

        `host` is a name or an IP address, without a port. With `lookup_names`, a call from a
        number the server gives no name for is named from the XiVO directory.
        Raises `XucInvalidHostError` for a host or port that cannot be an address.
        """
        self._session = session
        self._username = username
        self._password = password
        try:
            self._base = URL.build(scheme="https" if use_ssl else "http", host=host, port=port)
        except (ValueError, TypeError) as err:
            raise XucInvalidHostError(host) from err
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
        self._replies = Replies(self._timings.request_timeout)
        self._last_backoff = 0.0
        self._lookup_names = lookup_names
        self._names = NameCache()
        self._lookups: dict[str, asyncio.Task[None]] = {}
        # Call events held back while the caller's name is looked up, in order.
        self._held: list[CallEvent] = []
        self._held_timer: asyncio.TimerHandle | None = None

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

    @property
    def username(self) -> str:
        """The XiVO login this client signs in with."""
        return self._username

    @property
    def last_backoff(self) -> float:
        """Seconds waited before the latest reconnect attempt (0 before any failure)."""
        return self._last_backoff

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
        except aiohttp.ClientConnectorCertificateError as err:
            raise XucCertificateError(_redacted(err)) from None
        except aiohttp.ClientSSLError as err:
            # Not the certificate: the handshake itself failed, as against a plain-HTTP port.
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
        """Log in with the password.

        Raises `XucAuthenticationError` for refused credentials, `XucTlsError` (or its
        `XucCertificateError`) for TLS failures, `XucConnectionError` otherwise.
        """
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
            # The shared session allows minutes; a stuck upgrade must not hold setup that long.
            async with asyncio.timeout(self._timings.request_timeout):
                return await self._session.ws_connect(
                    url.with_query(token=self._token),
                    ssl=self._ssl,
                    max_msg_size=MAX_FRAME_SIZE,
                    timeout=aiohttp.ClientWSTimeout(ws_close=self._timings.ping_interval),
                    autoping=True,
                )
        except TimeoutError:
            raise XucConnectionError("the server did not open the CTI session in time") from None
        except aiohttp.WSServerHandshakeError as err:
            if err.status in (401, 403):
                raise XucTokenRefusedError(f"HTTP {err.status}") from None
            raise XucConnectionError(_redacted(err)) from None
        except aiohttp.ClientConnectorCertificateError as err:
            raise XucCertificateError(_redacted(err)) from None
        except aiohttp.ClientSSLError as err:
            raise XucTlsError(_redacted(err)) from None
        except (aiohttp.ClientError, OSError) as err:
            raise XucConnectionError(_redacted(err)) from None

    async def connect(self) -> None:
        """Log in, open the CTI session and sync the line's state; one attempt.

        Raises what `login()` raises, and `XucTimeoutError` when the sync does not complete.
        """
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
                self._dispatch(message)

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
        # The directory may have changed while the link was down.
        self._names.clear()
        change = self.state.apply(current)
        self._last_frame = asyncio.get_running_loop().time()
        self._connected = True
        self._auth_failed = False
        self._notify(UpdateKind.CONNECTION)
        if self._synced_once:
            self._emit_calls(change.calls)
        else:
            self._look_up_names(change.calls)
        self._synced_once = True

    async def listen(self) -> None:
        """Keep the CTI session alive until `close()`; stops early on refused credentials.

        Raises nothing of its own: failures are retried with backoff (see `auth_failed`).
        """
        self._listen_task = asyncio.current_task()
        clock = asyncio.get_running_loop().time
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
                        failures += 1
                        await self._wait_before_retry(failures, str(err))
                        continue
                started = clock()
                await self._run_session()
                if clock() - started >= self._timings.stable_after:
                    failures = 0
                elif not self._closing:
                    failures += 1
                    await self._wait_before_retry(failures, "the session ended right away")
        finally:
            self._listen_task = None

    async def _wait_before_retry(self, failures: int, reason: str) -> None:
        self._last_backoff = self._backoff(failures - 1)
        _LOGGER.debug(
            "Connection attempt %d failed (%s); next in %.1f s",
            failures,
            reason,
            self._last_backoff,
        )
        await asyncio.sleep(self._last_backoff)

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
        self._replies.fail_all("link lost")
        for task in self._lookups.values():
            task.cancel()
        self._lookups.clear()
        # What happened before the link went down still reaches the listeners, in order.
        self._release_held()
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
            self._dispatch(message)

    def _dispatch(self, message: Message) -> None:
        match message:
            case PhoneEvent():
                if not self._connected:
                    # Until the sync reply, the current-calls list is the truth; it follows.
                    return
                if self._replies:
                    self._replies.settle(message)
                self._apply(message)
            case HintStatus():
                # The most frequent message after call events: dispatched second.
                self._apply(message)
            case UserConfigUpdate():
                if self._replies:
                    self._replies.settle(message)
                self._apply(message)
            case CurrentCalls():
                self._replies.resolve(message)
                self._apply(message)
            case CallHistory() | DirectoryResult():
                self._replies.resolve(message)
            case ServerError():
                if not self._replies.refuse(message):
                    # A command nobody waits for any more was refused: say so, it is rare.
                    _LOGGER.warning(
                        "The XUC server refused a command of %s: %s %s",
                        self._username,
                        message.code,
                        message.message,
                    )
            case ConferenceEvent():
                _call_each(tuple(self._conference_listeners), "conference", message)
            case LoggedOnError():
                raise XucConnectionError(f"CTI session refused: {message.error}")
            case LoggedOn():
                pass
            case _:
                self._apply(message)

    def _apply(self, message: StateMessage) -> None:
        change = self.state.apply(message)
        if change.kind is not None:
            self._notify(change.kind, change.key)
        if change.calls:
            self._emit_calls(change.calls)

    # -- call events and callers' names -----------------------------------------------------

    def _emit_calls(self, changes: Iterable[CallEvent]) -> None:
        """Hand call events on, after a short wait for the names of callers without one."""
        for event in changes:
            change, call = event, event.call
            if self._lookup_names and call is not None and call.needs_name and not self._held:
                known, name = self._names.get(call.other_dn)
                if known:
                    if name is not None:
                        self.state.set_directory_name(call.other_dn, name)
                        change = _named(event, name)
                elif change.event.event_type not in _ENDS:
                    self._start_lookup(call.other_dn)
                    self._held_timer = asyncio.get_running_loop().call_later(
                        self._timings.name_wait, self._release_held
                    )
            if self._held or self._held_timer is not None:
                self._held.append(change)
            else:
                _call_each(tuple(self._call_listeners), "call", change)

    def _look_up_names(self, changes: Iterable[CallEvent]) -> None:
        """Name the calls found at the first sync, without an event (nothing fired yet)."""
        if not self._lookup_names:
            return
        for change in changes:
            if change.call is not None and change.call.needs_name:
                self._start_lookup(change.call.other_dn)

    def _start_lookup(self, number: str) -> None:
        if number not in self._lookups:
            self._lookups[number] = asyncio.get_running_loop().create_task(
                self._look_up(number), name="xuc name lookup"
            )

    async def _look_up(self, number: str) -> None:
        try:
            result = await self.search_contacts(number)
        except XucError as err:
            # Not cached: the next call from this number tries again.
            _LOGGER.debug("Directory lookup failed: %s", err)
            name = None
        else:
            name = name_for_number(result.contacts, number)
            self._names.put(number, name)
        finally:
            self._lookups.pop(number, None)
        if name is not None and self.state.set_directory_name(number, name) is not NO_CHANGE:
            self._notify(UpdateKind.CALLS)
        self._release_held()

    def _release_held(self) -> None:
        """Hand on the held call events, named with what the state now knows."""
        if self._held_timer is not None:
            self._held_timer.cancel()
            self._held_timer = None
        held, self._held = self._held, []
        for event in held:
            change, call = event, event.call
            if call is not None and call.needs_name:
                known, name = self._names.get(call.other_dn)
                if known and name is not None:
                    change = _named(event, name)
            _call_each(tuple(self._call_listeners), "call", change)

    # -- outbound -------------------------------------------------------------------------
    # Commands raise `XucNotConnectedError` while the link is down and `XucCommandError` when
    # the server refuses them; requests also raise `XucTimeoutError` when no reply comes.

    async def send(self, frame: Frame) -> None:
        """Send one frame on the live session, without waiting for anything.

        Raises `XucNotConnectedError` while the link is down.
        """
        ws = self._ws
        if not self._connected or ws is None:
            raise XucNotConnectedError("the CTI link is down")
        try:
            await ws.send_str(_encode(frame))
        except (aiohttp.ClientError, ConnectionError) as err:
            raise XucNotConnectedError(_redacted(err)) from None

    async def _request[T: Message](self, frame: Frame, reply_type: type[T]) -> T:
        reply: type[Message] = reply_type  # type: ignore[assignment]
        pending = self._replies.add(frame["command"], reply=reply)
        try:
            await self.send(frame)
            async with asyncio.timeout(self._timings.request_timeout):
                result: T = await pending.future
                return result
        except TimeoutError:
            self._replies.abandon(pending)
            raise XucTimeoutError(f"no reply to {frame['command']}") from None
        finally:
            self._replies.done(pending)

    async def _command(self, frame: Frame, acks: tuple[type[Message], ...] = ()) -> None:
        """Send a command and give the server a moment to refuse it.

        Returns as soon as a message in `acks` shows it was taken, or after `refusal_wait` when
        nothing said no. Raises `XucCommandError` when the server refused it.
        """
        pending = self._replies.add(frame["command"], acks=acks)
        try:
            await self.send(frame)
            async with asyncio.timeout(self._timings.refusal_wait):
                await pending.future
        except TimeoutError:
            return
        finally:
            self._replies.done(pending)

    async def dial(self, destination: str, variables: Mapping[str, str] | None = None) -> None:
        """Place a call from the line."""
        await self._command(commands.dial(destination, variables), CALL_ACK)

    async def dial_from_mobile(
        self, destination: str, variables: Mapping[str, str] | None = None
    ) -> None:
        """Place a call from the user's mobile."""
        await self._command(commands.dial_from_mobile(destination, variables))

    async def dial_from_queue(
        self,
        destination: str,
        queue_id: int,
        caller_id_name: str,
        caller_id_number: str,
        variables: Mapping[str, str] | None = None,
    ) -> None:
        """Place a call on behalf of a queue."""
        await self._command(
            commands.dial_from_queue(
                destination, queue_id, caller_id_name, caller_id_number, variables
            ),
            CALL_ACK,
        )

    async def dial_by_username(self, username: str) -> None:
        """Call another XiVO user by login."""
        await self._command(commands.dial_by_username(username), CALL_ACK)

    async def originate(self, destination: str) -> None:
        """Originate a call."""
        await self._command(commands.originate(destination), CALL_ACK)

    async def answer(self, unique_id: str | None = None) -> None:
        """Answer a ringing call."""
        await self._command(commands.answer(unique_id), CALL_ACK)

    async def hangup(self, unique_id: str | None = None) -> None:
        """Hang up a call."""
        await self._command(commands.hangup(unique_id), CALL_ACK)

    async def hold(self, unique_id: str | None = None) -> None:
        """Put a call on hold (or take it back)."""
        await self._command(commands.hold(unique_id), CALL_ACK)

    async def toggle_microphone(self, unique_id: str | None = None) -> None:
        """Mute or unmute the microphone of a WebRTC line."""
        await self._command(commands.toggle_microphone(unique_id))

    async def direct_transfer(self, destination: str) -> None:
        """Transfer the current call."""
        await self._command(commands.direct_transfer(destination), CALL_ACK)

    async def attended_transfer(self, destination: str, device: str | None = None) -> None:
        """Start a consultation transfer."""
        await self._command(commands.attended_transfer(destination, device), CALL_ACK)

    async def complete_transfer(self) -> None:
        """Complete the transfer in progress."""
        await self._command(commands.complete_transfer(), CALL_ACK)

    async def cancel_transfer(self) -> None:
        """Cancel the transfer in progress."""
        await self._command(commands.cancel_transfer(), CALL_ACK)

    async def conference(self) -> None:
        """Make a conference of the current calls."""
        await self._command(commands.conference(), CALL_ACK)

    async def send_dtmf(self, key: str) -> None:
        """Send a DTMF key."""
        await self._command(commands.send_dtmf(key))

    async def set_data(self, variables: Mapping[str, str]) -> None:
        """Attach data to the current calls."""
        await self._command(commands.set_data(variables))

    async def set_dnd(self, enabled: bool) -> None:
        """Ask for DND on or off; the state changes when the server confirms."""
        await self._command(commands.set_dnd(enabled), CONFIG_ACK)

    async def set_forward(self, forward: ForwardType, enabled: bool, destination: str) -> None:
        """Ask for a forward change; the state changes when the server confirms."""
        await self._command(commands.set_forward(forward, enabled, destination), CONFIG_ACK)

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
