"""Tools for voice assistants: calls, call history, colleagues' phones, DND and forwards.

Home Assistant finds this platform by itself (`llm` integration, `LazyIntegrationPlatforms`)
and asks it for tools at each conversation turn. The lines offered are found by
`voice_lines`; each tool call reads and acts on them through `voice_tool_call`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Final, override

from homeassistant.components.llm import LLMTools
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv, intent
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
from homeassistant.util.json import JsonObjectType, JsonValueType
import probatio as vol

from .const import DOMAIN
from .voice_calls import (
    call_json,
    caller,
    first_in,
    history_json,
    last_in,
    started,
    target_of,
)
from .voice_lines import FORWARDS, Line, Party, async_offered_lines, digits, is_dialable, join
from .voice_tool_call import (
    ATTR_LINE,
    ATTR_WHO,
    MAX_CANDIDATES,
    ToolError,
    XivoCall,
    no_contact,
)

# How long a DND or forward change may take to come back confirmed by the server.
CONFIRM_TIMEOUT: Final = 5.0
MAX_RECENT: Final = 20
# History records fetched when only missed calls are wanted, to find `limit` of them.
MISSED_SEARCH_DEPTH: Final = 100

FORWARD_NAMES: Final = {
    "unconditional": "unconditional forward",
    "no_answer": "forward on no answer",
    "busy": "forward on busy",
}
ON_THE_PHONE: Final = frozenset({"calling", "busy", "busy_and_ringing", "on_hold"})
OFF_THE_PHONE: Final = frozenset({"available", "ringing"})

_TEXT = vol.All(cv.string, vol.Length(min=1, max=100))
_READ_ONLY: Final = ToolAnnotations(
    read_only=True, destructive=False, idempotent=True, open_world=False
)


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
    described = join(
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


# ----------------------------------------------------------------------------- bases


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


class CallControlTool(XivoTool):
    """A tool acting on one call of a line: answer, hang up, hold, transfer.

    With several lines and no line named, the one line with a call it can act on is taken, so
    "hang up" needs no line when only one phone is in a call.
    """

    # The call at hand is no outside world; the tools that lose it (hang up, transfer) say
    # destructive, and transfer, which dials out, open world.
    annotations = ToolAnnotations(destructive=False, idempotent=False, open_world=False)
    # The states of the calls it acts on, in the order it prefers them.
    states: ClassVar[tuple[str, ...]]
    # Hold and transfer mean the call just taken, answer and hang up the one waiting longest.
    newest: ClassVar[bool] = False
    # Ends "Ask the user which line …" when the line is not clear.
    doing: ClassVar[str]
    # Starts the failure when no call is in one of `states`.
    nothing: ClassVar[str]
    service: ClassVar[str]
    # The result's message, with `{caller}` for whom the call is with.
    done: ClassVar[str] = ""

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line(self.doing, lambda line: call.has_call(line, *self.states), self.nothing)
        target = (last_in if self.newest else first_in)(call.calls(line), *self.states)
        if target is None:
            raise ToolError(f"{self.nothing} on {line.name}'s phone.")
        return await self.async_act(call, line, target)

    async def async_act(self, call: XivoCall, line: Line, target: Mapping[str, Any]) -> ToolResult:
        """Run the tool's action on `target`, the call it picked on `line`."""
        await call.action(self.service, line, target_of(target))
        return _done(self.message(target), line, call=call_json(target))

    def message(self, target: Mapping[str, Any]) -> str:
        """What the result says was done to `target`."""
        return self.done.format(caller=caller(target))


class CallListTool(XivoTool):
    """A tool listing calls of the lines asked about.

    A line that fails (its link down, the server refusing) is named beside the others' calls,
    so one broken account does not hide the rest.
    """

    annotations = _READ_ONLY

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        lines = call.lines()
        found: list[JsonObjectType] = []
        errors: list[Any] = []
        for line in lines:
            try:
                found.extend(await self.async_line_calls(call, line, several=len(lines) > 1))
            except (ToolError, HomeAssistantError) as err:
                errors.append(str(err))
        if len(errors) == len(lines):
            raise ToolError(" ".join(errors))
        calls: list[Any] = self.arrange(call, found)
        data: JsonObjectType = {"calls": calls}
        if not calls:
            data["message"] = self.no_calls(call)
        if errors:
            data["errors"] = errors
        return ToolResult(data=data)

    async def async_line_calls(
        self, call: XivoCall, line: Line, *, several: bool
    ) -> list[JsonObjectType]:
        """The calls of `line`, as listed; `several` when other lines are listed too."""
        raise NotImplementedError

    def arrange(self, call: XivoCall, calls: list[JsonObjectType]) -> list[JsonObjectType]:
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
        return "on" if call.arguments["enabled"] else "off"

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
        if switch is not None and not await self._async_confirmed(call, switch, self.word(call)):
            raise ToolError(f"The XiVO server did not confirm that {claim}.")

    @staticmethod
    async def _async_confirmed(call: XivoCall, entity_id: str, expected: str) -> bool:
        """Wait until the server's confirmation puts `entity_id` in state `expected`."""
        hass = call.hass
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
            # The state may have come back before the subscription began.
            check()
            async with asyncio.timeout(CONFIRM_TIMEOUT):
                return await done
        except TimeoutError:
            return False
        finally:
            unsubscribe()


def _who(description: str) -> dict[vol.Marker, Any]:
    """The `who` argument of the tools that find someone by name or number."""
    return {vol.Required(ATTR_WHO, description=description): _TEXT}


def _enabled(description: str) -> dict[vol.Marker, Any]:
    """The `enabled` argument of the settings' tools."""
    return {vol.Required("enabled", description=description): cv.boolean}


def _done(message: str, line: Line, **details: JsonValueType) -> ToolResult:
    """A result saying what was done on `line`; `details` come between message and line."""
    return ToolResult(data={"message": message, **details, "line": line.name})


def _error(message: str) -> ToolResult:
    return ToolResult(data={"error": message}, error=True)


# ----------------------------------------------------------------------------- tools


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
    fields: ClassVar[Mapping[vol.Marker, Any]] = _who(
        "The person to call: a contact's name as the user said it (looked up in the XiVO "
        "directory), or a phone number in any dialable form."
    )

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line("to call from")
        party = await call.dial_who("dial", line, "nobody was called")
        if not isinstance(party, Party):
            return party
        return _done(
            f"Calling {party.label} from {line.name}'s phone.", line, calling=party.as_json()
        )


class AnswerTool(CallControlTool):
    """Answer the ringing call."""

    name = "xivo__answer"
    title = "Answer the phone"
    description = (
        "Answer the call ringing on the user's XiVO phone (the one ringing longest when "
        "several are). Works with phones that XiVO can answer remotely."
    )
    states = ("ringing",)
    doing = "to answer on"
    nothing = "No call is ringing"
    service = "answer"
    done = "Answered the call from {caller}."


class HangUpTool(CallControlTool):
    """End the current call."""

    name = "xivo__hang_up"
    title = "Hang up"
    description = (
        "End the current call on the user's XiVO phone: the one in conversation, else the "
        "one being dialled, else the ringing one (declining it), else the one on hold."
    )
    states = ("established", "dialing", "ringing", "on_hold")
    doing = "to hang up on"
    nothing = "There is no call"
    service = "hangup"
    done = "Ended the call with {caller}."
    annotations = ToolAnnotations(destructive=True, idempotent=False, open_world=False)


class HoldTool(CallControlTool):
    """Put the call on hold, or take it back."""

    name = "xivo__hold"
    title = "Hold or resume"
    description = (
        "Put the call in conversation on hold; with no call in conversation, take back the "
        "call on hold. Works with phones that XiVO can control remotely."
    )
    states = ("established", "on_hold")
    newest = True
    doing = "to use"
    nothing = "There is no call to hold or take back"
    service = "hold"

    @override
    def message(self, target: Mapping[str, Any]) -> str:
        # The one action toggles: what it did depends on the state the call was in.
        if target.get("state") == "established":
            return f"Put the call with {caller(target)} on hold."
        return f"Took back the call with {caller(target)}."


class TransferTool(CallControlTool):
    """Blind transfer of the current call."""

    name = "xivo__transfer"
    title = "Transfer the call"
    description = (
        "Transfer the call in conversation to a person or a number, leaving it (a blind "
        "transfer). A name is looked up in the XiVO directory as for xivo__call; several "
        "matches transfer nothing and come back as candidates to ask the user about."
    )
    states = ("established", "on_hold")
    newest = True
    doing = "to use"
    nothing = "There is no call to transfer"
    annotations = ToolAnnotations(destructive=True, idempotent=False, open_world=True)
    fields: ClassVar[Mapping[vol.Marker, Any]] = _who(
        "Whom to transfer the call to: a contact's name as the user said it, or a phone "
        "number in any dialable form."
    )

    @override
    async def async_act(self, call: XivoCall, line: Line, target: Mapping[str, Any]) -> ToolResult:
        party = await call.dial_who("direct_transfer", line, "nothing was transferred")
        if not isinstance(party, Party):
            return party
        return _done(
            f"Transferred the call with {caller(target)} to {party.label}.",
            line,
            transferred_to=party.as_json(),
            call=call_json(target),
        )


class GetCallsTool(CallListTool):
    """Who is on the line or calling."""

    name = "xivo__get_calls"
    title = "Current calls"
    description = (
        "List the calls in progress on the user's XiVO phone: who is calling or on the line "
        "(name and number), the state (ringing, dialing, established, on_hold), the "
        "direction, and for how many seconds (since answered, or since it began ringing)."
    )

    @override
    async def async_line_calls(
        self, call: XivoCall, line: Line, *, several: bool
    ) -> list[JsonObjectType]:
        return [{"line": line.name, **call_json(item, call.now)} for item in call.calls(line)]

    @override
    def no_calls(self, call: XivoCall) -> str:
        return "No call in progress."


class GetRecentCallsTool(CallListTool):
    """Who called."""

    name = "xivo__get_recent_calls"
    title = "Recent calls"
    description = (
        "Read the call history of the user's XiVO phone, newest first: who called or was "
        "called (name and number), when, the direction (incoming, outgoing), whether it was "
        "answered or missed, and the duration in seconds. Use it for 'who called me?' and "
        "'did I miss a call?'."
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
    async def async_line_calls(
        self, call: XivoCall, line: Line, *, several: bool
    ) -> list[JsonObjectType]:
        only_missed: bool = call.arguments["only_missed"]
        size = MISSED_SEARCH_DEPTH if only_missed else call.arguments["limit"]
        response = await call.action("get_call_history", line, {"size": size})
        return [
            {"line": line.name, **history_json(record)} if several else history_json(record)
            for record in response.get("calls", ())
            if isinstance(record, Mapping) and (not only_missed or record.get("status") == "missed")
        ]

    @override
    def arrange(self, call: XivoCall, calls: list[JsonObjectType]) -> list[JsonObjectType]:
        # Each line's history is newest first; merged, they are sorted again, undated last.
        epoch = datetime.min.replace(tzinfo=dt_util.UTC)
        ordered = sorted(calls, key=lambda item: started(item) or epoch, reverse=True)
        return ordered[: call.arguments["limit"]]

    @override
    def no_calls(self, call: XivoCall) -> str:
        return "No missed call." if call.arguments["only_missed"] else "The call history is empty."


class GetColleagueStatusTool(XivoTool):
    """Whether a colleague is on the phone."""

    name = "xivo__get_colleague_status"
    title = "Colleague's phone"
    description = (
        "Tell whether a colleague is on the phone: the status of their XiVO phone "
        "(available, ringing, calling, busy, busy_and_ringing, on_hold, unreachable, ...), "
        "looked up by name in the XiVO directory or by number, and from the busy lamps."
    )
    annotations = _READ_ONLY
    fields: ClassVar[Mapping[vol.Marker, Any]] = _who(
        "The colleague: a name as the user said it, or a phone number."
    )

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        who: str = call.arguments[ATTR_WHO].strip()
        lines = call.lines()
        line = next((line for line in lines if call.is_connected(line)), lines[0])
        contacts = await call.contacts(line, who, dialable_only=False)
        if is_dialable(who):
            number = digits(who)
            contacts = [c for c in contacts if digits(c.number) == number] or [
                Party(name=None, number=number)
            ]
        elif not contacts:
            raise no_contact(who)
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


class SetDoNotDisturbTool(SettingTool):
    """Turn Do not disturb on or off."""

    name = "xivo__set_do_not_disturb"
    title = "Do not disturb"
    description = (
        "Turn Do not disturb on or off on the user's XiVO line: while it is on, calls do "
        "not ring the phone."
    )
    fields: ClassVar[Mapping[vol.Marker, Any]] = _enabled(
        "True to turn Do not disturb on, False to turn it off."
    )

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line("to change")
        said = f"Do not disturb is {self.word(call)} for {line.name}"
        data = {"enabled": call.arguments["enabled"]}
        await self.async_switch(call, line, "set_dnd", data, line.dnd, said)
        return _done(f"{said}.", line)


class SetForwardTool(SettingTool):
    """Turn a call forward on or off."""

    name = "xivo__set_forward"
    title = "Forward calls"
    description = (
        "Turn a call forward of the user's XiVO line on or off: unconditional (every call), "
        "no_answer (calls not answered in time) or busy (calls while on the phone). Turning "
        "one on without a destination reuses the last one."
    )
    fields: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Optional(
            "forward",
            default="unconditional",
            description="Which forward: unconditional, no_answer or busy.",
        ): vol.In(list(FORWARDS)),
        **_enabled("True to turn the forward on, False to turn it off."),
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
        what = FORWARD_NAMES[forward]
        word = self.word(call)
        switch = line.forwards.get(forward)
        await self.async_switch(call, line, "set_forward", data, switch, f"the {what} is {word}")
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
