"""Sensors of a XiVO line: phone and call state, voicemail, missed calls, colleagues' phones."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    RestoreSensor,
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from .coordinator import MissedCalls, XivoConfigEntry, XivoCoordinator
from .entity import XivoEntity
from .xuc import CallState, LineState, PhoneStatus, UpdateKind

PARALLEL_UPDATES = 0

PHONE_STATUS_OPTIONS = [status.value for status in PhoneStatus]


def _call_attributes(state: LineState) -> dict[str, Any]:
    call = state.current_call
    if call is None:
        return {"call_count": 0}
    return {
        "other_number": call.other_dn or None,
        "other_name": call.other_dname or None,
        "direction": call.call_direction or None,
        "queue": call.queue_name or None,
        "unique_id": call.unique_id or None,
        "linked_id": call.linked_id or None,
        "call_count": len(state.calls),
    }


@dataclass(frozen=True, kw_only=True)
class XivoSensorEntityDescription(SensorEntityDescription):
    """A sensor computed from the line state."""

    update_kinds: tuple[UpdateKind, ...]
    value_fn: Callable[[LineState], StateType]
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
    XivoSensorEntityDescription(
        key="voicemail_new",
        translation_key="voicemail_new",
        state_class=SensorStateClass.MEASUREMENT,
        update_kinds=(UpdateKind.VOICEMAIL,),
        value_fn=lambda state: state.voicemail.new,
    ),
    XivoSensorEntityDescription(
        key="voicemail_waiting",
        translation_key="voicemail_waiting",
        state_class=SensorStateClass.MEASUREMENT,
        update_kinds=(UpdateKind.VOICEMAIL,),
        entity_registry_enabled_default=False,
        value_fn=lambda state: state.voicemail.waiting,
    ),
    XivoSensorEntityDescription(
        key="voicemail_old",
        translation_key="voicemail_old",
        state_class=SensorStateClass.MEASUREMENT,
        update_kinds=(UpdateKind.VOICEMAIL,),
        entity_registry_enabled_default=False,
        value_fn=lambda state: state.voicemail.old,
    ),
)

MISSED_CALLS = SensorEntityDescription(
    key="missed_calls",
    translation_key="missed_calls",
    # A reset to zero is read as a new cycle, as for a meter.
    state_class=SensorStateClass.TOTAL_INCREASING,
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
    entities.extend(XivoHintSensor(coordinator, number) for number in monitored)
    async_add_entities(entities)


class XivoSensorEntity(XivoEntity, SensorEntity):
    """A sensor of the line state."""

    entity_description: XivoSensorEntityDescription

    def __init__(
        self, coordinator: XivoCoordinator, description: XivoSensorEntityDescription
    ) -> None:
        """A sensor written when the parts of the state it shows change."""
        super().__init__(coordinator, description)
        self._update_kinds = description.update_kinds

    @property
    def native_value(self) -> StateType:
        """The value from the line state."""
        return self.entity_description.value_fn(self.coordinator.client.state)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Details, for the sensors that have some."""
        if (attributes_fn := self.entity_description.attributes_fn) is None:
            return None
        return attributes_fn(self.coordinator.client.state)


class XivoHintSensor(XivoEntity, SensorEntity):
    """The phone status (busy lamp) of a monitored number."""

    _update_kinds = (UpdateKind.HINT,)

    def __init__(self, coordinator: XivoCoordinator, number: str) -> None:
        """One sensor per monitored number, updated only when that number changes."""
        self._number = self._update_key = number
        super().__init__(
            coordinator,
            SensorEntityDescription(
                key=f"hint_{number}",
                translation_key="hint",
                device_class=SensorDeviceClass.ENUM,
                options=PHONE_STATUS_OPTIONS,
            ),
        )
        self._attr_translation_placeholders = {"number": number}

    @property
    def native_value(self) -> str | None:
        """The number's status; unknown until the server has sent it."""
        return self.coordinator.client.state.hints.get(self._number)


class XivoMissedCallsSensor(XivoEntity, RestoreSensor):
    """Missed calls since the last reset, kept across restarts."""

    def __init__(self, coordinator: XivoCoordinator) -> None:
        """Count from the coordinator, which sees every call event."""
        super().__init__(coordinator, MISSED_CALLS)

    async def async_added_to_hass(self) -> None:
        """Restore the count, then follow it."""
        await super().async_added_to_hass()
        self.async_on_remove(self.coordinator.async_add_missed_listener(self.async_write_ha_state))
        if self.coordinator.missed.count or (last := await self.async_get_last_state()) is None:
            return
        try:
            count = int(last.state)
        except ValueError:
            return
        at = last.attributes.get("last_missed_at")
        self.coordinator.async_restore_missed(
            MissedCalls(
                count=count,
                last_caller_number=last.attributes.get("last_caller_number"),
                last_caller_name=last.attributes.get("last_caller_name"),
                last_missed_at=dt_util.parse_datetime(at) if isinstance(at, str) else None,
            )
        )

    @property
    def native_value(self) -> int:
        """The count."""
        return self.coordinator.missed.count

    @property
    def extra_state_attributes(self) -> dict[str, str | datetime | None]:
        """Who called last, and when."""
        missed = self.coordinator.missed
        return {
            "last_caller_number": missed.last_caller_number,
            "last_caller_name": missed.last_caller_name,
            "last_missed_at": missed.last_missed_at,
        }
