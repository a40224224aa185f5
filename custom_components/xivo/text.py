"""Call forward destinations of a XiVO line."""

from __future__ import annotations

from homeassistant.components.text import TextEntity, TextEntityDescription, TextMode
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import XivoConfigEntry, XivoCoordinator
from .entity import XivoEntity
from .helpers import async_run_command, normalize_destination
from .xuc import ForwardType, UpdateKind

PARALLEL_UPDATES = 1


async def async_setup_entry(
    hass: HomeAssistant,
    entry: XivoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create one destination per forward."""
    async_add_entities(
        XivoForwardDestination(entry.runtime_data, forward) for forward in ForwardType
    )


class XivoForwardDestination(XivoEntity, TextEntity):
    """Where a forward sends calls; kept on the server, which confirms each change."""

    _update_kinds = (UpdateKind.USER_CONFIG,)

    def __init__(self, coordinator: XivoCoordinator, forward: ForwardType) -> None:
        """One entity per forward type."""
        super().__init__(
            coordinator,
            TextEntityDescription(
                key=f"{forward}_forward_destination",
                translation_key=f"{forward}_forward_destination",
                entity_category=EntityCategory.CONFIG,
                mode=TextMode.TEXT,
                native_max=64,
            ),
        )
        self._forward = forward

    @property
    def native_value(self) -> str | None:
        """The destination the server holds."""
        current = self.coordinator.client.state.forward(self._forward)
        return None if current is None else current.destination

    async def async_set_value(self, value: str) -> None:
        """Change the destination, keeping the forward on or off as it is.

        An empty value clears the destination, which also turns the forward off: a forward
        with nowhere to go cannot stay on.
        """
        client = self.coordinator.client
        current = client.state.forward(self._forward)
        if not value.strip():
            command = client.set_forward(self._forward, False, "")
        else:
            command = client.set_forward(
                self._forward,
                bool(current and current.enabled),
                normalize_destination(value),
            )
        await async_run_command(self.coordinator, command)
