"""Where the PBX sends a call offered to a number: the dialplan's DND and forward rules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from .line import LegRef
from .users import SimUser

# Numbers starting with this prefix do not exist: a call to one fails at once (EventFailure).
UNREACHABLE_PREFIX = "999"
# A forward to a forward to ... gives up after this many hops, as a loop would never end.
MAX_FORWARDS = 5


class Outcome(Enum):
    """What happens to a call offered to a number."""

    RING = auto()  # the callee's line rings
    FORWARD = auto()  # the call moves on to `Route.destination` without ringing
    BUSY = auto()  # DND, or a call to one's own line: the caller gets busy
    UNREACHABLE = auto()  # no such number
    LEAVE = auto()  # not a simulated line: the call goes out of the simulated PBX


@dataclass(frozen=True)
class Route:
    """An outcome, and the number it involves."""

    outcome: Outcome
    # FORWARD: the number the call moves on to. RING: where a no-answer forward takes the
    # call after the ring timeout ("" when there is none).
    destination: str = ""


@dataclass(frozen=True)
class Origin:
    """The calling side of a call being put through.

    What the called line shows, and the caller's own leg when the caller is a simulated
    user (to link it to the leg that rings, answer it, or fail it).
    """

    number: str
    name: str
    linked_id: str
    user_data: dict[str, str]
    queue_name: str = ""
    leg: LegRef | None = None
    # A call a user placed (dial, transfer): simulated callees answer after answer_delay.
    auto_answer: bool = False


def route(number: str, callee: SimUser | None, *, busy: bool, caller: str | None) -> Route:
    """What the dialplan does with a call to `number` (the line of `callee`, if any).

    `busy`: the callee's line already has a call; `caller`: the calling user's username.
    The order is our reading of XiVO's user dialplan: an unconditional forward wins over
    DND (it says where calls should go instead), DND refuses the call before the line can
    ring, a busy forward applies only to a line already on a call, and a no-answer forward
    only once the line has rung for the ring timeout.
    """
    if number.startswith(UNREACHABLE_PREFIX):
        return Route(Outcome.UNREACHABLE)
    if callee is None:
        return Route(Outcome.LEAVE)
    if callee.username == caller:
        return Route(Outcome.BUSY)
    if callee.unc_fwd_enabled and callee.unc_fwd_destination:
        return Route(Outcome.FORWARD, callee.unc_fwd_destination)
    if callee.dnd_enabled:
        return Route(Outcome.BUSY)
    if busy and callee.busy_fwd_enabled and callee.busy_fwd_destination:
        return Route(Outcome.FORWARD, callee.busy_fwd_destination)
    no_answer = callee.na_fwd_destination if callee.na_fwd_enabled else ""
    return Route(Outcome.RING, no_answer)
