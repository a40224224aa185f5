"""The XUC client: the CTI session, keepalive, reconnect, dispatch and listeners.

The line's state lives in `LineState`, the network under the session in `transport`, the
callers' names from the directory in `names.CallerNames`, and the commands the client offers in
`outbound.Outbound`; the client feeds them what the server sends and ties them up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
import contextlib
import logging
import random
from typing import Final

import aiohttp
from yarl import URL

from . import commands
from .changes import KEYED_KINDS
from .contact_centre import AgentError, AgentStateEvent, QueueStatistics
from .contact_centre_outbound import ContactCentreOutbound
from .errors import (
    XucAuthenticationError,
    XucConnectionError,
    XucError,
    XucInvalidHostError,
    XucTimeoutError,
    XucTokenRefusedError,
)
from .messages import parse_message
from .models import (
    CallEvent,
    CallHistory,
    ConferenceEvent,
    CurrentCalls,
    DirectoryResult,
    HintStatus,
    LoggedOn,
    LoggedOnError,
    Message,
    PhoneEvent,
    ServerError,
    UserConfigUpdate,
)
from .names import CallerNames
from .outbound import encode
from .replies import Replies
from .state import LineState, StateMessage, UpdateKind
from .timings import Timings
from .transport import Transport, receive, send_text

_LOGGER = logging.getLogger(__name__)

_PING_TEXT: Final = encode(commands.PING)
# What ends a session's frames, as `async for` over the websocket would stop.
_CLOSED: Final = frozenset(
    {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED}
)

type Listener = Callable[[], None]
type CallListener = Callable[[CallEvent], None]
type ConferenceListener = Callable[[ConferenceEvent], None]


def _call_each(listeners: tuple[Callable[..., None], ...], kind: str, *args: object) -> None:
    """Call every listener; one that raises is logged and does not stop the others or the link."""
    for listener in listeners:
        try:
            listener(*args)
        except Exception:
            _LOGGER.exception("Error in a XUC %s listener", kind)


class XucClient(ContactCentreOutbound):
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
        watched_queues: Iterable[int] = (),
    ) -> None:
        """Prepare a client; nothing is sent until `connect()` or `listen()`.

        `host` is a name or an IP address, without a port. With `lookup_names`, a call from a
        number the server gives no name for is named from the XiVO directory. The calls waiting
        in the `watched_queues` (ids) are followed; `watch_queues()` changes them.
        Raises `XucInvalidHostError` for a host or port that cannot be an address.
        """
        # The caller's session (Home Assistant's shared one): used, never closed, by this client.
        self._session = session
        self._username = username
        self._password = password
        try:
            self._base = URL.build(scheme="https" if use_ssl else "http", host=host, port=port)
        except (ValueError, TypeError) as err:
            raise XucInvalidHostError(host) from err
        self._monitored = tuple(dict.fromkeys(monitored_numbers))
        self._timings = timings or Timings()
        self._transport = Transport(
            self._session,
            self._base,
            verify_ssl=verify_ssl,
            request_timeout=self._timings.request_timeout,
            ws_close_timeout=self._timings.ping_interval,
        )
        self.state = LineState()
        self.state.contact_centre.watched_queues = frozenset(watched_queues)
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
        self._names = CallerNames(
            self.state,
            self.search_contacts,
            lambda change: _call_each(tuple(self._call_listeners), "call", change),
            lambda: self._notify(UpdateKind.CALLS),
            wait=self._timings.name_wait,
            enabled=lookup_names,
        )

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
        """Call `listener` when one of `kinds` changes (HINT, QUEUE: only number or queue `key`).

        Every listener is also called when the connection goes up or down.
        """
        slots = [(kind, key if kind in KEYED_KINDS else None) for kind in kinds]
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

    async def login(self) -> None:
        """Log in with the password.

        Raises `XucAuthenticationError` for refused credentials, `XucTlsError` (or its
        `XucCertificateError`) for TLS failures, `XucConnectionError` otherwise.
        """
        self._token = await self._transport.login(self._username, self._password)

    async def _authenticate(self) -> None:
        if self._token is not None:
            try:
                # /auth/check doubles as renewal: it answers with a (possibly new) token.
                self._token = await self._transport.check(self._token)
            except XucTokenRefusedError:
                _LOGGER.debug("Token refused, logging in again")
                self._token = None
            else:
                return
        await self.login()

    async def connect(self) -> None:
        """Log in, open the CTI session and sync the line's state; one attempt.

        Raises what `login()` raises, and `XucTimeoutError` when the sync does not complete.
        """
        if self._connected:
            return
        await self._authenticate()
        assert self._token is not None
        try:
            ws = await self._transport.open_websocket(self._token)
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
            frame = await receive(ws)
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
                # Agents and queues; the current calls come last, their reply ending the sync.
                frames.extend(self._session_frames())
                frames.append(commands.get_current_calls())
                for frame in frames:
                    await send_text(ws, encode(frame))
                current = await self._receive_until(ws, CurrentCalls)
        except TimeoutError:
            raise XucTimeoutError("the server did not complete the session sync") from None
        # A first session: the UserConfigUpdate read during the sync may have made an agent.
        for frame in self._agent_frames_due():
            await send_text(ws, encode(frame))
        # The directory may have changed while the link was down.
        self._names.cache.clear()
        change = self.state.apply(current)
        self._last_frame = asyncio.get_running_loop().time()
        self._connected = True
        self._auth_failed = False
        self._notify(UpdateKind.CONNECTION)
        if self._synced_once:
            self._names.emit(change.calls)
        else:
            self._names.look_up(change.calls)
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
            while (message := await receive(ws)).type not in _CLOSED:
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
                    await send_text(ws, _PING_TEXT)
                except XucConnectionError:
                    break
            wake_at = min(next_ping, deadline)
        # Closing the socket ends the receive loop, which then reconnects.
        await ws.close()

    def _set_disconnected(self) -> None:
        was_connected = self._connected
        self._connected = False
        self._replies.fail_all("link lost")
        self._names.stop()
        self._stop_agent_task()
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
            case HintStatus() | QueueStatistics():
                # The most frequent messages after call events (a supervisor's counters).
                self._apply(message)
            case AgentStateEvent():
                if self._replies and message.agent_id == self.state.contact_centre.agent_id:
                    self._replies.settle(message)
                self._apply(message)
            case UserConfigUpdate():
                if self._replies:
                    self._replies.settle(message)
                agent_id = self.state.contact_centre.agent_id
                self._apply(message)
                if self.state.contact_centre.agent_id != agent_id:
                    self._notify(UpdateKind.AGENT)
                    self._ask_agent_soon()
            case AgentError():
                self._refuse_agent(message)
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
            self._names.emit(change.calls)
