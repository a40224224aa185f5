"""The pause reason of the user's agent: choosing one pauses the agent with it."""

from __future__ import annotations

from typing import override

from homeassistant.components.select import SelectEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .agent import check_logged_in, pause_reason
from .coordinator import XivoConfigEntry
from .entity import XivoEntity, XivoEntityDescription
from .helpers import async_run_command
from .xuc import AgentStateName, UpdateKind

PARALLEL_UPDATES = 1

PAUSE_REASON = XivoEntityDescription(
    key="agent_pause_reason",
    translation_key="agent_pause_reason",
    update_kinds=(UpdateKind.AGENT, UpdateKind.STATUSES),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: XivoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the pause reason of a user who is an agent."""
    if entry.runtime_data.is_agent:
        async_add_entities([XivoPauseReasonSelect(entry.runtime_data, PAUSE_REASON)])


class XivoPauseReasonSelect(XivoEntity, SelectEntity):
    """The reason the agent is paused for, as the server confirmed it.

    The options are the server's status names (`lunch`), not their labels (`Lunch`): a name
    is what the server takes and sends back in `cause`, what the `xivo.agent_pause` action
    takes and what an automation compares with; an administrator may rename a label. Names
    are the administrator's own, so no translation can know them: the labels are in the
    `agent_state` sensor's `pause_reasons` attribute, for cards that show them.
    """

    @property
    @override
    def options(self) -> list[str]:
        """The server's pause reasons, by name."""
        return [
            status.name for status in self.coordinator.client.state.contact_centre.pause_reasons
        ]

    @property
    @override
    def current_option(self) -> str | None:
        """The reason of the current pause; none while the agent is not paused."""
        agent = self.coordinator.client.state.contact_centre.agent
        if agent is None or agent.name is not AgentStateName.PAUSED:
            return None
        return agent.cause if agent.cause in self.options else None

    @override
    async def async_select_option(self, option: str) -> None:
        """Pause the agent with this reason."""
        client = self.coordinator.client
        check_logged_in(client.state)
        reason = pause_reason(client.state, option)
        await async_run_command(self.coordinator, client.agent_pause(reason))
