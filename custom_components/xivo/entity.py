"""The base entity of a XiVO line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import override

from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN
from .coordinator import XivoCoordinator
from .queues import queue_identifier
from .xuc import QueueState, UpdateKind


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
                self._async_handle_update,
                *self._update_kinds,
                key=self._update_key,
            )
        )

    @callback
    def _async_handle_update(self) -> None:
        """A part of the state the entity shows changed, or the link went up or down."""
        self.async_write_ha_state()


@dataclass(frozen=True, kw_only=True)
class XivoQueueEntityDescription(XivoEntityDescription):
    """What a queue's entity shows of the queue's activity."""

    update_kinds: tuple[UpdateKind, ...] = (UpdateKind.QUEUE,)
    counters: frozenset[str] = frozenset()
    """The counters (XUC's names) the entity shows: an update of others does not write it."""
    shows_calls: bool = False
    """The entity shows the list of waiting calls."""


class XivoQueueEntity(XivoEntity):
    """An entity of one queue, on the queue's device, written only when what it shows changes.

    A supervisor's queues send many partial counter updates a second: each one changes one
    counter of one queue, and writes only the entity that shows that counter.
    """

    entity_description: XivoQueueEntityDescription

    def __init__(
        self,
        coordinator: XivoCoordinator,
        description: XivoQueueEntityDescription,
        queue_id: int,
    ) -> None:
        """Attach the entity to the queue's device."""
        super().__init__(coordinator, description)
        self.queue_id = queue_id
        self._update_key = str(queue_id)
        entry_id = coordinator.entry.entry_id
        self._attr_unique_id = f"{entry_id}_queue_{queue_id}_{description.key}"
        self._attr_device_info = DeviceInfo(identifiers={queue_identifier(entry_id, queue_id)})
        # Added (and first written) right away.
        self._written_available = coordinator.client.connected

    @property
    def queue(self) -> QueueState:
        """The queue's counters and waiting calls."""
        return self.coordinator.client.state.contact_centre.queue_state(self.queue_id)

    @override
    @callback
    def _async_handle_update(self) -> None:
        """Write the state only if the change is one the entity shows."""
        description = self.entity_description
        queue = self.queue
        changed = queue.changed_counters
        if (
            self.available != self._written_available
            or (description.shows_calls and not changed)
            or not description.counters.isdisjoint(changed)
        ):
            self._async_update_state()

    @callback
    def _async_update_state(self) -> None:
        """Write the state, remembering whether it was written available."""
        self._written_available = self.available
        self.async_write_ha_state()
