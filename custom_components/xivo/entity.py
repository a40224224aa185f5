"""The base entity of a XiVO line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import override

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN
from .coordinator import XivoCoordinator
from .xuc import UpdateKind


@dataclass(frozen=True, kw_only=True)
class XivoEntityDescription(EntityDescription):
    """What every XiVO entity description says: the parts of the line state it shows."""

    update_kinds: tuple[UpdateKind, ...] = ()
    """The entity is written when one of these changes (and when the link goes up or down)."""


class XivoEntity(Entity):
    """An entity of one line, written when the parts of the state it shows change."""

    _attr_has_entity_name = True
    _attr_should_poll = False
    # For kinds updated per key (a monitored number's hint), the key this entity shows.
    _update_key: str | None = None

    def __init__(self, coordinator: XivoCoordinator, description: EntityDescription) -> None:
        """Attach the entity to the line's device."""
        self.coordinator = coordinator
        self.entity_description = description
        # Entities that show no part of the line state (the link, events, buttons) follow
        # the connection only.
        self._update_kinds = (
            description.update_kinds if isinstance(description, XivoEntityDescription) else ()
        )
        entry_id = coordinator.entry.entry_id
        self._attr_unique_id = f"{entry_id}_{description.key}"
        self._attr_device_info = DeviceInfo(identifiers={(DOMAIN, entry_id)})

    @property
    @override
    def available(self) -> bool:
        """Unavailable while the CTI link is down: the state shown could be stale."""
        return self.coordinator.client.connected

    @override
    async def async_added_to_hass(self) -> None:
        """Follow the line state."""
        self.async_on_remove(
            self.coordinator.client.add_listener(
                self.async_write_ha_state,
                *self._update_kinds,
                key=self._update_key,
            )
        )
