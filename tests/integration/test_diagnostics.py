"""Diagnostics: useful to debug, with nothing secret or personal in them."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from simulator import XucSimulator
from tests.common import wait_for


async def test_diagnostics_are_redacted(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
) -> None:
    assert await async_setup_component(hass, "diagnostics", {})
    client = init_integration.runtime_data.client
    await xuc_server.incoming_call("jbond", "0467123456", "Pizza Roma", user_data={"USR_x": "y"})
    await wait_for(lambda: client.state.calls)
    token = client._token
    assert token

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, init_integration)

    assert diagnostics["connected"] is True
    assert diagnostics["monitored_number_count"] == 2
    assert diagnostics["state"]["phone_status"] == "ringing"
    assert diagnostics["state"]["call_state"] == "ringing"
    assert diagnostics["state"]["voicemail"]["new"] == 0
    assert diagnostics["state"]["calls"][0]["call_direction"] == "Incoming"
    assert diagnostics["entry"]["data"]["password"] == "**REDACTED**"
    assert diagnostics["entry"]["data"]["port"] == xuc_server.port
    text = json.dumps(diagnostics)
    for secret in (
        "secret",
        token,
        "James",
        "Bond",
        "0612345678",
        "0467123456",
        "Pizza",
        "jbond",
        "USR_x",
    ):
        assert secret not in text, secret
