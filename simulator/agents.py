"""Contact-centre configuration of the simulated XiVO: queues, agents, pause reasons, knobs.

Wire shapes follow `XUC_CONTACT_CENTRE.md`. Everything that document marks [R] (inferred, not
confirmed on a real XUC) is a field of `CcOptions`, so that clients can be tested against
each reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal


@dataclass(frozen=True)
class SimQueue:
    """One XiVO queue (`QueueList` element, protocol §4.1)."""

    id: int
    name: str
    number: str
    display_name: str

    def config(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "displayName": self.display_name,
            "number": self.number,
            "context": "default",
        }


@dataclass
class SimAgent:
    """One agent (`AgentList` element, §3.4) and its queue memberships (queue id -> penalty)."""

    id: int
    number: str
    first_name: str
    last_name: str
    # The XiVO user the agent belongs to (0 and None for an agent without a CTI user).
    user_id: int = 0
    username: str | None = None
    queues: dict[int, int] = field(default_factory=dict)

    def config(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "userId": self.user_id,
            "firstName": self.first_name,
            "lastName": self.last_name,
            "number": self.number,
            "groupId": 1,
        }


@dataclass(frozen=True)
class UserStatus:
    """A presence status of `UsersStatuses` (§5); `actions` are action names."""

    name: str
    long_name: str
    color: str
    actions: tuple[str, ...] = ()

    def wire(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "color": self.color,
            "longName": self.long_name,
            "actions": [{"name": action, "parameters": ""} for action in self.actions],
        }

    @property
    def pauses(self) -> bool:
        return "queuepause_all" in self.actions

    @property
    def unpauses(self) -> bool:
        return "queueunpause_all" in self.actions


# Demo data (DESIGN.md, "Contact centre"): public, the demo and the integration tests use it.
DEFAULT_QUEUES: tuple[SimQueue, ...] = (
    SimQueue(1, "sales", "3000", "Sales"),
    SimQueue(2, "support", "3001", "Support"),
)


def default_agents() -> list[SimAgent]:
    """Agent 8000 is jbond in both queues, alice agent 8001 in Sales (a private copy)."""
    return [
        SimAgent(1, "8000", "James", "Bond", user_id=7, username="jbond", queues={1: 0, 2: 0}),
        SimAgent(2, "8001", "Alice", "Martin", user_id=8, username="alice", queues={1: 0}),
    ]


DEFAULT_STATUSES: tuple[UserStatus, ...] = (
    UserStatus("available", "Available", "#08FD20", ("queueunpause_all",)),
    UserStatus("lunch", "Lunch", "#F7A12D", ("queuepause_all",)),
    UserStatus("meeting", "Meeting", "#D32F2F", ("queuepause_all",)),
)


def bulk_data(queues: int, agents: int) -> tuple[list[SimQueue], list[SimAgent]]:
    """`queues` queues (ids 1.., numbers 3000..) and `agents` agents (ids 1.., numbers 8000..).

    Agent i is a member of queue i mod `queues` and the next one, so every queue has members.
    These agents belong to no CTI user: the `agent` control logs them in.
    """
    made_queues = [
        SimQueue(i, f"queue{i:03d}", str(3000 + i - 1), f"Queue {i}") for i in range(1, queues + 1)
    ]
    made_agents = []
    for i in range(1, agents + 1):
        first = (i - 1) % queues + 1
        second = first % queues + 1
        made_agents.append(
            SimAgent(
                i, str(8000 + i - 1), "Agent", str(i), queues=dict.fromkeys({first, second}, 0)
            )
        )
    return made_queues, made_agents


type NonAgentId = Literal["zero", "missing", "null"]
type QueueCallsShape = Literal["wrapped", "list"]
type StatsKey = Literal["queueId", "queueRef"]


@dataclass
class CcOptions:
    """Knobs for what the protocol document leaves open ([R]); the defaults are its best guess.

    Set with `XucSimulator(cc_options=...)`, `await sim.set_cc_options(**knobs)` or
    `POST /_sim/set_cc_options`.
    """

    # Seconds a queue call rings on one agent before it moves on to the next ready member.
    queue_ring_timeout: float = 15.0
    # Seconds of AgentOnWrapup after a queue call, before AgentReady.
    wrapup_time: float = 10.0
    # UserConfigUpdate.agentId of a user who is not an agent: 0, absent, or null.
    non_agent_id: NonAgentId = "zero"
    # AgentStateEvent.phoneNb of a logged-out agent ("null": the string "null", as XUC may send).
    logged_out_phone_nb: str = ""
    # QueueStatistics names its queue by queueId (a number) or queueRef (the queue's name).
    stats_key: StatsKey = "queueId"
    # QueueStatistics values as numeric strings ("3") instead of JSON numbers.
    stats_as_strings: bool = False
    # The longest-wait counter's name: LongestWaitTime (client code) or LongestWaitingTime (docs).
    longest_wait_name: str = "LongestWaitTime"
    # QueueCalls body: {"queueId": 1, "calls": [...]} ("wrapped") or the bare list ("list").
    queue_calls_shape: QueueCallsShape = "wrapped"
    # Whether a QueueCalls with no call is sent when the queue empties.
    empty_queue_calls: bool = True
    # Whether a login goes through a transient AgentLogin state before AgentReady.
    agent_login_event: bool = True
    # msgType of PhoneNumberUnknown / LoggedInOnAnotherPhone.
    agent_error_msg_type: str = "AgentError"
    # Whether AgentStateEvent carries `since`.
    send_since: bool = True
    # Whether UsersStatuses follows the initial frames of every CTI session.
    users_statuses_at_login: bool = True

    def update(self, **knobs: Any) -> None:
        """Set knobs by name; ValueError (nothing changed) for an unknown one or a bad value."""
        known = {f.name for f in fields(self)}
        if unknown := sorted(set(knobs) - known):
            raise ValueError(f"unknown contact-centre options: {unknown}")
        for name, value in knobs.items():
            if not _valid(name, getattr(CcOptions(), name), value):
                raise ValueError(f"invalid value for {name}: {value!r}")
        for name, value in knobs.items():
            setattr(self, name, float(value) if name in _SECONDS else value)


_SECONDS = frozenset({"queue_ring_timeout", "wrapup_time"})
_CHOICES: dict[str, tuple[str, ...]] = {
    "non_agent_id": ("zero", "missing", "null"),
    "stats_key": ("queueId", "queueRef"),
    "queue_calls_shape": ("wrapped", "list"),
    "longest_wait_name": ("LongestWaitTime", "LongestWaitingTime"),
}


def _valid(name: str, default: Any, value: Any) -> bool:
    if name in _CHOICES:
        return value in _CHOICES[name]
    if isinstance(default, bool):
        return isinstance(value, bool)
    if name in _SECONDS:
        return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
    return isinstance(value, str)
