"""The simulated telephony: users' lines, calls between them, hints and the pushes they cause.

Everything here is transport-agnostic: frames go out through a `Notifier` (the websocket server).
The state lives in this object, so it survives a restart of the HTTP side, as a real XUC's
state survives in its database and in Asterisk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterable
from datetime import datetime
import itertools
import logging
import time
from typing import Any, Protocol

from .line import (
    EVENT_FAILURE,
    EVENT_RELEASED,
    INCOMING,
    OUTGOING,
    PHONE_STATUS,
    Call,
    CallState,
    LegRef,
    Line,
    usr_prefixed,
)
from .users import SimContact, SimUser

_LOGGER = logging.getLogger("simulator")

# Destinations starting with this prefix fail at once (EventFailure), to exercise that path.
FAILING_PREFIX = "999"


class UnknownUserError(KeyError):
    """No simulated user has that username."""


class NoLineError(ValueError):
    """The user has no line, so it cannot place or receive calls."""


class Notifier(Protocol):
    """The server side that delivers frames to websocket sessions."""

    async def push(self, username: str, frame: dict[str, Any]) -> None:
        """Send a frame to every open session of that user."""

    async def push_hint(self, number: str, status: int) -> None:
        """Send a PhoneHintStatusEvent to every session subscribed to that number."""


def frame(msg_type: str, cti_message: Any) -> dict[str, Any]:
    return {"msgType": msg_type, "ctiMessage": cti_message}


class Pbx:
    """Users, lines and the call logic between them."""

    def __init__(
        self,
        users: Iterable[SimUser],
        contacts: Iterable[SimContact],
        notifier: Notifier,
        *,
        answer_delay: float | None,
        phone_status_as_number: bool,
    ) -> None:
        self.users: dict[str, SimUser] = {user.username: user for user in users}
        self.contacts: list[SimContact] = list(contacts)
        self.lines: dict[str, Line] = {name: Line(user) for name, user in self.users.items()}
        # Last hint status of every number the server knows (users' numbers + set_hint ones).
        self.hints: dict[str, int] = {
            user.number: PHONE_STATUS["AVAILABLE"] for user in self.users.values() if user.number
        }
        self.answer_delay = answer_delay
        self.phone_status_as_number = phone_status_as_number
        self._notifier = notifier
        self._id_base = int(time.time())
        self._id_counter = itertools.count(1)
        self._tasks: set[asyncio.Task[Any]] = set()

    # ----------------------------------------------------------------- lookups

    def user(self, username: str) -> SimUser:
        try:
            return self.users[username]
        except KeyError:
            raise UnknownUserError(username) from None

    def line(self, username: str) -> Line:
        line = self.lines[self.user(username).username]
        if line.user.number is None:
            raise NoLineError(f"user {username!r} has no line")
        return line

    def user_by_number(self, number: str) -> SimUser | None:
        return next((u for u in self.users.values() if u.number and u.number == number), None)

    def name_of(self, number: str) -> str:
        if (user := self.user_by_number(number)) is not None:
            return user.full_name
        for contact in self.contacts:
            if number in (contact.number, contact.mobile):
                return contact.full_name
        return ""

    def _party(self, number: str, peer: LegRef | None) -> tuple[str, str, str]:
        """(username, first name, last name) of the far end, for history records."""
        user = self.users.get(peer.username) if peer else self.user_by_number(number)
        if user is not None:
            return (user.username, user.first_name, user.last_name)
        for contact in self.contacts:
            if number in (contact.number, contact.mobile):
                return ("", contact.first_name, contact.last_name)
        return ("", "", "")

    def _new_id(self) -> str:
        return f"{self._id_base}.{next(self._id_counter)}"

    def _peer_of(self, call: Call) -> tuple[Line, Call] | None:
        if call.peer is None:
            return None
        line = self.lines.get(call.peer.username)
        peer = line.find(unique_id=call.peer.unique_id) if line else None
        return (line, peer) if line is not None and peer is not None else None

    def status_value(self, name: str) -> str | int:
        return PHONE_STATUS[name] if self.phone_status_as_number else name

    # ----------------------------------------------------------------- pushes

    async def _event(self, line: Line, call: Call, event_type: str | None = None) -> None:
        await self._notifier.push(
            line.user.username, frame("PhoneEvent", line.phone_event(call, event_type))
        )

    async def publish_status(self, line: Line) -> None:
        """PhoneStatusUpdate to the user, and the hint of its number to every subscriber."""
        status = line.status()
        await self._notifier.push(
            line.user.username, frame("PhoneStatusUpdate", {"status": self.status_value(status)})
        )
        if line.user.number:
            self.hints[line.user.number] = PHONE_STATUS[status]
            await self._notifier.push_hint(line.user.number, PHONE_STATUS[status])

    async def _changed(self, line: Line, call: Call, event_type: str | None = None) -> None:
        line.forced_status = None
        await self._event(line, call, event_type)
        await self.publish_status(line)

    async def set_hint(self, number: str, status: int) -> None:
        self.hints[number] = status
        await self._notifier.push_hint(number, status)

    # ----------------------------------------------------------------- timers

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            _LOGGER.error("simulator task failed", exc_info=exc)

    async def close(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # ----------------------------------------------------------------- call primitives

    def _user_data(
        self, src: SimUser | None, src_num: str, dst_num: str, context: str
    ) -> dict[str, str]:
        data = {"XIVO_CONTEXT": context, "XIVO_SRCNUM": src_num, "XIVO_DSTNUM": dst_num}
        if src is not None:
            data["XIVO_USERID"] = str(src.user_id)
        return data

    def _leg(self, line: Line, **fields: Any) -> Call:
        call = Call(unique_id=self._new_id(), **fields)
        call.user_data = {**call.user_data, "SIPCALLID": f"sim-{call.unique_id}@127.0.0.1"}
        line.calls.append(call)
        return call

    async def _hold_others(self, line: Line, keep: Call | None) -> None:
        """A desk phone puts the call in progress on hold when another one starts talking."""
        for call in list(line.calls):
            if call is not keep and call.state is CallState.ESTABLISHED:
                call.state = CallState.ON_HOLD
                await self._changed(line, call)

    async def _establish(self, line: Line, call: Call) -> None:
        if call.state is CallState.ESTABLISHED:
            return
        await self._hold_others(line, call)
        call.state = CallState.ESTABLISHED
        call.answered_at = call.answered_at or datetime.now()
        await self._changed(line, call)

    async def _establish_both(self, line: Line, call: Call) -> None:
        await self._establish(line, call)
        if (peer := self._peer_of(call)) is not None and peer[1].state in (
            CallState.DIALING,
            CallState.RINGING,
        ):
            await self._establish(*peer)

    async def _release(self, line: Line, call: Call, *, with_peer: bool = True) -> None:
        if call not in line.calls:
            return
        peer = self._peer_of(call) if with_peer else None
        line.calls.remove(call)
        if line.transfer and call.unique_id in line.transfer:
            line.transfer = None
        line.user.history.insert(
            0, line.history_record(call, self._party(call.other_dn, call.peer), datetime.now())
        )
        await self._changed(line, call, EVENT_RELEASED)
        if peer is not None:
            await self._release(*peer, with_peer=False)

    async def _ring(
        self,
        line: Line,
        *,
        other_dn: str,
        other_dname: str,
        linked_id: str,
        user_data: dict[str, str],
        queue_name: str = "",
        peer: LegRef | None = None,
    ) -> Call:
        call = self._leg(
            line,
            linked_id=linked_id,
            direction=INCOMING,
            other_dn=other_dn,
            other_dname=other_dname,
            state=CallState.RINGING,
            queue_name=queue_name,
            user_data=user_data,
            peer=peer,
        )
        await self._changed(line, call)
        return call

    # ----------------------------------------------------------------- user commands

    async def dial(
        self, username: str, destination: str, variables: dict[str, Any] | None = None
    ) -> str:
        """Place a call from the user's line; returns its linkedId."""
        line = self.line(username)
        user = line.user
        data = self._user_data(user, line.dn, destination, "default") | usr_prefixed(
            variables or {}
        )
        if destination.startswith(FAILING_PREFIX):
            failed = Call(
                unique_id=(linked := self._new_id()),
                linked_id=linked,
                direction=OUTGOING,
                other_dn=destination,
                other_dname=self.name_of(destination),
                state=CallState.DIALING,
                user_data=data,
            )
            await self._event(line, failed, EVENT_FAILURE)
            return linked
        await self._hold_others(line, None)
        call = self._leg(
            line,
            linked_id="",
            direction=OUTGOING,
            other_dn=destination,
            other_dname=self.name_of(destination),
            state=CallState.DIALING,
            user_data=data,
        )
        # The caller's channel is the first of the call, so its id is the linkedId.
        call.linked_id = linked = call.unique_id
        await self._changed(line, call)
        target = self.user_by_number(destination)
        if target is not None and target.username != username:
            callee = await self._ring(
                self.lines[target.username],
                other_dn=line.dn,
                other_dname=user.full_name,
                linked_id=linked,
                user_data=data,
                peer=LegRef(username, call.unique_id),
            )
            call.peer = LegRef(target.username, callee.unique_id)
        if self.answer_delay is not None:
            self.spawn(self._answer_later(username, call.unique_id, self.answer_delay))
        return linked

    async def _answer_later(self, username: str, unique_id: str, delay: float) -> None:
        await asyncio.sleep(delay)
        line = self.lines[username]
        call = line.find(unique_id=unique_id)
        if call is not None and call.state is CallState.DIALING:
            await self._establish_both(line, call)

    async def answer(self, username: str, unique_id: str | None = None) -> None:
        line = self.line(username)
        call = line.find(unique_id=unique_id) if unique_id else line.first_in(CallState.RINGING)
        if call is not None and call.state is CallState.RINGING:
            await self._establish_both(line, call)

    async def hangup(self, username: str, unique_id: str | None = None) -> None:
        line = self.line(username)
        call = line.find(unique_id=unique_id) if unique_id else line.current()
        if call is not None:
            await self._release(line, call)

    async def hold(self, username: str, unique_id: str | None = None) -> None:
        """Toggle: Established → OnHold, OnHold → Established."""
        line = self.line(username)
        if unique_id:
            call = line.find(unique_id=unique_id)
        else:
            call = line.latest_in(CallState.ESTABLISHED) or line.latest_in(CallState.ON_HOLD)
        if call is None:
            return
        if call.state is CallState.ESTABLISHED:
            call.state = CallState.ON_HOLD
            await self._changed(line, call)
        elif call.state is CallState.ON_HOLD:
            await self._establish(line, call)

    async def direct_transfer(self, username: str, destination: str) -> None:
        """Our leg leaves; the far end is put through to the destination."""
        line = self.line(username)
        call = line.current()
        if call is None:
            return
        peer = self._peer_of(call)
        await self._release(line, call, with_peer=False)
        far_dn, far_name = call.other_dn, call.other_dname
        far_ref: LegRef | None = None
        if peer is not None:
            peer_line, peer_call = peer
            far_dn, far_name = peer_line.dn, peer_line.user.full_name
            far_ref = LegRef(peer_line.user.username, peer_call.unique_id)
            peer_call.other_dn, peer_call.other_dname = destination, self.name_of(destination)
            peer_call.peer = None
        target = self.user_by_number(destination)
        if target is not None and target.username != username:
            # Attached data follows the call to the transfer target (protocol §6).
            ringing = await self._ring(
                self.lines[target.username],
                other_dn=far_dn,
                other_dname=far_name,
                linked_id=call.linked_id,
                user_data=dict(call.user_data),
                queue_name=call.queue_name,
                peer=far_ref,
            )
            if peer is not None:
                peer[1].peer = LegRef(target.username, ringing.unique_id)

    async def attended_transfer(self, username: str, destination: str) -> None:
        """Hold the current call and dial the destination as a consultation call."""
        line = self.line(username)
        first = line.latest_in(CallState.ESTABLISHED, CallState.ON_HOLD)
        if first is None:
            return
        if first.state is CallState.ESTABLISHED:
            first.state = CallState.ON_HOLD
            await self._changed(line, first)
        linked = await self.dial(username, destination)
        second = line.find(linked_id=linked)
        if second is None:  # the dial failed: take the first call back
            await self._establish(line, first)
            return
        line.transfer = (first.unique_id, second.unique_id)

    async def complete_transfer(self, username: str) -> None:
        """Both of our legs leave; the two far ends stay connected to each other."""
        line = self.line(username)
        if line.transfer is None:
            return
        first = line.find(unique_id=line.transfer[0])
        second = line.find(unique_id=line.transfer[1])
        line.transfer = None
        legs = [call for call in (first, second) if call is not None]
        peers = [self._peer_of(call) for call in legs]
        for call in legs:
            await self._release(line, call, with_peer=False)
        if first is None or second is None:
            return
        peer1, peer2 = peers
        if peer1 is not None:
            peer1[1].other_dn, peer1[1].other_dname = second.other_dn, second.other_dname
            peer1[1].peer = LegRef(peer2[0].user.username, peer2[1].unique_id) if peer2 else None
        if peer2 is not None:
            peer2[1].other_dn, peer2[1].other_dname = first.other_dn, first.other_dname
            peer2[1].peer = LegRef(peer1[0].user.username, peer1[1].unique_id) if peer1 else None

    async def cancel_transfer(self, username: str) -> None:
        line = self.line(username)
        if line.transfer is None:
            return
        first_id, second_id = line.transfer
        line.transfer = None
        if (second := line.find(unique_id=second_id)) is not None:
            await self._release(line, second)
        if (first := line.find(unique_id=first_id)) is not None:
            await self._establish(line, first)

    async def conference(self, username: str) -> None:
        """With two calls or more, every held call joins the talking one."""
        line = self.line(username)
        if len(line.calls) < 2:
            return
        line.transfer = None
        for call in line.calls:
            if call.state is CallState.ON_HOLD:
                call.state = CallState.ESTABLISHED
                await self._changed(line, call)

    def set_data(self, username: str, variables: dict[str, Any]) -> bool:
        """Attach data to the current call (both legs); False when there is no call."""
        line = self.line(username)
        call = line.current()
        if call is None:
            return False
        data = usr_prefixed(variables)
        call.user_data.update(data)
        if (peer := self._peer_of(call)) is not None:
            peer[1].user_data.update(data)
        return True

    # ----------------------------------------------------------------- far-end actions

    async def incoming_call(
        self,
        username: str,
        caller_number: str,
        caller_name: str = "",
        queue_name: str = "",
        user_data: dict[str, str] | None = None,
    ) -> str:
        """A call rings on the user's line; a simulated caller gets the matching Dialing leg."""
        line = self.line(username)
        caller = self.user_by_number(caller_number)
        context = "default" if caller is not None else "from-extern"
        data = self._user_data(caller or line.user, caller_number, line.dn, context)
        data |= user_data or {}
        name = caller_name or self.name_of(caller_number)
        if caller is not None and caller.username != username:
            caller_line = self.lines[caller.username]
            outgoing = self._leg(
                caller_line,
                linked_id="",
                direction=OUTGOING,
                other_dn=line.dn,
                other_dname=line.user.full_name,
                state=CallState.DIALING,
                queue_name=queue_name,
                user_data=data,
            )
            outgoing.linked_id = outgoing.unique_id
            await self._changed(caller_line, outgoing)
            ringing = await self._ring(
                line,
                other_dn=caller_number,
                other_dname=name,
                linked_id=outgoing.linked_id,
                user_data=data,
                queue_name=queue_name,
                peer=LegRef(caller.username, outgoing.unique_id),
            )
            outgoing.peer = LegRef(username, ringing.unique_id)
            return ringing.linked_id
        ringing = await self._ring(
            line,
            other_dn=caller_number,
            other_dname=name,
            linked_id=self._new_id(),
            user_data=data,
            queue_name=queue_name,
        )
        return ringing.linked_id

    async def remote_answer(self, username: str, linked_id: str | None = None) -> None:
        """The call is answered by the far end (outgoing) or by the phone itself (incoming)."""
        line = self.line(username)
        if linked_id:
            call = line.find(linked_id=linked_id)
        else:
            call = line.first_in(CallState.RINGING) or line.first_in(CallState.DIALING)
        if call is not None:
            await self._establish_both(line, call)

    async def remote_hangup(self, username: str, linked_id: str | None = None) -> None:
        line = self.line(username)
        call = (
            line.find(linked_id=linked_id)
            if linked_id
            else (line.calls[-1] if line.calls else None)
        )
        if call is not None:
            await self._release(line, call)

    async def missed_call(
        self, username: str, caller_number: str, caller_name: str = "", ring_time: float = 0.0
    ) -> str:
        linked_id = await self.incoming_call(username, caller_number, caller_name)
        if ring_time > 0:
            await asyncio.sleep(ring_time)
        line = self.line(username)
        if (call := line.find(linked_id=linked_id)) is not None and call.state is CallState.RINGING:
            await self._release(line, call)
        return linked_id

    # ----------------------------------------------------------------- queries

    def current_calls(self, username: str) -> list[dict[str, Any]]:
        line = self.lines[self.user(username).username]
        return [line.phone_event(call) for call in line.calls]

    def search(self, term: str) -> list[dict[str, Any]]:
        """DirectoryResult entries whose names or numbers contain the term (case-insensitive)."""
        needle = term.casefold()
        entries: list[dict[str, Any]] = []
        for user in self.users.values():
            fields = (
                user.first_name,
                user.last_name,
                user.full_name,
                user.number or "",
                user.mobile_number,
            )
            if any(needle in value.casefold() for value in fields):
                status = PHONE_STATUS[self.lines[user.username].status()] if user.number else -2
                entries.append(
                    {
                        "status": status,
                        "entry": [
                            user.first_name,
                            user.last_name,
                            user.number or "",
                            user.mobile_number,
                            "false",
                        ],
                    }
                )
        for contact in self.contacts:
            fields = (
                contact.first_name,
                contact.last_name,
                contact.full_name,
                contact.number,
                contact.mobile,
            )
            if any(needle in value.casefold() for value in fields):
                entries.append(
                    {
                        "status": PHONE_STATUS["UNEXISTING"],
                        "entry": [
                            contact.first_name,
                            contact.last_name,
                            contact.number,
                            contact.mobile,
                            "false",
                        ],
                    }
                )
        return entries

    def state(self) -> dict[str, Any]:
        """A JSON-able dump of every user's configuration and line."""
        return {
            "users": {
                name: {
                    "config": user.config_snapshot(),
                    "number": user.number,
                    "phoneStatus": self.lines[name].status(),
                    "voicemail": user.voicemail_status(),
                    "calls": self.current_calls(name),
                    "history": len(user.history),
                }
                for name, user in self.users.items()
            },
            "hints": dict(self.hints),
        }
