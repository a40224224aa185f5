"""Typed models of what a XUC server says about agents, queues and user statuses.

Most are named tuples, as `models.PhoneEvent` says why: a supervisor's session receives a
statistics update for one of fifty queues many times a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final, NamedTuple


class AgentStateName(StrEnum):
    """An agent's state, named as the integration exposes it (`agent_state` sensor)."""

    LOGGED_OUT = "logged_out"
    READY = "ready"
    PAUSED = "paused"
    RINGING = "ringing"
    DIALING = "dialing"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"
    UNKNOWN = "unknown"
    """A name this client does not know (older and newer servers have others)."""

    @classmethod
    def from_wire(cls, value: object) -> AgentStateName:
        """Map XUC's `name` (`AgentReady`, ...) to a state; anything else is `UNKNOWN`."""
        state = _AGENT_STATES_BY_WIRE.get(value) if isinstance(value, str) else None
        return AgentStateName.UNKNOWN if state is None else state


_AGENT_STATES_BY_WIRE: Final[dict[str, AgentStateName]] = {
    "AgentLoggedOut": AgentStateName.LOGGED_OUT,
    # Transient, just after a login request: the agent is in.
    "AgentLogin": AgentStateName.READY,
    "AgentReady": AgentStateName.READY,
    "AgentOnPause": AgentStateName.PAUSED,
    "AgentRinging": AgentStateName.RINGING,
    "AgentDialing": AgentStateName.DIALING,
    "AgentOnCall": AgentStateName.ON_CALL,
    # Names XiVO's own client derives from `acd`/`direction`; accepted if a server sends them.
    "AgentOnAcdCall": AgentStateName.ON_CALL,
    "AgentOnIncomingCall": AgentStateName.ON_CALL,
    "AgentOnOutgoingCall": AgentStateName.ON_CALL,
    "AgentOnWrapup": AgentStateName.WRAP_UP,
}


class AgentStateEvent(NamedTuple):
    """One `AgentStateEvent`: an agent's state, as of the moment it was received."""

    agent_id: int | None
    name: AgentStateName
    wire_name: str = ""
    """The state's name as the server sent it (kept for an `UNKNOWN` one)."""
    phone_number: str | None = None
    """The line the agent is logged on; `None` when the server says `"null"`, `""` or nothing."""
    since: datetime | None = None
    """When the agent entered this state (receipt time minus the server's `since` seconds);
    `None` when logged out or not told."""
    queues: tuple[int, ...] = ()
    cause: str | None = None
    """The pause reason (a user status name); `None` when not given."""
    acd: bool = False
    """On a call delivered by a queue."""
    direction: str = ""
    """`Incoming` or `Outgoing`, during calls."""
    monitor_state: str = ""
    """Call recording: `ACTIVE`, `PAUSED`, or empty."""

    def same_state(self, other: AgentStateEvent) -> bool:
        """The same state as `other`, its start moment within a second (resent, not new).

        The wire name counts only for an unknown state: `AgentLogin` then `AgentReady` is one.
        """
        # Every field but `wire_name` and `since` (computed at receipt), by position: fast.
        if self[:2] != other[:2] or self[3] != other[3] or self[5:] != other[5:]:
            return False
        if self.name is AgentStateName.UNKNOWN and self.wire_name != other.wire_name:
            return False
        if self.since is None or other.since is None:
            return self.since is other.since
        return abs((self.since - other.since).total_seconds()) < 1.5


@dataclass(frozen=True, slots=True)
class AgentError:
    """An `AgentError`: the server refused an agent command (a login, as documented)."""

    error: str
    phone_number: str | None = None
    """The line the agent is logged on (`LoggedInOnAnotherPhone`)."""
    requested_number: str | None = None
    """The line the login asked for."""


class AgentConfig(NamedTuple):
    """One agent of `AgentList`, or an `AgentConfig` change."""

    id: int
    user_id: int | None = None
    first_name: str = ""
    last_name: str = ""
    number: str = ""
    """The agent's number (login code)."""


@dataclass(frozen=True, slots=True)
class AgentList:
    """Reply to `getList agent`."""

    agents: tuple[AgentConfig, ...]


class QueueConfig(NamedTuple):
    """One queue of `QueueList`, or a `QueueConfig` change (replaces the queue by id)."""

    id: int
    name: str = ""
    number: str = ""
    display_name: str = ""

    @property
    def label(self) -> str:
        """What a person calls the queue: its display name, else its name, else its number."""
        return self.display_name or self.name or self.number or str(self.id)


@dataclass(frozen=True, slots=True)
class QueueList:
    """Reply to `getList queue`: every queue this user may see."""

    queues: tuple[QueueConfig, ...]


class QueueMember(NamedTuple):
    """An agent's membership of a queue; a negative penalty means it was removed."""

    queue_id: int
    agent_id: int
    penalty: int = 0

    @property
    def removed(self) -> bool:
        """The agent left the queue."""
        return self.penalty < 0


@dataclass(frozen=True, slots=True)
class QueueMemberList:
    """Reply to `getList queuemember`."""

    members: tuple[QueueMember, ...]


type Counter = int | float


class QueueCounter(StrEnum):
    """XUC's names of a queue's counters (`statName`), spelling included.

    From XUC_CONTACT_CENTRE.md §4.4; a server may send others, kept under their own names.
    """

    WAITING_CALLS = "WaitingCalls"
    LONGEST_WAIT_TIME = "LongestWaitTime"
    """Seconds; the documentation's `LongestWaitingTime` is read as this one."""
    EWT = "EWT"
    """Estimated waiting time, seconds."""
    AVAILABLE_AGENTS = "AvailableAgents"
    TALKING_AGENTS = "TalkingAgents"
    LOGGED_AGENTS = "LoggedAgents"
    CALLS_ENTERED = "TotalNumberCallsEntered"
    CALLS_ANSWERED = "TotalNumberCallsAnswered"
    CALLS_ABANDONED = "TotalNumberCallsAbandonned"
    CALLS_ANSWERED_BEFORE_15 = "TotalNumberCallsAnsweredBefore15"
    CALLS_ABANDONED_AFTER_15 = "TotalNumberCallsAbandonnedAfter15"
    CALLS_CLOSED = "TotalNumberCallsClosed"
    CALLS_TIMEOUT = "TotalNumberCallsTimeout"
    PERCENTAGE_ANSWERED_BEFORE_15 = "PercentageAnsweredBefore15"
    PERCENTAGE_ABANDONED_AFTER_15 = "PercentageAbandonnedAfter15"
    PERCENTAGE_ANSWERED_TOTAL = "PercentageAnsweredTotal"


LONGEST_WAIT_TIME: Final = QueueCounter.LONGEST_WAIT_TIME
WAITING_CALLS: Final = QueueCounter.WAITING_CALLS


class QueueStatistics(NamedTuple):
    """One `QueueStatistics`: some counters of one queue (never all: merge them)."""

    queue_id: int | None
    """`None` when the server named the queue instead (`queue_ref`)."""
    queue_ref: str
    """The queue's name, sent by some servers in place of its id."""
    counters: tuple[tuple[str, Counter], ...]
    """(statName, value) pairs; `LongestWaitingTime` is spelled `LongestWaitTime`."""


class QueueCall(NamedTuple):
    """One call waiting in a queue."""

    position: int | None
    name: str = ""
    number: str = ""
    queue_time: datetime | None = None
    """When the call entered the queue (time-zone aware)."""


class QueueCalls(NamedTuple):
    """The calls waiting in one queue now (the whole list)."""

    queue_id: int | None
    """`None` when the server sent a bare list: the client attributes it when it can."""
    queue_ref: str
    calls: tuple[QueueCall, ...]


class UserStatus(NamedTuple):
    """A user status (presence), which may pause or unpause the user's agent."""

    name: str
    long_name: str = ""
    color: str = ""
    actions: tuple[str, ...] = ()

    @property
    def pauses(self) -> bool:
        """Choosing it pauses the agent in every queue: a pause reason."""
        return "queuepause_all" in self.actions

    @property
    def unpauses(self) -> bool:
        """Choosing it makes the agent ready."""
        return "queueunpause_all" in self.actions

    @property
    def label(self) -> str:
        """What a person reads: its long name, else its name."""
        return self.long_name or self.name


@dataclass(frozen=True, slots=True)
class UsersStatuses:
    """`UsersStatuses` (or `CtiStatuses`): the statuses a user may choose."""

    statuses: tuple[UserStatus, ...]


@dataclass(frozen=True, slots=True)
class UserStatusUpdate:
    """The user's current status name."""

    status: str


type ContactCentreMessage = (
    AgentStateEvent
    | AgentError
    | AgentList
    | AgentConfig
    | QueueList
    | QueueConfig
    | QueueMemberList
    | QueueMember
    | QueueStatistics
    | QueueCalls
    | UsersStatuses
    | UserStatusUpdate
)
"""The messages about agents, queues and statuses."""
