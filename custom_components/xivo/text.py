"""Call forward destinations of a XiVO line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import override

from homeassistant.components.text import TextEntity, TextEntityDescription, TextMode
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import XivoConfigEntry
from .entity import XivoEntity, XivoEntityDescription
from .helpers import async_run_command, forward_change
from .xuc import ForwardType, UpdateKind

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class XivoForwardTextEntityDescription(TextEntityDescription, XivoEntityDescription):
    """The destination of one forward."""

    update_kinds: tuple[UpdateKind, ...] = (UpdateKind.USER_CONFIG,)
    forward: ForwardType


DESTINATIONS: tuple[XivoForwardTextEntityDescription, ...] = tuple(
    XivoForwardTextEntityDescription(
        key=f"{forward}_forward_destination",
        translation_key=f"{forward}_forward_destination",
        entity_category=EntityCategory.CONFIG,
        mode=TextMode.TEXT,
        native_max=64,
        forward=forward,
    )
    for forward in ForwardType
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: XivoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create one destination per forward."""
    async_add_entities(
        XivoForwardDestination(entry.runtime_data, description) for description in DESTINATIONS
    )


class XivoForwardDestination(XivoEntity, TextEntity):
    """Where a forward sends calls; kept on the server, which confirms each change."""

    entity_description: XivoForwardTextEntityDescription

    @property
    @override
    def native_value(self) -> str | None:
        """The destination the server holds."""
        current = self.coordinator.client.state.forward(self.entity_description.forward)
        return None if current is None else current.destination

    @override
    async def async_set_value(self, value: str) -> None:
        """Change the destination, keeping the forward on or off as it is.

        An empty value clears the destination, which also turns the forward off.
        """
        client = self.coordinator.client
        forward = self.entity_description.forward
        change = forward_change(client.state, forward, destination=value)
        await async_run_command(
            self.coordinator, client.set_forward(forward, change.enabled, change.destination)
        )
