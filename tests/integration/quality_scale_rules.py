"""The rules of Home Assistant's Integration Quality Scale, by tier.

Copied once from the project's research notes (HA_ANCHORS.md §1), which took them from the
developer docs (`docs/core/integration-quality-scale/_includes/tiers.json`) and from core's
`script/hassfest/quality_scale.py` (`ALL_RULES`). Neither ships with the `homeassistant` package,
so the list lives here; update it by hand when the scale gains or drops a rule. Tiers are
cumulative: a tier needs every rule of the tiers below it too.
"""

from __future__ import annotations

RULES_BY_TIER: dict[str, tuple[str, ...]] = {
    "bronze": (
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
    ),
    "silver": (
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
    ),
    "gold": (
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
    ),
    "platinum": ("async-dependency", "inject-websession", "strict-typing"),
}

ALL_RULES: tuple[str, ...] = tuple(rule for rules in RULES_BY_TIER.values() for rule in rules)
