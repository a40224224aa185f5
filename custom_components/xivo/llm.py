"""Tools for voice assistants: calls, call history, colleagues' phones, DND and forwards.

Home Assistant finds this platform by itself (`llm` integration, `LazyIntegrationPlatforms`)
and asks it for tools at each conversation turn. A line is offered only when its call state
sensor is exposed to the assistant. The tools act through the integration's public actions and
read the line's entities, so they see exactly what automations and dashboards see.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
import re
from typing import Any, ClassVar, Final, override
import unicodedata

from homeassistant.components.homeassistant.exposed_entities import async_should_expose
from homeassistant.components.llm import LLMTools
from homeassistant.const import STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import Context, Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.llm import (
    LLM_API_ASSIST,
    LLMContext,
    Tool,
    ToolAnnotations,
    ToolInput,
    ToolResult,
)
from homeassistant.util import dt as dt_util
from homeassistant.util.json import JsonObjectType
import probatio as vol

from .const import DOMAIN

ATTR_LINE: Final = "line"
ATTR_WHO: Final = "who"

# How long a DND or forward change may take to come back confirmed by the server.
CONFIRM_TIMEOUT: Final = 5.0
# Candidates listed when a name matches several contacts; enough to choose, short to read.
MAX_CANDIDATES: Final = 8
MAX_RECENT: Final = 20
# History records fetched when only missed calls are wanted, to find `limit` of them.
MISSED_SEARCH_DEPTH: Final = 100

FORWARDS: Final = ("unconditional", "no_answer", "busy")
FORWARD_NAMES: Final = {
    "unconditional": "unconditional forward",
    "no_answer": "forward on no answer",
    "busy": "forward on busy",
}
ON_THE_PHONE: Final = frozenset({"calling", "busy", "busy_and_ringing", "on_hold"})
OFF_THE_PHONE: Final = frozenset({"available", "ringing"})

# What a person dials: digits with the spacing people type, or a SIP address.
_NUMBER_SPACING = str.maketrans("", "", " .-()/\u00a0")
_NUMBER = re.compile(r"\+?[0-9*#]{1,40}")
_SIP = re.compile(r"(sips?:)?[^\s@]+@[^\s@]+|sips?:\S+")

_TEXT = vol.All(cv.string, vol.Length(min=1, max=100))

# The actions that return response data.
RESPONSE_SERVICES: Final = frozenset({"get_current_calls", "get_call_history", "search_contacts"})


# ----------------------------------------------------------------------------- lines


@dataclass(frozen=True, slots=True)
class Line:
    """A line offered to the assistant: its device and the entities the tools read."""

    name: str
    number: str | None
    device_id: str
    call_state: str
    connected: str | None = None
    dnd: str | None = None
    forwards: Mapping[str, str] = field(default_factory=dict)
    # Busy lamps: monitored number → hint sensor.
    hints: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How results name the line."""
        return f"{self.name} ({self.number})" if self.number else self.name


class ToolError(Exception):
    """A failure whose text the assistant can repeat to the user."""


@callback
def async_offered_lines(hass: HomeAssistant, assistant: str) -> list[Line]:
    """The loaded lines whose call state sensor is exposed to `assistant`, sorted by name."""
    entity_registry = er.async_get(hass)
    device_registry = dr.async_get(hass)
    lines: list[Line] = []
    for entry in hass.config_entries.async_loaded_entries(DOMAIN):
        entities: dict[str, list[er.RegistryEntry]] = {}
        for entity in er.async_entries_for_config_entry(entity_registry, entry.entry_id):
            if not entity.disabled and entity.translation_key:
                entities.setdefault(entity.translation_key, []).append(entity)
        call_state = next(iter(entities.get("call_state", ())), None)
        if (
            call_state is None
            or call_state.device_id is None
            or not async_should_expose(hass, assistant, call_state.entity_id)
        ):
            continue
        device = device_registry.async_get(call_state.device_id)
        name = (device.name_by_user or device.name) if device else None
        lines.append(
            Line(
                name=name or entry.title,
                number=device.serial_number if isinstance(device, dr.DeviceEntry) else None,
                device_id=call_state.device_id,
                call_state=call_state.entity_id,
                connected=_entity_id(entities, "connected"),
                dnd=_entity_id(entities, "dnd"),
                forwards={
                    forward: switch
                    for forward in FORWARDS
                    if (switch := _entity_id(entities, f"{forward}_forward")) is not None
                },
                hints=_hint_numbers(hass, entities.get("hint", ())),
            )
        )
    lines.sort(key=lambda line: line.name.casefold())
    # Two lines with one name (two accounts of one person) are told apart by their numbers.
    names = [line.name for line in lines]
    return [
        replace(line, name=line.label) if names.count(line.name) > 1 else line for line in lines
    ]


def _entity_id(entities: Mapping[str, Sequence[er.RegistryEntry]], key: str) -> str | None:
    found = entities.get(key)
    return found[0].entity_id if found else None


def _hint_numbers(hass: HomeAssistant, entities: Iterable[er.RegistryEntry]) -> dict[str, str]:
    hints: dict[str, str] = {}
    for entity in entities:
        state = hass.states.get(entity.entity_id)
        number = state.attributes.get("number") if state else None
        if not isinstance(number, str) or not number:
            # The number is the end of the unique id: "<entry id>_hint_<number>".
            number = entity.unique_id.rpartition("_hint_")[2]
        if number:
            hints[number] = entity.entity_id
    return hints


# ----------------------------------------------------------------------------- platform


@callback
def async_get_tools(hass: HomeAssistant, llm_context: LLMContext, api_id: str) -> LLMTools | None:
    """The XiVO tools, for the lines exposed to the assistant; None when there is none."""
    if api_id != LLM_API_ASSIST:
        return None
    lines = async_offered_lines(hass, llm_context.assistant)
    if not lines:
        return None
    return LLMTools(tools=[tool(lines) for tool in TOOLS], prompt=_prompt(lines))


def _prompt(lines: Sequence[Line]) -> str:
    described = _join(
        [f"{line.name} (number {line.number})" if line.number else line.name for line in lines],
        "and",
    )
    if len(lines) == 1:
        return (
            f"The user's XiVO phone line is {described}: the xivo__ tools place, answer and "
            "manage its calls and tell who called or who is on the phone."
        )
    return (
        f"The user's XiVO phone lines are {described}: the xivo__ tools place, answer and "
        "manage their calls and tell who called or who is on the phone. Give the tools the "
        "line's name when the user says which line."
    )


# ----------------------------------------------------------------------------- tools


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
        """Validate the arguments and run the tool; errors come back as results."""
        try:
            arguments = self.parameters(tool_input.tool_args)
        except vol.Invalid as err:
            return _error(f"Invalid arguments: {err}")
        try:
            return await self.async_run(XivoCall(hass, llm_context.context, self, arguments))
        except (ToolError, HomeAssistantError, vol.Invalid) as err:
            return _error(str(err))

    async def async_run(self, call: XivoCall) -> ToolResult:
        """Do what the tool does."""
        raise NotImplementedError


@dataclass(slots=True)
class XivoCall:
    """One call of a tool: what it needs to read the lines and run actions."""

    hass: HomeAssistant
    context: Context | None
    tool: XivoTool
    arguments: Mapping[str, Any]

    def line(
        self, doing: str, fits: Callable[[Line], bool] | None = None, nothing: str = ""
    ) -> Line:
        """The line named in the arguments, the only one, or the only one that `fits`.

        With several lines and none that fits, `nothing` says so ("No call is ringing").
        """
        if (name := self.arguments.get(ATTR_LINE)) is not None:
            return self.tool.lines[name]
        lines = list(self.tool.lines.values())
        if len(lines) > 1 and fits is not None:
            lines = [line for line in lines if fits(line)]
            if not lines:
                raise ToolError(f"{nothing} on any of the lines.")
        if len(lines) == 1:
            return lines[0]
        names = _join([line.name for line in lines], "or")
        raise ToolError(f"Ask the user which line {doing}: {names}.")

    def lines(self) -> list[Line]:
        """The line named in the arguments, else every offered line."""
        if (name := self.arguments.get(ATTR_LINE)) is not None:
            return [self.tool.lines[name]]
        return list(self.tool.lines.values())

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

    async def resolve(self, line: Line, who: str, nobody_done: str) -> Party | ToolResult:
        """A number as given, or the one contact `who` names; else a result to say."""
        who = who.strip()
        if _is_dialable(who):
            return Party(name=None, number=who)
        response = await self.action("search_contacts", line, {"term": who})
        contacts = _unique_contacts(response.get("contacts", ()), dialable_only=True)
        if not contacts:
            raise ToolError(f'There is no contact named "{who}" in the XiVO directory.')
        if len(contacts) > 1:
            # "Alice Martin" picks Alice Martin even when Alice Martinez matches too.
            exact = [contact for contact in contacts if _fold(contact.name) == _fold(who)]
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

    async def confirmed(self, entity_id: str, expected: str) -> bool:
        """Wait until the server's confirmation puts `entity_id` in state `expected`."""
        hass = self.hass
        done: asyncio.Future[bool] = hass.loop.create_future()

        @callback
        def check(event: Event[EventStateChangedData] | None = None) -> None:
            state = hass.states.get(entity_id)
            if state is None or done.done():
                return
            if state.state == expected:
                done.set_result(True)
            elif state.state == STATE_UNAVAILABLE:
                done.set_result(False)

        unsubscribe = async_track_state_change_event(hass, [entity_id], check)
        try:
            check()
            async with asyncio.timeout(CONFIRM_TIMEOUT):
                return await done
        except TimeoutError:
            return False
        finally:
            unsubscribe()


@dataclass(frozen=True, slots=True)
class Party:
    """Someone to call or transfer to: a directory contact or a bare number."""

    name: str | None
    number: str
    status: str | None = None

    @property
    def label(self) -> str:
        """The name and number, or the number alone."""
        return f"{self.name} ({self.number})" if self.name else self.number

    def as_json(self) -> JsonObjectType:
        """The party as a tool result gives it."""
        return {"name": self.name, "number": self.number, "status": self.status}


class CallTool(XivoTool):
    """Place a call."""

    name = "xivo__call"
    title = "Call someone"
    description = (
        "Call a person or a number from the user's XiVO phone. A name is looked up in the "
        "XiVO directory: one match is called; several matches call nobody and come back as "
        "candidates to ask the user about; a number is dialled as given."
    )
    annotations = ToolAnnotations(destructive=False, idempotent=False, open_world=True)
    fields: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Required(
            ATTR_WHO,
            description=(
                "The person to call: a contact's name as the user said it (looked up in the "
                "XiVO directory), or a phone number in any dialable form."
            ),
        ): _TEXT
    }

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line("to call from")
        party = await call.resolve(line, call.arguments[ATTR_WHO], "nobody was called")
        if isinstance(party, ToolResult):
            return party
        await call.action("dial", line, {"destination": party.number})
        return ToolResult(
            data={
                "message": f"Calling {party.label} from {line.name}'s phone.",
                "calling": party.as_json(),
                "line": line.name,
            }
        )


class AnswerTool(XivoTool):
    """Answer the ringing call."""

    name = "xivo__answer"
    title = "Answer the phone"
    description = (
        "Answer the call ringing on the user's XiVO phone (the one ringing longest when "
        "several are). Works with phones that XiVO can answer remotely."
    )
    annotations = ToolAnnotations(destructive=False, idempotent=False, open_world=False)

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        nothing = "No call is ringing"
        line = call.line("to answer on", lambda line: call.has_call(line, "ringing"), nothing)
        ringing = [item for item in call.calls(line) if item.get("state") == "ringing"]
        if not ringing:
            raise ToolError(f"{nothing} on {line.name}'s phone.")
        target = ringing[0]
        await call.action("answer", line, _unique_id(target))
        return ToolResult(
            data={
                "message": f"Answered the call from {_caller(target)}.",
                "call": _call_json(target),
                "line": line.name,
            }
        )


class HangUpTool(XivoTool):
    """End the current call."""

    name = "xivo__hang_up"
    title = "Hang up"
    description = (
        "End the current call on the user's XiVO phone: the one in conversation, else the "
        "one being dialled, else the ringing one (declining it), else the one on hold."
    )
    annotations = ToolAnnotations(destructive=True, idempotent=False, open_world=False)

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        states = ("established", "dialing", "ringing", "on_hold")
        nothing = "There is no call"
        line = call.line("to hang up on", lambda line: call.has_call(line, *states), nothing)
        target = _first_in(call.calls(line), *states)
        if target is None:
            raise ToolError(f"{nothing} on {line.name}'s phone.")
        await call.action("hangup", line, _unique_id(target))
        return ToolResult(
            data={
                "message": f"Ended the call with {_caller(target)}.",
                "call": _call_json(target),
                "line": line.name,
            }
        )


class HoldTool(XivoTool):
    """Put the call on hold, or take it back."""

    name = "xivo__hold"
    title = "Hold or resume"
    description = (
        "Put the call in conversation on hold; with no call in conversation, take back the "
        "call on hold. Works with phones that XiVO can control remotely."
    )
    annotations = ToolAnnotations(destructive=False, idempotent=False, open_world=False)

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        nothing = "There is no call to hold or take back"
        line = call.line(
            "to use", lambda line: call.has_call(line, "established", "on_hold"), nothing
        )
        calls = call.calls(line)
        if (target := _last_in(calls, "established")) is not None:
            message = f"Put the call with {_caller(target)} on hold."
        elif (target := _last_in(calls, "on_hold")) is not None:
            message = f"Took back the call with {_caller(target)}."
        else:
            raise ToolError(f"{nothing} on {line.name}'s phone.")
        await call.action("hold", line, _unique_id(target))
        return ToolResult(data={"message": message, "call": _call_json(target), "line": line.name})


class TransferTool(XivoTool):
    """Blind transfer of the current call."""

    name = "xivo__transfer"
    title = "Transfer the call"
    description = (
        "Transfer the call in conversation to a person or a number, leaving it (a blind "
        "transfer). A name is looked up in the XiVO directory as for xivo__call; several "
        "matches transfer nothing and come back as candidates to ask the user about."
    )
    annotations = ToolAnnotations(destructive=True, idempotent=False, open_world=True)
    fields: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Required(
            ATTR_WHO,
            description=(
                "Whom to transfer the call to: a contact's name as the user said it, or a "
                "phone number in any dialable form."
            ),
        ): _TEXT
    }

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        nothing = "There is no call to transfer"
        line = call.line(
            "to use", lambda line: call.has_call(line, "established", "on_hold"), nothing
        )
        current = _last_in(call.calls(line), "established", "on_hold")
        if current is None:
            raise ToolError(f"{nothing} on {line.name}'s phone.")
        party = await call.resolve(line, call.arguments[ATTR_WHO], "nothing was transferred")
        if isinstance(party, ToolResult):
            return party
        await call.action("direct_transfer", line, {"destination": party.number})
        return ToolResult(
            data={
                "message": f"Transferred the call with {_caller(current)} to {party.label}.",
                "transferred_to": party.as_json(),
                "call": _call_json(current),
                "line": line.name,
            }
        )


class GetCallsTool(XivoTool):
    """Who is on the line or calling."""

    name = "xivo__get_calls"
    title = "Current calls"
    description = (
        "List the calls in progress on the user's XiVO phone: who is calling or on the line "
        "(name and number), the state (ringing, dialing, established, on_hold), the "
        "direction, and for how many seconds (since answered, or since it began ringing)."
    )
    annotations = ToolAnnotations(
        read_only=True, destructive=False, idempotent=True, open_world=False
    )

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        now = dt_util.utcnow()
        calls: list[Any] = []
        errors: list[Any] = []
        lines = call.lines()
        for line in lines:
            try:
                calls.extend(
                    {"line": line.name, **_call_json(item, now)} for item in call.calls(line)
                )
            except ToolError as err:
                errors.append(str(err))
        if len(errors) == len(lines):
            raise ToolError(" ".join(errors))
        data: JsonObjectType = {"calls": calls}
        if not calls:
            data["message"] = "No call in progress."
        if errors:
            data["errors"] = errors
        return ToolResult(data=data)


class GetRecentCallsTool(XivoTool):
    """Who called."""

    name = "xivo__get_recent_calls"
    title = "Recent calls"
    description = (
        "Read the call history of the user's XiVO phone, newest first: who called or was "
        "called (name and number), when, the direction (incoming, outgoing), whether it was "
        "answered or missed, and the duration in seconds. Use it for 'who called me?' and "
        "'did I miss a call?'."
    )
    annotations = ToolAnnotations(
        read_only=True, destructive=False, idempotent=True, open_world=False
    )
    fields: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Optional(
            "only_missed",
            default=False,
            description="True to list only the calls nobody answered.",
        ): cv.boolean,
        vol.Optional(
            "limit", default=5, description="How many calls to list, newest first."
        ): vol.All(vol.Coerce(int), vol.Range(min=1, max=MAX_RECENT)),
    }

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        only_missed: bool = call.arguments["only_missed"]
        limit: int = call.arguments["limit"]
        size = MISSED_SEARCH_DEPTH if only_missed else limit
        records: list[tuple[datetime | None, JsonObjectType]] = []
        lines = call.lines()
        errors: list[Any] = []
        for line in lines:
            try:
                response = await call.action("get_call_history", line, {"size": size})
            except HomeAssistantError as err:
                errors.append(str(err))
                continue
            for record in response.get("calls", ()):
                if not isinstance(record, Mapping):
                    continue
                if only_missed and record.get("status") != "missed":
                    continue
                item = _history_json(record)
                if len(lines) > 1:
                    item = {"line": line.name, **item}
                start = record.get("start")
                records.append(
                    (dt_util.parse_datetime(start) if isinstance(start, str) else None, item)
                )
        if len(errors) == len(lines):
            raise ToolError(" ".join(errors))
        epoch = datetime.min.replace(tzinfo=dt_util.UTC)
        records.sort(key=lambda pair: pair[0] or epoch, reverse=True)
        calls: list[Any] = [item for _, item in records[:limit]]
        data: JsonObjectType = {"calls": calls}
        if not calls:
            data["message"] = "No missed call." if only_missed else "The call history is empty."
        if errors:
            data["errors"] = errors
        return ToolResult(data=data)


class GetColleagueStatusTool(XivoTool):
    """Whether a colleague is on the phone."""

    name = "xivo__get_colleague_status"
    title = "Colleague's phone"
    description = (
        "Tell whether a colleague is on the phone: the status of their XiVO phone "
        "(available, ringing, calling, busy, busy_and_ringing, on_hold, unreachable, ...), "
        "looked up by name in the XiVO directory or by number, and from the busy lamps."
    )
    annotations = ToolAnnotations(
        read_only=True, destructive=False, idempotent=True, open_world=False
    )
    fields: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Required(
            ATTR_WHO, description="The colleague: a name as the user said it, or a phone number."
        ): _TEXT
    }

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        who: str = call.arguments[ATTR_WHO].strip()
        lines = call.lines()
        line = next((line for line in lines if call.is_connected(line)), lines[0])
        response = await call.action("search_contacts", line, {"term": who})
        contacts = _unique_contacts(response.get("contacts", ()), dialable_only=False)
        if _is_dialable(who):
            number = _digits(who)
            contacts = [c for c in contacts if _digits(c.number) == number] or [
                Party(name=None, number=number)
            ]
        elif not contacts:
            raise ToolError(f'There is no contact named "{who}" in the XiVO directory.')
        colleagues: list[Any] = []
        for contact in contacts[:MAX_CANDIDATES]:
            status = self._lamp(call, lines, contact.number) or contact.status
            colleagues.append(
                {
                    "name": contact.name,
                    "number": contact.number,
                    "status": status or "unknown",
                    "on_the_phone": (
                        True
                        if status in ON_THE_PHONE
                        else False
                        if status in OFF_THE_PHONE
                        else None
                    ),
                }
            )
        return ToolResult(data={"colleagues": colleagues})

    @staticmethod
    def _lamp(call: XivoCall, lines: Iterable[Line], number: str) -> str | None:
        """The number's busy lamp on one of the lines, when it is monitored and known."""
        for line in lines:
            if (entity_id := line.hints.get(number)) is None:
                continue
            state = call.hass.states.get(entity_id)
            if state is not None and state.state not in (STATE_UNAVAILABLE, "unknown"):
                return state.state
        return None


class SetDoNotDisturbTool(XivoTool):
    """Turn Do not disturb on or off."""

    name = "xivo__set_do_not_disturb"
    title = "Do not disturb"
    description = (
        "Turn Do not disturb on or off on the user's XiVO line: while it is on, calls do "
        "not ring the phone."
    )
    annotations = ToolAnnotations(idempotent=True, open_world=False)
    fields: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Required(
            "enabled", description="True to turn Do not disturb on, False to turn it off."
        ): cv.boolean
    }

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line("to change")
        enabled: bool = call.arguments["enabled"]
        word = "on" if enabled else "off"
        await call.action("set_dnd", line, {"enabled": enabled})
        if line.dnd is not None and not await call.confirmed(line.dnd, word):
            raise ToolError(
                f"The XiVO server did not confirm that Do not disturb is {word} for {line.name}."
            )
        return ToolResult(
            data={"message": f"Do not disturb is {word} for {line.name}.", "line": line.name}
        )


class SetForwardTool(XivoTool):
    """Turn a call forward on or off."""

    name = "xivo__set_forward"
    title = "Forward calls"
    description = (
        "Turn a call forward of the user's XiVO line on or off: unconditional (every call), "
        "no_answer (calls not answered in time) or busy (calls while on the phone). Turning "
        "one on without a destination reuses the last one."
    )
    annotations = ToolAnnotations(idempotent=True, open_world=False)
    fields: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Optional(
            "forward",
            default="unconditional",
            description="Which forward: unconditional, no_answer or busy.",
        ): vol.In(list(FORWARDS)),
        vol.Required(
            "enabled", description="True to turn the forward on, False to turn it off."
        ): cv.boolean,
        vol.Optional(
            "destination",
            description=(
                "Where to forward calls: a phone number, or a contact's name looked up in the "
                "XiVO directory."
            ),
        ): _TEXT,
    }

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line("to change")
        forward: str = call.arguments["forward"]
        enabled: bool = call.arguments["enabled"]
        data: dict[str, Any] = {"forward": forward, "enabled": enabled}
        party: Party | None = None
        if (destination := call.arguments.get("destination")) is not None:
            resolved = await call.resolve(line, destination, "no forward was changed")
            if isinstance(resolved, ToolResult):
                return resolved
            party = resolved
            data["destination"] = party.number
        await call.action("set_forward", line, data)
        word = "on" if enabled else "off"
        what = FORWARD_NAMES[forward]
        switch = line.forwards.get(forward)
        if switch is not None and not await call.confirmed(switch, word):
            raise ToolError(f"The XiVO server did not confirm that the {what} is {word}.")
        message = f"The {what} of {line.name} is {word}"
        if enabled and party is not None:
            message += f", to {party.label}"
        result: JsonObjectType = {"message": message + ".", "line": line.name}
        if party is not None:
            result["destination"] = party.as_json()
        return ToolResult(data=result)


TOOLS: Final[tuple[type[XivoTool], ...]] = (
    CallTool,
    AnswerTool,
    HangUpTool,
    HoldTool,
    TransferTool,
    GetCallsTool,
    GetRecentCallsTool,
    GetColleagueStatusTool,
    SetDoNotDisturbTool,
    SetForwardTool,
)


# ----------------------------------------------------------------------------- helpers


def _error(message: str) -> ToolResult:
    return ToolResult(data={"error": message}, error=True)


def _join(words: Sequence[str], conjunction: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _digits(value: str) -> str:
    return value.strip().translate(_NUMBER_SPACING)


def _is_dialable(value: str) -> bool:
    """A number in any form people type, or a SIP address: dialled as given."""
    return bool(_NUMBER.fullmatch(_digits(value)) or _SIP.fullmatch(value.strip()))


def _fold(value: str | None) -> str:
    """A name compared without case, accents or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def _unique_contacts(contacts: Iterable[Any], *, dialable_only: bool) -> list[Party]:
    """Directory contacts as parties (office number, else mobile), each person once."""
    parties: list[Party] = []
    seen: set[tuple[str, str]] = set()
    for contact in contacts:
        if not isinstance(contact, Mapping):
            continue
        number = str(contact.get("number") or contact.get("mobile") or "")
        if dialable_only and not number:
            continue
        name = contact.get("name")
        name = str(name).strip() if name else None
        key = (_fold(name), number)
        if key in seen:
            continue
        seen.add(key)
        # "unexisting": an entry of the directory that is no XiVO phone, so has no status.
        status = contact.get("status")
        if not isinstance(status, str) or status == "unexisting":
            status = None
        parties.append(Party(name or None, number, status))
    return parties


def _unique_id(call: Mapping[str, Any]) -> dict[str, Any]:
    unique_id = call.get("unique_id")
    return {"unique_id": unique_id} if isinstance(unique_id, str) and unique_id else {}


def _first_in(calls: Sequence[Mapping[str, Any]], *states: str) -> Mapping[str, Any] | None:
    """The oldest call in the first of `states` that any call is in."""
    for state in states:
        for call in calls:
            if call.get("state") == state:
                return call
    return None


def _last_in(calls: Sequence[Mapping[str, Any]], *states: str) -> Mapping[str, Any] | None:
    """The newest call in the first of `states` that any call is in."""
    return _first_in(list(reversed(calls)), *states)


def _caller(call: Mapping[str, Any]) -> str:
    name, number = call.get("other_name"), call.get("other_number")
    if name and number:
        return f"{name} ({number})"
    return str(name or number or "an unknown caller")


def _seconds_since(value: Any, now: datetime) -> int | None:
    moment = dt_util.parse_datetime(value) if isinstance(value, str) else None
    return max(0, int((now - moment).total_seconds())) if moment else None


def _call_json(call: Mapping[str, Any], now: datetime | None = None) -> JsonObjectType:
    """A current call as the tools give it: who, state, direction, and for how long."""
    data: JsonObjectType = {
        "name": call.get("other_name"),
        "number": call.get("other_number"),
        "state": call.get("state"),
        "direction": call.get("direction"),
    }
    if call.get("queue"):
        data["queue"] = call.get("queue")
    if now is not None:
        since = call.get("answered_at") or call.get("started_at")
        data["duration_seconds"] = _seconds_since(since, now)
    return data


def _history_json(record: Mapping[str, Any]) -> JsonObjectType:
    """A history record as the tools give it."""
    duration = record.get("duration")
    return {
        "name": record.get("name"),
        "number": record.get("number"),
        "start": record.get("start"),
        "direction": record.get("direction"),
        "status": record.get("status"),
        "duration_seconds": duration if isinstance(duration, int) else None,
    }
