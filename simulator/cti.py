"""The CTI websocket commands (`{"claz":"web","command":...}`) and what each one does.

A command that a real XUC refuses gets an `Error` frame (protocol §4.10):
`{"msgType":"Error","ctiMessage":{"Error":"<code>","message":"..."}}`. The codes used:
`UnknownCommand`, `InvalidArgument`, `InvalidObjectType`, `NoLine` (the user has no line),
`NoMobileNumber` (dialFromMobile without one), `UserNotFound` (dialByUsername).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from aiohttp import web

from .directory import HEADERS
from .pbx import NoLineError, NoMobileError, Pbx, frame

if TYPE_CHECKING:
    from .acd import ContactCentre


@dataclass(eq=False)
class Session:
    """One open CTI websocket."""

    username: str
    ws: web.WebSocketResponse
    request: web.Request
    hints: set[str] = field(default_factory=set)
    closed: bool = False
    # Contact-centre feeds this socket asked for (acd.py): subscriptions are per socket.
    agent_events: bool = False
    queue_stats: bool = False
    queue_calls: set[int] = field(default_factory=set)
    lists: set[str] = field(default_factory=set)

    def abort(self) -> None:
        """Cut the TCP connection without a close frame, like a network failure."""
        self.closed = True
        if (transport := self.request.transport) is not None:
            transport.abort()

    def close_transport(self) -> None:
        """Close the connection once what was sent is flushed, with no websocket close frame."""
        self.closed = True
        if (transport := self.request.transport) is not None:
            transport.close()


class Outbox(Protocol):
    """How commands answer: to the session that asked, or to every session of a user."""

    async def push(self, username: str, frame: dict[str, Any]) -> None: ...

    async def send_frame_to(self, session: Session, msg_type: str, cti_message: Any) -> None: ...

    async def send_error(self, session: Session, code: str, message: str) -> None: ...


class BadArgument(Exception):
    """A websocket command lacks an argument or has one of the wrong type."""


def _arg[T](message: dict[str, Any], key: str, kind: type[T]) -> T:
    value = message.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise BadArgument(f"{key!r} must be a {kind.__name__}")
    return value


def _opt_str(message: dict[str, Any], key: str) -> str | None:
    value = message.get(key)
    return value if isinstance(value, str) and value else None


type _Handler = Callable[["Commands", Session, dict[str, Any]], Awaitable[None]]


class Commands:
    """Runs one command of a session against the PBX."""

    def __init__(
        self, pbx: Pbx, out: Outbox, xivo_ip: str, cc: ContactCentre | None = None
    ) -> None:
        self.pbx = pbx
        self._out = out
        self._xivo_ip = xivo_ip
        self._cc = cc

    async def execute(self, session: Session, message: dict[str, Any]) -> None:
        command = message.get("command")
        handler = self._handlers.get(command) if isinstance(command, str) else None
        # Agents and queues: the contact centre answers (and reports its own errors).
        if (
            handler is None
            and self._cc is not None
            and isinstance(command, str)
            and (cc_handler := self._cc.handler(command)) is not None
        ):
            await cc_handler(session, message)
            return
        if handler is None:
            await self._out.send_error(session, "UnknownCommand", f"unknown command {command!r}")
            return
        try:
            await handler(self, session, message)
        except BadArgument as err:
            await self._out.send_error(session, "InvalidArgument", f"{command}: {err}")
        except NoLineError as err:
            await self._out.send_error(session, "NoLine", str(err))
        except NoMobileError as err:
            await self._out.send_error(session, "NoMobileNumber", str(err))

    # ----------------------------------------------------------------- line services

    async def _dnd(self, session: Session, message: dict[str, Any]) -> None:
        user = self.pbx.users[session.username]
        user.dnd_enabled = _arg(message, "state", bool)
        update = dict.fromkeys(user.config_snapshot(), None)
        update |= {"userId": user.user_id, "dndEnabled": user.dnd_enabled}
        await self._out.push(session.username, frame("UserConfigUpdate", update))

    async def _forward(self, session: Session, message: dict[str, Any]) -> None:
        kind = message["command"].removesuffix("Fwd")  # "unc" | "na" | "busy"
        state = _arg(message, "state", bool)
        destination = message.get("destination", "")
        if not isinstance(destination, str):
            raise BadArgument("'destination' must be a str")
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
        await self._out.push(session.username, frame("UserConfigUpdate", update))

    # ----------------------------------------------------------------- calls

    async def _dial(self, session: Session, message: dict[str, Any]) -> None:
        variables = message.get("variables") or {}
        if not isinstance(variables, dict):
            raise BadArgument("'variables' must be an object")
        await self.pbx.dial(
            session.username,
            _arg(message, "destination", str),
            variables,
            from_mobile=message["command"] == "dialFromMobile",
        )

    async def _dial_by_username(self, session: Session, message: dict[str, Any]) -> None:
        target = self.pbx.users.get(_arg(message, "username", str))
        if target is None:
            await self._out.send_error(session, "UserNotFound", "no user with that username")
        elif target.number is None:
            await self._out.send_error(session, "NoLine", "that user has no line")
        else:
            await self.pbx.dial(session.username, target.number)

    async def _answer(self, session: Session, message: dict[str, Any]) -> None:
        await self.pbx.answer(session.username, _opt_str(message, "uniqueId"))

    async def _hangup(self, session: Session, message: dict[str, Any]) -> None:
        await self.pbx.hangup(session.username, _opt_str(message, "uniqueId"))

    async def _hold(self, session: Session, message: dict[str, Any]) -> None:
        await self.pbx.hold(session.username, _opt_str(message, "uniqueId"))

    async def _direct_transfer(self, session: Session, message: dict[str, Any]) -> None:
        await self.pbx.direct_transfer(session.username, _arg(message, "destination", str))

    async def _attended_transfer(self, session: Session, message: dict[str, Any]) -> None:
        await self.pbx.attended_transfer(session.username, _arg(message, "destination", str))

    async def _complete_transfer(self, session: Session, message: dict[str, Any]) -> None:
        await self.pbx.complete_transfer(session.username)

    async def _cancel_transfer(self, session: Session, message: dict[str, Any]) -> None:
        await self.pbx.cancel_transfer(session.username)

    async def _conference(self, session: Session, message: dict[str, Any]) -> None:
        await self.pbx.conference(session.username)

    async def _send_dtmf(self, session: Session, message: dict[str, Any]) -> None:
        _arg(message, "key", str)  # recorded in frames(); a desk phone gives no feedback

    async def _toggle_microphone(self, session: Session, message: dict[str, Any]) -> None:
        pass  # recorded in frames(); only a WebRTC client would act on it

    async def _set_data(self, session: Session, message: dict[str, Any]) -> None:
        self.pbx.set_data(session.username, _arg(message, "variables", dict))

    # ----------------------------------------------------------------- requests

    async def _current_calls(self, session: Session, message: dict[str, Any]) -> None:
        events = self.pbx.current_calls(session.username)
        await self._out.send_frame_to(session, "CurrentCallsPhoneEvents", {"events": events})

    async def _get_config(self, session: Session, message: dict[str, Any]) -> None:
        object_type = _arg(message, "objectType", str)
        if object_type != "line":
            await self._out.send_error(session, "InvalidObjectType", f"unsupported {object_type!r}")
            return
        user = self.pbx.users[session.username]
        await self._out.send_frame_to(session, "LineConfig", user.line_config(self._xivo_ip))

    async def _subscribe_hints(self, session: Session, message: dict[str, Any]) -> None:
        numbers = _arg(message, "phoneNumbers", list)
        if not all(isinstance(number, str) for number in numbers):
            raise BadArgument("'phoneNumbers' must be a list of strings")
        session.hints.update(numbers)
        for number in numbers:
            if (status := self.pbx.hints.get(number)) is not None:
                await self._out.send_frame_to(
                    session, "PhoneHintStatusEvent", {"number": number, "status": status}
                )

    async def _unsubscribe_hints(self, session: Session, message: dict[str, Any]) -> None:
        session.hints.clear()

    async def _history(self, session: Session, message: dict[str, Any]) -> None:
        size = message.get("size")
        if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
            raise BadArgument("'size' must be a non-negative integer")
        history = self.pbx.users[session.username].history
        await self._out.send_frame_to(
            session, "CallHistory", history if size is None else history[:size]
        )

    async def _history_by_days(self, session: Session, message: dict[str, Any]) -> None:
        days = _arg(message, "days", int)
        since = (datetime.now() - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")
        history = self.pbx.users[session.username].history
        await self._out.send_frame_to(
            session, "CallHistory", [record for record in history if record["start"] >= since]
        )

    async def _search(self, session: Session, message: dict[str, Any]) -> None:
        entries = self.pbx.search(_arg(message, "term", str))
        await self._out.send_frame_to(
            session, "DirectoryResult", {"headers": HEADERS, "entries": entries}
        )

    _handlers: ClassVar[dict[str, _Handler]] = {
        "dnd": _dnd,
        "uncFwd": _forward,
        "naFwd": _forward,
        "busyFwd": _forward,
        "dial": _dial,
        "dialFromMobile": _dial,
        "dialFromQueue": _dial,
        "originate": _dial,
        "dialByUsername": _dial_by_username,
        "answer": _answer,
        "hangup": _hangup,
        "hold": _hold,
        "directTransfer": _direct_transfer,
        "attendedTransfer": _attended_transfer,
        "completeTransfer": _complete_transfer,
        "cancelTransfer": _cancel_transfer,
        "conference": _conference,
        "sendDtmf": _send_dtmf,
        "toggleMicrophone": _toggle_microphone,
        "setData": _set_data,
        "getCurrentCallsPhoneEvents": _current_calls,
        "getConfig": _get_config,
        "subscribeToPhoneHints": _subscribe_hints,
        "unsubscribeFromAllPhoneHints": _unsubscribe_hints,
        "getUserCallHistory": _history,
        "getUserCallHistoryByDays": _history_by_days,
        "searchContacts": _search,
        "directoryLookUp": _search,
    }
