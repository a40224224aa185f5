"""One call of a voice tool, and the kinds of tools that serve it.

`XivoCall` is what a tool call needs: the line it acts on, that line's calls, and the actions it
runs. The tools act through the integration's public actions and read the line's entities, so
they see exactly what automations and dashboards see. `XivoTool` validates the arguments and
turns failures into results the assistant can say; `CallControlTool`, `CallListTool` and
`SettingTool` are the three shapes of tools in `llm`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Final, override

from homeassistant.const import STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import Context, Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv, intent
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.llm import LLMContext, Tool, ToolAnnotations, ToolInput, ToolResult
from homeassistant.util import dt as dt_util
from homeassistant.util.json import JsonObjectType, JsonValueType
import probatio as vol

from .const import (
    ATTR_DESTINATION,
    ATTR_ENABLED,
    ATTR_TERM,
    DOMAIN,
    SERVICE_GET_CALL_HISTORY,
    SERVICE_GET_CURRENT_CALLS,
    SERVICE_SEARCH_CONTACTS,
)
from .payloads import call_json, caller
from .voice_calls import CallPick, target_of
from .voice_lines import Line, Party, directory_parties, fold, is_dialable, join

ATTR_LINE: Final = "line"
ATTR_WHO: Final = "who"

# Candidates listed when a name matches several contacts; enough to choose, short to read.
MAX_CANDIDATES: Final = 8
# How long a DND or forward change may take to come back confirmed by the server.
CONFIRM_TIMEOUT: Final = 5.0

# Asking an action that answers nothing for its response is an error, so only these are asked.
RESPONSE_SERVICES: Final = frozenset(
    {SERVICE_GET_CURRENT_CALLS, SERVICE_GET_CALL_HISTORY, SERVICE_SEARCH_CONTACTS}
)

TEXT: Final = vol.All(cv.string, vol.Length(min=1, max=100))


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
        response = await self.action(SERVICE_SEARCH_CONTACTS, line, {ATTR_TERM: who})
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
            await self.action(service, line, {ATTR_DESTINATION: party.number})
        return party


def no_contact(who: str) -> ToolError:
    """The failure of a name that the directory does not know."""
    return ToolError(f'There is no contact named "{who}" in the XiVO directory.')


def who_field(description: str) -> dict[vol.Marker, Any]:
    """The `who` argument of the tools that find someone by name or number."""
    return {vol.Required(ATTR_WHO, description=description): TEXT}


def enabled_field(description: str) -> dict[vol.Marker, Any]:
    """The `enabled` argument of the settings' tools."""
    return {vol.Required(ATTR_ENABLED, description=description): cv.boolean}


def done(message: str, line: Line, **details: Any) -> ToolResult:
    """A result saying what was done on `line`; `details` come between message and line."""
    data: JsonObjectType = {"message": message, **details, "line": line.name}
    return ToolResult(data=data)


def _error(message: str) -> ToolResult:
    return ToolResult(data={"error": message}, error=True)


class XivoTool(Tool):
    """A tool acting on the offered lines; failures become results the assistant can say."""

    integration = DOMAIN
    fields: ClassVar[Mapping[vol.Marker, Any]] = {}

    def __init__(self, lines: Sequence[Line]) -> None:
        """Take the lines offered at this turn; `line` is asked for when there are several."""
        self.lines = {line.name: line for line in lines}
        fields = dict(self.fields)
        if len(lines) > 1:
            fields[
                vol.Optional(
                    ATTR_LINE,
                    description="The phone line to use, by name; leave out if the user did not say.",
                )
            ] = vol.In(list(self.lines))
        self.parameters = vol.Schema(fields)

    @override
    async def async_call(
        self, hass: HomeAssistant, tool_input: ToolInput, llm_context: LLMContext
    ) -> ToolResult:
        """Validate the arguments and run the tool; errors come back as results.

        Models fill the optional fields they do not use with `""` or `null`: such a field
        means "not said", as in Home Assistant's own tools, so it is dropped before validation
        (a blank required field is then missing, and refused as such).
        """
        given = {
            key: value
            for key, value in tool_input.tool_args.items()
            if not intent.is_blank_slot_value(value)
        }
        try:
            arguments = self.parameters(given)
        except vol.Invalid as err:
            return _error(f"Invalid arguments: {err}")
        try:
            return await self.async_run(XivoCall(hass, llm_context.context, self.lines, arguments))
        except (ToolError, HomeAssistantError, vol.Invalid) as err:
            return _error(str(err))

    async def async_run(self, call: XivoCall) -> ToolResult:
        """Do what the tool does."""
        raise NotImplementedError


# The call at hand is no outside world; the tools that lose it (hang up, transfer) say
# destructive, and transfer, which dials out, open world.
CALL_AT_HAND: Final = ToolAnnotations(destructive=False, idempotent=False, open_world=False)


@dataclass(frozen=True, kw_only=True)
class CallControlDescription:
    """What a call-control tool is: the calls it picks, the action it runs, what it says."""

    name: str
    title: str
    description: str
    service: str
    pick: CallPick
    # Ends "Ask the user which line …" when the line is not clear.
    doing: str
    # Starts the failure when no call is in one of `states`.
    nothing: str
    # The result's message, with `{caller}` for whom the call is with; `done_when` by the
    # state the call was in, for an action that toggles.
    done: str = ""
    done_when: Mapping[str, str] = field(default_factory=dict)
    annotations: ToolAnnotations = CALL_AT_HAND


class CallControlTool(XivoTool):
    """A tool acting on one call of a line: answer, hang up, hold, transfer.

    With several lines and no line named, the one line with a call it can act on is taken, so
    "hang up" needs no line when only one phone is in a call.
    """

    def __init__(self, lines: Sequence[Line], control: CallControlDescription) -> None:
        """A tool as `control` describes it, for the lines offered at this turn."""
        self.control = control
        self.name = control.name
        self.title = control.title
        self.description = control.description
        self.annotations = control.annotations
        super().__init__(lines)

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        control = self.control
        line = call.line(
            control.doing, lambda line: call.has_call(line, *control.pick.states), control.nothing
        )
        target = control.pick.of(call.calls(line))
        if target is None:
            raise ToolError(f"{control.nothing} on {line.name}'s phone.")
        return await self.async_act(call, line, target)

    async def async_act(self, call: XivoCall, line: Line, target: Mapping[str, Any]) -> ToolResult:
        """Run the tool's action on `target`, the call it picked on `line`."""
        await call.action(self.control.service, line, target_of(target))
        said = self.control.done_when.get(str(target.get("state")), self.control.done)
        return done(said.format(caller=caller(target)), line, call=call_json(target))


class CallListTool(XivoTool):
    """A tool listing calls of the lines asked about.

    A line that fails (its link down, the server refusing) is named beside the others' calls,
    so one broken account does not hide the rest.
    """

    annotations = ToolAnnotations(
        read_only=True, destructive=False, idempotent=True, open_world=False
    )

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        lines = call.lines()
        found: list[Mapping[str, object]] = []
        errors: list[JsonValueType] = []
        for line in lines:
            try:
                found.extend(await self.async_line_calls(call, line, several=len(lines) > 1))
            except (ToolError, HomeAssistantError) as err:
                errors.append(str(err))
        if len(errors) == len(lines):
            raise ToolError(" ".join(str(error) for error in errors))
        calls: list[Any] = self.arrange(call, found)
        data: JsonObjectType = {"calls": calls}
        if not calls:
            data["message"] = self.no_calls(call)
        if errors:
            data["errors"] = errors
        return ToolResult(data=data)

    async def async_line_calls(
        self, call: XivoCall, line: Line, *, several: bool
    ) -> list[Mapping[str, object]]:
        """The calls of `line`, as listed; `several` when other lines are listed too."""
        raise NotImplementedError

    def arrange(
        self, call: XivoCall, calls: list[Mapping[str, object]]
    ) -> list[Mapping[str, object]]:
        """The calls of all the lines as the result lists them."""
        return calls

    def no_calls(self, call: XivoCall) -> str:
        """What the result says when it lists no call."""
        raise NotImplementedError


class SettingTool(XivoTool):
    """A tool turning a setting of a line on or off, then waiting for the server to confirm.

    The action returns once the command is sent; only the switch coming back in the asked state
    tells the user that the server took it.
    """

    annotations = ToolAnnotations(idempotent=True, open_world=False)

    @staticmethod
    def word(call: XivoCall) -> str:
        """The state asked for, as the switch and the result say it."""
        return "on" if call.arguments[ATTR_ENABLED] else "off"

    async def async_switch(
        self,
        call: XivoCall,
        line: Line,
        service: str,
        data: Mapping[str, Any],
        switch: str | None,
        claim: str,
    ) -> None:
        """Run `service`, then wait for `switch` to show that `claim` is true."""
        await call.action(service, line, data)
        if switch is not None and not await _async_confirmed(call, switch, self.word(call)):
            raise ToolError(f"The XiVO server did not confirm that {claim}.")


async def _async_confirmed(call: XivoCall, entity_id: str, expected: str) -> bool:
    """Wait until the server's confirmation puts `entity_id` in state `expected`."""
    hass = call.hass
    confirmed: asyncio.Future[bool] = hass.loop.create_future()

    @callback
    def check(event: Event[EventStateChangedData] | None = None) -> None:
        state = hass.states.get(entity_id)
        if state is None or confirmed.done():
            return
        if state.state == expected:
            confirmed.set_result(True)
        elif state.state == STATE_UNAVAILABLE:
            confirmed.set_result(False)

    unsubscribe = async_track_state_change_event(hass, [entity_id], check)
    try:
        # The state may have come back before the subscription began.
        check()
        async with asyncio.timeout(CONFIRM_TIMEOUT):
            return await confirmed
    except TimeoutError:
        return False
    finally:
        unsubscribe()
