"""Tools for voice assistants: calls, call history, colleagues' phones, DND and forwards.

Home Assistant finds this platform by itself (`llm` integration, `LazyIntegrationPlatforms`)
and asks it for tools at each conversation turn. The lines offered are found by
`voice_lines`; each tool call reads and acts on them through `voice_tool_call`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Final, override

from homeassistant.components.llm import LLMTools
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.llm import LLM_API_ASSIST, LLMContext, Tool, ToolAnnotations, ToolResult
from homeassistant.util import dt as dt_util
from homeassistant.util.json import JsonObjectType
import probatio as vol

from .const import (
    ATTR_DESTINATION,
    ATTR_ENABLED,
    ATTR_FORWARD,
    ATTR_SIZE,
    SERVICE_ANSWER,
    SERVICE_DIAL,
    SERVICE_DIRECT_TRANSFER,
    SERVICE_GET_CALL_HISTORY,
    SERVICE_HANGUP,
    SERVICE_HOLD,
    SERVICE_SET_DND,
    SERVICE_SET_FORWARD,
)
from .payloads import call_json, caller, history_json
from .voice_calls import LAST_TAKEN, CallPick, started
from .voice_lines import FORWARDS, Line, Party, async_offered_lines, digits, is_dialable, join
from .voice_tool_call import (
    ATTR_WHO,
    MAX_CANDIDATES,
    TEXT,
    CallControlDescription,
    CallControlTool,
    CallListTool,
    SettingTool,
    XivoCall,
    XivoTool,
    done,
    enabled_field,
    no_contact,
    who_field,
)

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


# ----------------------------------------------------------------------------- platform


@callback
def async_get_tools(hass: HomeAssistant, llm_context: LLMContext, api_id: str) -> LLMTools | None:
    """The XiVO tools, for the lines exposed to the assistant; None when there is none."""
    if api_id != LLM_API_ASSIST:
        return None
    lines = async_offered_lines(hass, llm_context.assistant)
    if not lines:
        return None
    tools: list[Tool] = [CallControlTool(lines, control) for control in CALL_CONTROLS]
    tools.extend(tool(lines) for tool in TOOLS)
    return LLMTools(tools=tools, prompt=_prompt(lines))


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


# ----------------------------------------------------------------------------- tools


CALL_CONTROLS: Final = (
    CallControlDescription(
        name="xivo__answer",
        title="Answer the phone",
        description=(
            "Answer the call ringing on the user's XiVO phone (the one ringing longest when "
            "several are). Works with phones that XiVO can answer remotely."
        ),
        service=SERVICE_ANSWER,
        pick=CallPick(("ringing",)),
        doing="to answer on",
        nothing="No call is ringing",
        done="Answered the call from {caller}.",
    ),
    CallControlDescription(
        name="xivo__hang_up",
        title="Hang up",
        description=(
            "End the current call on the user's XiVO phone: the one in conversation, else the "
            "one being dialled, else the ringing one (declining it), else the one on hold."
        ),
        service=SERVICE_HANGUP,
        pick=CallPick(("established", "dialing", "ringing", "on_hold")),
        doing="to hang up on",
        nothing="There is no call",
        done="Ended the call with {caller}.",
        annotations=ToolAnnotations(destructive=True, idempotent=False, open_world=False),
    ),
    CallControlDescription(
        name="xivo__hold",
        title="Hold or resume",
        description=(
            "Put the call in conversation on hold; with no call in conversation, take back the "
            "call on hold. Works with phones that XiVO can control remotely."
        ),
        service=SERVICE_HOLD,
        pick=LAST_TAKEN,
        doing="to use",
        nothing="There is no call to hold or take back",
        # The one action toggles: what it did depends on the state the call was in.
        done="Took back the call with {caller}.",
        done_when={"established": "Put the call with {caller} on hold."},
    ),
)
"""Answer, hang up, hold: one call picked and one action run on it."""


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
    fields: ClassVar[Mapping[vol.Marker, Any]] = who_field(
        "The person to call: a contact's name as the user said it (looked up in the XiVO "
        "directory), or a phone number in any dialable form."
    )

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line("to call from")
        party = await call.dial_who(SERVICE_DIAL, line, "nobody was called")
        if not isinstance(party, Party):
            return party
        return done(
            f"Calling {party.label} from {line.name}'s phone.", line, calling=party.as_json()
        )


TRANSFER: Final = CallControlDescription(
    name="xivo__transfer",
    title="Transfer the call",
    description=(
        "Transfer the call in conversation to a person or a number, leaving it (a blind "
        "transfer). A name is looked up in the XiVO directory as for xivo__call; several "
        "matches transfer nothing and come back as candidates to ask the user about."
    ),
    service=SERVICE_DIRECT_TRANSFER,
    pick=LAST_TAKEN,
    doing="to use",
    nothing="There is no call to transfer",
    annotations=ToolAnnotations(destructive=True, idempotent=False, open_world=True),
)


class TransferTool(CallControlTool):
    """Blind transfer of the current call: a call-control tool that also finds whom to."""

    fields: ClassVar[Mapping[vol.Marker, Any]] = who_field(
        "Whom to transfer the call to: a contact's name as the user said it, or a phone "
        "number in any dialable form."
    )

    def __init__(self, lines: Sequence[Line]) -> None:
        """The transfer tool, for the lines offered at this turn."""
        super().__init__(lines, TRANSFER)

    @override
    async def async_act(self, call: XivoCall, line: Line, target: Mapping[str, Any]) -> ToolResult:
        party = await call.dial_who(SERVICE_DIRECT_TRANSFER, line, "nothing was transferred")
        if not isinstance(party, Party):
            return party
        return done(
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
    ) -> list[Mapping[str, object]]:
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
    ) -> list[Mapping[str, object]]:
        only_missed: bool = call.arguments["only_missed"]
        size = MISSED_SEARCH_DEPTH if only_missed else call.arguments["limit"]
        response = await call.action(SERVICE_GET_CALL_HISTORY, line, {ATTR_SIZE: size})
        return [
            {"line": line.name, **history_json(record)} if several else history_json(record)
            for record in response.get("calls", ())
            if isinstance(record, Mapping) and (not only_missed or record.get("status") == "missed")
        ]

    @override
    def arrange(
        self, call: XivoCall, calls: list[Mapping[str, object]]
    ) -> list[Mapping[str, object]]:
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
    annotations = CallListTool.annotations
    fields: ClassVar[Mapping[vol.Marker, Any]] = who_field(
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
    fields: ClassVar[Mapping[vol.Marker, Any]] = enabled_field(
        "True to turn Do not disturb on, False to turn it off."
    )

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line("to change")
        said = f"Do not disturb is {self.word(call)} for {line.name}"
        data = {ATTR_ENABLED: call.arguments[ATTR_ENABLED]}
        await self.async_switch(call, line, SERVICE_SET_DND, data, line.dnd, said)
        return done(f"{said}.", line)


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
            ATTR_FORWARD,
            default="unconditional",
            description="Which forward: unconditional, no_answer or busy.",
        ): vol.In(list(FORWARDS)),
        **enabled_field("True to turn the forward on, False to turn it off."),
        vol.Optional(
            ATTR_DESTINATION,
            description=(
                "Where to forward calls: a phone number, or a contact's name looked up in the "
                "XiVO directory."
            ),
        ): TEXT,
    }

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line("to change")
        forward: str = call.arguments[ATTR_FORWARD]
        enabled: bool = call.arguments[ATTR_ENABLED]
        data: dict[str, Any] = {ATTR_FORWARD: forward, ATTR_ENABLED: enabled}
        party: Party | None = None
        if (destination := call.arguments.get(ATTR_DESTINATION)) is not None:
            resolved = await call.resolve(line, destination, "no forward was changed")
            if isinstance(resolved, ToolResult):
                return resolved
            party = resolved
            data[ATTR_DESTINATION] = party.number
        what = FORWARD_NAMES[forward]
        word = self.word(call)
        switch = line.forwards.get(forward)
        await self.async_switch(
            call, line, SERVICE_SET_FORWARD, data, switch, f"the {what} is {word}"
        )
        message = f"The {what} of {line.name} is {word}"
        if enabled and party is not None:
            message += f", to {party.label}"
        result: JsonObjectType = {"message": message + ".", "line": line.name}
        if party is not None:
            result[ATTR_DESTINATION] = party.as_json()
        return ToolResult(data=result)


# The other tools, each a class of its own.
TOOLS: Final[tuple[type[XivoTool], ...]] = (
    CallTool,
    TransferTool,
    GetCallsTool,
    GetRecentCallsTool,
    GetColleagueStatusTool,
    SetDoNotDisturbTool,
    SetForwardTool,
)
