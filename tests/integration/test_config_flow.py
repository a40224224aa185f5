"""The config flow as a user goes through it: sign in, sign in again, move the server, options."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
import json
from pathlib import Path
import threading
from typing import Any
from unittest.mock import AsyncMock, patch

from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER, ConfigEntryState
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, section
import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo.const import (
    CONF_LOOKUP_NAMES,
    CONF_MONITORED_NUMBERS,
    CONF_POPUP_USERS,
    DOMAIN,
)
from simulator import XucSimulator
from tests.common import ENGLISH, PACKAGE
from tests.integration.conftest import entry_data, in_sections
from tests.xuc.test_transport import self_signed_context

CONNECT = "custom_components.xivo.xuc.client.XucClient.connect"


def user_input(server: XucSimulator, **changes: Any) -> dict[str, Any]:
    """What a user types in the first form to reach the simulator."""
    return in_sections(
        {
            CONF_HOST: "127.0.0.1",
            CONF_PORT: server.port,
            CONF_SSL: False,
            CONF_VERIFY_SSL: True,
            CONF_USERNAME: "jbond",
            CONF_PASSWORD: "secret",
            **changes,
        }
    )


def server_input(server: XucSimulator, **changes: Any) -> dict[str, Any]:
    """What a user types in the reconfigure form."""
    return in_sections(
        {
            CONF_HOST: "127.0.0.1",
            CONF_PORT: server.port,
            CONF_SSL: False,
            CONF_VERIFY_SSL: True,
            **changes,
        }
    )


def form_defaults(schema: Any) -> dict[str, Any]:
    """What the form shows filled in, the fields of its sections included: as the frontend
    does, a section with a default of its own shows that, not its fields' defaults."""
    defaults: dict[str, Any] = {}
    for key, value in schema.schema.items():
        if isinstance(value, section):
            inner = form_defaults(value.schema)
            if key.default is not vol.UNDEFINED:
                inner = {name: key.default().get(name) for name in inner}
            defaults |= inner
        else:
            defaults[str(key)] = None if key.default is vol.UNDEFINED else key.default()
    return defaults


@pytest.fixture
def mock_setup_entry() -> Iterator[AsyncMock]:
    """Entries created by the flow are not set up: only the flow is under test."""
    with patch("custom_components.xivo.async_setup_entry", return_value=True) as mock:
        yield mock


async def start_user_flow(hass: HomeAssistant) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}
    return result


# ------------------------------------------------------------------------------ user step


async def test_user_creates_entry(hass: HomeAssistant, xuc_server: XucSimulator) -> None:
    """Signing in creates an entry named after the user, and the line is set up."""
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        user_input(xuc_server, host="  127.0.0.1 ", port=float(xuc_server.port)),
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "James Bond"
    assert result["data"] == {
        CONF_HOST: "127.0.0.1",
        CONF_PORT: xuc_server.port,
        CONF_SSL: False,
        CONF_VERIFY_SSL: True,
        CONF_USERNAME: "jbond",
        CONF_PASSWORD: "secret",
    }
    assert type(result["data"][CONF_PORT]) is int
    entry = result["result"]
    assert entry.unique_id == "127.0.0.1:jbond"
    assert entry.title == "James Bond"
    assert entry.state is ConfigEntryState.LOADED
    # The flow's own session plus the entry's.
    assert xuc_server.logins == 2

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


async def test_user_title_falls_back_to_username(
    hass: HomeAssistant, xuc_server: XucSimulator, mock_setup_entry: AsyncMock
) -> None:
    """A user without a name on the server: the entry is named after the login."""
    await xuc_server.set_user_config("jbond", first_name="", last_name="")
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(xuc_server, username=" jbond ")
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "jbond"
    assert result["data"][CONF_USERNAME] == "jbond"
    assert mock_setup_entry.call_count == 1


async def refused_then_recovers(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    mock_setup_entry: AsyncMock,
    typed: dict[str, Any],
    errors: dict[str, str],
    logins: int = 0,
) -> None:
    """What the user typed shows `errors` on the user form and creates nothing, the server
    having seen `logins` sign-ins; the right input then creates the entry."""
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(xuc_server, **typed)
    )

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == errors
    assert xuc_server.logins == logins
    assert not hass.config_entries.async_entries(DOMAIN)
    assert mock_setup_entry.call_count == 0

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(xuc_server)
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "James Bond"
    assert result["data"] == entry_data(xuc_server)
    assert result["data"][CONF_SSL] is False  # a bool, not only equal to one
    assert result["result"].unique_id == "127.0.0.1:jbond"
    assert mock_setup_entry.call_count == 1


async def test_user_invalid_auth_then_recovers(
    hass: HomeAssistant, xuc_server: XucSimulator, mock_setup_entry: AsyncMock
) -> None:
    """A wrong password shows invalid_auth; the right one then creates the entry."""
    await refused_then_recovers(
        hass, xuc_server, mock_setup_entry, {CONF_PASSWORD: "wrong"}, {"base": "invalid_auth"}
    )


@pytest.mark.parametrize(
    ("typed", "errors", "logins"),
    [
        # HTTPS to a port that speaks plain HTTP: not_tls, not a certificate problem.
        pytest.param({CONF_SSL: True}, {"base": "not_tls"}, 0, id="https_to_plain_http"),
        # Anything but a host name or IP (with an optional port), on the field; the server
        # is never asked.
        *(
            pytest.param({CONF_HOST: host}, {CONF_HOST: "invalid_host"}, 0, id=f"host={host}")
            for host in ("http://", "xivo.example.com:http", "a b", "x" * 254, "[::1")
        ),
        # A XiVO user with no line would make a device showing nothing true: signed in, refused.
        pytest.param({CONF_USERNAME: "noline"}, {"base": "no_line"}, 1, id="user_without_a_line"),
    ],
)
async def test_user_form_error_then_recovers(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    mock_setup_entry: AsyncMock,
    typed: dict[str, Any],
    errors: dict[str, str],
    logins: int,
) -> None:
    await refused_then_recovers(hass, xuc_server, mock_setup_entry, typed, errors, logins)


async def test_user_cannot_connect_then_recovers(
    hass: HomeAssistant, xuc_server: XucSimulator, mock_setup_entry: AsyncMock
) -> None:
    """An unreachable server shows cannot_connect; once it is back the entry is created."""
    result = await start_user_flow(hass)
    await xuc_server.set_reachable(False)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(xuc_server)
    )

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {"base": "cannot_connect"}
    assert not hass.config_entries.async_entries(DOMAIN)

    await xuc_server.set_reachable(True)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(xuc_server)
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "James Bond"


async def test_user_unexpected_error(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    mock_setup_entry: AsyncMock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A bug while signing in shows unknown and is logged, the flow stays usable."""
    result = await start_user_flow(hass)

    with patch(CONNECT, side_effect=RuntimeError("boom")):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], user_input(xuc_server)
        )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unknown"}
    assert "Unexpected error while signing in to XiVO" in caplog.text

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(xuc_server)
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_user_form_keeps_input_after_error(
    hass: HomeAssistant, xuc_server: XucSimulator
) -> None:
    """After an error the form shows back what the user typed."""
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(xuc_server, password="wrong")
    )

    schema = result["data_schema"].schema
    suggested = {
        str(key): key.description["suggested_value"]
        for key in schema
        if key.description and "suggested_value" in key.description
    }
    assert suggested[CONF_HOST] == "127.0.0.1"
    assert suggested[CONF_USERNAME] == "jbond"
    assert suggested[CONF_PORT] == xuc_server.port


@pytest.mark.parametrize(
    ("host", "username"),
    [("127.0.0.1", "jbond"), (" 127.0.0.1 ", "JBond"), ("127.0.0.1", " JBOND ")],
)
async def test_user_already_configured(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    xuc_server: XucSimulator,
    host: str,
    username: str,
) -> None:
    """The same user on the same server, whatever the case and spaces, is refused."""
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(xuc_server, host=host, username=username)
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert xuc_server.logins == 0
    assert len(hass.config_entries.async_entries(DOMAIN)) == 1


async def test_user_other_user_same_server(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    xuc_server: XucSimulator,
    mock_setup_entry: AsyncMock,
) -> None:
    """Another user of the same server is a new entry."""
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(xuc_server, username="alice")
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Alice Martin"
    assert result["result"].unique_id == "127.0.0.1:alice"


# ------------------------------------------------------------------------------ reauth


async def test_reauth_wrong_password_keeps_old_one(
    hass: HomeAssistant, config_entry: MockConfigEntry, xuc_server: XucSimulator
) -> None:
    """A wrong password in the reauth form shows invalid_auth and changes nothing."""
    await xuc_server.set_password("jbond", "new")
    result = await config_entry.start_reauth_flow(hass)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_confirm"
    assert result["description_placeholders"]["username"] == "jbond"
    assert result["errors"] == {}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "wrong"}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_confirm"
    assert result["errors"] == {"base": "invalid_auth"}
    assert result["description_placeholders"]["username"] == "jbond"
    assert config_entry.data[CONF_PASSWORD] == "secret"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "new"}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert config_entry.data == {**entry_data(xuc_server), CONF_PASSWORD: "new"}
    assert config_entry.state is ConfigEntryState.LOADED

    assert await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()


async def test_reauth_after_password_change(
    hass: HomeAssistant, config_entry: MockConfigEntry, xuc_server: XucSimulator
) -> None:
    """The server refuses the stored password at setup; the new one reloads the entry."""
    await xuc_server.set_password("jbond", "new")
    await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.SETUP_ERROR

    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert len(flows) == 1
    assert flows[0]["context"]["source"] == SOURCE_REAUTH
    assert flows[0]["step_id"] == "reauth_confirm"

    result = await hass.config_entries.flow.async_configure(
        flows[0]["flow_id"], {CONF_PASSWORD: "new"}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert config_entry.data[CONF_PASSWORD] == "new"
    assert config_entry.unique_id == "127.0.0.1:jbond"
    # Reloaded with the new password: the line is up.
    assert config_entry.state is ConfigEntryState.LOADED
    assert hass.states.get("binary_sensor.james_bond_cti_link").state == "on"

    assert await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()


async def test_reauth_server_unreachable(
    hass: HomeAssistant, config_entry: MockConfigEntry, xuc_server: XucSimulator
) -> None:
    """An unreachable server during reauth shows cannot_connect."""
    result = await config_entry.start_reauth_flow(hass)
    await xuc_server.set_reachable(False)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "secret"}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}
    assert config_entry.data[CONF_PASSWORD] == "secret"


# ------------------------------------------------------------------------------ reconfigure


async def test_reconfigure_form(
    hass: HomeAssistant, config_entry: MockConfigEntry, xuc_server: XucSimulator
) -> None:
    """The form shows the entry's current server settings."""
    result = await config_entry.start_reconfigure_flow(hass)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    assert result["errors"] == {}
    assert result["description_placeholders"] == {"username": "jbond"}
    assert form_defaults(result["data_schema"]) == {
        CONF_HOST: "127.0.0.1",
        CONF_PORT: xuc_server.port,
        CONF_SSL: False,
        CONF_VERIFY_SSL: True,
    }


async def test_reconfigure_new_port(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    xuc_server: XucSimulator,
    second_server: XucSimulator,
) -> None:
    """The server moved to another port: the entry follows and reconnects there."""
    entry = init_integration
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], server_input(second_server, port=float(second_server.port))
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data == {**entry_data(xuc_server), CONF_PORT: second_server.port}
    assert type(entry.data[CONF_PORT]) is int
    assert entry.unique_id == "127.0.0.1:jbond"
    assert entry.options == {CONF_MONITORED_NUMBERS: ["1001", "1002"]}
    # Reloaded: the flow's check and the entry's setup both logged in to the new server.
    assert entry.state is ConfigEntryState.LOADED
    assert second_server.logins == 2
    assert second_server.sessions("jbond") == 1
    assert xuc_server.sessions("jbond") == 0

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


async def test_reconfigure_cannot_connect_then_recovers(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    xuc_server: XucSimulator,
    second_server: XucSimulator,
) -> None:
    """An unreachable server shows cannot_connect with the typed values kept."""
    result = await config_entry.start_reconfigure_flow(hass)
    await second_server.set_reachable(False)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], server_input(second_server)
    )

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    assert result["errors"] == {"base": "cannot_connect"}
    defaults = form_defaults(result["data_schema"])
    assert defaults[CONF_PORT] == second_server.port
    assert config_entry.data[CONF_PORT] == xuc_server.port

    await second_server.set_reachable(True)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], server_input(second_server)
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert config_entry.data[CONF_PORT] == second_server.port

    assert await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()


async def test_reconfigure_invalid_host(
    hass: HomeAssistant, config_entry: MockConfigEntry, xuc_server: XucSimulator
) -> None:
    """A host with a space shows invalid_host on the host field; the entry keeps its host."""
    result = await config_entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], server_input(xuc_server, host="xivo lan")
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_HOST: "invalid_host"}
    assert config_entry.data[CONF_HOST] == "127.0.0.1"
    assert config_entry.unique_id == "127.0.0.1:jbond"


async def test_reconfigure_new_host_updates_unique_id(
    hass: HomeAssistant, xuc_server: XucSimulator
) -> None:
    """The server moved from a host name to an IP address: the unique id follows the host.

    (The test plugin resolves no name, not even localhost: the old host is never reached.)
    """
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="James Bond",
        unique_id="xivo.lan:jbond",
        data={**entry_data(xuc_server), CONF_HOST: "xivo.lan"},
    )
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], server_input(xuc_server, host=" 127.0.0.1 ")
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data == entry_data(xuc_server)
    assert entry.unique_id == "127.0.0.1:jbond"
    assert entry.state is ConfigEntryState.LOADED

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


@pytest.mark.parametrize(
    ("other_host", "new_host"), [("localhost", "LOCALHOST"), ("xivo.lan", " xivo.lan ")]
)
async def test_reconfigure_collides_with_other_entry(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    xuc_server: XucSimulator,
    other_host: str,
    new_host: str,
) -> None:
    """Moving onto the address of another entry of the same user is refused."""
    other = MockConfigEntry(
        domain=DOMAIN,
        title="James Bond",
        unique_id=f"{other_host}:jbond",
        data={**entry_data(xuc_server), CONF_HOST: other_host},
    )
    other.add_to_hass(hass)
    result = await config_entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], server_input(xuc_server, host=new_host)
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert config_entry.data == entry_data(xuc_server)
    assert config_entry.unique_id == "127.0.0.1:jbond"
    assert other.data[CONF_HOST] == other_host
    assert xuc_server.logins == 0


# ------------------------------------------------------------------------------ options


async def start_options_flow(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert result["errors"] == {}
    return result


def suggested_numbers(result: dict[str, Any]) -> Any:
    (key,) = (key for key in result["data_schema"].schema if key == CONF_MONITORED_NUMBERS)
    return key.description["suggested_value"]


def options(numbers: list[str], lookup_names: bool = True) -> dict[str, Any]:
    """The options an entry holds after the options form (nobody chosen for the popup)."""
    return {CONF_MONITORED_NUMBERS: numbers, CONF_LOOKUP_NAMES: lookup_names, CONF_POPUP_USERS: []}


async def test_options_form_shows_current_numbers(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The form is filled with the numbers monitored now."""
    result = await start_options_flow(hass, init_integration)

    assert suggested_numbers(result) == ["1001", "1002"]


async def test_options_numbers_cleaned_and_reloaded(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Numbers are trimmed and deduplicated; the entry reloads with a sensor per number."""
    assert hass.states.get("sensor.james_bond_phone_1003") is None
    result = await start_options_flow(hass, init_integration)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_MONITORED_NUMBERS: ["1001", " 1003 ", "1001"]}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == options(["1001", "1003"])
    assert init_integration.options == options(["1001", "1003"])
    assert init_integration.state is ConfigEntryState.LOADED
    assert hass.states.get("sensor.james_bond_phone_1003") is not None
    assert hass.states.get("sensor.james_bond_phone_1001") is not None


async def test_options_blank_entries_and_inner_spaces(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Blank lines are dropped, spaces inside a number removed, +, * and # kept."""
    result = await start_options_flow(hass, init_integration)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_MONITORED_NUMBERS: ["", "  ", "10 02", "+33 1 23", "*8#"]}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert init_integration.options == options(["1002", "+33123", "*8#"])


async def test_options_no_numbers(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """Clearing the field stops monitoring any number."""
    result = await start_options_flow(hass, init_integration)

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert init_integration.options == options([])
    assert init_integration.state is ConfigEntryState.LOADED


async def test_options_invalid_number(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A number with a letter shows invalid_number on the field, keeps the input, saves nothing."""
    result = await start_options_flow(hass, init_integration)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_MONITORED_NUMBERS: ["1001", "12a"]}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert result["errors"] == {CONF_MONITORED_NUMBERS: "invalid_number"}
    assert suggested_numbers(result) == ["1001", "12a"]
    assert init_integration.options == {CONF_MONITORED_NUMBERS: ["1001", "1002"]}

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_MONITORED_NUMBERS: ["1001", "1003"]}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert init_integration.options == options(["1001", "1003"])
    assert hass.states.get("sensor.james_bond_phone_1003") is not None


# ------------------------------------------------------------- what people type and have


@pytest.mark.parametrize(
    "typed", ["127.0.0.1:{port}", "http://127.0.0.1:{port}/xuc/", "  127.0.0.1:{port} "]
)
async def test_user_host_pasted_with_its_port(
    hass: HomeAssistant, xuc_server: XucSimulator, mock_setup_entry: AsyncMock, typed: str
) -> None:
    """The most common paste: the port comes from the host field, the port field's 8090 loses."""
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        user_input(xuc_server, host=typed.format(port=xuc_server.port), port=8090),
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert (result["data"][CONF_HOST], result["data"][CONF_PORT]) == ("127.0.0.1", xuc_server.port)
    assert result["result"].unique_id == "127.0.0.1:jbond"


async def test_reconfigure_host_pasted_with_its_port(
    hass: HomeAssistant, config_entry: MockConfigEntry, xuc_server: XucSimulator
) -> None:
    result = await config_entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        server_input(xuc_server, host=f"127.0.0.1:{xuc_server.port}", port=8090),
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert config_entry.data[CONF_PORT] == xuc_server.port


@pytest.fixture
def tls_server(socket_enabled: None, tmp_path: Path) -> Iterator[XucSimulator]:
    """A simulator with a self-signed certificate, on an event loop of its own: the failed
    handshakes it sees are its business, not Home Assistant's loop's."""
    loop = asyncio.new_event_loop()
    server = XucSimulator(ssl_context=self_signed_context(tmp_path))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(server.start(), loop).result(5)
    yield server
    asyncio.run_coroutine_threadsafe(server.stop(), loop).result(5)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.close()


async def test_user_certificate_refused_is_a_tls_error(
    hass: HomeAssistant, tls_server: XucSimulator, mock_setup_entry: AsyncMock
) -> None:
    """A self-signed certificate with verification on: tls_error, whose message says what to
    turn off; with verification off the same server is accepted."""
    result = await start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(tls_server, ssl=True)
    )
    assert result["errors"] == {"base": "tls_error"}
    assert tls_server.logins == 0

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(tls_server, ssl=True, verify_ssl=False)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


# ------------------------------------------------------------------ what the forms show


async def test_certificate_check_is_folded_away_with_https(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    xuc_server: XucSimulator,
    mock_setup_entry: AsyncMock,
) -> None:
    """ "Verify the TLS certificate" is not a box ticked beside HTTPS turned off: it is in a
    collapsed section that says it is for HTTPS only, in the first form and in reconfigure;
    the entry still stores it flat, and a form sent without the section keeps verifying."""
    user_form = await start_user_flow(hass)
    reconfigure_form = await config_entry.start_reconfigure_flow(hass)
    for result in (user_form, reconfigure_form):
        fields = result["data_schema"].schema
        assert CONF_VERIFY_SSL not in {str(key) for key in fields}
        (tls,) = (value for key, value in fields.items() if isinstance(value, section))
        assert tls.options == {"collapsed": True}
        assert [str(key) for key in tls.schema.schema] == [CONF_VERIFY_SSL]
        # Opened, the box shows that the certificate is verified.
        assert form_defaults(result["data_schema"])[CONF_VERIFY_SSL] is True
        strings = ENGLISH["config"]["step"][result["step_id"]]
        assert CONF_VERIFY_SSL not in strings["data"]
        assert strings["sections"]["tls"]["name"] == "Certificate (HTTPS only)"
        assert strings["sections"]["tls"]["data"][CONF_VERIFY_SSL] == "Verify the TLS certificate"

    typed = user_input(xuc_server, username="alice")
    del typed["tls"]
    result = await hass.config_entries.flow.async_configure(user_form["flow_id"], typed)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_VERIFY_SSL] is True
    assert "tls" not in result["data"]


@pytest.mark.parametrize(("language", "add_item"), [("en", "Add {item}"), ("fr", "Ajouter {item}")])
def test_options_add_button_is_in_sentence_case(language: str, add_item: str) -> None:
    """The frontend names the add button of the numbers field "Add {item}" with the field's
    label (ui.components.multi-textfield.add_item): the label reads on after "Add"."""
    strings = json.loads((PACKAGE / "translations" / f"{language}.json").read_text())
    label = strings["options"]["step"]["init"]["data"][CONF_MONITORED_NUMBERS]
    button = add_item.format(item=label)
    assert (
        button
        == {"en": "Add a colleague's number", "fr": "Ajouter un numéro de collègue"}[language]
    )
