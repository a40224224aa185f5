"""Fixtures for the blueprint tests: the integration's, plus a config folder holding the blueprints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
import shutil

from homeassistant.core import HomeAssistant
import pytest

# The integration's fixtures (autouse ones included): James Bond's line on the simulator.
from tests.integration.conftest import (  # noqa: F401
    auto_enable_custom_integrations,
    config_entry,
    entry_options,
    fast_timings,
    init_integration,
    monitored_numbers,
)

BLUEPRINTS = Path(__file__).parents[2] / "blueprints"


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
