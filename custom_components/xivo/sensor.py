"""Sensors of a XiVO line: calls, voicemail, colleagues' phones, the agent, the queues."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import Any, override

from homeassistant.components.sensor import (
    RestoreSensor,
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from .agent import AGENT_STATE_OPTIONS, agent_attributes, agent_state
from .coordinator import XivoConfigEntry, XivoCoordinator
from .entity import XivoEntity, XivoEntityDescription
from .missed_calls import MissedCalls
from .payloads import call_item
from .queue_sensors import QUEUE_SENSORS, XivoQueueSensor
from .xuc import CallState, LineState, PhoneStatus, QueueConfig, UpdateKind

PARALLEL_UPDATES = 0

PHONE_STATUS_OPTIONS = [status.value for status in PhoneStatus]


def _call_attributes(state: LineState) -> dict[str, Any]:
    calls = [call_item(call) for call in state.calls.values()]
    current = state.current_call
    if current is None:
        return {"call_count": 0, "calls": calls}
    item = call_item(current)
    return {
        "other_number": item["other_number"],
        "other_name": item["other_name"],
        "name_source": item["name_source"],
        "direction": item["direction"],
        "queue": item["queue"],
        "unique_id": item["unique_id"] or None,
        "linked_id": item["linked_id"] or None,
        "call_count": len(calls),
        "calls": calls,
    }


@dataclass(frozen=True, kw_only=True)
class XivoSensorEntityDescription(SensorEntityDescription, XivoEntityDescription):
    """A sensor computed from the line state."""

    value_fn: Callable[[LineState], StateType] = lambda _: None
    attributes_fn: Callable[[LineState], Mapping[str, Any]] | None = None


SENSORS: tuple[XivoSensorEntityDescription, ...] = (
    XivoSensorEntityDescription(
        key="phone_status",
        translation_key="phone_status",
        device_class=SensorDeviceClass.ENUM,
        options=PHONE_STATUS_OPTIONS,
        update_kinds=(UpdateKind.PHONE_STATUS,),
        value_fn=lambda state: state.phone_status,
    ),
    XivoSensorEntityDescription(
        key="call_state",
        translation_key="call_state",
        device_class=SensorDeviceClass.ENUM,
        options=[state.value for state in CallState],
        update_kinds=(UpdateKind.CALLS,),
        value_fn=lambda state: state.call_state,
        attributes_fn=_call_attributes,
    ),
    # The three voicemail counters; only new messages are on by default.
    *(
        XivoSensorEntityDescription(
            key=f"voicemail_{counter}",
            translation_key=f"voicemail_{counter}",
            state_class=SensorStateClass.MEASUREMENT,
            update_kinds=(UpdateKind.VOICEMAIL,),
            entity_registry_enabled_default=counter == "new",
            value_fn=attrgetter(f"voicemail.{counter}"),
        )
        for counter in ("new", "waiting", "old")
    ),
)

AGENT_STATE = XivoSensorEntityDescription(
    key="agent_state",
    translation_key="agent_state",
    device_class=SensorDeviceClass.ENUM,
    options=AGENT_STATE_OPTIONS,
    # The queues' names and the pause reasons are attributes too.
    update_kinds=(UpdateKind.AGENT, UpdateKind.QUEUES, UpdateKind.STATUSES),
    value_fn=agent_state,
    attributes_fn=agent_attributes,
)
MISSED_CALLS = XivoSensorEntityDescription(
    key="missed_calls",
    translation_key="missed_calls",
    # A reset to zero is read as a new cycle, as for a meter.
    state_class=SensorStateClass.TOTAL_INCREASING,
)
HINT = XivoSensorEntityDescription(
    key="hint",
    translation_key="hint",
    device_class=SensorDeviceClass.ENUM,
    options=PHONE_STATUS_OPTIONS,
    update_kinds=(UpdateKind.HINT,),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: XivoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the line's sensors and one per monitored number."""
    coordinator = entry.runtime_data
    monitored = coordinator.client.monitored_numbers
    # A number dropped in the options leaves no orphan entity behind (stale-devices).
    registry = er.async_get(hass)
    hint_prefix = f"{entry.entry_id}_hint_"
    for entity in er.async_entries_for_config_entry(registry, entry.entry_id):
        if (
            entity.unique_id.startswith(hint_prefix)
            and entity.unique_id.removeprefix(hint_prefix) not in monitored
        ):
            registry.async_remove(entity.entity_id)
    entities: list[SensorEntity] = [
        XivoSensorEntity(coordinator, description) for description in SENSORS
    ]
    entities.append(XivoMissedCallsSensor(coordinator))
    if coordinator.is_agent:
        entities.append(XivoSensorEntity(coordinator, AGENT_STATE))
    entities.extend(queue_sensors(coordinator, coordinator.queues))
    entities.extend(XivoHintSensor(coordinator, number) for number in monitored)
    async_add_entities(entities)

    @callback
    def add_queues(queues: tuple[QueueConfig, ...]) -> None:
        async_add_entities(queue_sensors(coordinator, queues))

    entry.async_on_unload(coordinator.add_queue_listener(add_queues))


def queue_sensors(
    coordinator: XivoCoordinator, queues: Iterable[QueueConfig]
) -> list[XivoQueueSensor]:
    """The sensors of these queues' devices."""
    return [
        XivoQueueSensor(coordinator, description, queue.id)
        for queue in queues
        for description in QUEUE_SENSORS
    ]


class XivoSensorEntity(XivoEntity, SensorEntity):
    """A sensor of the line state."""

    entity_description: XivoSensorEntityDescription
    # The list of calls is for the dashboard card, not worth a history row per call event;
    # nor are the agent's pause reasons, which change only with the server's configuration.
    _unrecorded_attributes = frozenset({"calls", "pause_reasons"})

    @property
    @override
    def native_value(self) -> StateType:
        """The value from the line state."""
        return self.entity_description.value_fn(self.coordinator.client.state)

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Details, for the sensors that have some."""
        if (attributes_fn := self.entity_description.attributes_fn) is None:
            return None
        return attributes_fn(self.coordinator.client.state)


class XivoHintSensor(XivoEntity, SensorEntity):
    """The phone status (busy lamp) of a monitored number."""

    entity_description: XivoSensorEntityDescription

    def __init__(self, coordinator: XivoCoordinator, number: str) -> None:
        """One sensor per monitored number, updated only when that number changes."""
        super().__init__(coordinator, HINT)
        self._number = self._update_key = number
        self._attr_unique_id = f"{coordinator.entry.entry_id}_hint_{number}"
        self._attr_translation_placeholders = {"number": number}
        # The card and the voice tools find whose lamp this is here.
        self._attr_extra_state_attributes = {"number": number}

    @property
    @override
    def native_value(self) -> str | None:
        """The number's status; unknown until the server has sent it."""
        return self.coordinator.client.state.hints.get(self._number)


class XivoMissedCallsSensor(XivoEntity, RestoreSensor):
    """Missed calls since the last reset, kept across restarts."""

    entity_description: XivoSensorEntityDescription

    def __init__(self, coordinator: XivoCoordinator) -> None:
        """Count from the coordinator, which sees every call event."""
        super().__init__(coordinator, MISSED_CALLS)

    @override
    async def async_added_to_hass(self) -> None:
        """Restore the count, then follow it."""
        await super().async_added_to_hass()
        missed = self.coordinator.missed
        self.async_on_remove(missed.add_listener(self.async_write_ha_state))
        if missed.value.count or (last := await self.async_get_last_state()) is None:
            return
        try:
            count = int(last.state)
        except ValueError:
            return
        at = last.attributes.get("last_missed_at")
        missed.restore(
            MissedCalls(
                count=count,
                last_caller_number=last.attributes.get("last_caller_number"),
                last_caller_name=last.attributes.get("last_caller_name"),
                last_missed_at=dt_util.parse_datetime(at) if isinstance(at, str) else None,
            )
        )

    @property
    @override
    def native_value(self) -> int:
        """The count."""
        return self.coordinator.missed.value.count

    @property
    @override
    def extra_state_attributes(self) -> dict[str, str | datetime | None]:
        """Who called last, and when."""
        missed = self.coordinator.missed.value
        return {
            "last_caller_number": missed.last_caller_number,
            "last_caller_name": missed.last_caller_name,
            "last_missed_at": missed.last_missed_at,
        }
