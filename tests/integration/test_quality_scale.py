"""quality_scale.yaml names every rule once, and the rules it claims `done` hold.

Hassfest checks this file only for core integrations, so the project checks its own: the file's
shape first, then, rule by rule, what can be seen of a claim in the code, the files or a running
line. Rules a behaviour test proves elsewhere name that test (`PROVED_ELSEWHERE`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
import importlib
import inspect
import json
from pathlib import Path
import re
import tomllib
from typing import Any, get_args, get_origin, get_type_hints

import aiohttp
from homeassistant import config_entries, exceptions
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_platform, entity_registry as er
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import yaml

import custom_components.xivo as integration
from custom_components.xivo.const import DOMAIN
from tests.common import ENGLISH
from tests.integration.quality_scale_rules import ALL_RULES, RULES_BY_TIER

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "custom_components" / DOMAIN
TESTS = Path(__file__).parent
MANIFEST: dict[str, Any] = json.loads((PACKAGE / "manifest.json").read_text(encoding="utf-8"))
ICONS: dict[str, Any] = json.loads((PACKAGE / "icons.json").read_text(encoding="utf-8"))
SERVICE_NAMES = set(yaml.safe_load((PACKAGE / "services.yaml").read_text(encoding="utf-8")))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def load_rules() -> dict[str, object]:
    return yaml.safe_load((PACKAGE / "quality_scale.yaml").read_text(encoding="utf-8"))["rules"]


def status_of(rule: str) -> str:
    status = load_rules()[rule]
    return status if isinstance(status, str) else status["status"]  # type: ignore[index]


def claimed_done(rule: str) -> None:
    assert status_of(rule) == "done", f"{rule} is verified here but not claimed done"


def readme_section(heading: str) -> str:
    """The text under a `## ` heading of the README, up to the next one, spaces collapsed."""
    parts = re.split(r"^## ", README, flags=re.MULTILINE)
    [section] = [part for part in parts if part.startswith(f"{heading}\n")]
    return " ".join(section.split())


def flow_handler() -> type[config_entries.ConfigFlow]:
    importlib.import_module(f"custom_components.{DOMAIN}.config_flow")
    return config_entries.HANDLERS[DOMAIN]  # type: ignore[return-value]


def own_steps(flow_class: type) -> set[str]:
    """The steps a flow class defines itself, not those Home Assistant's base classes offer."""
    return {
        name.removeprefix("async_step_")
        for klass in flow_class.__mro__
        if klass.__module__.startswith(f"custom_components.{DOMAIN}")
        for name in vars(klass)
        if name.startswith("async_step_")
    }


def platform_module(platform: str) -> Any:
    return importlib.import_module(f"custom_components.{DOMAIN}.{platform}")


def platform_entities(hass: HomeAssistant) -> list[Any]:
    """Every entity object the integration's platforms added."""
    return [
        entity
        for platform in entity_platform.async_get_platforms(hass, DOMAIN)
        for entity in platform.entities.values()
    ]


@pytest.fixture
def registry_entries(
    hass: HomeAssistant,
    entity_registry_enabled_by_default: None,
    init_integration: MockConfigEntry,
) -> list[er.RegistryEntry]:
    """The registry entries of a running line, those disabled by default enabled too."""
    entries = er.async_entries_for_config_entry(er.async_get(hass), init_integration.entry_id)
    assert entries
    return entries


# --------------------------------------------------------------------------- the file


def test_the_rule_list_has_every_tier() -> None:
    # The counts the developer docs give for each tier.
    assert {tier: len(rules) for tier, rules in RULES_BY_TIER.items()} == {
        "bronze": 20,
        "silver": 10,
        "gold": 21,
        "platinum": 3,
    }
    assert len(set(ALL_RULES)) == len(ALL_RULES) == 54


def test_every_rule_has_a_status() -> None:
    rules = load_rules()
    assert sorted(rules) == sorted(ALL_RULES)
    for rule, status in rules.items():
        if isinstance(status, str):
            assert status in ("done", "todo"), rule
            continue
        assert isinstance(status, dict), rule
        assert status["status"] in ("done", "todo", "exempt"), rule
        if status["status"] == "exempt":
            assert len(status.get("comment", "")) > 20, f"{rule} needs a reason"


# Rules whose proof is behaviour, tested where that behaviour lives: the tests must exist.
PROVED_ELSEWHERE: dict[str, list[str]] = {
    "test-before-configure": [
        "test_config_flow.py::test_user_invalid_auth_then_recovers",
        "test_config_flow.py::test_user_cannot_connect_then_recovers",
    ],
    "test-before-setup": [
        "test_init.py::test_unreachable_server_retries_setup",
        "test_init.py::test_wrong_password_at_setup_asks_for_it",
    ],
    "unique-config-entry": ["test_config_flow.py::test_user_already_configured"],
    "config-entry-unloading": ["test_init.py::test_setup_and_unload"],
    "entity-unavailable": ["test_init.py::test_link_loss_makes_entities_unavailable_then_fresh"],
    "log-when-unavailable": [
        "test_init.py::test_long_outage_logs_once",
        "test_reliability.py::test_a_silently_dead_link_is_detected",
    ],
    "action-exceptions": ["test_services.py::test_offline_line"],
    "reauthentication-flow": ["test_config_flow.py::test_reauth_after_password_change"],
    "reconfiguration-flow": ["test_config_flow.py::test_reconfigure_new_port"],
    "diagnostics": ["test_diagnostics.py::test_diagnostics_are_redacted"],
    "stale-devices": [
        "test_entities.py::test_a_number_no_longer_monitored_leaves_no_entity",
        "test_queues_option.py::test_a_queue_taken_out_of_the_option_takes_its_device",
    ],
    "dynamic-devices": [
        "test_queues_option.py::test_a_queue_the_agent_joins_gets_a_device",
        "test_queues_option.py::"
        "test_a_queue_the_server_lists_later_gets_its_device_without_a_reload",
    ],
}


@pytest.mark.parametrize("rule", sorted(PROVED_ELSEWHERE))
def test_rules_proved_elsewhere_have_their_tests(rule: str) -> None:
    claimed_done(rule)
    for test in PROVED_ELSEWHERE[rule]:
        module, name = test.split("::")
        tree = ast.parse((TESTS / module).read_text(encoding="utf-8"))
        defined = {
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        assert name in defined, f"{rule}: {test} is gone"


# --------------------------------------------------------------------------- bronze


async def test_action_setup(hass: HomeAssistant) -> None:
    """Actions exist as soon as the integration is set up, before any line is."""
    claimed_done("action-setup")
    assert not hass.config_entries.async_entries(DOMAIN)
    assert await async_setup_component(hass, DOMAIN, {})
    assert set(hass.services.async_services_for_domain(DOMAIN)) == SERVICE_NAMES


def test_brands() -> None:
    claimed_done("brands")
    for name in ("icon.png", "icon@2x.png"):
        assert (PACKAGE / "brand" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name


async def test_common_modules(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """The coordinator in coordinator.py, every entity built on the base entity of entity.py."""
    claimed_done("common-modules")
    coordinator = init_integration.runtime_data
    assert type(coordinator).__module__ == f"custom_components.{DOMAIN}.coordinator"
    entities = platform_entities(hass)
    assert entities
    for entity in entities:
        assert any(
            klass.__module__ == f"custom_components.{DOMAIN}.entity"
            for klass in type(entity).__mro__
        ), entity.entity_id


def test_config_flow() -> None:
    """Set up from the UI, with a description under every field of every form."""
    claimed_done("config-flow")
    assert MANIFEST["config_flow"] is True
    handler = flow_handler()
    steps = {**ENGLISH["config"]["step"], **ENGLISH["options"]["step"]}
    for step_id, step in steps.items():
        assert set(step.get("data", {})) == set(step.get("data_description", {})), step_id
    assert set(ENGLISH["config"]["step"]) <= own_steps(handler)
    options_flow = type(handler.async_get_options_flow(MockConfigEntry(domain=DOMAIN)))
    assert set(ENGLISH["options"]["step"]) <= own_steps(options_flow)


def test_config_flow_test_coverage() -> None:
    """Every form, error and abort a user can meet in the flows is named by a flow test.

    A proxy for the rule's 100 % line coverage, which needs the coverage run of CI; this one
    fails as soon as the flows gain a step, an error or an abort reason that no test reaches.
    """
    claimed_done("config-flow-test-coverage")
    tree = ast.parse((TESTS / "test_config_flow.py").read_text(encoding="utf-8"))
    named = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    shown = set()
    for flow in ("config", "options"):
        for part in ("step", "error", "abort"):
            shown |= set(ENGLISH[flow].get(part, {}))
    assert shown - named == set()


def test_docs() -> None:
    """The README has the sections the documentation rules ask for."""
    sections = {
        "docs-installation-instructions": "Installation",
        "docs-removal-instructions": "Removal",
        "docs-data-update": "How data updates",
        "docs-known-limitations": "Known limitations",
        "docs-troubleshooting": "Troubleshooting",
        "docs-supported-functions": "Entities",
        "docs-actions": "Actions",
        "docs-triggers": "Events and triggers",
    }
    for rule, heading in sections.items():
        claimed_done(rule)
        assert readme_section(heading), f"{rule}: no '## {heading}'"


def test_docs_actions() -> None:
    claimed_done("docs-actions")
    section = readme_section("Actions")
    assert {name for name in SERVICE_NAMES if f"`{DOMAIN}.{name}`" not in section} == set()


def test_docs_triggers() -> None:
    """Every device trigger, by the name the automation editor shows."""
    claimed_done("docs-triggers")
    section = readme_section("Events and triggers")
    names = ENGLISH["device_automation"]["trigger_type"].values()
    assert {name for name in names if f"*{name}*" not in section} == set()


def test_entity_event_setup() -> None:
    """Entities subscribe in async_added_to_hass, through async_on_remove."""
    claimed_done("entity-event-setup")
    tree = ast.parse((PACKAGE / "entity.py").read_text(encoding="utf-8"))
    [added] = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.AsyncFunctionDef) and node.name == "async_added_to_hass"
    ]
    assert "self.async_on_remove(" in ast.unparse(added)


async def test_entity_unique_id(
    hass: HomeAssistant, registry_entries: list[er.RegistryEntry]
) -> None:
    claimed_done("entity-unique-id")
    entities = platform_entities(hass)
    assert all(entity.unique_id for entity in entities)
    assert {entity.entity_id for entity in entities} == {
        entry.entity_id for entry in registry_entries
    }


async def test_has_entity_name(
    hass: HomeAssistant, registry_entries: list[er.RegistryEntry]
) -> None:
    claimed_done("has-entity-name")
    devices = dr.async_get(hass)
    for entry in registry_entries:
        assert entry.has_entity_name, entry.entity_id
        state = hass.states.get(entry.entity_id)
        assert state is not None
        # The line's entities are named after the line, a queue's after the queue.
        device = devices.async_get(entry.device_id or "")
        assert device is not None
        assert device.name in ("James Bond", "Sales", "Support"), entry.entity_id
        assert state.attributes["friendly_name"] == f"{device.name} {entry.original_name}"


async def test_runtime_data(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """What a line runs on hangs on its entry, typed, and nothing in hass.data."""
    claimed_done("runtime-data")
    coordinator = init_integration.runtime_data
    assert type(coordinator).__module__.startswith(f"custom_components.{DOMAIN}.")
    assert DOMAIN not in hass.data
    entry_type = get_type_hints(integration.async_setup_entry)["entry"]
    alias = getattr(entry_type, "__value__", entry_type)
    assert get_origin(alias) is ConfigEntry
    assert get_args(alias) == (type(coordinator),)
    for platform in integration.PLATFORMS:
        setup = platform_module(platform).async_setup_entry
        assert get_type_hints(setup)["entry"] is entry_type, platform


# --------------------------------------------------------------------------- silver


def test_integration_owner() -> None:
    claimed_done("integration-owner")
    assert MANIFEST["codeowners"]
    assert all(owner.startswith("@") for owner in MANIFEST["codeowners"])


def test_docs_installation_parameters() -> None:
    """Every field of the setup form, by its label."""
    claimed_done("docs-installation-parameters")
    section = readme_section("Configuration")
    labels = ENGLISH["config"]["step"]["user"]["data"].values()
    assert {label for label in labels if label not in section} == set()


def test_docs_configuration_parameters() -> None:
    """Every field of the options form, by its label."""
    claimed_done("docs-configuration-parameters")
    section = readme_section("Configuration")
    labels = ENGLISH["options"]["step"]["init"]["data"].values()
    assert {label for label in labels if label not in section} == set()


@pytest.mark.parametrize("platform", sorted(integration.PLATFORMS))
def test_parallel_updates(platform: str) -> None:
    claimed_done("parallel-updates")
    assert isinstance(platform_module(platform).PARALLEL_UPDATES, int)


# --------------------------------------------------------------------------- gold


async def test_devices(
    hass: HomeAssistant, line_device: dr.DeviceEntry, registry_entries: list[er.RegistryEntry]
) -> None:
    """Every entity on the line's device or on a queue's, reached through the line's."""
    claimed_done("devices")
    devices = dr.async_entries_for_config_entry(
        dr.async_get(hass), registry_entries[0].config_entry_id or ""
    )
    assert line_device in devices
    for device in devices:
        assert device.name, device.id
        assert device.manufacturer, device.id
        assert device.model, device.id
        assert device.id == line_device.id or device.via_device_id == line_device.id
    # jbond's agent is in Sales and Support: the line and two queues.
    assert sorted(device.name or "" for device in devices) == ["James Bond", "Sales", "Support"]
    assert {entry.device_id for entry in registry_entries} == {device.id for device in devices}


def test_docs_examples() -> None:
    claimed_done("docs-examples")
    assert list((ROOT / "blueprints").rglob("*.yaml"))
    assert "```yaml" in readme_section("Events and triggers")


async def test_docs_supported_functions(
    hass: HomeAssistant, registry_entries: list[er.RegistryEntry]
) -> None:
    """Each entity the README shows exists, and every platform has one shown."""
    claimed_done("docs-supported-functions")
    section = readme_section("Entities")
    shown = set(re.findall(r"`([a-z_]+\.james_bond_[a-z0-9_]+)`", section))
    assert shown <= {entry.entity_id for entry in registry_entries}
    assert {entity_id.split(".")[0] for entity_id in shown} == set(integration.PLATFORMS)


def test_docs_troubleshooting() -> None:
    """The messages of a failed sign-in, quoted, each with its fix."""
    claimed_done("docs-troubleshooting")
    section = readme_section("Troubleshooting")
    errors = ENGLISH["config"]["error"]
    for key in ("invalid_auth", "cannot_connect", "tls_error"):
        first_sentence = errors[key].split(". ")[0].rstrip(".")
        assert f'"{first_sentence}"' in section, key


@pytest.mark.parametrize(
    ("rule", "uses"),
    [
        pytest.param(
            "entity-category",
            lambda entry: entry.entity_category is not None,
            id="entity-category",
        ),
        pytest.param(
            "entity-device-class",
            lambda entry: entry.original_device_class is not None,
            id="entity-device-class",
        ),
        pytest.param(
            "entity-disabled-by-default",
            lambda entry: entry.disabled_by is er.RegistryEntryDisabler.INTEGRATION,
            id="entity-disabled-by-default",
        ),
    ],
)
async def test_entity_options_are_used(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    rule: str,
    uses: Callable[[er.RegistryEntry], bool],
) -> None:
    """Where each belongs is test_entities.py's concern; here, that the line uses it at all."""
    claimed_done(rule)
    entries = er.async_entries_for_config_entry(er.async_get(hass), init_integration.entry_id)
    assert any(uses(entry) for entry in entries)


async def test_entity_translations(registry_entries: list[er.RegistryEntry]) -> None:
    """Every name comes from a translation key of en.json."""
    claimed_done("entity-translations")
    for entry in registry_entries:
        names = ENGLISH["entity"][entry.domain]
        assert entry.translation_key in names, entry.entity_id
        template = names[entry.translation_key]["name"]
        pattern = re.sub(r"\\\{\w+\\\}", ".+", re.escape(template))
        assert re.fullmatch(pattern, entry.original_name or ""), entry.entity_id


async def test_icon_translations(registry_entries: list[er.RegistryEntry]) -> None:
    """No icon set in code; icons.json has one for every entity."""
    claimed_done("icon-translations")
    for entry in registry_entries:
        assert entry.original_icon is None, entry.entity_id
        icon = ICONS["entity"][entry.domain][entry.translation_key]["default"]
        assert icon.startswith("mdi:"), entry.entity_id
    assert set(ICONS["services"]) == SERVICE_NAMES


def test_exception_translations() -> None:
    """Every Home Assistant error the integration raises is translated."""
    claimed_done("exception-translations")
    ha_errors = {
        name
        for name, value in vars(exceptions).items()
        if inspect.isclass(value) and issubclass(value, exceptions.HomeAssistantError)
    }
    raised = 0
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            exc = node.exc
            name = exc.func if isinstance(exc, ast.Call) else exc
            if not (isinstance(name, ast.Name) and name.id in ha_errors):
                continue
            where = f"{path.name}:{node.lineno}"
            assert isinstance(exc, ast.Call), where
            keywords = {keyword.arg: keyword.value for keyword in exc.keywords}
            assert ast.unparse(keywords["translation_domain"]) == "DOMAIN", where
            key = keywords["translation_key"]
            # A key built at run time (an f-string) cannot be checked here.
            if isinstance(key, ast.Constant):
                assert key.value in ENGLISH["exceptions"], where
            raised += 1
    assert raised


# --------------------------------------------------------------------------- platinum


async def test_async_dependency_and_injected_websession(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """An asyncio library, handed Home Assistant's shared HTTP session."""
    claimed_done("async-dependency")
    claimed_done("inject-websession")
    client = init_integration.runtime_data.client
    for method in ("connect", "listen", "close"):
        assert inspect.iscoroutinefunction(getattr(type(client), method)), method
    hints = get_type_hints(type(client).__init__)
    assert aiohttp.ClientSession in hints.values()
    shared = async_get_clientsession(hass)
    assert any(value is shared for value in vars(client).values())


async def test_strict_typing(init_integration: MockConfigEntry) -> None:
    """mypy in strict mode, and a library that says it is typed."""
    claimed_done("strict-typing")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["mypy"]["strict"] is True
    library = importlib.import_module(type(init_integration.runtime_data.client).__module__)
    assert library.__file__ is not None
    package = Path(library.__file__).parent
    assert (package / "py.typed").exists(), package
