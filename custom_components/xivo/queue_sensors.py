"""The sensors of a queue's device: waiting calls, waits, agents and the day's calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, override

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, UnitOfTime
from homeassistant.core import CALLBACK_TYPE, callback
from homeassistant.helpers.event import async_track_time_interval
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from .entity import XivoQueueEntity, XivoQueueEntityDescription
from .xuc import QueueCounter, QueueState

LONGEST_WAIT_REFRESH: Final = timedelta(seconds=5)
"""How often a growing wait is rewritten between the server's updates: the rhythm at which
XiVO's own wallboard ages it (XUC_CONTACT_CENTRE.md §4.4)."""


def _count(name: str) -> Callable[[QueueState, datetime], StateType]:
    def value(queue: QueueState, _: datetime) -> StateType:
        counter = queue.counters.get(name)
        return None if counter is None else int(counter)

    return value


def _waiting_calls(queue: QueueState, _: datetime) -> StateType:
    if (waiting := queue.waiting_calls) is not None:
        return waiting
    return None if queue.calls is None else len(queue.calls)


def _longest_wait(queue: QueueState, now: datetime) -> StateType:
    seconds = queue.longest_wait(now)
    return None if seconds is None else int(seconds)


def _answered_rate(queue: QueueState, _: datetime) -> StateType:
    entered = queue.counters.get(QueueCounter.CALLS_ENTERED)
    answered = queue.counters.get(QueueCounter.CALLS_ANSWERED)
    if not entered or answered is None:
        # No call yet today: no rate (0 % would read as "every call lost").
        return None
    return round(100 * answered / entered, 1)


def _calls(queue: QueueState) -> dict[str, Any]:
    return {
        "calls": [
            {
                "position": call.position,
                "number": call.number or None,
                "name": call.name or None,
                "waiting_since": call.queue_time.isoformat() if call.queue_time else None,
            }
            for call in queue.calls or ()
        ]
    }


def _waiting_since(queue: QueueState) -> dict[str, Any]:
    since = queue.longest_wait_since
    return {"waiting_since": since.isoformat() if since else None}


@dataclass(frozen=True, kw_only=True)
class XivoQueueSensorEntityDescription(SensorEntityDescription, XivoQueueEntityDescription):
    """A sensor of one queue's activity."""

    value_fn: Callable[[QueueState, datetime], StateType]
    attributes_fn: Callable[[QueueState], Mapping[str, Any]] | None = None


def _counter_sensor(
    key: str, counter: QueueCounter, **kwargs: Any
) -> XivoQueueSensorEntityDescription:
    return XivoQueueSensorEntityDescription(
        key=key,
        translation_key=key,
        counters=frozenset({counter.value}),
        value_fn=_count(counter),
        **kwargs,
    )


_DURATION: Final[dict[str, Any]] = {
    "device_class": SensorDeviceClass.DURATION,
    "native_unit_of_measurement": UnitOfTime.SECONDS,
    "state_class": SensorStateClass.MEASUREMENT,
    # Whole seconds: the duration class would otherwise show "5.00 s".
    "suggested_display_precision": 0,
}
# The day's totals: XUC resets them daily, which a meter reads as a new cycle.
_TOTAL: Final[dict[str, Any]] = {
    "state_class": SensorStateClass.TOTAL_INCREASING,
    "entity_registry_enabled_default": False,
}

WAITING_CALLS = XivoQueueSensorEntityDescription(
    key="waiting_calls",
    translation_key="waiting_calls",
    state_class=SensorStateClass.MEASUREMENT,
    counters=frozenset({QueueCounter.WAITING_CALLS.value}),
    shows_calls=True,
    value_fn=_waiting_calls,
    attributes_fn=_calls,
)
LONGEST_WAIT = XivoQueueSensorEntityDescription(
    key="longest_wait",
    translation_key="longest_wait",
    counters=frozenset({QueueCounter.WAITING_CALLS.value, QueueCounter.LONGEST_WAIT_TIME.value}),
    value_fn=_longest_wait,
    attributes_fn=_waiting_since,
    **_DURATION,
)

QUEUE_SENSORS: Final[tuple[XivoQueueSensorEntityDescription, ...]] = (
    WAITING_CALLS,
    LONGEST_WAIT,
    _counter_sensor("estimated_wait", QueueCounter.EWT, **_DURATION),
    *(
        _counter_sensor(key, counter, state_class=SensorStateClass.MEASUREMENT)
        for key, counter in (
            ("available_agents", QueueCounter.AVAILABLE_AGENTS),
            ("talking_agents", QueueCounter.TALKING_AGENTS),
            ("logged_agents", QueueCounter.LOGGED_AGENTS),
        )
    ),
    _counter_sensor("calls_entered", QueueCounter.CALLS_ENTERED, **_TOTAL),
    _counter_sensor("calls_answered", QueueCounter.CALLS_ANSWERED, **_TOTAL),
    _counter_sensor("calls_abandoned", QueueCounter.CALLS_ABANDONED, **_TOTAL),
    XivoQueueSensorEntityDescription(
        key="answered_rate",
        translation_key="answered_rate",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        counters=frozenset({QueueCounter.CALLS_ENTERED.value, QueueCounter.CALLS_ANSWERED.value}),
        value_fn=_answered_rate,
    ),
)


class XivoQueueSensor(XivoQueueEntity, SensorEntity):
    """A figure of one queue."""

    entity_description: XivoQueueSensorEntityDescription
    # Who waits is for the dashboard, not for a history row per caller.
    _unrecorded_attributes = frozenset({"calls"})
    _refresh: CALLBACK_TYPE | None = None
    _shown: tuple[bool, StateType, Mapping[str, Any] | None] | None = None

    @property
    @override
    def native_value(self) -> StateType:
        """The figure, as of now."""
        return self.entity_description.value_fn(self.queue, dt_util.utcnow())

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Details, for the sensors that have some."""
        if (attributes_fn := self.entity_description.attributes_fn) is None:
            return None
        return attributes_fn(self.queue)

    @override
    async def async_added_to_hass(self) -> None:
        """Follow the queue; a growing wait also follows the clock."""
        await super().async_added_to_hass()
        # What Home Assistant writes right after this.
        self._shown = (self.available, self.native_value, self.extra_state_attributes)
        if self.entity_description is LONGEST_WAIT:
            self.async_on_remove(self._stop_refresh)
            self._follow_the_clock()

    @override
    @callback
    def _async_update_state(self) -> None:
        """Write the state if it changed; a growing wait is rewritten on a coarse timer."""
        # A figure computed from two counters (a rate, a wait) may not move when one of
        # them does: such an update writes nothing.
        shown = (self.available, self.native_value, self.extra_state_attributes)
        if shown != self._shown:
            self._shown = shown
            super()._async_update_state()
        if self.entity_description is LONGEST_WAIT:
            self._follow_the_clock()

    @callback
    def _follow_the_clock(self) -> None:
        # The server sends a wait when it changes, not every second: while a call waits,
        # the state is recomputed from the moment its wait began, and written every 5 s
        # (its `waiting_since` attribute lets a card count every second).
        growing = self.available and self.queue.longest_wait_since is not None
        if growing and self._refresh is None:
            self._refresh = async_track_time_interval(
                self.hass, self._tick, LONGEST_WAIT_REFRESH, name="xivo longest wait"
            )
        elif not growing:
            self._stop_refresh()

    @callback
    def _tick(self, _: datetime) -> None:
        self._async_update_state()

    @callback
    def _stop_refresh(self) -> None:
        if self._refresh is not None:
            self._refresh()
            self._refresh = None
