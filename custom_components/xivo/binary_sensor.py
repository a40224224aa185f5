"""The CTI link of a XiVO line."""

from __future__ import annotations

from typing import override

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import XivoConfigEntry
from .entity import XivoEntity

PARALLEL_UPDATES = 0


CONNECTED = BinarySensorEntityDescription(
    key="connected",
    translation_key="connected",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    entity_category=EntityCategory.DIAGNOSTIC,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: XivoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the link sensor."""
    async_add_entities([XivoConnectedSensor(entry.runtime_data, CONNECTED)])


class XivoConnectedSensor(XivoEntity, BinarySensorEntity):
    """On while the CTI link is up; the one entity that stays available when it is not."""

    @property
    @override
    def available(self) -> bool:
        """Always: telling that the link is down is this entity's job."""
        return True

    @property
    @override
    def is_on(self) -> bool:
        """The link is up and synced."""
        return self.coordinator.client.connected
