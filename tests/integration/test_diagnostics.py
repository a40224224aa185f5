"""Diagnostics: useful to debug, with nothing secret or personal in them."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.matchers import path_type

from simulator import XucSimulator
from tests.common import wait_for


# Frozen for the wall clock only (the simulator numbers its calls from it); the event loop and
# `wait_for` keep real time. Regenerate after a deliberate change with
#   pytest tests/integration/test_diagnostics.py --snapshot-update
@pytest.mark.freeze_time("2026-11-25 10:00:00+00:00", real_asyncio=True, ignore=["tests.common"])
async def test_diagnostics_are_redacted(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    assert await async_setup_component(hass, "diagnostics", {})
    client = init_integration.runtime_data.client
    await xuc_server.incoming_call("jbond", "0467123456", "Pizza Roma", user_data={"USR_x": "y"})
    await wait_for(lambda: client.state.calls)
    token = client._token
    assert token

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, init_integration)

    assert diagnostics["entry"]["data"]["port"] == xuc_server.port
    # The simulator listens on a free port, a different one at each run.
    assert diagnostics == snapshot(matcher=path_type({"entry.data.port": (int,)}))
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
