"""The aiohttp server: XUC REST + CTI websocket, plus the control interface tests drive.

Control happens in-process (the `XucSimulator` methods) or over HTTP (`POST /_sim/<action>`
with the method's keyword arguments as a JSON object; `GET /_sim/state`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
import copy
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
import inspect
import json
import logging
import secrets
import ssl
from types import TracebackType
from typing import Any, ClassVar, Self

from aiohttp import WSMsgType, web

from .line import PHONE_STATUS
from .pbx import NoLineError, Pbx, UnknownUserError, frame
from .users import DEFAULT_CONTACTS, SimContact, SimUser, default_users

_LOGGER = logging.getLogger("simulator")

API = "/xuc/api/2.0"
DEFAULT_PING_REPLY: dict[str, Any] = {"msgType": "Pong", "ctiMessage": {}}

# Methods reachable through POST /_sim/<action>.
HTTP_ACTIONS = frozenset(
    {
        "incoming_call",
        "remote_answer",
        "remote_hangup",
        "missed_call",
        "set_voicemail",
        "set_hint",
        "set_phone_status",
        "set_user_config",
        "set_password",
        "conference_event",
        "conference_participant_event",
        "drop_connections",
        "set_silent",
        "refuse_tokens",
        "restart",
        "send_raw",
        "send_frame",
        "flood",
    }
)

# SimUser attributes an admin may change through set_user_config.
_CONFIG_FIELDS = frozenset(f.name for f in fields(SimUser)) - {"username", "password", "history"}


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": code, "message": message}, status=status)


@dataclass(eq=False)
class _Session:
    """One open CTI websocket."""

    username: str
    ws: web.WebSocketResponse
    request: web.Request
    hints: set[str] = field(default_factory=set)
    closed: bool = False

    def abort(self) -> None:
        """Cut the TCP connection without a close frame, like a network failure."""
        self.closed = True
        if (transport := self.request.transport) is not None:
            transport.abort()


class _BadArgument(Exception):
    """A websocket command lacks an argument or has one of the wrong type."""


def _arg[T](message: dict[str, Any], key: str, kind: type[T]) -> T:
    value = message.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _BadArgument(f"{key!r} must be a {kind.__name__}")
    return value


def _opt_str(message: dict[str, Any], key: str) -> str | None:
    value = message.get(key)
    return value if isinstance(value, str) and value else None


type _CommandHandler = Callable[["XucSimulator", _Session, dict[str, Any]], Awaitable[None]]


class XucSimulator:
    """A XiVO XUC server on 127.0.0.1 with a scripted telephony behind it."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        users: Iterable[SimUser] | None = None,
        *,
        contacts: Iterable[SimContact] | None = None,
        answer_delay: float | None = 0.05,
        ping_reply: dict[str, Any] | None = None,
        phone_status_as_number: bool = False,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """Set `answer_delay` (seconds before a dialled party answers) to None: no auto-answer."""
        self._host = host
        self._port = port
        # With a context the simulator serves https and wss, as a XUC behind TLS does.
        self._ssl_context = ssl_context
        self._ping_reply = json.dumps(ping_reply if ping_reply is not None else DEFAULT_PING_REPLY)
        self.pbx = Pbx(
            copy.deepcopy(list(users)) if users is not None else default_users(),
            contacts if contacts is not None else DEFAULT_CONTACTS,
            self,
            answer_delay=answer_delay,
            phone_status_as_number=phone_status_as_number,
        )
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._sessions: list[_Session] = []
        self._tokens: dict[str, str] = {}
        self._silent = False
        self._received: dict[str, list[dict[str, Any]]] = {name: [] for name in self.pbx.users}
        self._taken: dict[str, set[int]] = {name: set() for name in self.pbx.users}
        self._ping_counts: dict[str, int] = dict.fromkeys(self.pbx.users, 0)
        self._arrival = asyncio.Event()
        self.logins = 0
        self.checks = 0

    # ----------------------------------------------------------------- lifecycle

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        scheme = "https" if self._ssl_context else "http"
        return f"{scheme}://{self._host}:{self._port}"

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post(f"{API}/auth/login", self._handle_login)
        app.router.add_get(f"{API}/auth/check", self._handle_check)
        app.router.add_get(f"{API}/cti", self._handle_cti)
        app.router.add_get("/_sim/state", self._handle_state)
        app.router.add_post("/_sim/{action}", self._handle_control)
        # access_log=None: the access log would print the ?token= of websocket URLs.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await self._open_site()
        _LOGGER.debug("simulator listening on %s", self.url)

    async def _open_site(self) -> None:
        assert self._runner is not None
        self._site = web.TCPSite(
            self._runner, self._host, self._port, ssl_context=self._ssl_context
        )
        await self._site.start()
        # Port 0 picks a free port once; restarts and set_reachable(True) reuse it.
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        await self.pbx.close()
        await self._shutdown_http()

    async def _shutdown_http(self) -> None:
        for session in list(self._sessions):
            session.abort()
        self._sessions.clear()
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None
        self._site = None

    async def restart(self, downtime: float = 0.0) -> None:
        """Drop every session, stop listening, wait, listen again on the same port.

        Users, calls, hints and tokens survive: a real XUC keeps them in its database/Asterisk.
        """
        await self._shutdown_http()
        if downtime > 0:
            await asyncio.sleep(downtime)
        await self.start()

    async def set_reachable(self, reachable: bool) -> None:
        """False: close the listening socket (connection refused); open sessions are kept."""
        if not reachable and self._site is not None:
            await self._site.stop()
            self._site = None
        elif reachable and self._site is None and self._runner is not None:
            await self._open_site()

    # ----------------------------------------------------------------- Notifier (used by Pbx)

    async def push(self, username: str, frame: dict[str, Any]) -> None:
        await self._broadcast(
            [s for s in self._sessions if s.username == username], json.dumps(frame)
        )

    async def push_hint(self, number: str, status: int) -> None:
        text = json.dumps(frame("PhoneHintStatusEvent", {"number": number, "status": status}))
        await self._broadcast([s for s in self._sessions if number in s.hints], text)

    async def _broadcast(self, sessions: list[_Session], text: str) -> None:
        for session in sessions:
            await self._send(session, text)

    async def _send(self, session: _Session, text: str, *, log: bool = True) -> bool:
        """Send one frame unless the server is silent or the session gone; True if sent."""
        if self._silent or session.closed:
            return False
        try:
            await session.ws.send_str(text)
        except (ConnectionError, RuntimeError):
            session.closed = True
            return False
        if log:
            _LOGGER.debug("-> %s %s", session.username, text)
        return True

    async def _send_frame(self, session: _Session, msg_type: str, cti_message: Any) -> None:
        await self._send(session, json.dumps(frame(msg_type, cti_message)))

    async def _send_error(self, session: _Session, code: str, message: str) -> None:
        await self._send_frame(session, "Error", {"Error": code, "message": message})

    # ----------------------------------------------------------------- REST

    async def _handle_login(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except ValueError:
            return _error(400, "InvalidJson", "the body is not valid JSON")
        if not isinstance(body, dict) or not all(
            isinstance(body.get(key), str) for key in ("login", "password")
        ):
            return _error(400, "InvalidJson", "login and password (strings) are required")
        user = self.pbx.users.get(body["login"])
        if user is None or not secrets.compare_digest(user.password, body["password"]):
            return _error(401, "InvalidCredentials", "invalid login or password")
        token = secrets.token_urlsafe(24)
        self._tokens[token] = user.username
        self.logins += 1
        return web.json_response({"login": user.username, "token": token})

    async def _handle_check(self, request: web.Request) -> web.Response:
        self.checks += 1
        header = request.headers.get("Authorization")
        if header is None:
            return _error(401, "AuthorizationHeaderNotFound", "no Authorization header")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return _error(401, "BearerNotFound", "Authorization is not a Bearer token")
        username = self._tokens.get(token.strip())
        if username is None:
            return _error(401, "TokenExpired", "the token is expired or unknown")
        return web.json_response({"login": username, "token": token.strip()})

    # ----------------------------------------------------------------- websocket

    async def _handle_cti(self, request: web.Request) -> web.StreamResponse:
        token = request.query.get("token", "")
        username = self._tokens.get(token) if token else None
        if username is None:
            return _error(401, "TokenExpired", "the token is expired or unknown")
        # autoping=False: protocol-level pings are answered by hand, so set_silent covers them.
        ws = web.WebSocketResponse(autoping=False)
        await ws.prepare(request)
        session = _Session(username, ws, request)
        self._sessions.append(session)
        _LOGGER.debug("session opened for %s", username)
        try:
            await self._send_initial(session)
            async for msg in ws:
                if session.closed:
                    break
                if msg.type is WSMsgType.TEXT:
                    await self._on_text(session, msg.data)
                elif msg.type is WSMsgType.PING and not self._silent:
                    await ws.pong(msg.data)
        except (ConnectionError, RuntimeError) as err:
            _LOGGER.debug("session of %s ended: %s", username, type(err).__name__)
        finally:
            session.closed = True
            if session in self._sessions:
                self._sessions.remove(session)
            _LOGGER.debug("session closed for %s", username)
        return ws

    async def _send_initial(self, session: _Session) -> None:
        user = self.pbx.users[session.username]
        line = self.pbx.lines[session.username]
        await self._send_frame(session, "LoggedOn", {})
        await self._send_frame(session, "UserConfigUpdate", user.config_snapshot())
        await self._send_frame(
            session, "PhoneStatusUpdate", {"status": self.pbx.status_value(line.status())}
        )
        await self._send_frame(session, "VoiceMailStatusUpdate", user.voicemail_status())

    async def _on_text(self, session: _Session, text: str) -> None:
        try:
            message = json.loads(text)
        except ValueError:
            _LOGGER.debug("<- %s ignored non-JSON frame", session.username)
            return
        if not isinstance(message, dict) or "claz" not in message:
            _LOGGER.debug("<- %s ignored frame without claz", session.username)
            return
        _LOGGER.debug("<- %s %s", session.username, text)
        if message["claz"] == "ping":
            self._ping_counts[session.username] += 1
            self._notify_arrival()
            if not self._silent:
                await self._send(session, self._ping_reply)
            return
        if message["claz"] != "web":
            return
        self._received[session.username].append(message)
        try:
            if not self._silent:  # a silently dead link: the server never acts on what it gets
                await self._execute(session, message)
        finally:
            # After execution, so that wait_for_command() returns once the command took effect.
            self._notify_arrival()

    async def _execute(self, session: _Session, message: dict[str, Any]) -> None:
        command = message.get("command")
        handler = self._commands.get(command) if isinstance(command, str) else None
        if handler is None:
            await self._send_error(session, "UnknownCommand", f"unknown command {command!r}")
            return
        try:
            await handler(self, session, message)
        except _BadArgument as err:
            await self._send_error(session, "InvalidArgument", f"{command}: {err}")
        except NoLineError as err:
            await self._send_error(session, "NoLine", str(err))

    def _notify_arrival(self) -> None:
        self._arrival.set()
        self._arrival = asyncio.Event()

    # ----------------------------------------------------------------- websocket commands

    async def _cmd_dnd(self, session: _Session, message: dict[str, Any]) -> None:
        user = self.pbx.users[session.username]
        user.dnd_enabled = _arg(message, "state", bool)
        update = dict.fromkeys(user.config_snapshot(), None)
        update |= {"userId": user.user_id, "dndEnabled": user.dnd_enabled}
        await self.push(session.username, frame("UserConfigUpdate", update))

    async def _cmd_forward(self, session: _Session, message: dict[str, Any]) -> None:
        kind = message["command"].removesuffix("Fwd")  # "unc" | "na" | "busy"
        state = _arg(message, "state", bool)
        destination = message.get("destination", "")
        if not isinstance(destination, str):
            raise _BadArgument("'destination' must be a str")
        user = self.pbx.users[session.username]
        setattr(user, f"{kind}_fwd_enabled", state)
        setattr(user, f"{kind}_fwd_destination", destination)
        update = dict.fromkeys(user.config_snapshot(), None)
        update |= {
            "userId": user.user_id,
            "dndEnabled": user.dnd_enabled,
            f"{kind}FwdEnabled": state,
            f"{kind}FwdDestination": destination,
        }
        await self.push(session.username, frame("UserConfigUpdate", update))

    async def _cmd_dial(self, session: _Session, message: dict[str, Any]) -> None:
        variables = message.get("variables") or {}
        if not isinstance(variables, dict):
            raise _BadArgument("'variables' must be an object")
        await self.pbx.dial(session.username, _arg(message, "destination", str), variables)

    async def _cmd_dial_by_username(self, session: _Session, message: dict[str, Any]) -> None:
        target = self.pbx.users.get(_arg(message, "username", str))
        if target is None:
            await self._send_error(session, "UserNotFound", "no user with that username")
        elif target.number is None:
            await self._send_error(session, "NoLine", "that user has no line")
        else:
            await self.pbx.dial(session.username, target.number)

    async def _cmd_answer(self, session: _Session, message: dict[str, Any]) -> None:
        await self.pbx.answer(session.username, _opt_str(message, "uniqueId"))

    async def _cmd_hangup(self, session: _Session, message: dict[str, Any]) -> None:
        await self.pbx.hangup(session.username, _opt_str(message, "uniqueId"))

    async def _cmd_hold(self, session: _Session, message: dict[str, Any]) -> None:
        await self.pbx.hold(session.username, _opt_str(message, "uniqueId"))

    async def _cmd_direct_transfer(self, session: _Session, message: dict[str, Any]) -> None:
        await self.pbx.direct_transfer(session.username, _arg(message, "destination", str))

    async def _cmd_attended_transfer(self, session: _Session, message: dict[str, Any]) -> None:
        await self.pbx.attended_transfer(session.username, _arg(message, "destination", str))

    async def _cmd_complete_transfer(self, session: _Session, message: dict[str, Any]) -> None:
        await self.pbx.complete_transfer(session.username)

    async def _cmd_cancel_transfer(self, session: _Session, message: dict[str, Any]) -> None:
        await self.pbx.cancel_transfer(session.username)

    async def _cmd_conference(self, session: _Session, message: dict[str, Any]) -> None:
        await self.pbx.conference(session.username)

    async def _cmd_send_dtmf(self, session: _Session, message: dict[str, Any]) -> None:
        _arg(message, "key", str)  # recorded in frames(); a desk phone gives no feedback

    async def _cmd_toggle_microphone(self, session: _Session, message: dict[str, Any]) -> None:
        pass  # recorded in frames(); only a WebRTC client would act on it

    async def _cmd_set_data(self, session: _Session, message: dict[str, Any]) -> None:
        self.pbx.set_data(session.username, _arg(message, "variables", dict))

    async def _cmd_current_calls(self, session: _Session, message: dict[str, Any]) -> None:
        events = self.pbx.current_calls(session.username)
        await self._send_frame(session, "CurrentCallsPhoneEvents", {"events": events})

    async def _cmd_get_config(self, session: _Session, message: dict[str, Any]) -> None:
        object_type = _arg(message, "objectType", str)
        if object_type != "line":
            await self._send_error(session, "InvalidObjectType", f"unsupported {object_type!r}")
            return
        user = self.pbx.users[session.username]
        await self._send_frame(session, "LineConfig", user.line_config(self._host))

    async def _cmd_subscribe_hints(self, session: _Session, message: dict[str, Any]) -> None:
        numbers = _arg(message, "phoneNumbers", list)
        if not all(isinstance(number, str) for number in numbers):
            raise _BadArgument("'phoneNumbers' must be a list of strings")
        session.hints.update(numbers)
        for number in numbers:
            if (status := self.pbx.hints.get(number)) is not None:
                await self._send_frame(
                    session, "PhoneHintStatusEvent", {"number": number, "status": status}
                )

    async def _cmd_unsubscribe_hints(self, session: _Session, message: dict[str, Any]) -> None:
        session.hints.clear()

    async def _cmd_history(self, session: _Session, message: dict[str, Any]) -> None:
        size = message.get("size")
        if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
            raise _BadArgument("'size' must be a non-negative integer")
        history = self.pbx.users[session.username].history
        await self._send_frame(session, "CallHistory", history if size is None else history[:size])

    async def _cmd_history_by_days(self, session: _Session, message: dict[str, Any]) -> None:
        days = _arg(message, "days", int)
        since = (datetime.now() - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")
        history = self.pbx.users[session.username].history
        await self._send_frame(
            session, "CallHistory", [record for record in history if record["start"] >= since]
        )

    async def _cmd_search(self, session: _Session, message: dict[str, Any]) -> None:
        entries = self.pbx.search(_arg(message, "term", str))
        headers = ["Firstname", "Lastname", "Number", "Mobile", "Favorite"]
        await self._send_frame(session, "DirectoryResult", {"headers": headers, "entries": entries})

    _commands: ClassVar[dict[str, _CommandHandler]] = {
        "dnd": _cmd_dnd,
        "uncFwd": _cmd_forward,
        "naFwd": _cmd_forward,
        "busyFwd": _cmd_forward,
        "dial": _cmd_dial,
        "dialFromMobile": _cmd_dial,
        "dialFromQueue": _cmd_dial,
        "originate": _cmd_dial,
        "dialByUsername": _cmd_dial_by_username,
        "answer": _cmd_answer,
        "hangup": _cmd_hangup,
        "hold": _cmd_hold,
        "directTransfer": _cmd_direct_transfer,
        "attendedTransfer": _cmd_attended_transfer,
        "completeTransfer": _cmd_complete_transfer,
        "cancelTransfer": _cmd_cancel_transfer,
        "conference": _cmd_conference,
        "sendDtmf": _cmd_send_dtmf,
        "toggleMicrophone": _cmd_toggle_microphone,
        "setData": _cmd_set_data,
        "getCurrentCallsPhoneEvents": _cmd_current_calls,
        "getConfig": _cmd_get_config,
        "subscribeToPhoneHints": _cmd_subscribe_hints,
        "unsubscribeFromAllPhoneHints": _cmd_unsubscribe_hints,
        "getUserCallHistory": _cmd_history,
        "getUserCallHistoryByDays": _cmd_history_by_days,
        "searchContacts": _cmd_search,
        "directoryLookUp": _cmd_search,
    }

    # ----------------------------------------------------------------- HTTP control

    async def _handle_state(self, request: web.Request) -> web.Response:
        state = self.pbx.state()
        for name, user_state in state["users"].items():
            user_state["sessions"] = self.sessions(name)
        state["silent"] = self._silent
        return web.json_response(state)

    async def _handle_control(self, request: web.Request) -> web.Response:
        action = request.match_info["action"]
        if action not in HTTP_ACTIONS:
            return _error(404, "UnknownAction", f"no control action {action!r}")
        try:
            kwargs = await request.json() if request.can_read_body else {}
        except ValueError:
            return _error(400, "InvalidJson", "the body is not valid JSON")
        if not isinstance(kwargs, dict):
            return _error(400, "InvalidJson", "the body must be a JSON object")
        method = getattr(self, action)
        try:
            inspect.signature(method).bind(**kwargs)
        except TypeError as err:
            return _error(400, "InvalidArguments", str(err))
        if action == "restart":
            # Restarting inside this request would wait for this very request to finish.
            self.pbx.spawn(self.restart(**kwargs))
            return web.json_response({"result": None})
        try:
            result = method(**kwargs)
            if inspect.isawaitable(result):
                result = await result
        except UnknownUserError as err:
            return _error(404, "UserNotFound", f"no user {err.args[0]!r}")
        except ValueError as err:
            return _error(400, "InvalidArguments", str(err))
        return web.json_response({"result": result})

    # ----------------------------------------------------------------- control: calls

    async def incoming_call(
        self,
        username: str,
        caller_number: str,
        caller_name: str = "",
        queue_name: str = "",
        user_data: dict[str, str] | None = None,
    ) -> str:
        """Ring the user's line (EventRinging, Incoming); returns the call's linkedId."""
        return await self.pbx.incoming_call(
            username, caller_number, caller_name, queue_name, user_data
        )

    async def remote_answer(self, username: str, linked_id: str | None = None) -> None:
        """The far end (or the phone itself) answers: EventEstablished."""
        await self.pbx.remote_answer(username, linked_id)

    async def remote_hangup(self, username: str, linked_id: str | None = None) -> None:
        """The far end hangs up (default: the most recent call): EventReleased."""
        await self.pbx.remote_hangup(username, linked_id)

    async def missed_call(
        self, username: str, caller_number: str, caller_name: str = "", ring_time: float = 0.0
    ) -> str:
        """Ring, wait `ring_time`, release unanswered; returns the linkedId."""
        return await self.pbx.missed_call(username, caller_number, caller_name, ring_time)

    async def conference_event(
        self,
        username: str,
        event_type: str = "Join",
        conference_name: str = "Conference 4000",
        conference_number: str = "4000",
        participants: list[dict[str, Any]] | None = None,
        since: int = 0,
        unique_id: str | None = None,
    ) -> None:
        """ConferenceEvent (§4.12); default participants: the user alone, as organizer."""
        user = self.pbx.user(username)
        if participants is None:
            participants = [
                {
                    "index": 1,
                    "callerIdName": user.full_name,
                    "phoneNumber": user.number or "",
                    "since": since,
                    "isMe": True,
                    "role": "Organizer",
                }
            ]
        message = {
            "eventType": event_type,
            "uniqueId": unique_id if unique_id is not None else self._current_unique_id(username),
            "conferenceName": conference_name,
            "conferenceNumber": conference_number,
            "participants": participants,
            "since": since,
        }
        await self.push(username, frame("ConferenceEvent", message))

    async def conference_participant_event(
        self,
        username: str,
        event_type: str = "Join",
        phone_number: str = "1001",
        caller_id_name: str = "",
        index: int = 2,
        since: int = 0,
        is_me: bool = False,
        role: str = "User",
        conference_name: str = "Conference 4000",
        conference_number: str = "4000",
        unique_id: str | None = None,
    ) -> None:
        """ConferenceParticipantEvent (§4.12)."""
        message = {
            "eventType": event_type,
            "uniqueId": unique_id if unique_id is not None else self._current_unique_id(username),
            "conferenceName": conference_name,
            "conferenceNumber": conference_number,
            "phoneNumber": phone_number,
            "callerIdName": caller_id_name or self.pbx.name_of(phone_number),
            "index": index,
            "since": since,
            "isMe": is_me,
            "role": role,
        }
        await self.push(username, frame("ConferenceParticipantEvent", message))

    def _current_unique_id(self, username: str) -> str:
        call = self.pbx.lines[self.pbx.user(username).username].current()
        return call.unique_id if call is not None else ""

    # ----------------------------------------------------------------- control: line & user

    async def set_voicemail(self, username: str, new: int, waiting: int = 0, old: int = 0) -> None:
        user = self.pbx.user(username)
        user.voicemail_new, user.voicemail_waiting, user.voicemail_old = new, waiting, old
        await self.push(username, frame("VoiceMailStatusUpdate", user.voicemail_status()))

    async def set_hint(self, number: str, status: int) -> None:
        """PhoneHintStatusEvent (status: a §2.4 number) to the sessions subscribed to `number`."""
        await self.pbx.set_hint(number, status)

    async def set_phone_status(self, username: str, status_name: str) -> None:
        """Force the device status (a §2.4 name, e.g. "BUSY") until the next call change."""
        name = status_name.upper()
        if name not in PHONE_STATUS:
            raise ValueError(f"unknown phone status {status_name!r}")
        line = self.pbx.lines[self.pbx.user(username).username]
        line.forced_status = name
        await self.pbx.publish_status(line)

    async def set_user_config(self, username: str, **config: Any) -> None:
        """Change the user's configuration server-side, then push a full UserConfigUpdate.

        `config` keys are SimUser fields (snake_case), e.g. dnd_enabled=True.
        """
        user = self.pbx.user(username)
        unknown = set(config) - _CONFIG_FIELDS
        if unknown:
            raise ValueError(f"unknown user fields: {sorted(unknown)}")
        for name, value in config.items():
            setattr(user, name, value)
        await self.push(username, frame("UserConfigUpdate", user.config_snapshot()))

    async def set_password(self, username: str, password: str) -> None:
        self.pbx.user(username).password = password

    # ----------------------------------------------------------------- control: link faults

    async def drop_connections(self, username: str | None = None) -> int:
        """Abort the TCP connection of the sessions (no close frame); returns how many."""
        if username is not None:
            self.pbx.user(username)
        dropped = [s for s in self._sessions if username is None or s.username == username]
        for session in dropped:
            session.abort()
            self._sessions.remove(session)
        return len(dropped)

    async def set_silent(self, silent: bool) -> None:
        """Make the server a silently dead link (or a live one again).

        While silent, open websockets get nothing (no pong, no event) and commands are not
        acted on, but the TCP connections stay open.
        """
        self._silent = silent

    async def refuse_tokens(self) -> None:
        """Every token issued so far is refused from now on; new logins still work."""
        self._tokens.clear()

    # ----------------------------------------------------------------- control: raw frames

    async def send_raw(self, username: str, text: str) -> None:
        """Push an arbitrary text frame (malformed JSON, unknown msgType...)."""
        self.pbx.user(username)
        await self._broadcast([s for s in self._sessions if s.username == username], text)

    async def send_frame(self, username: str, frame: dict[str, Any]) -> None:
        self.pbx.user(username)
        await self.push(username, frame)

    async def flood(self, username: str, frames: list[str], repeat: int = 1) -> int:
        """Send pre-serialised frames as fast as the sockets take them; returns frames sent."""
        self.pbx.user(username)
        sessions = [s for s in self._sessions if s.username == username]
        sent = 0
        for _ in range(repeat):
            for text in frames:
                for session in sessions:
                    # Not logged: a flood is for measuring, and a log line per frame would be
                    # what is measured.
                    sent += await self._send(session, text, log=False)
        return sent

    # ----------------------------------------------------------------- inspection

    def frames(self, username: str) -> list[dict[str, Any]]:
        """Every command frame received from the user's sessions, in order (pings excluded)."""
        return list(self._received[self.pbx.user(username).username])

    def pings(self, username: str) -> int:
        return self._ping_counts[self.pbx.user(username).username]

    def clear_frames(self, username: str) -> None:
        self._received[self.pbx.user(username).username].clear()
        self._taken[username].clear()

    def sessions(self, username: str) -> int:
        """Number of open websockets of the user."""
        self.pbx.user(username)
        return sum(1 for s in self._sessions if s.username == username and not s.closed)

    # A timeout argument keeps the test-side call a one-liner.
    async def wait_for_command(
        self,
        username: str,
        command: str,
        timeout: float = 2.0,  # noqa: ASYNC109
    ) -> dict[str, Any]:
        """The first `command` frame not returned by an earlier wait (or the next to arrive).

        Raises TimeoutError.
        """
        self.pbx.user(username)
        async with asyncio.timeout(timeout):
            while True:
                arrival = self._arrival
                taken = self._taken[username]
                for index, message in enumerate(self._received[username]):
                    if index not in taken and message.get("command") == command:
                        taken.add(index)
                        return message
                await arrival.wait()
