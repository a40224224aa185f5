"""Fixtures for the blueprint tests: the integration's, plus a config folder holding the blueprints.

Also the helpers both blueprint modules use, imported from here as tests.integration.conftest's
are: the line's device id, an automation from a blueprint, a sentence said to Assist.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
import shutil
from typing import Any

from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo.const import DOMAIN
from tests.common import state_of

# The integration's fixtures (autouse ones included): James Bond's line on the simulator.
from tests.integration.conftest import (  # noqa: F401
    auto_enable_custom_integrations,
    config_entry,
    entry_options,
    fast_timings,
    init_integration,
    monitored_numbers,
    patient_link,
)

BLUEPRINTS = Path(__file__).parents[2] / "blueprints"
AUTOMATION = "automation.under_test"


@pytest.fixture(autouse=True)
def config_dir(hass: HomeAssistant, tmp_path: Path) -> Iterator[Path]:
    """A config folder of this test's own with the project's blueprints in place.

    The test plugin's default config folder lies inside the installed package; blueprints
    are looked up in `<config>/blueprints/<domain>/`, so they are copied to a temporary one.
    """
    shutil.copytree(BLUEPRINTS, tmp_path / "blueprints")
    previous = hass.config.config_dir
    hass.config.config_dir = str(tmp_path)
    yield tmp_path
    hass.config.config_dir = previous


def line_of(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """The device id of the entry's line: what a blueprint's `line` input holds."""
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.entry_id), entry.entry_id
    )
    assert device is not None
    return device.id


async def setup_automation(hass: HomeAssistant, blueprint: str, inputs: dict[str, Any]) -> None:
    """An automation from the blueprint, as the UI creates it; it must come up enabled."""
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "id": "under_test",
                "alias": "Under test",
                "use_blueprint": {"path": f"xivo/{blueprint}", "input": inputs},
            }
        },
    )
    await hass.async_block_till_done()
    # An automation whose blueprint or generated config is invalid comes up unavailable.
    assert state_of(hass, AUTOMATION) == STATE_ON


async def say(hass: HomeAssistant, text: str, language: str = "en") -> str:
    """What Assist answers to `text` (the conversation integration set up)."""
    result = await hass.services.async_call(
        "conversation",
        "process",
        {"text": text, "language": language},
        blocking=True,
        return_response=True,
    )
    assert isinstance(result, dict)
    response: Any = result["response"]
    return str(response["speech"]["plain"]["speech"])
