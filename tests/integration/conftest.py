"""Fixtures for tests of the integration: a real Home Assistant against the simulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator
from dataclasses import replace
import json
from typing import Any
from unittest.mock import PropertyMock, patch

from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er, llm
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

from custom_components.xivo import coordinator
from custom_components.xivo.const import CONF_LOOKUP_NAMES, CONF_MONITORED_NUMBERS, DOMAIN
from simulator import XucSimulator
from tests.common import forget_frames
from tests.conftest import FAST_TIMINGS, StartSimulator

# A fixed entry id: unique ids are built from it, and snapshots must not change between runs.
ENTRY_ID = "01KXIVOTESTENTRY0000000000"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load the integration from custom_components/."""


@pytest.fixture(autouse=True)
def fast_timings(monkeypatch: pytest.MonkeyPatch) -> Generator[None]:
    """Keepalive and backoff shrunk to milliseconds: a 20 s dead-link rule runs in 0.5 s."""
    monkeypatch.setattr(coordinator, "CLIENT_TIMINGS", FAST_TIMINGS)
    return


@pytest.fixture
def patient_link(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast timings, but a dead-link rule of 5 s (use with `pytest.mark.usefixtures`).

    For tests that never need a silent link found dead: a busy machine can hold the process
    longer than the shared 0.5 s rule, which would drop the link in mid-test.
    """
    monkeypatch.setattr(coordinator, "CLIENT_TIMINGS", replace(FAST_TIMINGS, dead_after=5.0))


def entry_data(server: XucSimulator, username: str = "jbond") -> dict[str, object]:
    """Config entry data pointing at the simulator."""
    return {
        CONF_HOST: "127.0.0.1",
        CONF_PORT: server.port,
        CONF_SSL: False,
        CONF_VERIFY_SSL: True,
        CONF_USERNAME: username,
        CONF_PASSWORD: "secret",
    }


def web(command: str, **arguments: Any) -> dict[str, Any]:
    """A command frame as cti.js builds it."""
    return {"claz": "web", "command": command, **arguments}


def keyed(hass: HomeAssistant, device_name: str, translation_key: str) -> str:
    """The XiVO entity of the device named `device_name` with that translation key."""
    device = next(
        device
        for entry in hass.config_entries.async_entries(DOMAIN)
        for device in dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
        if device.name == device_name
    )
    return next(
        entity.entity_id
        for entity in er.async_entries_for_device(er.async_get(hass), device.id)
        if entity.translation_key == translation_key
    )


async def add_line(
    hass: HomeAssistant, xuc_server: XucSimulator, username: str, title: str
) -> MockConfigEntry:
    """A second line on the same server, without caller-name lookups, set up and settled."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=title,
        unique_id=f"127.0.0.1:{username}",
        data=entry_data(xuc_server, username),
        options={CONF_MONITORED_NUMBERS: [], CONF_LOOKUP_NAMES: False},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await forget_frames(hass, xuc_server, username)
    return entry


# The voice tools' modules (test_llm*.py): the Assist API, and a tool called as an agent does.


async def setup_assist(hass: HomeAssistant) -> None:
    """Home Assistant's Assist API ready (the components it needs set up)."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "llm", {})


def context() -> llm.LLMContext:
    return llm.LLMContext(
        platform="test", context=Context(), language="en", assistant="conversation", device_id=None
    )


async def api(hass: HomeAssistant) -> llm.APIInstance:
    return await llm.async_get_api(hass, llm.LLM_API_ASSIST, context())


async def run(hass: HomeAssistant, tool: str, **arguments: Any) -> llm.ToolResult:
    """Call a tool the way a conversation agent does; its result must be JSON."""
    instance = await api(hass)
    result = await instance.async_call_tool(llm.ToolInput(tool_name=tool, tool_args=arguments))
    assert isinstance(result, llm.ToolResult)
    json.dumps(result.data)
    return result


def message(result: llm.ToolResult) -> str:
    text = result.data["error"] if result.error else result.data["message"]
    assert isinstance(text, str)
    return text


def in_sections(typed: dict[str, Any]) -> dict[str, Any]:
    """The form's input as the frontend sends it: the certificate check in its section."""
    verify = typed.pop(CONF_VERIFY_SSL)
    return {**typed, "tls": {CONF_VERIFY_SSL: verify}}


@pytest.fixture
def monitored_numbers() -> list[str]:
    """Numbers whose hint status the line shows; override in a module to change."""
    return ["1001", "1002"]


@pytest.fixture
def entry_options(monitored_numbers: list[str]) -> dict[str, object]:
    """The options of James Bond's entry; a test module overrides this to change them."""
    return {CONF_MONITORED_NUMBERS: monitored_numbers}


@pytest.fixture
def config_entry(
    hass: HomeAssistant, xuc_server: XucSimulator, entry_options: dict[str, object]
) -> MockConfigEntry:
    """James Bond's line on the simulator."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        entry_id=ENTRY_ID,
        title="James Bond",
        unique_id="127.0.0.1:jbond",
        data=entry_data(xuc_server),
        options=entry_options,
    )
    entry.add_to_hass(hass)
    return entry


@pytest.fixture
async def init_integration(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> AsyncIterator[MockConfigEntry]:
    """The entry set up, its CTI link live; unloaded at the end so nothing lingers."""
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    yield config_entry
    if config_entry.state.recoverable:
        await hass.config_entries.async_unload(config_entry.entry_id)
        await hass.async_block_till_done()


@pytest.fixture
def line_device(hass: HomeAssistant, init_integration: MockConfigEntry) -> dr.DeviceEntry:
    """The device of James Bond's line, the entry set up."""
    # async_get_device(identifiers=...) is deprecated (an error in tests) in 2026.10.
    entry_id = init_integration.entry_id
    device = dr.async_get(hass).async_get_device_by_identifier((DOMAIN, entry_id), entry_id)
    assert device is not None
    return device


@pytest.fixture
async def second_server(start_simulator: StartSimulator) -> XucSimulator:
    """Another XUC simulator, on another free port of 127.0.0.1: a server the line moves to."""
    return await start_simulator()


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Syrupy with Home Assistant's serializer, files in snapshots/ (as core's fixture).

    The test plugin defines the same fixture, but syrupy's own can win the plugin order; here,
    nearer the tests, this one always does. Registry ids, times and contexts show as <ANY>.
    """
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
def entity_registry_enabled_by_default() -> Generator[None]:
    """Every entity enabled, those disabled by default too (as core's fixture of that name)."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        return_value=True,
        new_callable=PropertyMock,
    ):
        yield
