"""The "who called me?" voice blueprint, through the built-in conversation agent."""

from __future__ import annotations

from datetime import timedelta
import importlib.util
from typing import Any

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo.const import DOMAIN
from simulator import XucSimulator
from tests.blueprints.conftest import line_of, say, setup_automation
from tests.common import forget_frames, state_of, wait_for

# The blueprint's validity and the automation it generates are checked with the other
# blueprints', in test_blueprints.py.

BLUEPRINT = "voice_who_called.yaml"
LINK = "binary_sensor.james_bond_cti_link"

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("hassil") is None, reason="hassil is not installed"
    ),
    pytest.mark.usefixtures("patient_link"),
]


@pytest.fixture
async def assist(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> str:
    """The blueprint's automation on James Bond's line, and Assist to talk to; the line."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    line = line_of(hass, init_integration)
    await setup_automation(hass, BLUEPRINT, {"line": line})
    await forget_frames(hass, xuc_server)
    return line


async def history(hass: HomeAssistant, line: str) -> list[dict[str, Any]]:
    """The line's history as the blueprint reads it, incoming calls only."""
    result = await hass.services.async_call(
        DOMAIN, "get_call_history", {"device_id": line}, blocking=True, return_response=True
    )
    assert isinstance(result, dict)
    return [call for call in result["calls"] if call["direction"] == "incoming"]


def when(start: str, french: bool) -> str:
    """How the blueprint says a call's time: today, yesterday, or the date."""
    at = dt_util.parse_datetime(start)
    assert at is not None
    at = dt_util.as_local(at)
    time = at.strftime("%H:%M")
    today = dt_util.now().date()
    if at.date() == today:
        return f" à {time}" if french else f" at {time}"
    if at.date() == today - timedelta(days=1):
        return f" hier à {time}" if french else f" yesterday at {time}"
    if french:
        return f" le {at.strftime('%d/%m/%Y')} à {time}"
    return f" on {at.strftime('%Y-%m-%d')} at {time}"


def answer(missed: dict[str, Any], answered: dict[str, Any], french: bool) -> str:
    """The blueprint's answer over the simulator's history: Pizza Roma missed, Alice answered."""
    if french:
        return (
            f"Appel manqué de Pizza Roma{when(missed['start'], True)}. "
            f"Alice Martin a appelé{when(answered['start'], True)}."
        )
    return (
        f"Missed call from Pizza Roma{when(missed['start'], False)}. "
        f"Alice Martin called{when(answered['start'], False)}."
    )


async def test_who_called_in_english(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: str
) -> None:
    # The simulator's history: Pizza Roma missed, Bob called by James Bond, Alice answered.
    missed, answered = await history(hass, assist)
    xuc_server.clear_frames("jbond")
    assert await say(hass, "who called me") == answer(missed, answered, french=False)
    assert await xuc_server.wait_for_command("jbond", "getUserCallHistory") == {
        "claz": "web",
        "command": "getUserCallHistory",
        "size": 20,
    }


async def test_who_called_in_french(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: str
) -> None:
    missed, answered = await history(hass, assist)
    assert await say(hass, "qui m'a appelé", "fr") == answer(missed, answered, french=True)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Who called?", "en"),
        ("did anyone call me", "en"),
        ("Has somebody called", "en"),
        ("did I miss a call", "en"),
        ("any missed calls", "en"),
        ("Qui m'a appelé ?", "fr"),
        ("qui a appelé", "fr"),
        ("Est-ce que quelqu'un m'a appelé ?", "fr"),
        ("j'ai des appels manqués", "fr"),
        ("mes appels manqués", "fr"),
    ],
)
async def test_sentences(hass: HomeAssistant, assist: str, text: str, language: str) -> None:
    """Each sentence gets the whole answer, in its language."""
    missed, answered = await history(hass, assist)
    assert await say(hass, text, language) == answer(missed, answered, french=language == "fr")


async def test_missed_calls_come_first_and_count_is_kept(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
) -> None:
    """A caller missed now, unknown to the directory: told by number, before older calls."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    line = line_of(hass, init_integration)
    await setup_automation(hass, BLUEPRINT, {"line": line, "count": 2})
    await xuc_server.missed_call("jbond", "0145000009")
    calls = await history(hass, line)
    assert [call["number"] for call in calls[:2]] == ["0145000009", "0467123456"]
    assert await say(hass, "who called me") == (
        f"Missed call from 0145000009{when(calls[0]['start'], False)}. "
        f"Missed call from Pizza Roma{when(calls[1]['start'], False)}."
    )


async def test_nobody_called(hass: HomeAssistant, xuc_server: XucSimulator, assist: str) -> None:
    xuc_server.pbx.users["jbond"].history.clear()
    assert await say(hass, "who called me") == "Nobody called you recently."
    assert await say(hass, "qui m'a appelé", "fr") == "Personne ne vous a appelé récemment."


async def test_line_down(hass: HomeAssistant, xuc_server: XucSimulator, assist: str) -> None:
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections()
    await wait_for(lambda: state_of(hass, LINK) == STATE_OFF)
    assert await say(hass, "who called me") == "I cannot reach the phone line right now."
    assert await say(hass, "qui m'a appelé", "fr") == (
        "Je n'arrive pas à joindre la ligne téléphonique pour l'instant."
    )
    await xuc_server.set_reachable(True)
    await wait_for(lambda: state_of(hass, LINK) == STATE_ON)
