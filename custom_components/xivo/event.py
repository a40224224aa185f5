"""The call event entity of a XiVO line."""

from __future__ import annotations

from typing import override

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import CALL_EVENT_TYPES
from .coordinator import XivoConfigEntry
from .entity import XivoEntity
from .payloads import event_types, phone_event_data
from .xuc import CallEvent

PARALLEL_UPDATES = 0


CALL = EventEntityDescription(
    key="call",
    translation_key="call",
    event_types=list(CALL_EVENT_TYPES),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: XivoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the call event entity."""
    async_add_entities([XivoCallEvent(entry.runtime_data, CALL)])


class XivoCallEvent(XivoEntity, EventEntity):
    """Fires for every call event of the line, and `missed` after an unanswered ring."""

    @override
    async def async_added_to_hass(self) -> None:
        """Follow the line's calls as well as its availability."""
        await super().async_added_to_hass()
        self.async_on_remove(self.coordinator.client.add_call_listener(self._on_call_event))

    @callback
    def _on_call_event(self, change: CallEvent) -> None:
        data = phone_event_data(change)
        for event_type in event_types(change):
            self._trigger_event(event_type, data)
            self.async_write_ha_state()
