"""The demo dashboard's last-missed-call line, rendered by Home Assistant's template engine
from the real missed-calls sensor: a caller known by number only shows the number."""

from __future__ import annotations

from pathlib import Path
import shutil
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.template import Template
from homeassistant.util import yaml as yaml_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator import XucSimulator
from tests.common import state_of, wait_for

DEMO = Path(__file__).parents[2] / "demo"
MISSED = "sensor.james_bond_missed_calls"


def cards(node: Any) -> list[dict[str, Any]]:
    """Every card of the dashboard, nested ones included."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "type" in node:
            found.append(node)
        for value in node.values():
            found += cards(value)
    elif isinstance(node, list):
        for value in node:
            found += cards(value)
    return found


def last_missed_template(tmp_path: Path) -> str:
    """The markdown card about the last missed call (the card's device id is a stub)."""
    shutil.copy(DEMO / "dashboard.yaml", tmp_path / "dashboard.yaml")
    (tmp_path / "xivo_phone_device.yaml").write_text("0123456789abcdef\n")
    dashboard = yaml_util.load_yaml(tmp_path / "dashboard.yaml")
    (content,) = (
        card["content"]
        for card in cards(dashboard)
        if card["type"] == "markdown" and "last_caller_number" in card.get("content", "")
    )
    assert isinstance(content, str)
    return content


@pytest.mark.parametrize(
    ("caller", "shown"),
    [
        (("0499887766", ""), "Last missed call from **0499887766** · "),
        (("0612345678", "Q Branch"), "Last missed call from **Q Branch** · 0612345678 · "),
    ],
    ids=["number_only", "named"],
)
async def test_last_missed_caller_line(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    xuc_server: XucSimulator,
    tmp_path: Path,
    caller: tuple[str, str],
    shown: str,
) -> None:
    template = Template(last_missed_template(tmp_path), hass)
    assert "No missed call since the last reset" in template.async_render()

    await xuc_server.incoming_call("jbond", *caller)
    await wait_for(lambda: state_of(hass, "sensor.james_bond_call_state") == "ringing")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, MISSED) == "1")

    text = template.async_render()
    assert shown in text
    assert "Unknown" not in text
    assert text.rstrip().endswith("ago")
