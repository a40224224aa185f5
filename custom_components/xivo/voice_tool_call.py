"""One call of a voice tool: the line it acts on, that line's calls, and the actions it runs.

The tools act through the integration's public actions and read the line's entities, so they
see exactly what automations and dashboards see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from homeassistant.const import STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers.llm import ToolResult
from homeassistant.util import dt as dt_util

from .const import DOMAIN
from .voice_lines import Line, Party, directory_parties, fold, is_dialable, join

ATTR_LINE: Final = "line"
ATTR_WHO: Final = "who"

# Candidates listed when a name matches several contacts; enough to choose, short to read.
MAX_CANDIDATES: Final = 8

# Asking an action that answers nothing for its response is an error, so only these are asked.
RESPONSE_SERVICES: Final = frozenset({"get_current_calls", "get_call_history", "search_contacts"})


class ToolError(Exception):
    """A failure whose text the assistant can repeat to the user."""


@dataclass(slots=True)
class XivoCall:
    """One call of a tool: what it needs to read the lines and run actions."""

    hass: HomeAssistant
    context: Context | None
    # The lines offered at this turn, by the name the `line` argument gives.
    offered: Mapping[str, Line]
    arguments: Mapping[str, Any]
    # One moment for the whole call, so durations read on several lines compare.
    now: datetime = field(default_factory=dt_util.utcnow)

    def line(
        self, doing: str, fits: Callable[[Line], bool] | None = None, nothing: str = ""
    ) -> Line:
        """The line named in the arguments, the only one, or the only one that `fits`.

        With several lines and none that fits, `nothing` says so ("No call is ringing").
        """
        if (name := self.arguments.get(ATTR_LINE)) is not None:
            return self.offered[name]
        lines = list(self.offered.values())
        if len(lines) > 1 and fits is not None:
            lines = [line for line in lines if fits(line)]
            if not lines:
                raise ToolError(f"{nothing} on any of the lines.")
        if len(lines) == 1:
            return lines[0]
        names = join([line.name for line in lines], "or")
        raise ToolError(f"Ask the user which line {doing}: {names}.")

    def lines(self) -> list[Line]:
        """The line named in the arguments, else every offered line."""
        if (name := self.arguments.get(ATTR_LINE)) is not None:
            return [self.offered[name]]
        return list(self.offered.values())

    def calls(self, line: Line) -> list[Mapping[str, Any]]:
        """The line's calls, oldest first, from its call state sensor."""
        state = self.hass.states.get(line.call_state)
        if state is None or state.state == STATE_UNAVAILABLE or not self.is_connected(line):
            raise ToolError(f"The CTI link of {line.name} is down; try again when it is back.")
        calls = state.attributes.get("calls")
        return [call for call in calls if isinstance(call, Mapping)] if calls else []

    def is_connected(self, line: Line) -> bool:
        """Whether the line's CTI link is up (True when its link sensor is disabled)."""
        if line.connected is None:
            return True
        state = self.hass.states.get(line.connected)
        return state is not None and state.state == STATE_ON

    def has_call(self, line: Line, *states: str) -> bool:
        """Whether the line has a call in one of `states` (False when the link is down)."""
        try:
            return any(call.get("state") in states for call in self.calls(line))
        except ToolError:
            return False

    async def action(
        self, service: str, line: Line, data: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Run one of the integration's actions on the line; its response, if any."""
        response = await self.hass.services.async_call(
            DOMAIN,
            service,
            {"device_id": line.device_id, **(data or {})},
            blocking=True,
            context=self.context,
            return_response=service in RESPONSE_SERVICES,
        )
        return dict(response) if response else {}

    async def contacts(self, line: Line, who: str, *, dialable_only: bool) -> list[Party]:
        """The directory's contacts that `who` names, each person once."""
        response = await self.action("search_contacts", line, {"term": who})
        return directory_parties(response.get("contacts", ()), dialable_only=dialable_only)

    async def resolve(self, line: Line, who: str, nobody_done: str) -> Party | ToolResult:
        """A number as given, or the one contact `who` names; else a result to say."""
        who = who.strip()
        if is_dialable(who):
            return Party(name=None, number=who)
        contacts = await self.contacts(line, who, dialable_only=True)
        if not contacts:
            raise no_contact(who)
        if len(contacts) > 1:
            # "Alice Martin" picks Alice Martin even when Alice Martinez matches too.
            exact = [contact for contact in contacts if fold(contact.name) == fold(who)]
            if len(exact) == 1:
                contacts = exact
        if len(contacts) == 1:
            return contacts[0]
        return ToolResult(
            data={
                "message": (
                    f'Several contacts match "{who}", so {nobody_done}. Ask the user which '
                    "one they mean, then try again with that name or number."
                ),
                "candidates": [contact.as_json() for contact in contacts[:MAX_CANDIDATES]],
                "more_candidates": max(0, len(contacts) - MAX_CANDIDATES),
            }
        )

    async def dial_who(self, service: str, line: Line, nobody_done: str) -> Party | ToolResult:
        """Run `service` toward whom the `who` argument names: that party, or a result to say.

        Several matching contacts dial nobody: the result lists them, for the user to choose.
        """
        party = await self.resolve(line, self.arguments[ATTR_WHO], nobody_done)
        if isinstance(party, Party):
            await self.action(service, line, {"destination": party.number})
        return party


def no_contact(who: str) -> ToolError:
    """The failure of a name that the directory does not know."""
    return ToolError(f'There is no contact named "{who}" in the XiVO directory.')
