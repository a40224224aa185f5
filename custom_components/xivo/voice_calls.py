"""Which call of a line a voice tool acts on, and how it aims an action at it.

Calls come from the call state sensor and the call history action, as plain mappings (the
shapes of `payloads`); the tools read them defensively, since an attribute is whatever the
sensor last wrote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from homeassistant.util import dt as dt_util

from .const import ATTR_UNIQUE_ID


def first_in(calls: Sequence[Mapping[str, Any]], *states: str) -> Mapping[str, Any] | None:
    """The oldest call in the first of `states` that any call is in."""
    for state in states:
        for call in calls:
            if call.get("state") == state:
                return call
    return None


def last_in(calls: Sequence[Mapping[str, Any]], *states: str) -> Mapping[str, Any] | None:
    """The newest call in the first of `states` that any call is in."""
    return first_in(list(reversed(calls)), *states)


@dataclass(frozen=True, slots=True)
class CallPick:
    """Which call of a line a call-control tool acts on."""

    # The states of the calls it acts on, in the order it prefers them.
    states: tuple[str, ...]
    # The newest call in that state (the one just taken), else the one waiting longest.
    newest: bool = False

    def of(self, calls: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
        """The call picked among `calls`, oldest first; None when none is in `states`."""
        return (last_in if self.newest else first_in)(calls, *self.states)


# Hold and transfer mean the call just taken, in conversation, else on hold.
LAST_TAKEN: Final = CallPick(("established", "on_hold"), newest=True)


def target_of(call: Mapping[str, Any]) -> dict[str, Any]:
    """The action data that aims at `call`; without a unique id, the line's current call."""
    unique_id = call.get(ATTR_UNIQUE_ID)
    return {ATTR_UNIQUE_ID: unique_id} if isinstance(unique_id, str) and unique_id else {}


def started(record: Mapping[str, Any]) -> datetime | None:
    """When a history record began, when it says so readably."""
    start = record.get("start")
    return dt_util.parse_datetime(start) if isinstance(start, str) else None
