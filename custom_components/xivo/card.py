"""The phone card: served by the integration and loaded on every page of the frontend.

The bundle is added with `frontend.add_extra_js_url`, as the frontend's own extra modules are:
it defines `custom:xivo-phone-card` for storage-mode and YAML-mode dashboards alike, with no
resource line to write. Its URL carries the bundle's hash, so browsers may keep it for a month
(cache headers) and still never run a stale card after an update.

The incoming-call popup (`xivo-popup.js`, built from the same sources) is loaded the same way,
at its own content-versioned URL: it must show on every page, not only on dashboards.

Versions before this one added the card to storage-mode dashboards' resources; that resource
is taken out at start-up, or the card would be loaded twice.
"""

from __future__ import annotations

from functools import cache
import hashlib
from pathlib import Path
from typing import Final

from homeassistant.components.frontend import (
    DATA_EXTRA_MODULE_URL,
    add_extra_js_url,
    remove_extra_js_url,
)
from homeassistant.components.http.server import StaticPathConfig
from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.components.lovelace.resources import ResourceStorageCollection
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.start import async_at_started

from .const import DOMAIN

CARD_URL: Final = "/xivo/xivo-phone-card.js"
CARD_FILE: Final = Path(__file__).parent / "frontend" / "xivo-phone-card.js"
POPUP_URL: Final = "/xivo/xivo-popup.js"
POPUP_FILE: Final = Path(__file__).parent / "frontend" / "xivo-popup.js"
# Every bundle loaded on every page: its URL, and the file served there.
BUNDLES: Final = ((CARD_URL, CARD_FILE), (POPUP_URL, POPUP_FILE))


@cache
def versioned_url(url: str, file: Path) -> str:
    """A bundle's URL, versioned by the bundle's own hash (reads the file once per run)."""
    version = hashlib.sha256(file.read_bytes()).hexdigest()[:12]
    return f"{url}?v={version}"


async def async_serve_card(hass: HomeAssistant) -> None:
    """Serve the card's file (once per run of Home Assistant), then drop the old resource."""
    # No `http` where Home Assistant runs without its web server (tests, headless installs).
    if hass.http is not None:
        # Cached for a month: the URL the frontend loads changes with the bundle.
        await hass.http.async_register_static_paths(
            [StaticPathConfig(url, str(file), cache_headers=True) for url, file in BUNDLES]
        )
    # The dashboards' resources are read once Home Assistant has started.
    async_at_started(hass, _async_remove_old_resource)


async def async_load_card(hass: HomeAssistant) -> CALLBACK_TYPE:
    """Load the card and the popup on every page while a line is set up; the callback unloads.

    Called by each entry; the URLs are added once, and taken away with the last loaded entry.
    """
    if "frontend" not in hass.config.components:
        # No frontend (a headless install): nothing to load the card into.
        return lambda: None
    urls = [await hass.async_add_executor_job(versioned_url, *bundle) for bundle in BUNDLES]
    for url in urls:
        if url not in hass.data[DATA_EXTRA_MODULE_URL].urls:
            add_extra_js_url(hass, url)

    @callback
    def unload() -> None:
        # The entry unloading is no longer counted as loaded.
        if not hass.config_entries.async_loaded_entries(DOMAIN):
            for url in urls:
                remove_extra_js_url(hass, url)

    return unload


async def _async_remove_old_resource(hass: HomeAssistant) -> None:
    """Take out the storage-mode resource that earlier versions added."""
    lovelace = hass.data.get(LOVELACE_DATA)
    if lovelace is None or not isinstance(lovelace.resources, ResourceStorageCollection):
        return
    resources = lovelace.resources
    await resources.async_get_info()
    for item in list(resources.async_items()):
        if item["url"].split("?")[0] == CARD_URL:
            await resources.async_delete_item(item["id"])
