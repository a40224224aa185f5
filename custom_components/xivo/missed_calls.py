"""The missed-call count of a line: Home Assistant's own, from the call events it sees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from homeassistant.util import dt as dt_util


@dataclass(frozen=True, slots=True)
class MissedCalls:
    """Missed calls since the user last reset the count."""

    count: int = 0
    last_caller_number: str | None = None
    last_caller_name: str | None = None
    last_missed_at: datetime | None = None


class MissedCallCounter:
    """Counts missed calls and tells its listeners (the sensor) when the count changes."""

    def __init__(self) -> None:
        """Start from zero; the sensor restores the count saved before a restart."""
        self.value = MissedCalls()
        self._listeners: list[Callable[[], None]] = []

    def count(self, number: str | None, name: str | None) -> None:
        """One more missed call, from this caller, now."""
        self._set(
            MissedCalls(
                count=self.value.count + 1,
                last_caller_number=number,
                last_caller_name=name,
                last_missed_at=dt_util.utcnow(),
            )
        )

    def reset(self) -> None:
        """Start counting from zero."""
        self._set(MissedCalls())

    def restore(self, value: MissedCalls) -> None:
        """Take back the count saved before a restart."""
        self._set(value)

    def add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` when the count changes; returns the function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _set(self, value: MissedCalls) -> None:
        self.value = value
        for listener in tuple(self._listeners):
            listener()
