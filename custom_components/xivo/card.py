"""The phone card: served by the integration and added to the dashboards' resources.

Storage-mode dashboards get the resource automatically (removed with the last XiVO entry);
YAML-mode dashboards list `/xivo/xivo-phone-card.js` as a `module` resource themselves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Final

from homeassistant.components.http.server import StaticPathConfig
from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.components.lovelace.resources import ResourceStorageCollection
from homeassistant.core import HomeAssistant

from .const import LOGGER

CARD_URL: Final = "/xivo/xivo-phone-card.js"
CARD_FILE: Final = Path(__file__).parent / "frontend" / "xivo-phone-card.js"


def _card_version() -> str:
    # The bundle's own hash: a new build is a new URL, so browsers never keep a stale card.
    return hashlib.sha256(CARD_FILE.read_bytes()).hexdigest()[:12]


async def async_serve_card(hass: HomeAssistant) -> None:
    """Serve the card's file (once per run of Home Assistant)."""
    # Revalidated on each load rather than cached for a month: the YAML-mode URL has no
    # version in it.
    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_URL, str(CARD_FILE), cache_headers=False)]
    )


def _storage_resources(hass: HomeAssistant) -> ResourceStorageCollection | None:
    lovelace = hass.data.get(LOVELACE_DATA)
    if lovelace is None or not isinstance(lovelace.resources, ResourceStorageCollection):
        return None
    return lovelace.resources


async def async_add_card_resource(hass: HomeAssistant) -> None:
    """Add the card to the storage-mode dashboards' resources, or bring its version up to date."""
    if (resources := _storage_resources(hass)) is None:
        LOGGER.debug("Dashboards in YAML mode: add %s as a module resource by hand", CARD_URL)
        return
    url = f"{CARD_URL}?v={await hass.async_add_executor_job(_card_version)}"
    await resources.async_get_info()
    for item in resources.async_items():
        if item["url"].split("?")[0] == CARD_URL:
            if item["url"] != url:
                await resources.async_update_item(item["id"], {"res_type": "module", "url": url})
            return
    await resources.async_create_item({"res_type": "module", "url": url})


async def async_remove_card_resource(hass: HomeAssistant) -> None:
    """Take the card out of the dashboards' resources (the last XiVO line is gone)."""
    if (resources := _storage_resources(hass)) is None:
        return
    await resources.async_get_info()
    for item in list(resources.async_items()):
        if item["url"].split("?")[0] == CARD_URL:
            await resources.async_delete_item(item["id"])
