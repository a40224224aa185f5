"""What Home Assistant reads from the integration's files: services, names, icons, languages."""

from __future__ import annotations

import json
from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.helpers.icon import async_get_icons
from homeassistant.helpers.service import async_get_all_descriptions
from homeassistant.helpers.translation import async_get_translations
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo.const import DOMAIN
from custom_components.xivo.services import SERVICES

TRANSLATIONS = Path(__file__).parents[2] / "custom_components/xivo/translations"


def key_paths(tree: object, prefix: str = "") -> set[str]:
    if not isinstance(tree, dict):
        return {prefix}
    return {path for key, value in tree.items() for path in key_paths(value, f"{prefix}.{key}")}


async def test_every_action_is_described(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    descriptions = (await async_get_all_descriptions(hass))[DOMAIN]
    assert set(descriptions) == set(SERVICES)
    dial = descriptions["dial"]
    assert set(dial["fields"]) == {"device_id", "destination", "variables"}
    assert dial["fields"]["device_id"]["selector"] == {
        "device": {"filter": [{"integration": "xivo"}], "multiple": False}
    }
    # Names and descriptions come from the translations, one for each action and field.
    for language in ("en", "fr"):
        texts = await async_get_translations(hass, language, "services", [DOMAIN])
        for name, description in descriptions.items():
            assert texts[f"component.xivo.services.{name}.name"], name
            assert texts[f"component.xivo.services.{name}.description"], name
            for field in description["fields"]:
                assert texts[f"component.xivo.services.{name}.fields.{field}.name"], field


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_entity_names_and_states_are_translated(
    hass: HomeAssistant, init_integration: MockConfigEntry, language: str
) -> None:
    entity = await async_get_translations(hass, language, "entity", [DOMAIN])
    prefix = "component.xivo.entity"
    assert entity[f"{prefix}.sensor.phone_status.state.unreachable"]
    assert "{number}" in entity[f"{prefix}.sensor.hint.name"]
    assert entity[f"{prefix}.event.call.state_attributes.event_type.state.missed"]
    exceptions = await async_get_translations(hass, language, "exceptions", [DOMAIN])
    assert "{line}" in exceptions["component.xivo.exceptions.not_connected.message"]


def test_french_has_every_english_key() -> None:
    english = json.loads((TRANSLATIONS / "en.json").read_text())
    french = json.loads((TRANSLATIONS / "fr.json").read_text())
    assert key_paths(french) == key_paths(english)


async def test_icons_cover_every_entity_and_action(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    icons = (await async_get_icons(hass, "entity", [DOMAIN]))[DOMAIN]
    english = json.loads((TRANSLATIONS / "en.json").read_text())
    for platform, entities in english["entity"].items():
        for key in entities:
            assert icons[platform][key]["default"].startswith("mdi:"), f"{platform}.{key}"
    assert icons["sensor"]["phone_status"]["state"]["ringing"] == "mdi:phone-ring"
    services = (await async_get_icons(hass, "services", [DOMAIN]))[DOMAIN]
    assert set(services) == set(SERVICES)
