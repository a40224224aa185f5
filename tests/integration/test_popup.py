"""The incoming-call popup's feed: `xivo/incoming_calls/subscribe`, over Home Assistant's websocket.

What a user's browser receives: the calls ringing on the lines that user is chosen for, with the
caller's directory name, and each change (answered here or on the phone, released, DND).
"""

from __future__ import annotations

import asyncio
from typing import Any

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import InvalidData
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    MockHAClientWebSocket,
    WebSocketGenerator,
)

from custom_components.xivo.card import POPUP_FILE
from custom_components.xivo.const import CONF_MONITORED_NUMBERS, CONF_POPUP_USERS, DOMAIN
from simulator import XucSimulator
from tests.common import attributes_of, state_of, wait_for
from tests.integration.conftest import entry_data, in_sections
from tests.integration.test_card import POPUP_URL, frontend, page  # noqa: F401

CALL_STATE = "sensor.james_bond_call_state"
SUBSCRIBE = {"type": "xivo/incoming_calls/subscribe"}


@pytest.fixture
def entry_options(monitored_numbers: list[str], hass_admin_user: User) -> dict[str, object]:
    """James Bond's line shows its popup to the administrator (the websocket's default user)."""
    return {CONF_MONITORED_NUMBERS: monitored_numbers, CONF_POPUP_USERS: [hass_admin_user.id]}


async def subscribe(websocket: MockHAClientWebSocket) -> list[dict[str, Any]]:
    """Subscribe; the first list of calls, sent at once."""
    await websocket.send_json_auto_id(SUBSCRIBE)
    result = await websocket.receive_json()
    assert result["success"], result
    return await next_calls(websocket)


async def next_calls(websocket: MockHAClientWebSocket) -> list[dict[str, Any]]:
    message = await websocket.receive_json(timeout=2)
    assert message["type"] == "event", message
    calls: list[dict[str, Any]] = message["event"]["calls"]
    return calls


async def calls_until(
    websocket: MockHAClientWebSocket, wanted: Any, timeout: float = 2.0
) -> list[dict[str, Any]]:
    """The lists received until one satisfies `wanted` (a name lookup may add a message)."""
    async with asyncio.timeout(timeout):
        while not wanted(calls := await next_calls(websocket)):
            pass
    return calls


async def nothing_more(websocket: MockHAClientWebSocket) -> None:
    """No message is waiting: a ping's pong is the next one."""
    await websocket.send_json_auto_id({"type": "ping"})
    assert (await websocket.receive_json())["type"] == "pong"


def unique_ids(calls: list[dict[str, Any]]) -> list[str]:
    return [call["unique_id"] for call in calls]


def ringing_unique_ids(hass: HomeAssistant) -> list[str]:
    return [
        call["unique_id"]
        for call in attributes_of(hass, CALL_STATE)["calls"]
        if call["state"] == "ringing"
    ]


async def first_caller_rings(hass: HomeAssistant, xuc_server: XucSimulator) -> None:
    """First Caller calls James Bond; back once the line's call state sensor has it ringing."""
    await xuc_server.incoming_call("jbond", "0611111111", "First Caller")
    await wait_for(lambda: ringing_unique_ids(hass))


async def test_the_popup_is_on_every_page(
    hass: HomeAssistant,
    frontend: None,  # noqa: F811
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """Loaded by every page at its content-versioned URL, served with cache headers."""
    assert (await page(hass_client)).count(f'import("{POPUP_URL}")') == 1
    client = await hass_client()
    response = await client.get(POPUP_URL)
    assert response.status == 200
    assert await response.read() == POPUP_FILE.read_bytes()
    assert response.headers["Cache-Control"] == "public, max-age=2678400"


async def test_a_chosen_user_sees_the_call_until_it_is_answered_on_the_phone(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    websocket = await hass_ws_client(hass)
    assert await subscribe(websocket) == []

    # A number only: the integration finds the name in the directory.
    linked_id = await xuc_server.incoming_call("jbond", "0142424242")
    [call] = await calls_until(websocket, lambda calls: calls and calls[0]["other_name"])
    device = hass.data["device_registry"].async_get_device_by_identifier(
        (DOMAIN, init_integration.entry_id), init_integration.entry_id
    )
    assert call == {
        "entry_id": init_integration.entry_id,
        "device_id": device.id,
        "line": "James Bond",
        "unique_id": ringing_unique_ids(hass)[0],
        "linked_id": linked_id,
        "other_number": "0142424242",
        "other_name": "Moneypenny",
    }

    # Answered on the desk phone: the popup has nothing left to show.
    await xuc_server.remote_answer("jbond", linked_id)
    assert await next_calls(websocket) == []
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    await nothing_more(websocket)


async def test_two_calls_each_shown_and_one_declined(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    websocket = await hass_ws_client(hass)
    await subscribe(websocket)
    await xuc_server.incoming_call("jbond", "0611111111", "First Caller")
    await xuc_server.incoming_call("jbond", "0622222222", "Second Caller")
    calls = await calls_until(websocket, lambda calls: len(calls) == 2)
    assert [call["other_name"] for call in calls] == ["First Caller", "Second Caller"]

    # What the popup's Decline does: xivo.hangup with that call's unique_id and line.
    first, second = calls
    await hass.services.async_call(
        DOMAIN,
        "hangup",
        {"device_id": first["device_id"], "unique_id": first["unique_id"]},
        blocking=True,
    )
    hangup = await xuc_server.wait_for_command("jbond", "hangup")
    assert hangup["uniqueId"] == first["unique_id"]
    assert await calls_until(websocket, lambda calls: len(calls) == 1) == [second]

    # The caller gives up: released.
    await xuc_server.remote_hangup("jbond")
    assert await next_calls(websocket) == []


async def test_do_not_disturb_hides_the_line(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    websocket = await hass_ws_client(hass)
    await subscribe(websocket)
    await xuc_server.incoming_call("jbond", "0611111111", "First Caller")
    assert len(await calls_until(websocket, len)) == 1

    # DND turned on while the call rings: the line still rings, the popup goes.
    await xuc_server.set_user_config("jbond", dnd_enabled=True)
    assert await next_calls(websocket) == []
    assert len(ringing_unique_ids(hass)) == 1
    await nothing_more(websocket)

    # DND off: the call still ringing shows again.
    await xuc_server.set_user_config("jbond", dnd_enabled=False)
    assert len(await next_calls(websocket)) == 1


async def test_a_user_not_chosen_sees_nothing(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
) -> None:
    websocket = await hass_ws_client(hass, hass_read_only_access_token)
    assert await subscribe(websocket) == []

    await first_caller_rings(hass, xuc_server)
    await nothing_more(websocket)


async def test_a_user_chosen_in_the_options_sees_calls_without_subscribing_again(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_user: User,
    hass_read_only_access_token: str,
) -> None:
    """Not an administrator, chosen through the options flow: the open page follows."""
    websocket = await hass_ws_client(hass, hass_read_only_access_token)
    assert await subscribe(websocket) == []
    await first_caller_rings(hass, xuc_server)

    flow = await hass.config_entries.options.async_init(init_integration.entry_id)
    result = await hass.config_entries.options.async_configure(
        flow["flow_id"],
        {CONF_MONITORED_NUMBERS: ["1001"], CONF_POPUP_USERS: [hass_read_only_user.id]},
    )
    await hass.async_block_till_done()
    assert result["type"] == "create_entry"
    # The entry reloads, syncs the call still ringing, and the page is told.
    [call] = await calls_until(websocket, len, timeout=5)
    assert call["other_name"] == "First Caller"

    # Taken off the list again: the call goes from that page.
    flow = await hass.config_entries.options.async_init(init_integration.entry_id)
    await hass.config_entries.options.async_configure(flow["flow_id"], {CONF_POPUP_USERS: []})
    await hass.async_block_till_done()
    assert await calls_until(websocket, lambda calls: calls == [], timeout=5) == []


async def test_each_line_shows_to_its_own_people(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: User,
    hass_read_only_user: User,
    hass_read_only_access_token: str,
) -> None:
    """An office: James Bond's line for the administrator, Alice's for the other user."""
    alice = MockConfigEntry(
        domain=DOMAIN,
        title="Alice Martin",
        unique_id="127.0.0.1:alice",
        data=entry_data(xuc_server, "alice"),
        options={CONF_MONITORED_NUMBERS: [], CONF_POPUP_USERS: [hass_read_only_user.id]},
    )
    alice.add_to_hass(hass)
    assert await hass.config_entries.async_setup(alice.entry_id)
    await hass.async_block_till_done()
    admin = await hass_ws_client(hass)
    assert await subscribe(admin) == []
    other = await hass_ws_client(hass, hass_read_only_access_token)
    assert await subscribe(other) == []

    await xuc_server.incoming_call("alice", "0611111111", "For Alice")
    [call] = await calls_until(other, len)
    assert (call["line"], call["other_name"]) == ("Alice Martin", "For Alice")
    await xuc_server.incoming_call("jbond", "0622222222", "For James")
    [call] = await calls_until(admin, len)
    assert (call["line"], call["other_name"]) == ("James Bond", "For James")
    await nothing_more(admin)
    await nothing_more(other)

    assert await hass.config_entries.async_unload(alice.entry_id)
    await hass.async_block_till_done()
    assert await next_calls(other) == []


async def test_the_subscription_ends_with_its_unsubscribe(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    websocket = await hass_ws_client(hass)
    await websocket.send_json_auto_id(SUBSCRIBE)
    subscription = (await websocket.receive_json())["id"]
    await next_calls(websocket)
    await websocket.send_json_auto_id({"type": "unsubscribe_events", "subscription": subscription})
    assert (await websocket.receive_json())["success"]

    await first_caller_rings(hass, xuc_server)
    await nothing_more(websocket)


# ------------------------------------------------------------------------------ the option


async def test_the_popup_shows_to_who_set_the_line_up(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    hass_admin_user: User,
    hass_client: ClientSessionGenerator,
) -> None:
    """The user who goes through the config flow (the frontend's HTTP API) is chosen; nobody
    else. A flow started without a user (an import, a test) chooses nobody."""
    assert await async_setup_component(hass, "config", {})
    client = await hass_client()
    response = await client.post("/api/config/config_entries/flow", json={"handler": DOMAIN})
    flow = await response.json()
    data = in_sections(entry_data(xuc_server))
    response = await client.post(f"/api/config/config_entries/flow/{flow['flow_id']}", json=data)
    result = await response.json()
    await hass.async_block_till_done()
    assert result["type"] == "create_entry", result
    entry = hass.config_entries.async_get_entry(result["result"]["entry_id"])
    assert entry is not None
    assert entry.options == {CONF_POPUP_USERS: [hass_admin_user.id]}
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


async def test_the_options_list_people_by_name(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_admin_user: User,
    hass_read_only_user: User,
) -> None:
    """People by name, the current choice filled in; Home Assistant's system users left out."""
    await hass.auth.async_create_system_user("Supervisor")
    # Someone chosen, then removed from Home Assistant: not filled in.
    gone = await hass.auth.async_create_user("Gone")
    hass.config_entries.async_update_entry(
        init_integration,
        options={**init_integration.options, CONF_POPUP_USERS: [hass_admin_user.id, gone.id]},
    )
    await hass.auth.async_remove_user(gone)
    flow = await hass.config_entries.options.async_init(init_integration.entry_id)
    (key,) = (key for key in flow["data_schema"].schema if key == CONF_POPUP_USERS)
    selector = flow["data_schema"].schema[key]
    people = {option["value"]: option["label"] for option in selector.config["options"]}
    assert people == {
        hass_admin_user.id: hass_admin_user.name,
        hass_read_only_user.id: hass_read_only_user.name,
    }
    assert key.description["suggested_value"] == [hass_admin_user.id]

    # Someone who is not a Home Assistant user: refused, nothing saved.
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            flow["flow_id"], {CONF_POPUP_USERS: ["not-a-user"]}
        )
    assert init_integration.options[CONF_POPUP_USERS] == [hass_admin_user.id, gone.id]

    # Other options changed by a client that leaves this one out: it is kept.
    result = await hass.config_entries.options.async_configure(
        flow["flow_id"], {CONF_MONITORED_NUMBERS: ["1001"]}
    )
    await hass.async_block_till_done()
    assert result["type"] == "create_entry"
    assert init_integration.options[CONF_POPUP_USERS] == [hass_admin_user.id, gone.id]
