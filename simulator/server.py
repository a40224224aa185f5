"""The aiohttp server: XUC REST + CTI websocket, plus the control interface tests drive.

Control happens in-process (the `XucSimulator` methods) or over HTTP (`POST /_sim/<action>`
with the method's keyword arguments as a JSON object; `GET /_sim/state`, and
`GET /_sim/frames/{username}` for the command frames a user's sessions sent).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
import copy
from dataclasses import fields
import inspect
import json
import logging
import math
import secrets
import ssl
from types import TracebackType
from typing import Any, Self

from aiohttp import WSMsgType, web

from .acd import ContactCentre
from .agents import CcOptions
from .cti import Commands, Session
from .faults import Faults
from .line import PHONE_STATUS
from .pbx import Pbx, UnknownUserError, frame
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
        "refuse_commands",
        "delay_replies",
        "delay_upgrade",
        "close_after_logged_on",
        # Contact centre (acd.py)
        "queue_call",
        "queue_hangup",
        "agent",
        "set_cc_options",
        "cc_bulk",
        "stats_burst",
    }
)

# SimUser attributes an admin may change through set_user_config.
_CONFIG_FIELDS = frozenset(f.name for f in fields(SimUser)) - {"username", "password", "history"}


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": code, "message": message}, status=status)


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
        ring_timeout: float = 15.0,
        ping_reply: dict[str, Any] | None = None,
        phone_status_as_number: bool = False,
        ssl_context: ssl.SSLContext | None = None,
        cc_options: CcOptions | None = None,
    ) -> None:
        """A server that listens once started (port 0: a free port, kept across restarts).

        `answer_delay`: seconds before a dialled party answers (a colleague dialled or
        transferred to, or an outside number); None: nobody answers by themselves.
        `ring_timeout`: seconds a call rings before a no-answer forward takes it.
        """
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
            ring_timeout=ring_timeout,
            phone_status_as_number=phone_status_as_number,
        )
        # Agents, queues and the ACD; `cc_options` are its knobs (agents.CcOptions).
        self.cc = ContactCentre(self.pbx, self, cc_options)
        self._commands = Commands(self.pbx, self, host, self.cc)
        self.faults = Faults()
        # Upgrade requests held by delay_upgrade, cancelled when the HTTP side stops.
        self._held_upgrades: set[asyncio.Task[Any]] = set()
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._sessions: list[Session] = []
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
        app.router.add_get("/_sim/frames/{username}", self._handle_frames)
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
        for task in list(self._held_upgrades):
            task.cancel()
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

    async def _broadcast(self, sessions: list[Session], text: str) -> None:
        for session in sessions:
            await self._send(session, text)

    def cc_sessions(self) -> list[Session]:
        return self._sessions

    async def send_text(self, sessions: list[Session], text: str, *, log: bool = True) -> int:
        """One frame to these sessions; how many got it."""
        sent = 0
        for session in sessions:
            sent += await self._send(session, text, log=log)
        return sent

    async def _send(self, session: Session, text: str, *, log: bool = True) -> bool:
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

    async def send_frame_to(self, session: Session, msg_type: str, cti_message: Any) -> None:
        await self._send(session, json.dumps(frame(msg_type, cti_message)))

    async def send_error(self, session: Session, code: str, message: str) -> None:
        """An Error frame (protocol §4.10) to the session whose command failed."""
        await self.send_frame_to(session, "Error", {"Error": code, "message": message})

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
        if self.faults.upgrade_delay > 0:
            await self._hold_upgrade()
        token = request.query.get("token", "")
        username = self._tokens.get(token) if token else None
        if username is None:
            return _error(401, "TokenExpired", "the token is expired or unknown")
        # autoping=False: protocol-level pings are answered by hand, so set_silent covers them.
        ws = web.WebSocketResponse(autoping=False)
        await ws.prepare(request)
        session = Session(username, ws, request)
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

    async def _hold_upgrade(self) -> None:
        """Wait as delay_upgrade says; a stop or restart cancels the wait with the request."""
        task = asyncio.current_task()
        assert task is not None  # aiohttp runs each request handler in a task
        self._held_upgrades.add(task)
        try:
            await self.faults.hold_upgrade()
        finally:
            self._held_upgrades.discard(task)

    async def _send_initial(self, session: Session) -> None:
        user = self.pbx.users[session.username]
        line = self.pbx.lines[session.username]
        await self.send_frame_to(session, "LoggedOn", {})
        if self.faults.take_session_close():
            # As XUC under load or restarting: the login is taken, the session closed at once.
            session.close_transport()
            return
        await self.send_frame_to(session, "UserConfigUpdate", self.cc.user_config(user))
        await self.send_frame_to(
            session, "PhoneStatusUpdate", {"status": self.pbx.status_value(line.status())}
        )
        await self.send_frame_to(session, "VoiceMailStatusUpdate", user.voicemail_status())
        await self.cc.send_initial(session)

    async def _on_text(self, session: Session, text: str) -> None:
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

    async def _execute(self, session: Session, message: dict[str, Any]) -> None:
        command = message.get("command")
        name = command if isinstance(command, str) else ""
        if (refusal := self.faults.take_refusal(session.username, name)) is not None:
            await self.send_error(session, refusal.code, refusal.message)
            return
        if (delay := self.faults.reply_delay_for(name)) == math.inf:
            return  # recorded in frames(), never answered
        if delay > 0:
            # Later, without holding up the session: the next commands are served meanwhile.
            self.pbx.spawn(self._execute_late(delay, session, message))
            return
        await self._commands.execute(session, message)

    async def _execute_late(self, delay: float, session: Session, message: dict[str, Any]) -> None:
        await asyncio.sleep(delay)
        if not session.closed:
            await self._commands.execute(session, message)

    def _notify_arrival(self) -> None:
        self._arrival.set()
        self._arrival = asyncio.Event()

    # ----------------------------------------------------------------- HTTP control

    async def _handle_state(self, request: web.Request) -> web.Response:
        state = self.pbx.state()
        for name, user_state in state["users"].items():
            user_state["sessions"] = self.sessions(name)
        state["silent"] = self._silent
        state["contactCentre"] = self.cc.state()
        state["faults"] = self.faults.state()
        return web.json_response(state)

    async def _handle_frames(self, request: web.Request) -> web.Response:
        """`GET /_sim/frames/{username}`: frames(username), read-only (for browser tests)."""
        try:
            return web.json_response({"result": self.frames(request.match_info["username"])})
        except UnknownUserError as err:
            return _error(404, "UserNotFound", f"no user {err.args[0]!r}")

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
        await self.push(username, frame("UserConfigUpdate", self.cc.user_config(user)))

    async def set_password(self, username: str, password: str) -> None:
        self.pbx.user(username).password = password

    # ----------------------------------------------------------------- control: contact centre

    async def queue_call(self, queue: str, caller_number: str, caller_name: str = "") -> str:
        """A caller enters a queue (its number, name or id); returns the call's linkedId.

        The call waits (QueueCalls, counters), rings a ready member's line with queueName
        set, moves on to the next one after cc.options.queue_ring_timeout seconds.
        """
        return await self.cc.queue_call(queue, caller_number, caller_name)

    async def queue_hangup(self, linked_id: str) -> None:
        """The caller of a queue call hangs up: abandoned if nobody answered yet."""
        await self.cc.caller_hangs_up(linked_id)

    async def agent(
        self,
        username: str | None = None,
        state: str = "ready",
        reason: str | None = None,
        agent_id: int | None = None,
        phone_number: str | None = None,
    ) -> str:
        """Drive an agent (by its user, or its id): logged_out, ready or paused (+ reason).

        Logging in uses `phone_number`, else the user's line, else the agent's number (an
        agent without a line, as in cc_bulk). Returns the agent's wire state name.
        """
        live = self.cc.agent_for(username, agent_id)
        return await self.cc.drive(live, state, reason, phone_number)

    async def set_cc_options(self, **knobs: Any) -> dict[str, Any]:
        """Set contact-centre knobs (agents.CcOptions fields); returns them all."""
        self.cc.options.update(**knobs)
        return {f.name: getattr(self.cc.options, f.name) for f in fields(self.cc.options)}

    async def cc_bulk(self, queues: int = 50, agents: int = 300, logged_in: bool = True) -> None:
        """Replace the demo queues and agents by `queues` x `agents` (for benchmarks).

        Agent i is in queues i mod N and the next; logged_in: all ready, on no line.
        """
        await self.cc.bulk(queues, agents)
        if logged_in:
            await self.cc.log_all_in()

    async def stats_burst(
        self, rate: float = 1000.0, count: int = 1000, counters: int = 10
    ) -> dict[str, float]:
        """Push `count` one-counter QueueStatistics frames at `rate` per second (a benchmark)."""
        return await self.cc.stats_burst(rate, count, counters)

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

    async def refuse_commands(
        self,
        count: int = 1,
        code: str = "CommandRefused",
        message: str = "the server refused the command",
        command: str | None = None,
        username: str | None = None,
    ) -> None:
        """The next `count` commands get an Error frame instead of being carried out.

        Only commands named `command` / sent by `username` when given (any otherwise);
        pings are never refused. A new call replaces the previous one; count=0 cancels.
        """
        if username is not None:
            self.pbx.user(username)
        self.faults.refuse(count, code, message, command, username)

    async def delay_replies(
        self,
        seconds: float = 0.0,
        forever: bool = False,
        commands: list[str] | None = None,
    ) -> None:
        """Carry out these commands `seconds` late (forever=True: never), so replies come late.

        Default commands: searchContacts, directoryLookUp, getUserCallHistory,
        getUserCallHistoryByDays, getCurrentCallsPhoneEvents. Other commands are served
        meanwhile. seconds=0 (and forever=False) puts replies back on time. frames() and
        wait_for_command() see a delayed command when it arrives, not when it is answered.
        """
        self.faults.delay_replies(seconds, forever, commands)

    async def delay_upgrade(self, seconds: float = 0.0, forever: bool = False) -> None:
        """Hold websocket upgrades (/cti) `seconds` (forever=True: until changed back).

        Login and token check still answer at once. seconds=0 answers upgrades again,
        including those being held.
        """
        self.faults.delay_upgrade(seconds, forever)

    async def close_after_logged_on(self, count: int = 1) -> None:
        """Close the next `count` CTI sessions right after their LoggedOn frame.

        count=0 cancels. Logins and token checks still answer.
        """
        self.faults.close_sessions(count)

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
