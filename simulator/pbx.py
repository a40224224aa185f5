"""The simulated telephony: users' lines, calls between them, hints and the pushes they cause.

Everything here is transport-agnostic: frames go out through a `Notifier` (the websocket server).
The state lives in this object, so it survives a restart of the HTTP side, as a real XUC's
state survives in its database and in Asterisk.

A call between two simulated users is two legs (`Call`), one on each line, pointing at each
other (`Call.peer`); a call with the outside world is one leg. Every new call goes through
`_offer`, which applies the callee's DND and forwards (see `routing`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from datetime import datetime
import itertools
import logging
import time
from typing import Any, Protocol

from .directory import Directory
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
from .routing import MAX_FORWARDS, UNREACHABLE_PREFIX, Origin, Outcome, route
from .transfers import TransferMixin
from .users import SimContact, SimUser

_LOGGER = logging.getLogger("simulator")

type LegListener = Callable[[Line, Call, str | None], Awaitable[None]]


class UnknownUserError(KeyError):
    """No simulated user has that username."""


class NoLineError(ValueError):
    """The user has no line, so it cannot place or receive calls."""


class NoMobileError(ValueError):
    """The user has no mobile number to call from."""


class Notifier(Protocol):
    """The server side that delivers frames to websocket sessions."""

    async def push(self, username: str, frame: dict[str, Any]) -> None:
        """Send a frame to every open session of that user."""

    async def push_hint(self, number: str, status: int) -> None:
        """Send a PhoneHintStatusEvent to every session subscribed to that number."""


def frame(msg_type: str, cti_message: Any) -> dict[str, Any]:
    return {"msgType": msg_type, "ctiMessage": cti_message}


class Pbx(TransferMixin):
    """Users, lines and the call logic between them."""

    def __init__(
        self,
        users: Iterable[SimUser],
        contacts: Iterable[SimContact],
        notifier: Notifier,
        *,
        answer_delay: float | None,
        ring_timeout: float = 15.0,
        phone_status_as_number: bool,
    ) -> None:
        self.users: dict[str, SimUser] = {user.username: user for user in users}
        self.directory = Directory(self.users, contacts)
        self.lines: dict[str, Line] = {name: Line(user) for name, user in self.users.items()}
        # Last hint status of every number the server knows (users' numbers + set_hint ones).
        self.hints: dict[str, int] = {
            user.number: PHONE_STATUS["AVAILABLE"] for user in self.users.values() if user.number
        }
        self.answer_delay = answer_delay
        self.ring_timeout = ring_timeout
        self.phone_status_as_number = phone_status_as_number
        self._notifier = notifier
        self._id_base = int(time.time())
        self._id_counter = itertools.count(1)
        self._tasks: set[asyncio.Task[Any]] = set()
        # Told of every change of a leg, after its PhoneEvent (the contact centre follows
        # its agents' lines and the queue calls it rang with this).
        self.leg_listener: LegListener | None = None

    # ----------------------------------------------------------------- lookups

    @property
    def contacts(self) -> list[SimContact]:
        return self.directory.contacts

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
        return self.directory.user_by_number(number)

    def name_of(self, number: str) -> str:
        """The caller-id name the PBX gives a number: a user's name, or nothing."""
        return self.directory.caller_id_name(number)

    def _new_id(self) -> str:
        return f"{self._id_base}.{next(self._id_counter)}"

    def _leg_at(self, ref: LegRef | None) -> tuple[Line, Call] | None:
        if ref is None or (line := self.lines.get(ref.username)) is None:
            return None
        call = line.find(unique_id=ref.unique_id)
        return (line, call) if call is not None else None

    def _peer_of(self, call: Call) -> tuple[Line, Call] | None:
        return self._leg_at(call.peer)

    @staticmethod
    def _ref(line: Line, call: Call) -> LegRef:
        return LegRef(line.user.username, call.unique_id)

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
        if self.leg_listener is not None:
            await self.leg_listener(line, call, event_type)

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
        return self._add_leg(line, Call(unique_id=self._new_id(), **fields))

    @staticmethod
    def _add_leg(line: Line, call: Call) -> Call:
        call.user_data = {**call.user_data, "SIPCALLID": f"sim-{call.unique_id}@127.0.0.1"}
        line.calls.append(call)
        return call

    def _incoming_leg(self, origin: Origin) -> Call:
        """The callee's ringing leg of a call offered from `origin` (not on its line yet)."""
        return Call(
            unique_id=self._new_id(),
            linked_id=origin.linked_id,
            direction=INCOMING,
            other_dn=origin.number,
            other_dname=origin.name,
            state=CallState.RINGING,
            queue_name=origin.queue_name,
            user_data=dict(origin.user_data),
            peer=origin.leg,
            auto_answer=origin.auto_answer,
        )

    async def _hold_others(self, line: Line, keep: Call | None) -> None:
        """A desk phone puts the call in progress on hold when another one starts talking.

        Legs mixed into the same conference as `keep` talk together and stay up.
        """
        together = line.conference if keep is not None and keep.unique_id in line.conference else ()
        for call in list(line.calls):
            if call is keep or call.unique_id in together:
                continue
            if call.state is CallState.ESTABLISHED:
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

    async def _release(
        self,
        line: Line,
        call: Call,
        *,
        with_peer: bool = True,
        event_type: str = EVENT_RELEASED,
    ) -> None:
        """The leg ends (EventReleased, or EventFailure for a call that never connected)."""
        if call not in line.calls:
            return
        peer = self._peer_of(call) if with_peer else None
        line.calls.remove(call)
        line.forget(call)
        self._record(line, call)
        await self._changed(line, call, event_type)
        if peer is not None:
            await self._release(*peer, with_peer=False)

    def _record(self, line: Line, call: Call) -> None:
        username = call.peer.username if call.peer else None
        party = self.directory.party(call.other_dn, username)
        line.user.history.insert(0, line.history_record(call, party, datetime.now()))

    async def _dialing_leg(
        self, line: Line, destination: str, user_data: dict[str, str], queue_name: str = ""
    ) -> Call:
        """The caller's leg of a new call, Dialing; the call's first channel gives its linkedId."""
        call = self._leg(
            line,
            linked_id="",
            direction=OUTGOING,
            other_dn=destination,
            other_dname=self.name_of(destination),
            state=CallState.DIALING,
            queue_name=queue_name,
            user_data=user_data,
        )
        call.linked_id = call.unique_id
        await self._changed(line, call)
        return call

    # ----------------------------------------------------------------- routing a call

    async def _offer(self, number: str, origin: Origin, hops: int = 0) -> None:
        """Put a call through to `number` as the dialplan would (DND, forwards, busy)."""
        caller = origin.leg.username if origin.leg else None
        while True:
            callee = self.user_by_number(number)
            line = self.lines[callee.username] if callee is not None else None
            decided = route(number, callee, busy=line is not None and line.busy(), caller=caller)
            if decided.outcome is not Outcome.FORWARD or hops >= MAX_FORWARDS:
                break
            _LOGGER.debug(
                "call %s forwarded: %s -> %s", origin.linked_id, number, decided.destination
            )
            number, hops = decided.destination, hops + 1
        if decided.outcome is Outcome.RING and line is not None:
            await self._ring(line, origin, decided.destination, hops)
        elif decided.outcome is Outcome.LEAVE:
            await self._leave(origin)
        else:  # busy, unreachable, or a forward loop
            if (
                decided.outcome is Outcome.BUSY
                and line is not None
                and line.user.username != caller
            ):
                self._record_refused(line, origin)  # DND (not a call to one's own line)
            await self._fail(origin)

    async def _ring(self, line: Line, origin: Origin, no_answer_to: str, hops: int) -> None:
        call = self._add_leg(line, self._incoming_leg(origin))
        ref = self._ref(line, call)
        if (caller := self._leg_at(origin.leg)) is not None:
            caller[1].peer = ref
        await self._changed(line, call)
        if no_answer_to:
            self.spawn(self._forward_unanswered(ref, no_answer_to, hops))
        if origin.auto_answer and self.answer_delay is not None:
            self.spawn(self._answer_later(ref, self.answer_delay))

    async def _leave(self, origin: Origin) -> None:
        """The call goes out to a number outside the simulation: the caller keeps dialing it."""
        if (caller := self._leg_at(origin.leg)) is None:
            return
        caller[1].peer = None
        if (
            caller[1].state is CallState.DIALING
            and origin.auto_answer
            and self.answer_delay is not None
        ):
            self.spawn(self._answer_later(origin.leg, self.answer_delay))

    async def _fail(self, origin: Origin) -> None:
        """The call cannot be put through: the caller's leg ends.

        A leg still dialing gets EventFailure (the caller heard busy, the call never
        connected); a leg that was talking (a transferred party) gets EventReleased.
        """
        if (caller := self._leg_at(origin.leg)) is None:
            return
        line, call = caller
        call.peer = None
        failed = call.state is CallState.DIALING
        await self._release(
            line, call, with_peer=False, event_type=EVENT_FAILURE if failed else EVENT_RELEASED
        )

    def _record_refused(self, line: Line, origin: Origin) -> None:
        """A call DND refused never rang, but the user's history shows it as missed.

        It is recorded as the leg that would have rung, so the record matches a missed call's.
        """
        self._record(line, self._incoming_leg(origin))

    async def _answer_later(self, ref: LegRef | None, delay: float) -> None:
        """The dialled party answers: a ringing simulated callee, or an outside number."""
        await asyncio.sleep(delay)
        found = self._leg_at(ref)
        if found is not None and found[1].state in (CallState.RINGING, CallState.DIALING):
            await self._establish_both(*found)

    async def _forward_unanswered(self, ref: LegRef, destination: str, hops: int) -> None:
        """After the ring timeout, a no-answer forward takes a call that still rings."""
        await asyncio.sleep(self.ring_timeout)
        found = self._leg_at(ref)
        if found is None or found[1].state is not CallState.RINGING:
            return
        line, call = found
        # Built from the leg as it is now: a transfer may have given it another caller.
        origin = Origin(
            number=call.other_dn,
            name=call.other_dname,
            linked_id=call.linked_id,
            user_data=dict(call.user_data),
            queue_name=call.queue_name,
            leg=call.peer,
            auto_answer=call.auto_answer,
        )
        await self._release(line, call, with_peer=False)
        await self._offer(destination, origin, hops + 1)

    # ----------------------------------------------------------------- user commands

    async def dial(
        self,
        username: str,
        destination: str,
        variables: dict[str, Any] | None = None,
        *,
        from_mobile: bool = False,
    ) -> str:
        """Place a call from the user's line; returns its linkedId."""
        line = self.line(username)
        user = line.user
        if from_mobile and not user.mobile_number:
            raise NoMobileError(f"user {username!r} has no mobile number")
        data = self._user_data(user, line.dn, destination, "default") | usr_prefixed(
            variables or {}
        )
        if destination.startswith(UNREACHABLE_PREFIX):
            # The originate fails before the phone's channel exists: one EventFailure, no leg.
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
        call = await self._dialing_leg(line, destination, data)
        origin = Origin(
            number=line.dn,
            name=user.full_name,
            linked_id=call.linked_id,
            user_data=data,
            leg=self._ref(line, call),
            auto_answer=True,
        )
        await self._offer(destination, origin)
        return call.linked_id

    async def answer(self, username: str, unique_id: str | None = None) -> None:
        line = self.line(username)
        call = line.find(unique_id=unique_id) if unique_id else line.first_in(CallState.RINGING)
        if call is not None and call.state is CallState.RINGING:
            await self._establish_both(line, call)

    async def hangup(self, username: str, unique_id: str | None = None) -> None:
        """Hang up one call; without a uniqueId, a conference ends with all its legs."""
        line = self.line(username)
        call = line.find(unique_id=unique_id) if unique_id else line.current()
        if call is None:
            return
        if unique_id is None and call.unique_id in line.conference:
            for leg in [c for c in line.calls if c.unique_id in line.conference]:
                await self._release(line, leg)
            return
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
        """A call to the user's line; a simulated caller gets the matching Dialing leg.

        An outside caller shows `caller_name` only (empty when not given), as a trunk gives
        no name; a simulated caller shows its user's name unless another one is given.
        """
        line = self.line(username)
        caller = self.user_by_number(caller_number)
        if caller is not None and caller.username == username:
            caller = None
        context = "default" if caller is not None else "from-extern"
        data = self._user_data(caller or line.user, caller_number, line.dn, context)
        data |= user_data or {}
        if caller is None:
            origin = Origin(
                number=caller_number,
                name=caller_name or "",  # null over HTTP means no name too
                linked_id=self._new_id(),
                user_data=data,
                queue_name=queue_name,
            )
        else:
            caller_line = self.lines[caller.username]
            outgoing = await self._dialing_leg(caller_line, line.dn, data, queue_name)
            origin = Origin(
                number=caller_number,
                name=caller_name or caller.full_name,
                linked_id=outgoing.linked_id,
                user_data=data,
                queue_name=queue_name,
                leg=self._ref(caller_line, outgoing),
            )
        await self._offer(line.dn, origin)
        return origin.linked_id

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

    # ----------------------------------------------------------------- queue calls (acd.py)

    async def ring_from_queue(
        self, username: str, caller_number: str, caller_name: str, queue_name: str, linked_id: str
    ) -> LegRef:
        """Ring the line of an agent with a queue's waiting call (an outside caller).

        No DND or forward applies: the queue calls the agent, not the user's number.
        """
        line = self.line(username)
        data = self._user_data(None, caller_number, line.dn, "from-extern")
        origin = Origin(
            number=caller_number,
            name=caller_name,
            linked_id=linked_id,
            user_data=data,
            queue_name=queue_name,
        )
        call = self._add_leg(line, self._incoming_leg(origin))
        await self._changed(line, call)
        return self._ref(line, call)

    async def drop_leg(self, ref: LegRef) -> None:
        """The leg ends on its own (a queue takes its call back): EventReleased."""
        if (found := self._leg_at(ref)) is not None:
            await self._release(*found)

    def new_linked_id(self) -> str:
        return self._new_id()

    # ----------------------------------------------------------------- queries

    def current_calls(self, username: str) -> list[dict[str, Any]]:
        line = self.lines[self.user(username).username]
        return [line.phone_event(call) for call in line.calls]

    def search(self, term: str) -> list[dict[str, Any]]:
        """DirectoryResult entries whose names or numbers contain the term."""
        return self.directory.search(
            term, lambda user: PHONE_STATUS[self.lines[user.username].status()]
        )

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
