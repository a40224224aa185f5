"""Buttons of a XiVO line."""

from __future__ import annotations

from typing import override

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import XivoConfigEntry
from .entity import XivoEntity

PARALLEL_UPDATES = 0


RESET_MISSED_CALLS = ButtonEntityDescription(
    key="reset_missed_calls",
    translation_key="reset_missed_calls",
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: XivoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the line's buttons."""
    async_add_entities([XivoResetMissedCallsButton(entry.runtime_data, RESET_MISSED_CALLS)])


class XivoResetMissedCallsButton(XivoEntity, ButtonEntity):
    """Sets the missed-call count back to zero (a local count: nothing is sent)."""

    @override
    async def async_press(self) -> None:
        """Reset the count."""
        self.coordinator.missed.reset()
