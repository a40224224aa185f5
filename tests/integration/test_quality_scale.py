"""quality_scale.yaml names every rule of the scale once, with a reason for each exemption.

Hassfest checks this file only for core integrations, so the project checks its own.
"""

from __future__ import annotations

from pathlib import Path
import re

import pytest
import yaml

ROOT = Path(__file__).parents[2]
ANCHORS = ROOT.parent / "shared" / "research" / "HA_ANCHORS.md"

# The 54 rules of Home Assistant's quality scale by tier (HA_ANCHORS.md §1).
RULES = {
    "bronze": [
        "action-setup",
        "appropriate-polling",
        "brands",
        "common-modules",
        "config-flow-test-coverage",
        "config-flow",
        "dependency-transparency",
        "docs-actions",
        "docs-conditions",
        "docs-triggers",
        "docs-high-level-description",
        "docs-installation-instructions",
        "docs-removal-instructions",
        "entity-event-setup",
        "entity-unique-id",
        "has-entity-name",
        "runtime-data",
        "test-before-configure",
        "test-before-setup",
        "unique-config-entry",
    ],
    "silver": [
        "action-exceptions",
        "config-entry-unloading",
        "docs-configuration-parameters",
        "docs-installation-parameters",
        "entity-unavailable",
        "integration-owner",
        "log-when-unavailable",
        "parallel-updates",
        "reauthentication-flow",
        "test-coverage",
    ],
    "gold": [
        "devices",
        "diagnostics",
        "discovery",
        "discovery-update-info",
        "docs-data-update",
        "docs-examples",
        "docs-known-limitations",
        "docs-supported-devices",
        "docs-supported-functions",
        "docs-troubleshooting",
        "docs-use-cases",
        "dynamic-devices",
        "entity-category",
        "entity-device-class",
        "entity-disabled-by-default",
        "entity-translations",
        "exception-translations",
        "icon-translations",
        "reconfiguration-flow",
        "repair-issues",
        "stale-devices",
    ],
    "platinum": ["async-dependency", "inject-websession", "strict-typing"],
}
ALL_RULES = [rule for tier in RULES.values() for rule in tier]


def load_rules() -> dict[str, object]:
    data = yaml.safe_load((ROOT / "custom_components/xivo/quality_scale.yaml").read_text())
    return data["rules"]


def test_the_rule_list_matches_the_research_notes() -> None:
    if not ANCHORS.exists():
        pytest.skip("shared/research is not beside this checkout")
    section = ANCHORS.read_text().split("## 1. Integration Quality Scale")[1].split("\n## 2.")[0]
    listed = re.findall(r"^\| ([a-z][a-z-]+) \|", section, flags=re.MULTILINE)
    assert [rule for rule in listed if rule != "id"] == ALL_RULES
    assert len(ALL_RULES) == 54


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


def test_gold_and_below_are_met() -> None:
    rules = load_rules()
    open_rules = {
        rule
        for rule, status in rules.items()
        if (status if isinstance(status, str) else status["status"]) == "todo"
    }
    # Only publishing the library on PyPI is left, which needs a public repository.
    assert open_rules == {"dependency-transparency"}
