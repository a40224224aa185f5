"""Do-not-disturb, call forward and agent switches of a XiVO line."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, override

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .agent import agent_logged_in, agent_paused, check_logged_in
from .coordinator import XivoConfigEntry
from .entity import XivoEntity, XivoEntityDescription
from .helpers import async_run_command, forward_change
from .xuc import ForwardType, LineState, UpdateKind, XucClient

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class XivoSwitchEntityDescription(SwitchEntityDescription, XivoEntityDescription):
    """A switch whose state the server confirms."""

    update_kinds: tuple[UpdateKind, ...] = (UpdateKind.USER_CONFIG,)
    is_on_fn: Callable[[LineState], bool | None]
    set_fn: Callable[[XucClient, bool], Coroutine[Any, Any, None]]


def _forward_switch(forward: ForwardType) -> XivoSwitchEntityDescription:
    def set_forward(client: XucClient, enabled: bool) -> Coroutine[Any, Any, None]:
        change = forward_change(client.state, forward, enabled=enabled)
        return client.set_forward(forward, change.enabled, change.destination)

    def is_on(state: LineState) -> bool | None:
        current = state.forward(forward)
        return None if current is None else current.enabled

    return XivoSwitchEntityDescription(
        key=f"{forward}_forward",
        translation_key=f"{forward}_forward",
        entity_category=EntityCategory.CONFIG,
        is_on_fn=is_on,
        set_fn=set_forward,
    )


SWITCHES: tuple[XivoSwitchEntityDescription, ...] = (
    XivoSwitchEntityDescription(
        key="dnd",
        translation_key="dnd",
        is_on_fn=lambda state: state.dnd,
        set_fn=lambda client, enabled: client.set_dnd(enabled),
    ),
    *(_forward_switch(forward) for forward in ForwardType),
)


def _pause(client: XucClient, paused: bool) -> Coroutine[Any, Any, None]:
    # A logged-out agent cannot pause (the server ignores it): refused in words instead.
    check_logged_in(client.state)
    return client.agent_pause() if paused else client.agent_unpause()


# The user's agent: on once the server says it is logged in (or paused), not when asked.
AGENT_SWITCHES: tuple[XivoSwitchEntityDescription, ...] = (
    XivoSwitchEntityDescription(
        key="agent_logged_in",
        translation_key="agent_logged_in",
        update_kinds=(UpdateKind.AGENT,),
        is_on_fn=agent_logged_in,
        set_fn=lambda client, on: client.agent_login() if on else client.agent_logout(),
    ),
    XivoSwitchEntityDescription(
        key="agent_paused",
        translation_key="agent_paused",
        update_kinds=(UpdateKind.AGENT,),
        is_on_fn=agent_paused,
        set_fn=_pause,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: XivoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the line's switches, and the agent's for a user who is an agent."""
    agent = entry.runtime_data.is_agent
    async_add_entities(
        XivoSwitch(entry.runtime_data, description)
        for description in (SWITCHES + AGENT_SWITCHES if agent else SWITCHES)
    )


class XivoSwitch(XivoEntity, SwitchEntity):
    """A line setting; it changes state when the server confirms, not when asked."""

    entity_description: XivoSwitchEntityDescription

    @property
    @override
    def is_on(self) -> bool | None:
        """The setting as the server last confirmed it."""
        return self.entity_description.is_on_fn(self.coordinator.client.state)

    @override
    async def async_turn_on(self, **kwargs: Any) -> None:
        """Ask the server to turn the setting on."""
        await self._async_set(True)

    @override
    async def async_turn_off(self, **kwargs: Any) -> None:
        """Ask the server to turn the setting off."""
        await self._async_set(False)

    async def _async_set(self, enabled: bool) -> None:
        client = self.coordinator.client
        await async_run_command(self.coordinator, self.entity_description.set_fn(client, enabled))
