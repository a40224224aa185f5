"""What the server refuses reaches the person who asked; a line that goes away is a repair."""

from __future__ import annotations

import logging

from homeassistant.const import STATE_OFF
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.xivo.const import DOMAIN
from simulator import XucSimulator
from tests.common import wait_for
from tests.integration.conftest import entry_data

BUSY_FORWARD = "switch.james_bond_busy_forward"


async def call(hass: HomeAssistant, service: str, device: dr.DeviceEntry, **data: object) -> None:
    await hass.services.async_call(DOMAIN, service, {"device_id": device.id, **data}, blocking=True)


async def test_dial_by_username_to_nobody_fails_with_the_servers_reason(
    hass: HomeAssistant, xuc_server: XucSimulator, line_device: dr.DeviceEntry
) -> None:
    with pytest.raises(HomeAssistantError) as refused:
        await call(hass, "dial_by_username", line_device, username="nobody")
    assert refused.value.translation_key == "command_refused"
    assert refused.value.translation_placeholders == {
        "line": "James Bond",
        "reason": "no user with that username",
    }
    assert str(refused.value) == (
        "The XiVO server refused the command for James Bond: no user with that username"
    )


async def test_a_dial_the_server_takes_is_not_mistaken_for_a_refusal(
    hass: HomeAssistant, xuc_server: XucSimulator, line_device: dr.DeviceEntry
) -> None:
    await call(hass, "dial_by_username", line_device, username="alice")
    # The call is real: Alice's phone rings.
    await wait_for(
        lambda: any(c["eventType"] == "EventRinging" for c in xuc_server.pbx.current_calls("alice"))
    )


async def test_any_command_refused_by_the_server_fails_the_action(
    hass: HomeAssistant, xuc_server: XucSimulator, line_device: dr.DeviceEntry
) -> None:
    await xuc_server.refuse_commands(code="Forbidden", message="not allowed", command="dnd")
    with pytest.raises(HomeAssistantError) as refused:
        await call(hass, "set_dnd", line_device, enabled=True)
    assert refused.value.translation_placeholders == {"line": "James Bond", "reason": "not allowed"}
    assert hass.states.get("switch.james_bond_do_not_disturb").state == STATE_OFF


async def test_a_user_without_a_line_gets_a_repair_issue_and_refused_calls(
    hass: HomeAssistant, xuc_server: XucSimulator
) -> None:
    """An entry whose XiVO user lost the line: the repairs panel says so, calls are refused."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Nina Noline",
        unique_id="127.0.0.1:noline",
        data=entry_data(xuc_server) | {"username": "noline"},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    issue = ir.async_get(hass).async_get_issue(DOMAIN, f"no_line_{entry.entry_id}")
    assert issue is not None
    assert issue.translation_key == "no_line"
    assert issue.translation_placeholders == {"line": "Nina Noline", "username": "noline"}
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.entry_id), entry.entry_id
    )
    assert device is not None
    with pytest.raises(HomeAssistantError) as refused:
        await call(hass, "dial", device, destination="1001")
    assert refused.value.translation_key == "command_refused"
    await hass.config_entries.async_unload(entry.entry_id)


async def test_the_repair_issue_goes_when_the_line_is_back(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    issue_id = f"no_line_{init_integration.entry_id}"
    registry = ir.async_get(hass)
    assert registry.async_get_issue(DOMAIN, issue_id) is None
    await xuc_server.send_frame("jbond", {"msgType": "LineConfig", "ctiMessage": {"id": "-"}})
    await wait_for(lambda: registry.async_get_issue(DOMAIN, issue_id) is not None)
    await xuc_server.send_frame(
        "jbond", {"msgType": "LineConfig", "ctiMessage": {"id": "3", "number": "1000"}}
    )
    await wait_for(lambda: registry.async_get_issue(DOMAIN, issue_id) is None)


async def test_a_typo_is_a_validation_error_without_a_traceback(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    line_device: dr.DeviceEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Input mistakes are `ServiceValidationError`s: the dialog shows the translated reason;
    Home Assistant's websocket handler notes it in one line, with no traceback."""
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            "switch", "turn_on", {"entity_id": BUSY_FORWARD}, blocking=True
        )
    client = await hass_ws_client(hass)
    for data in (
        {"forward": "busy", "enabled": True},
        {"forward": "busy", "enabled": True, "destination": "call me"},
    ):
        await client.send_json_auto_id(
            {
                "type": "call_service",
                "domain": DOMAIN,
                "service": "set_forward",
                "service_data": {"device_id": line_device.id, **data},
            }
        )
        reply = await client.receive_json()
        assert not reply["success"]
        assert reply["error"]["code"] == "service_validation_error"
        assert reply["error"]["translation_key"] in (
            "no_forward_destination",
            "invalid_destination",
        )
    # One line each at most, never a traceback above debug level.
    assert not [r for r in caplog.records if r.levelno > logging.DEBUG and r.exc_info]
