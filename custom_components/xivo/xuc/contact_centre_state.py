"""The contact-centre part of the line state: the user's agent, the queues, the statuses.

Owned by `LineState`, which hands it the contact-centre messages; callers read it. Every change
is reported once, and a message that changes nothing reports nothing, so that no entity is
written more often than its value changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from .changes import CHANGED, NO_CHANGE, StateChange, UpdateKind
from .contact_centre import (
    LONGEST_WAIT_TIME,
    WAITING_CALLS,
    AgentConfig,
    AgentList,
    AgentStateEvent,
    ContactCentreMessage,
    Counter,
    QueueCall,
    QueueCalls,
    QueueConfig,
    QueueList,
    QueueMember,
    QueueMemberList,
    QueueStatistics,
    UsersStatuses,
    UserStatus,
    UserStatusUpdate,
)

_WAIT_COUNTERS: Final[frozenset[str]] = frozenset({LONGEST_WAIT_TIME, WAITING_CALLS})


@dataclass(slots=True)
class QueueState:
    """What is known of one queue's activity: its counters and the calls waiting in it."""

    counters: dict[str, Counter] = field(default_factory=dict)
    """Every counter the server has sent, by XUC's `statName`, merged."""
    longest_wait_since: datetime | None = None
    """When the longest-waiting call began to wait, so its wait can grow between updates:
    `None` when no call waits (or the server has not said how long one has)."""
    calls: tuple[QueueCall, ...] | None = None
    """The calls waiting, oldest first as sent; `None` until the server sends the list."""
    changed_counters: tuple[str, ...] = ()
    """The counters the latest change of this queue set (none: its calls changed), so that a
    listener showing one counter can skip the changes of the others."""
    change: StateChange = NO_CHANGE
    """What a change of this queue reports (made once)."""

    @property
    def waiting_calls(self) -> int | None:
        """Calls waiting now, once the server has told."""
        value = self.counters.get(WAITING_CALLS)
        return None if value is None else int(value)

    def longest_wait(self, now: datetime) -> float | None:
        """Seconds the longest-waiting call has waited at `now` (0 when none waits)."""
        if self.longest_wait_since is not None:
            return max(0.0, (now - self.longest_wait_since).total_seconds())
        if self.waiting_calls == 0:
            return 0.0
        value = self.counters.get(LONGEST_WAIT_TIME)
        return None if value is None else float(value)

    def merge(self, counters: tuple[tuple[str, Counter], ...], now: datetime | None) -> bool:
        """Merge a partial update; True when a value changed."""
        current = self.counters
        changed: list[str] = []
        for name, value in counters:
            if name not in current or current[name] != value:
                current[name] = value
                changed.append(name)
        if not changed:
            return False
        self.changed_counters = tuple(changed)
        if not _WAIT_COUNTERS.isdisjoint(changed):
            self._age(dict(counters), now or datetime.now(UTC))
        return True

    def _age(self, sent: dict[str, Counter], now: datetime) -> None:
        waiting = self.counters.get(WAITING_CALLS)
        if waiting is not None and waiting <= 0:
            # XiVO's own client blanks the longest wait when no call waits.
            self.longest_wait_since = None
        elif (seconds := sent.get(LONGEST_WAIT_TIME)) is not None:
            self.longest_wait_since = now - timedelta(seconds=max(0, seconds))
        elif self.longest_wait_since is None:
            # A first caller, the server silent on its wait so far: it started waiting now.
            self.longest_wait_since = now


@dataclass(slots=True)
class ContactCentreState:
    """The user's agent, the queues this user may see, and the statuses it may choose."""

    agent_id: int | None = None
    """The user's own agent, from `UserConfigUpdate.agentId`; `None`: not an agent."""
    agents: dict[int, AgentStateEvent] = field(default_factory=dict)
    """The latest state of every agent the server reported, by agent id."""
    agent_configs: dict[int, AgentConfig] = field(default_factory=dict)
    queues: dict[int, QueueConfig] = field(default_factory=dict)
    members: dict[int, dict[int, int]] = field(default_factory=dict)
    """Queue id → {agent id: penalty}."""
    queue_states: dict[int, QueueState] = field(default_factory=dict)
    statuses: tuple[UserStatus, ...] = ()
    user_status: str | None = None
    watched_queues: frozenset[int] = frozenset()
    """The queues whose calls the client follows; a bare `QueueCalls` list is taken to be the
    one queue's when exactly one is followed."""
    _ids_by_name: dict[str, int] = field(default_factory=dict, repr=False)
    _unresolved: dict[str, dict[str, Counter]] = field(default_factory=dict, repr=False)
    """Counters sent by queue name before the queue list named that queue."""

    # -- reading ---------------------------------------------------------------------------

    @property
    def is_agent(self) -> bool:
        """The user is a contact-centre agent."""
        return self.agent_id is not None

    @property
    def agent(self) -> AgentStateEvent | None:
        """The user's own agent's state, once the server has told."""
        return None if self.agent_id is None else self.agents.get(self.agent_id)

    @property
    def agent_number(self) -> str | None:
        """The user's agent number (login code), once the agent list has told."""
        config = None if self.agent_id is None else self.agent_configs.get(self.agent_id)
        return config.number if config is not None and config.number else None

    @property
    def agent_queue_ids(self) -> tuple[int, ...]:
        """The queues the user's agent is a member of, by id."""
        agent_id = self.agent_id
        if agent_id is None:
            return ()
        return tuple(sorted(queue for queue, agents in self.members.items() if agent_id in agents))

    @property
    def pause_reasons(self) -> tuple[UserStatus, ...]:
        """The statuses that pause the agent: its pause reasons."""
        return tuple(status for status in self.statuses if status.pauses)

    def queue_state(self, queue_id: int) -> QueueState:
        """The activity of a queue (empty until the server tells)."""
        state = self.queue_states.get(queue_id)
        if state is None:
            state = self.queue_states[queue_id] = QueueState(
                change=StateChange(UpdateKind.QUEUE, str(queue_id))
            )
        return state

    def queue_id(self, name: str) -> int | None:
        """The id of the queue with this name."""
        return self._ids_by_name.get(name)

    # -- changing --------------------------------------------------------------------------

    def set_agent_id(self, agent_id: int | None) -> StateChange:
        """Take the user's agent id from a full `UserConfigUpdate` (0 or none: not an agent)."""
        agent_id = agent_id if agent_id is not None and agent_id > 0 else None
        if agent_id == self.agent_id:
            return NO_CHANGE
        self.agent_id = agent_id
        return CHANGED[UpdateKind.AGENT]

    def apply(self, message: ContactCentreMessage, now: datetime | None = None) -> StateChange:
        """Take in one message; say what it changed. `now` is the time of receipt."""
        match message:
            case QueueStatistics():
                return self._apply_statistics(message, now)
            case AgentStateEvent(agent_id=agent_id):
                if agent_id is None:
                    return NO_CHANGE
                previous = self.agents.get(agent_id)
                if previous is not None and previous.same_state(message):
                    return NO_CHANGE
                self.agents[agent_id] = message
                return CHANGED[UpdateKind.AGENT] if agent_id == self.agent_id else NO_CHANGE
            case QueueCalls():
                return self._apply_calls(message)
            case QueueMember():
                return self._apply_member(message)
            case QueueMemberList(members=members):
                before = self.members
                self.members = {}
                for member in members:
                    self._apply_member(member)
                return NO_CHANGE if self.members == before else CHANGED[UpdateKind.QUEUES]
            case QueueConfig():
                if self.queues.get(message.id) == message:
                    return NO_CHANGE
                self._set_queues({**self.queues, message.id: message})
                return CHANGED[UpdateKind.QUEUES]
            case QueueList(queues=queues):
                latest = {queue.id: queue for queue in queues}
                if latest == self.queues:
                    return NO_CHANGE
                self._set_queues(latest)
                # A queue gone from the server takes its counters and calls with it.
                for queue_id in [queue for queue in self.queue_states if queue not in latest]:
                    del self.queue_states[queue_id]
                return CHANGED[UpdateKind.QUEUES]
            case AgentConfig() | AgentList():
                number = self.agent_number
                configs = (message,) if isinstance(message, AgentConfig) else message.agents
                if isinstance(message, AgentList):
                    self.agent_configs = {}
                self.agent_configs.update((config.id, config) for config in configs)
                return NO_CHANGE if self.agent_number == number else CHANGED[UpdateKind.AGENT]
            case UsersStatuses(statuses=statuses):
                if statuses == self.statuses:
                    return NO_CHANGE
                self.statuses = statuses
                return CHANGED[UpdateKind.STATUSES]
            case UserStatusUpdate(status=status):
                if status == self.user_status:
                    return NO_CHANGE
                self.user_status = status
                return CHANGED[UpdateKind.STATUSES]
            case _:
                # AgentError answers a command: the client hands it to the command.
                return NO_CHANGE

    def _apply_statistics(self, message: QueueStatistics, now: datetime | None) -> StateChange:
        queue_id = message.queue_id
        if queue_id is None:
            queue_id = self._ids_by_name.get(message.queue_ref)
            if queue_id is None:
                # Named by a queue the list has not given yet: kept until it does.
                self._unresolved.setdefault(message.queue_ref, {}).update(message.counters)
                return NO_CHANGE
        state = self.queue_state(queue_id)
        return state.change if state.merge(message.counters, now) else NO_CHANGE

    def _apply_calls(self, message: QueueCalls) -> StateChange:
        queue_id = message.queue_id
        if queue_id is None and message.queue_ref:
            queue_id = self._ids_by_name.get(message.queue_ref)
        if queue_id is None and len(self.watched_queues) == 1:
            (queue_id,) = self.watched_queues
        if queue_id is None:
            return NO_CHANGE
        state = self.queue_state(queue_id)
        if state.calls == message.calls:
            return NO_CHANGE
        state.calls = message.calls
        state.changed_counters = ()
        return state.change

    def _apply_member(self, member: QueueMember) -> StateChange:
        agents = self.members.get(member.queue_id)
        if member.removed:
            if agents is None or member.agent_id not in agents:
                return NO_CHANGE
            del agents[member.agent_id]
            if not agents:
                del self.members[member.queue_id]
            return CHANGED[UpdateKind.QUEUES]
        if agents is None:
            agents = self.members[member.queue_id] = {}
        if agents.get(member.agent_id) == member.penalty:
            return NO_CHANGE
        agents[member.agent_id] = member.penalty
        return CHANGED[UpdateKind.QUEUES]

    def _set_queues(self, queues: dict[int, QueueConfig]) -> None:
        self.queues = queues
        self._ids_by_name = {queue.name: queue.id for queue in queues.values() if queue.name}
        for name in [name for name in self._unresolved if name in self._ids_by_name]:
            counters = tuple(self._unresolved.pop(name).items())
            self.queue_state(self._ids_by_name[name]).merge(counters, None)
