"""Fixtures for tests of the integration: a real Home Assistant against the simulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator

from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo import coordinator
from custom_components.xivo.const import CONF_MONITORED_NUMBERS, DOMAIN
from simulator import XucSimulator
from tests.conftest import FAST_TIMINGS


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load the integration from custom_components/."""


@pytest.fixture(autouse=True)
def fast_timings(monkeypatch: pytest.MonkeyPatch) -> Generator[None]:
    """Keepalive and backoff shrunk to milliseconds: a 20 s dead-link rule runs in 0.2 s."""
    monkeypatch.setattr(coordinator, "CLIENT_TIMINGS", FAST_TIMINGS)
    return


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


@pytest.fixture
def monitored_numbers() -> list[str]:
    """Numbers whose hint status the line shows; override in a module to change."""
    return ["1001", "1002"]


@pytest.fixture
def config_entry(
    hass: HomeAssistant, xuc_server: XucSimulator, monitored_numbers: list[str]
) -> MockConfigEntry:
    """James Bond's line on the simulator."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="James Bond",
        unique_id="127.0.0.1:jbond",
        data=entry_data(xuc_server),
        options={CONF_MONITORED_NUMBERS: monitored_numbers},
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
