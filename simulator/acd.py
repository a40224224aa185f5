"""The contact centre: agents' states, the queues' waiting calls, the ACD and its statistics.

What goes on the wire follows `XUC_CONTACT_CENTRE.md`; its open points are `CcOptions` knobs.
Feeds are per socket (`Session` flags): a socket gets agent events, queue statistics or
queue calls only after asking for them, and a new socket must ask again.

An agent's state is its own (logged out, ready, paused, wrap-up) overlaid with its line: a call
ringing, dialling or up on the line it is logged on shows as AgentRinging, AgentDialing or
AgentOnCall (`acd` true for a call a queue delivered). A pause wins over the line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
import json
import logging
import time
from typing import Any, Protocol

from .agents import (
    DEFAULT_QUEUES,
    DEFAULT_STATUSES,
    CcOptions,
    SimAgent,
    SimQueue,
    UserStatus,
    bulk_data,
    default_agents,
)
from .line import Call, CallState, LegRef, Line
from .pbx import Pbx, frame
from .users import SimUser

_LOGGER = logging.getLogger("simulator")

# XUC's "answered before 15 s" / "abandoned after 15 s" threshold.
THRESHOLD = 15.0


class CcSession(Protocol):
    """What the contact centre reads and sets on a CTI socket (`cti.Session`)."""

    username: str
    agent_events: bool
    queue_stats: bool
    queue_calls: set[int]
    lists: set[str]


class CcOutbox(Protocol):
    """The server side: its open sockets, and how frames reach them."""

    def cc_sessions(self) -> Iterable[Any]: ...

    async def send_text(self, sessions: list[Any], text: str, *, log: bool = True) -> int: ...

    async def send_frame_to(self, session: Any, msg_type: str, cti_message: Any) -> None: ...

    async def send_error(self, session: Any, code: str, message: str) -> None: ...


class CcError(Exception):
    """A contact-centre command cannot be carried out; answered with an Error frame."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Base(StrEnum):
    """An agent's own state, before its line is looked at."""

    LOGGED_OUT = "logged_out"
    READY = "ready"
    PAUSED = "paused"
    WRAPUP = "wrapup"


@dataclass(eq=False)
class LiveAgent:
    """An agent and where it stands now."""

    agent: SimAgent
    base: Base = Base.LOGGED_OUT
    cause: str = ""
    phone_nb: str = ""
    # The simulated user whose line the agent is logged on (None: a number with no line).
    line: str | None = None
    changed: float = field(default_factory=time.monotonic)
    last_offered: float = 0.0
    sent: tuple[Any, ...] | None = None
    wrapup: asyncio.Task[None] | None = None


@dataclass(eq=False)
class QueueCall:
    """A caller in a queue, from entering until it is answered (and talks) or leaves."""

    linked_id: str
    queue_id: int
    number: str
    name: str
    entered: datetime
    entered_at: float
    # The agent the call is offered to (ringing) or answered by, and that leg.
    agent: LiveAgent | None = None
    leg: LegRef | None = None
    answered: bool = False
    tried: set[int] = field(default_factory=set)
    timer: asyncio.Task[None] | None = None


@dataclass(eq=False)
class LiveQueue:
    """A queue's waiting calls, members and the totals its counters come from."""

    queue: SimQueue
    calls: list[QueueCall] = field(default_factory=list)
    members: list[LiveAgent] = field(default_factory=list)
    entered: int = 0
    answered: int = 0
    abandoned: int = 0
    answered_early: int = 0
    abandoned_late: int = 0
    waited: float = 0.0
    longest: int = 0
    # The counters as last pushed: only changed ones go out.
    sent: dict[str, int | float] = field(default_factory=dict)


type _Handler = Callable[["ContactCentre", Any, dict[str, Any]], Awaitable[None]]


def _int_arg(message: dict[str, Any], key: str) -> int:
    value = message.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise CcError("InvalidArgument", f"{key!r} must be an int")
    return value


class ContactCentre:
    """Agents and queues of the simulated XiVO CC, on top of the PBX's lines."""

    def __init__(self, pbx: Pbx, out: CcOutbox, options: CcOptions | None = None) -> None:
        self.pbx = pbx
        self.options = options or CcOptions()
        self.statuses: tuple[UserStatus, ...] = DEFAULT_STATUSES
        self._out = out
        self.queues: dict[int, LiveQueue] = {}
        self.agents: dict[int, LiveAgent] = {}
        self._calls: dict[str, QueueCall] = {}
        self._burst_values: dict[tuple[int, str], int] = {}
        self.configure(list(DEFAULT_QUEUES), default_agents())
        pbx.leg_listener = self._on_leg

    def configure(self, queues: list[SimQueue], agents: list[SimAgent]) -> None:
        """Replace the queues and agents (every agent logged out, no call waiting)."""
        for live in self.agents.values():
            if live.wrapup is not None:
                live.wrapup.cancel()
        for call in self._calls.values():
            if call.timer is not None:
                call.timer.cancel()
        self._calls.clear()
        self._burst_values.clear()
        self.queues = {queue.id: LiveQueue(queue) for queue in queues}
        self.agents = {agent.id: LiveAgent(agent) for agent in agents}
        self._index_members()
        for queue in self.queues.values():
            queue.sent = self._counters(queue)

    def _index_members(self) -> None:
        for queue in self.queues.values():
            queue.members = [
                live for live in self.agents.values() if queue.queue.id in live.agent.queues
            ]

    # ----------------------------------------------------------------- lookups

    def agent_of_user(self, username: str) -> LiveAgent | None:
        return next((a for a in self.agents.values() if a.agent.username == username), None)

    def _agent_on_line(self, username: str) -> LiveAgent | None:
        return next(
            (
                a
                for a in self.agents.values()
                if a.base is not Base.LOGGED_OUT and a.line == username
            ),
            None,
        )

    def queue(self, ref: str | int) -> LiveQueue:
        """A queue by id, number or name; ValueError when there is none."""
        for live in self.queues.values():
            if str(ref) in (str(live.queue.id), live.queue.number, live.queue.name):
                return live
        raise ValueError(f"no queue {ref!r}")

    def _line_call(self, live: LiveAgent) -> Call | None:
        if live.line is None:
            return None
        return self.pbx.lines[live.line].current()

    def _is_acd(self, call: Call) -> bool:
        return call.linked_id in self._calls

    # ----------------------------------------------------------------- wire shapes

    def user_config(self, user: SimUser) -> dict[str, Any]:
        """A full UserConfigUpdate body, with a non-agent's agentId as the knob says."""
        config = user.config_snapshot()
        if user.agent_id == 0:
            if self.options.non_agent_id == "missing":
                del config["agentId"]
            elif self.options.non_agent_id == "null":
                config["agentId"] = None
        return config

    def _state(self, live: LiveAgent) -> tuple[str, bool, str]:
        """(name, acd, direction) as XUC would put them in AgentStateEvent."""
        if live.base is Base.LOGGED_OUT:
            return "AgentLoggedOut", False, "Incoming"
        if live.base is Base.PAUSED:
            return "AgentOnPause", False, "Incoming"
        if (call := self._line_call(live)) is not None:
            acd = self._is_acd(call)
            if call.state is CallState.RINGING:
                return "AgentRinging", acd, call.direction
            if call.state is CallState.DIALING:
                return "AgentDialing", acd, call.direction
            return "AgentOnCall", acd, call.direction
        if live.base is Base.WRAPUP:
            return "AgentOnWrapup", False, "Incoming"
        return "AgentReady", False, "Incoming"

    def _event(self, live: LiveAgent, name: str, acd: bool, direction: str) -> dict[str, Any]:
        logged_out = live.base is Base.LOGGED_OUT
        body: dict[str, Any] = {
            "name": name,
            "agentId": live.agent.id,
            "phoneNb": self.options.logged_out_phone_nb if logged_out else live.phone_nb,
            "since": int(time.monotonic() - live.changed),
            "queues": sorted(live.agent.queues),
            "cause": live.cause if live.base is Base.PAUSED else "",
            "acd": acd,
            "direction": direction,
            "monitorState": "ACTIVE",
        }
        if not self.options.send_since:
            del body["since"]
        return body

    def agent_event(self, live: LiveAgent) -> dict[str, Any]:
        return self._event(live, *self._state(live))

    def _counters(self, queue: LiveQueue) -> dict[str, int | float]:
        """The queue's counters now, under XUC's names (protocol §4.4).

        EWT is the mean wait of the answered calls (as xivo-ctid's HoldTime); the longest wait
        is the oldest waiting call's age when the calls last changed; percentages are of the
        calls entered, 0-100.
        """
        members = queue.members
        logged = [m for m in members if m.base is not Base.LOGGED_OUT]
        talking = sum(
            1
            for m in logged
            if (call := self._line_call(m)) is not None
            and call.state in (CallState.ESTABLISHED, CallState.ON_HOLD)
        )
        available = sum(1 for m in logged if self._available(m))

        def share(part: int) -> float:
            return round(100.0 * part / queue.entered, 1) if queue.entered else 0.0

        return {
            "WaitingCalls": len(queue.calls),
            self.options.longest_wait_name: queue.longest,
            "EWT": round(queue.waited / queue.answered) if queue.answered else 0,
            "AvailableAgents": available,
            "TalkingAgents": talking,
            "LoggedAgents": len(logged),
            "TotalNumberCallsEntered": queue.entered,
            "TotalNumberCallsAnswered": queue.answered,
            "TotalNumberCallsAbandonned": queue.abandoned,
            "PercentageAnsweredBefore15": share(queue.answered_early),
            "PercentageAbandonnedAfter15": share(queue.abandoned_late),
        }

    def _stats_body(self, queue: LiveQueue, counters: dict[str, int | float]) -> dict[str, Any]:
        key: Any = queue.queue.id if self.options.stats_key == "queueId" else queue.queue.name
        return {
            self.options.stats_key: key,
            "counters": [
                {"statName": name, "value": str(value) if self.options.stats_as_strings else value}
                for name, value in counters.items()
            ],
        }

    def _queue_calls_body(self, queue: LiveQueue) -> Any:
        calls = [
            {
                "position": position,
                "name": call.name,
                "number": call.number,
                "queueTime": call.entered.isoformat(timespec="milliseconds"),
            }
            for position, call in enumerate(queue.calls, 1)
        ]
        if self.options.queue_calls_shape == "list":
            return calls
        return {"queueId": queue.queue.id, "calls": calls}

    # ----------------------------------------------------------------- pushes

    def _subscribers(self, wanted: Callable[[Any], bool]) -> list[Any]:
        return [session for session in self._out.cc_sessions() if wanted(session)]

    async def _push(self, wanted: Callable[[Any], bool], msg_type: str, body: Any) -> None:
        if sessions := self._subscribers(wanted):
            await self._out.send_text(sessions, json.dumps(frame(msg_type, body)))

    async def _refresh(self, live: LiveAgent) -> None:
        """Push the agent's AgentStateEvent if anything in it changed."""
        name, acd, direction = self._state(live)
        cause = live.cause if live.base is Base.PAUSED else ""
        key = (name, cause, acd, direction, live.phone_nb, tuple(sorted(live.agent.queues)))
        if key == live.sent:
            return
        if live.sent is None or key[0] != live.sent[0]:
            live.changed = time.monotonic()
        live.sent = key
        event = self._event(live, name, acd, direction)
        await self._push(lambda s: s.agent_events, "AgentStateEvent", event)

    async def _publish(self) -> None:
        """Push the counters that changed, per queue, to the statistics subscribers."""
        for queue in self.queues.values():
            counters = self._counters(queue)
            changed = {k: v for k, v in counters.items() if queue.sent.get(k) != v}
            if not changed:
                continue
            queue.sent = counters
            await self._push(
                lambda s: s.queue_stats, "QueueStatistics", self._stats_body(queue, changed)
            )

    async def _queue_calls_changed(self, queue: LiveQueue) -> None:
        oldest = queue.calls[0].entered_at if queue.calls else None
        queue.longest = int(time.monotonic() - oldest) if oldest is not None else 0
        if not queue.calls and not self.options.empty_queue_calls:
            return
        queue_id = queue.queue.id
        await self._push(
            lambda s: queue_id in s.queue_calls, "QueueCalls", self._queue_calls_body(queue)
        )

    async def _settle(self, *agents: LiveAgent) -> None:
        """After a change: agents' events, counters, and waiting calls offered anew."""
        for live in agents:
            await self._refresh(live)
        await self._publish()
        await self._dispatch()

    # ----------------------------------------------------------------- initial frames

    async def send_initial(self, session: Any) -> None:
        if self.options.users_statuses_at_login:
            await self._out.send_frame_to(
                session, "UsersStatuses", [status.wire() for status in self.statuses]
            )

    # ----------------------------------------------------------------- agent actions

    def _known_number(self, number: str) -> SimUser | None:
        user = self.pbx.user_by_number(number)
        return user if user is not None and user.number == number else None

    async def login(self, live: LiveAgent, phone_nb: str, session: Any | None = None) -> None:
        """Log the agent on a line (the rules of §3.3); an AgentError to `session` if refused."""
        user = self._known_number(phone_nb)
        if user is None and session is not None:
            await self._agent_error(session, {"Error": "PhoneNumberUnknown"})
            return
        if live.base is not Base.LOGGED_OUT:
            if live.phone_nb != phone_nb and session is not None:
                await self._agent_error(
                    session,
                    {
                        "Error": "LoggedInOnAnotherPhone",
                        "phoneNb": live.phone_nb,
                        "RequestedNb": phone_nb,
                    },
                )
            return
        line = user.username if user is not None else None
        if line is not None and (other := self._agent_on_line(line)) is not None:
            await self.logout(other)
        live.phone_nb, live.line, live.cause = phone_nb, line, ""
        live.base = Base.READY
        if self.options.agent_login_event:
            live.changed = time.monotonic()
            await self._push(
                lambda s: s.agent_events,
                "AgentStateEvent",
                self._event(live, "AgentLogin", False, "Incoming"),
            )
        await self._settle(live)

    async def logout(self, live: LiveAgent) -> None:
        if live.base is Base.LOGGED_OUT:
            return
        self._stop_wrapup(live)
        live.base, live.cause, live.phone_nb, live.line = Base.LOGGED_OUT, "", "", None
        await self._withdraw(live)
        await self._settle(live)

    async def pause(self, live: LiveAgent, reason: str | None) -> None:
        if live.base is Base.LOGGED_OUT:
            return
        self._stop_wrapup(live)
        live.base, live.cause = Base.PAUSED, reason or ""
        await self._withdraw(live)
        await self._settle(live)

    async def unpause(self, live: LiveAgent) -> None:
        if live.base not in (Base.PAUSED, Base.WRAPUP):
            return
        self._stop_wrapup(live)
        live.base, live.cause = Base.READY, ""
        await self._settle(live)

    def _stop_wrapup(self, live: LiveAgent) -> None:
        if live.wrapup is not None and live.wrapup is not asyncio.current_task():
            live.wrapup.cancel()
        live.wrapup = None

    async def _withdraw(self, live: LiveAgent) -> None:
        """A queue call ringing on an agent who leaves or pauses goes back to the queue.

        Called once the agent is no longer ready, so that the call is not offered back to it.
        """
        for call in list(self._calls.values()):
            if call.agent is live and not call.answered and call.leg is not None:
                await self.pbx.drop_leg(call.leg)

    async def _agent_error(self, session: Any, body: dict[str, Any]) -> None:
        await self._out.send_frame_to(session, self.options.agent_error_msg_type, body)

    # ----------------------------------------------------------------- membership

    async def set_member(self, agent_id: int, queue_id: int, penalty: int | None) -> None:
        """Join (or change penalty); penalty None leaves. QueueMember to list subscribers."""
        live, queue = self.agents.get(agent_id), self.queues.get(queue_id)
        if live is None or queue is None:
            raise CcError("InvalidArgument", "no such agent or queue")
        if penalty is None:
            live.agent.queues.pop(queue_id, None)
        else:
            live.agent.queues[queue_id] = penalty
        self._index_members()
        member = {
            "queueId": queue_id,
            "agentId": agent_id,
            "penalty": -1 if penalty is None else penalty,
        }
        await self._push(lambda s: "queuemember" in s.lists, "QueueMember", member)
        await self._settle(live)

    # ----------------------------------------------------------------- the ACD

    async def queue_call(self, queue_ref: str | int, number: str, name: str = "") -> str:
        """A caller enters a queue; returns the call's linkedId."""
        queue = self.queue(queue_ref)
        now = datetime.now().astimezone()
        call = QueueCall(
            self.pbx.new_linked_id(), queue.queue.id, number, name or "", now, time.monotonic()
        )
        self._calls[call.linked_id] = call
        queue.calls.append(call)
        queue.entered += 1
        await self._queue_calls_changed(queue)
        await self._settle()
        return call.linked_id

    async def caller_hangs_up(self, linked_id: str) -> None:
        """The caller leaves: abandoned while waiting, the call ends once answered."""
        call = self._calls.get(linked_id)
        if call is None:
            raise ValueError(f"no queue call {linked_id!r}")
        if call.answered and call.leg is not None:
            await self.pbx.remote_hangup(call.leg.username, linked_id)
            return
        queue = self.queues[call.queue_id]
        del self._calls[linked_id]
        queue.calls.remove(call)
        queue.abandoned += 1
        if time.monotonic() - call.entered_at > THRESHOLD:
            queue.abandoned_late += 1
        if call.timer is not None:
            call.timer.cancel()
        await self._queue_calls_changed(queue)
        if call.leg is not None:
            await self.pbx.drop_leg(call.leg)
        await self._settle()

    def _available(self, live: LiveAgent) -> bool:
        return (
            live.base is Base.READY
            and live.line is not None
            and not self.pbx.lines[live.line].calls
        )

    async def _dispatch(self) -> None:
        """Offer each waiting call nobody rings for to a ready member."""
        for queue in self.queues.values():
            for call in list(queue.calls):
                if call.agent is not None or call.linked_id not in self._calls:
                    continue
                live = self._pick(queue, call)
                if live is None:
                    break
                await self._ring(queue, call, live)

    def _pick(self, queue: LiveQueue, call: QueueCall) -> LiveAgent | None:
        ready = [m for m in queue.members if self._available(m)]
        if not ready:
            return None
        fresh = [m for m in ready if m.agent.id not in call.tried]
        if not fresh:  # everyone had a try: round again, as Asterisk retries
            call.tried.clear()
            fresh = ready
        return min(
            fresh, key=lambda m: (m.agent.queues[queue.queue.id], m.last_offered, m.agent.id)
        )

    async def _ring(self, queue: LiveQueue, call: QueueCall, live: LiveAgent) -> None:
        assert live.line is not None
        call.agent = live
        call.tried.add(live.agent.id)
        live.last_offered = time.monotonic()
        leg = await self.pbx.ring_from_queue(
            live.line, call.number, call.name, queue.queue.name, call.linked_id
        )
        if call.agent is live and not call.answered:  # still ours (not answered at once)
            call.leg = leg
            call.timer = self.pbx.spawn(self._ring_timeout(call, leg))

    async def _ring_timeout(self, call: QueueCall, leg: LegRef) -> None:
        await asyncio.sleep(self.options.queue_ring_timeout)
        if call.leg == leg and not call.answered:
            call.timer = None
            await self.pbx.drop_leg(leg)  # _on_leg offers it to the next member

    async def _on_leg(self, line: Line, leg: Call, event_type: str | None) -> None:
        """Every change of a leg on a simulated line (Pbx.leg_listener)."""
        call = self._calls.get(leg.linked_id)
        owner = call.agent if call is not None else None
        # The leg the queue rang (its ref is known once ring_from_queue returns).
        if (
            call is not None
            and owner is not None
            and call.leg == LegRef(line.user.username, leg.unique_id)
        ):
            if event_type is not None:  # EventReleased: the leg left the line
                await self._leg_ended(call, owner)
            elif leg.state is CallState.ESTABLISHED and not call.answered:
                await self._answered(call)
        agents = [a for a in self.agents.values() if a.line == line.user.username]
        await self._settle(*agents)

    async def _answered(self, call: QueueCall) -> None:
        queue = self.queues[call.queue_id]
        call.answered = True
        if call.timer is not None:
            call.timer.cancel()
            call.timer = None
        queue.calls.remove(call)
        queue.answered += 1
        waited = time.monotonic() - call.entered_at
        queue.waited += waited
        if waited <= THRESHOLD:
            queue.answered_early += 1
        await self._queue_calls_changed(queue)

    async def _leg_ended(self, call: QueueCall, owner: LiveAgent) -> None:
        if call.timer is not None:
            call.timer.cancel()
            call.timer = None
        if not call.answered:  # declined or timed out: back to waiting for the next member
            call.agent, call.leg = None, None
            return
        del self._calls[call.linked_id]
        if owner.base is Base.READY:
            owner.base = Base.WRAPUP
            owner.wrapup = self.pbx.spawn(self._wrapup(owner))

    async def _wrapup(self, live: LiveAgent) -> None:
        await asyncio.sleep(self.options.wrapup_time)
        if live.base is Base.WRAPUP:
            live.wrapup = None
            live.base = Base.READY
            await self._settle(live)

    # ----------------------------------------------------------------- control (server.py)

    def agent_for(self, username: str | None, agent_id: int | None) -> LiveAgent:
        if agent_id is not None:
            if (live := self.agents.get(agent_id)) is None:
                raise ValueError(f"no agent {agent_id}")
            return live
        if username is None:
            raise ValueError("username or agent_id is required")
        self.pbx.user(username)
        if (live := self.agent_of_user(username)) is None:
            raise ValueError(f"user {username!r} is not an agent")
        return live

    async def drive(
        self, live: LiveAgent, state: str, reason: str | None, phone_number: str | None
    ) -> str:
        """Put an agent in `state` (logged_out, ready, paused); returns its wire state name."""
        if state not in ("logged_out", "ready", "paused"):
            raise ValueError("state must be logged_out, ready or paused")
        if state == "logged_out":
            await self.logout(live)
        else:
            if live.base is Base.LOGGED_OUT:
                user = self.pbx.users.get(live.agent.username or "")
                number = phone_number or (user.number if user is not None else None)
                await self.login(live, number or live.agent.number)
            if state == "ready":
                await self.unpause(live)
            else:
                await self.pause(live, reason)
        return self._state(live)[0]

    async def bulk(self, queues: int, agents: int) -> None:
        if queues < 1 or agents < 0:
            raise ValueError("at least one queue, and no negative agent count")
        calls = list(self._calls.values())
        self._calls.clear()  # forgotten first: their legs end without being offered again
        for call in calls:
            if call.leg is not None and not call.answered:
                await self.pbx.drop_leg(call.leg)
        self.configure(*bulk_data(queues, agents))

    async def log_all_in(self) -> None:
        """Every agent ready on its own agent number (no line): cheap, no call ever rings."""
        for live in self.agents.values():
            if live.base is Base.LOGGED_OUT:
                live.base, live.phone_nb, live.line = Base.READY, live.agent.number, None
                await self._refresh(live)
        await self._publish()

    async def stats_burst(self, rate: float, count: int, counters: int) -> dict[str, float]:
        """`count` one-counter QueueStatistics frames at `rate` frames/s, every one a change.

        A synthetic feed for benchmarks: queues and counter names in turn, each value one more
        than the last one of its counter (in any burst since the last configure). The real counters (and what subscribing sends) are
        left alone.
        """
        if rate <= 0 or count < 0 or not 1 <= counters <= 11:
            raise ValueError("rate > 0, count >= 0 and 1 <= counters <= 11 are required")
        queues = list(self.queues.values())
        names = list(self._counters(queues[0]))[:counters]
        values = self._burst_values  # kept across bursts, so that every frame is a change
        key = self.options.stats_key
        loop = asyncio.get_running_loop()
        start = loop.time()
        sent = 0
        for index in range(count):
            due = start + index / rate
            if (late := due - loop.time()) > 0:
                await asyncio.sleep(late)
            queue = queues[index % len(queues)]
            name = names[index // len(queues) % len(names)]
            values[queue.queue.id, name] = values.get((queue.queue.id, name), 0) + 1
            value: Any = values[queue.queue.id, name]
            if self.options.stats_as_strings:
                value = str(value)
            ref = queue.queue.id if key == "queueId" else queue.queue.name
            body = {key: ref, "counters": [{"statName": name, "value": value}]}
            sessions = self._subscribers(lambda s: s.queue_stats)
            if sessions:
                await self._out.send_text(
                    sessions, json.dumps(frame("QueueStatistics", body)), log=False
                )
            sent += 1
        return {"sent": sent, "seconds": round(loop.time() - start, 3)}

    def state(self) -> dict[str, Any]:
        return {
            "agents": {
                str(live.agent.id): {"username": live.agent.username, **self.agent_event(live)}
                for live in self.agents.values()
            },
            "queues": {
                str(queue.queue.id): {
                    "name": queue.queue.name,
                    "counters": self._counters(queue),
                    "calls": self._queue_calls_body(queue),
                }
                for queue in self.queues.values()
            },
        }

    # ----------------------------------------------------------------- commands

    def handler(self, command: str) -> Callable[[Any, dict[str, Any]], Awaitable[None]] | None:
        method = self._handlers.get(command)
        if method is None:
            return None
        return lambda session, message: self._run(method, session, message)

    async def _run(self, method: _Handler, session: Any, message: dict[str, Any]) -> None:
        try:
            await method(self, session, message)
        except CcError as err:
            await self._out.send_error(session, err.code, f"{message.get('command')}: {err}")

    def _target(self, session: Any, message: dict[str, Any]) -> LiveAgent:
        """`agentid` when given (a supervisor's form), else the user's own agent."""
        if message.get("agentid") is not None:
            agent_id = _int_arg(message, "agentid")
            if (live := self.agents.get(agent_id)) is None:
                raise CcError("AgentNotFound", f"no agent {agent_id}")
            return live
        if (live := self.agent_of_user(session.username)) is None:
            raise CcError("NotAnAgent", "the user is not an agent")
        return live

    async def _cmd_login(self, session: Any, message: dict[str, Any]) -> None:
        live = self._target(session, message)
        number = message.get("agentphonenumber")
        if isinstance(number, int) and not isinstance(number, bool):
            number = str(number)
        if not isinstance(number, str) or not number:
            raise CcError("InvalidArgument", "'agentphonenumber' must be a str")
        await self.login(live, number, session)

    async def _cmd_logout(self, session: Any, message: dict[str, Any]) -> None:
        await self.logout(self._target(session, message))

    async def _cmd_pause(self, session: Any, message: dict[str, Any]) -> None:
        reason = message.get("reason")
        if reason is not None and not isinstance(reason, str):
            raise CcError("InvalidArgument", "'reason' must be a str")
        await self.pause(self._target(session, message), reason)

    async def _cmd_unpause(self, session: Any, message: dict[str, Any]) -> None:
        await self.unpause(self._target(session, message))

    async def _cmd_agent_states(self, session: Any, message: dict[str, Any]) -> None:
        for live in self.agents.values():
            await self._out.send_frame_to(session, "AgentStateEvent", self.agent_event(live))

    async def _cmd_agent_events(self, session: Any, message: dict[str, Any]) -> None:
        session.agent_events = True

    async def _cmd_agent_stats(self, session: Any, message: dict[str, Any]) -> None:
        pass  # accepted; AgentStatistics names are unknown (protocol §3.4), so none are sent

    async def _cmd_queue_stats(self, session: Any, message: dict[str, Any]) -> None:
        session.queue_stats = True
        for queue in self.queues.values():
            body = self._stats_body(queue, self._counters(queue))
            await self._out.send_frame_to(session, "QueueStatistics", body)

    async def _cmd_get_queue_stats(self, session: Any, message: dict[str, Any]) -> None:
        queue = self.queues.get(_int_arg(message, "queueId"))
        if queue is None:
            raise CcError("InvalidArgument", "no such queue")
        body = self._stats_body(queue, self._counters(queue))
        await self._out.send_frame_to(session, "GetQueueStatistics", body)

    def _queue_arg(self, message: dict[str, Any]) -> LiveQueue:
        queue_id = _int_arg(message, "queueId")
        if (queue := self.queues.get(queue_id)) is None:
            raise CcError("InvalidArgument", f"no queue {queue_id}")
        return queue

    async def _cmd_queue_calls(self, session: Any, message: dict[str, Any]) -> None:
        queue = self._queue_arg(message)
        session.queue_calls.add(queue.queue.id)
        await self._out.send_frame_to(session, "QueueCalls", self._queue_calls_body(queue))

    async def _cmd_no_queue_calls(self, session: Any, message: dict[str, Any]) -> None:
        session.queue_calls.discard(self._queue_arg(message).queue.id)

    async def _cmd_get_list(self, session: Any, message: dict[str, Any]) -> None:
        object_type = message.get("objectType")
        if object_type == "queue":
            reply = ("QueueList", [q.queue.config() for q in self.queues.values()])
        elif object_type == "agent":
            reply = ("AgentList", [a.agent.config() for a in self.agents.values()])
        elif object_type == "queuemember":
            members = [
                {"queueId": queue_id, "agentId": live.agent.id, "penalty": penalty}
                for live in self.agents.values()
                for queue_id, penalty in live.agent.queues.items()
            ]
            reply = ("QueueMemberList", members)
        else:
            raise CcError("InvalidObjectType", f"unsupported {object_type!r}")
        session.lists.add(object_type)  # getList also subscribes to later changes (§2)
        await self._out.send_frame_to(session, *reply)

    async def _cmd_set_member(self, session: Any, message: dict[str, Any]) -> None:
        penalty = message.get("penalty", 0)
        if not isinstance(penalty, int) or isinstance(penalty, bool) or penalty < 0:
            raise CcError("InvalidArgument", "'penalty' must be a non-negative int")
        await self.set_member(_int_arg(message, "agentId"), _int_arg(message, "queueId"), penalty)

    async def _cmd_remove_member(self, session: Any, message: dict[str, Any]) -> None:
        await self.set_member(_int_arg(message, "agentId"), _int_arg(message, "queueId"), None)

    async def _cmd_user_status(self, session: Any, message: dict[str, Any]) -> None:
        name = message.get("status")
        status = next((s for s in self.statuses if s.name == name), None)
        if status is None:
            raise CcError("InvalidArgument", f"unknown status {name!r}")
        live = self.agent_of_user(session.username)
        if live is not None and status.pauses:
            await self.pause(live, status.name)
        elif live is not None and status.unpauses:
            await self.unpause(live)
        username = session.username
        await self._push(lambda s: s.username == username, "UserStatusUpdate", {"status": name})

    _handlers: dict[str, _Handler] = {  # noqa: RUF012 (read-only table)
        "agentLogin": _cmd_login,
        "agentLogout": _cmd_logout,
        "pauseAgent": _cmd_pause,
        "unpauseAgent": _cmd_unpause,
        "getAgentStates": _cmd_agent_states,
        "subscribeToAgentEvents": _cmd_agent_events,
        "subscribeToAgentStats": _cmd_agent_stats,
        "subscribeToQueueStats": _cmd_queue_stats,
        "getQueueStatistics": _cmd_get_queue_stats,
        "subscribeToQueueCalls": _cmd_queue_calls,
        "unSubscribeToQueueCalls": _cmd_no_queue_calls,
        "getList": _cmd_get_list,
        "setAgentQueue": _cmd_set_member,
        "removeAgentFromQueue": _cmd_remove_member,
        "userStatusUpdate": _cmd_user_status,
    }
