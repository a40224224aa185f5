"""The phone card: served with cache headers at a versioned URL, loaded on every page."""

from __future__ import annotations

import hashlib
from typing import Any

from homeassistant.components import onboarding
from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.components.lovelace.resources import ResourceStorageCollection
from homeassistant.components.onboarding.const import STEPS
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)

from custom_components.xivo.card import CARD_FILE, POPUP_FILE
from custom_components.xivo.const import CONF_MONITORED_NUMBERS, DOMAIN
from simulator import XucSimulator
from tests.integration.conftest import entry_data

# The bundle's own hash: a new build is a new URL.
CARD_URL = f"/xivo/xivo-phone-card.js?v={hashlib.sha256(CARD_FILE.read_bytes()).hexdigest()[:12]}"
POPUP_URL = f"/xivo/xivo-popup.js?v={hashlib.sha256(POPUP_FILE.read_bytes()).hexdigest()[:12]}"


@pytest.fixture
async def frontend(hass: HomeAssistant, hass_storage: dict[str, Any]) -> None:
    """Home Assistant's frontend (dashboards in storage mode), set up and onboarded, before
    the integration."""
    hass_storage[onboarding.DOMAIN] = {
        "version": onboarding.STORAGE_VERSION,
        "key": onboarding.STORAGE_KEY,
        "data": {"done": STEPS},
    }
    assert await async_setup_component(hass, "frontend", {})


async def page(hass_client: ClientSessionGenerator) -> str:
    """The HTML of a dashboard page, as a browser gets it."""
    client = await hass_client()
    response = await client.get("/lovelace/0")
    assert response.status == 200
    return await response.text()


async def test_the_card_is_on_every_page(
    hass: HomeAssistant,
    frontend: None,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """No resource line to write: the page imports the card, and the card is served."""
    html = await page(hass_client)
    assert html.count(f'import("{CARD_URL}")') == 1

    client = await hass_client()
    response = await client.get(CARD_URL)
    assert response.status == 200
    assert await response.read() == CARD_FILE.read_bytes()
    # Kept for a month: the page asks for another URL when the bundle changes.
    assert response.headers["Cache-Control"] == "public, max-age=2678400"


async def test_loaded_once_and_unloaded_with_the_last_line(
    hass: HomeAssistant,
    frontend: None,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Two lines, a reload: the page holds the card once; it goes with the last line."""
    websocket = await hass_ws_client(hass)
    await websocket.send_json_auto_id({"type": "frontend/subscribe_extra_js"})
    assert (await websocket.receive_json())["success"]

    alice = MockConfigEntry(
        domain=DOMAIN,
        title="Alice Martin",
        unique_id="127.0.0.1:alice",
        data=entry_data(xuc_server, "alice"),
        options={CONF_MONITORED_NUMBERS: []},
    )
    alice.add_to_hass(hass)
    assert await hass.config_entries.async_setup(alice.entry_id)
    await hass.async_block_till_done()
    assert await hass.config_entries.async_reload(alice.entry_id)
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert (await page(hass_client)).count(f'import("{CARD_URL}")') == 1

    # The last line goes: the pages open from now on no longer load the card.
    assert await hass.config_entries.async_unload(alice.entry_id)
    await hass.async_block_till_done()
    assert CARD_URL not in await page(hass_client)
    assert await hass.config_entries.async_setup(init_integration.entry_id)
    await hass.async_block_till_done()
    assert (await page(hass_client)).count(f'import("{CARD_URL}")') == 1

    # What open pages were told: nothing while a line was left, then gone, then back.
    changes = []
    for _ in range(4):
        message = await websocket.receive_json()
        changes.append((message["event"]["change_type"], message["event"]["item"]["url"]))
    # The incoming-call popup comes and goes with the card.
    assert changes == [
        ("removed", CARD_URL),
        ("removed", POPUP_URL),
        ("added", CARD_URL),
        ("added", POPUP_URL),
    ]


async def test_the_resource_of_earlier_versions_is_removed(
    hass: HomeAssistant, frontend: None, config_entry: MockConfigEntry
) -> None:
    """Storage-mode dashboards held the card as a resource: taken out, so it loads once."""
    resources = hass.data[LOVELACE_DATA].resources
    assert isinstance(resources, ResourceStorageCollection)
    await resources.async_get_info()
    await resources.async_create_item({"res_type": "module", "url": "/xivo/xivo-phone-card.js?v=0"})
    await resources.async_create_item({"res_type": "module", "url": "/local/other-card.js"})

    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert [item["url"] for item in resources.async_items()] == ["/local/other-card.js"]
    assert await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()
