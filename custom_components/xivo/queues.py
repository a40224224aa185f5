"""Which queues a line shows, and their devices.

A queue is shown when the `queues` option names it (by default: the queues of the user's agent)
and the server lists it. Each shown queue is a device of its own, reached through the line's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr

from .const import CONF_QUEUES, DOMAIN, MANUFACTURER
from .xuc import ContactCentreState, QueueConfig


def queue_identifier(entry_id: str, queue_id: int) -> tuple[str, str]:
    """A queue device's identifier: one device per entry and queue (two lines, two devices)."""
    return DOMAIN, f"{entry_id}_queue_{queue_id}"


def wanted_queue_ids(options: Mapping[str, Any], contact_centre: ContactCentreState) -> list[int]:
    """The queue ids the options ask for; without the option, those of the user's agent."""
    wanted = options.get(CONF_QUEUES)
    if wanted is None:
        return list(contact_centre.agent_queue_ids)
    return sorted({int(text) for text in wanted if str(text).isdecimal()})


def shown_queues(
    options: Mapping[str, Any], contact_centre: ContactCentreState
) -> tuple[QueueConfig, ...]:
    """The queues the line shows: wanted and listed by the server, by id."""
    queues = contact_centre.queues
    return tuple(
        queues[queue_id]
        for queue_id in wanted_queue_ids(options, contact_centre)
        if queue_id in queues
    )


@callback
def async_sync_queue_devices(
    hass: HomeAssistant, entry_id: str, line_device_id: str, queues: Iterable[QueueConfig]
) -> None:
    """Register a device per shown queue; a queue no longer shown takes its device along."""
    registry = dr.async_get(hass)
    shown = set()
    for queue in queues:
        identifier = queue_identifier(entry_id, queue.id)
        shown.add(identifier)
        registry.async_get_or_create(
            config_entry_id=entry_id,
            identifiers={identifier},
            manufacturer=MANUFACTURER,
            model="Queue",
            name=queue.label,
            serial_number=queue.number or None,
            via_device_id=line_device_id,
        )
    prefix = queue_identifier(entry_id, 0)[1].removesuffix("0")
    for device in dr.async_entries_for_config_entry(registry, entry_id):
        if any(
            domain == DOMAIN and key.startswith(prefix) for domain, key in device.identifiers
        ) and device.identifiers.isdisjoint(shown):
            # Its entities go with it.
            registry.async_update_device(device.id, remove_config_entry_id=entry_id)
