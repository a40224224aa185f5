"""Tools for voice assistants in a contact centre: the user's agent, and the queues.

`xivo__set_agent_status` logs the user's agent in or out and pauses it ("put me on pause for
lunch"); it is offered for a line whose agent state sensor is exposed. `xivo__get_queues` says
how many callers wait ("how many callers are waiting in Sales?"); it is offered for the queues
whose waiting calls sensor is exposed. Like the other tools, they read the entities and act
through the integration's actions, so they see and do what a dashboard does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Final, override

from homeassistant.components.homeassistant.exposed_entities import async_should_expose
from homeassistant.const import CONF_HOST, CONF_PORT, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant, State, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.llm import ToolAnnotations, ToolResult
from homeassistant.util import dt as dt_util
from homeassistant.util.json import JsonObjectType, JsonValueType
import probatio as vol

from .const import (
    ATTR_REASON,
    DOMAIN,
    SERVICE_AGENT_LOGIN,
    SERVICE_AGENT_LOGOUT,
    SERVICE_AGENT_PAUSE,
    SERVICE_AGENT_UNPAUSE,
)
from .coordinator import XivoConfigEntry
from .voice_lines import Line, digits, fold, join, keyed_entity
from .voice_tool_call import TEXT, ToolError, XivoCall, XivoTool, async_confirmed, done

ATTR_STATUS: Final = "status"
ATTR_QUEUE: Final = "queue"
READY: Final = "ready"
PAUSED: Final = "paused"
LOGGED_OUT: Final = "logged_out"
STATUSES: Final = (READY, PAUSED, LOGGED_OUT)
# A logged-in agent that is not paused: ready for queue calls, or taking one now.
NOT_PAUSED: Final = frozenset({READY, "ringing", "dialing", "on_call"})
STATE_WORDS: Final = {
    READY: "ready",
    PAUSED: "paused",
    LOGGED_OUT: "logged out",
    "ringing": "ringing",
    "dialing": "dialing",
    "on_call": "on a call",
    "wrap_up": "in wrap-up",
}

# The queue sensors the queues tool reads (translation keys of a queue device's sensors).
WAITING_CALLS: Final = "waiting_calls"
LONGEST_WAIT: Final = "longest_wait"
AVAILABLE_AGENTS: Final = "available_agents"
# Waiting callers listed per queue: enough to say who waits, short to read.
MAX_CALLERS: Final = 5


# ----------------------------------------------------------------------------- queues offered


@dataclass(frozen=True, slots=True)
class Queue:
    """A queue offered to the assistant: its name and the sensors the tool reads."""

    name: str
    number: str | None
    waiting_calls: str
    longest_wait: str | None
    available_agents: str | None
    # The server's other names of the queue (its name beside its display name), folded.
    aliases: frozenset[str] = frozenset()

    def named(self, said: str) -> bool:
        """Whether the user's words name this queue: by a name of it or by its number."""
        return fold(said) in {fold(self.name), *self.aliases} or (
            self.number is not None and digits(said) == self.number
        )

    def mentioned(self, said: str) -> bool:
        """Whether a name of the queue is a word of what the user said ("the Sales queue")."""
        words = f" {fold(said)} "
        return any(f" {name} " in words for name in {fold(self.name), *self.aliases} if name)


@callback
def async_offered_queues(hass: HomeAssistant, assistant: str) -> list[Queue]:
    """The queues whose waiting calls sensor is exposed to `assistant`, each once, by name.

    Two lines of one server show the same queue: it is offered once.
    """
    entity_registry = er.async_get(hass)
    device_registry = dr.async_get(hass)
    # By server and queue id: the same queue seen from two lines, or its device if unknown.
    queues: dict[tuple[object, ...], Queue] = {}
    entry: XivoConfigEntry
    for entry in hass.config_entries.async_loaded_entries(DOMAIN):
        line_device = entry.runtime_data.device.id
        # A queue's device is named by the queue's label (display name, else name).
        configs = {
            config.label: config
            for config in entry.runtime_data.client.state.contact_centre.queues.values()
        }
        for entity in er.async_entries_for_config_entry(entity_registry, entry.entry_id):
            if (
                entity.translation_key != WAITING_CALLS
                or entity.platform != DOMAIN
                or entity.disabled
                or entity.device_id is None
                or entity.device_id == line_device
                or not async_should_expose(hass, assistant, entity.entity_id)
                or (device := device_registry.async_get(entity.device_id)) is None
            ):
                continue
            name = device.name_by_user or device.name or entity.entity_id
            config = configs.get(device.name or "")
            number = config.number if config and config.number else None
            server = (entry.data[CONF_HOST], entry.data.get(CONF_PORT))
            queues.setdefault(
                (*server, config.id) if config else (device.id,),
                Queue(
                    name=name,
                    number=number,
                    waiting_calls=entity.entity_id,
                    longest_wait=keyed_entity(entity_registry, device.id, LONGEST_WAIT),
                    available_agents=keyed_entity(entity_registry, device.id, AVAILABLE_AGENTS),
                    aliases=frozenset(
                        fold(alias) for alias in (device.name, config and config.name) if alias
                    ),
                ),
            )
    return sorted(queues.values(), key=lambda queue: fold(queue.name))


# ----------------------------------------------------------------------------- the agent


class SetAgentStatusTool(XivoTool):
    """Log the user's agent in or out, pause it or make it ready."""

    name = "xivo__set_agent_status"
    title = "Agent status"
    description = (
        "Change the status of the user's XiVO contact-centre agent: ready (logged in and "
        "taking queue calls; logs the agent in if needed), paused (logged in but taking no "
        "queue calls, optionally for a reason such as lunch) or logged_out. Use it for 'put "
        "me on pause for lunch', 'I'm back' or 'log me out of the queues'."
    )
    annotations = ToolAnnotations(idempotent=True, open_world=False)
    fields: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Required(
            ATTR_STATUS, description="The status to take: ready, paused or logged_out."
        ): vol.In(list(STATUSES)),
        vol.Optional(
            ATTR_REASON,
            description=(
                "Only with paused: why, in the user's words (one of the contact centre's pause "
                "reasons, such as lunch or meeting). Leave out if the user gave none."
            ),
        ): TEXT,
    }

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        line = call.line("to change")
        status: str = call.arguments[ATTR_STATUS]
        said: str | None = call.arguments.get(ATTR_REASON)
        state = self._state(call, line)
        if said is not None and status != PAUSED:
            raise ToolError(
                "A reason goes only with the status paused; nothing was changed. Try again "
                "without the reason."
            )
        reason: Mapping[str, str] | None = None
        if said is not None:
            reasons = _pause_reasons(state)
            reason = next(
                (r for r in reasons if fold(said) in (fold(r["name"]), fold(r["label"]))), None
            )
            if reason is None:
                return _unknown_reason(said, reasons)
        agent = f"The agent of {line.name}"
        service, data = self._action(state, status, reason, agent)
        if service is None:
            return done(f"{agent} is already {_words(state)}.", line, status=state.state)
        await call.action(service, line, data)
        wanted = f"{agent} is {STATE_WORDS[status]}" + (
            f" ({reason['label']})" if reason is not None else ""
        )
        assert line.agent_state is not None  # lines offered to this tool have one
        if not await async_confirmed(
            call, line.agent_state, lambda shown: _shows(shown, status, reason)
        ):
            raise ToolError(f"The XiVO server did not confirm that {_lower(wanted)}.")
        return done(f"{wanted}.", line, status=status)

    @staticmethod
    def _state(call: XivoCall, line: Line) -> State:
        """The agent's state as the sensor shows it; a failure when it cannot be known."""
        assert line.agent_state is not None  # lines offered to this tool have one
        state = call.hass.states.get(line.agent_state)
        if state is None or state.state == STATE_UNAVAILABLE or not call.is_connected(line):
            raise ToolError(f"The CTI link of {line.name} is down; try again when it is back.")
        if state.state not in STATE_WORDS:
            raise ToolError(
                f"The XiVO server has not said what the agent of {line.name} is doing; "
                "nothing was changed."
            )
        return state

    @staticmethod
    def _action(
        state: State, status: str, reason: Mapping[str, str] | None, agent: str
    ) -> tuple[str | None, dict[str, Any]]:
        """The action that takes the agent from `state` to `status`; None when it is there."""
        current = state.state
        if status == LOGGED_OUT:
            return (None if current == LOGGED_OUT else SERVICE_AGENT_LOGOUT), {}
        if status == READY:
            if current == LOGGED_OUT:
                return SERVICE_AGENT_LOGIN, {}
            # Unpausing an agent on a call is harmless, and ends a wrap-up.
            return (None if current == READY else SERVICE_AGENT_UNPAUSE), {}
        if current == LOGGED_OUT:
            raise ToolError(
                f"{agent} is logged out, so it cannot pause; nothing was changed. Log it in "
                "first (status ready) if the user wants that."
            )
        if current == PAUSED and (
            reason is None or state.attributes.get("pause_reason") == reason["name"]
        ):
            return None, {}
        return SERVICE_AGENT_PAUSE, {ATTR_REASON: reason["name"]} if reason else {}


def _pause_reasons(state: State) -> list[Mapping[str, str]]:
    """The server's pause reasons, as the agent state sensor lists them."""
    reasons = state.attributes.get("pause_reasons") or ()
    return [
        {"name": str(item["name"]), "label": str(item.get("label") or item["name"])}
        for item in reasons
        if isinstance(item, Mapping) and item.get("name")
    ]


def _unknown_reason(said: str, reasons: Sequence[Mapping[str, str]]) -> ToolResult:
    """The answer to a reason the server does not know: the ones it does, for the user."""
    if not reasons:
        text = (
            f'The contact centre has no pause reason "{said}" (it has none), so nothing was '
            "changed. Pause without a reason if the user wants that."
        )
    else:
        labels = join([reason["label"] for reason in reasons], "or")
        text = (
            f'The contact centre has no pause reason "{said}", so nothing was changed. Ask the '
            f"user which one they mean: {labels}."
        )
    listed: list[JsonValueType] = [dict(reason) for reason in reasons]
    return ToolResult(data={"message": text, "reasons": listed})


def _shows(state: State, status: str, reason: Mapping[str, str] | None) -> bool:
    """Whether the agent state sensor shows `status` (and the pause `reason`)."""
    if status == READY:
        return state.state in NOT_PAUSED
    if status == PAUSED and reason is not None:
        return state.state == PAUSED and state.attributes.get("pause_reason") == reason["name"]
    return state.state == status


def _words(state: State) -> str:
    """The agent's state as a sentence says it: "paused (Lunch)"."""
    words = STATE_WORDS.get(state.state, state.state)
    if state.state == PAUSED and (name := state.attributes.get("pause_reason")):
        labels = {reason["name"]: reason["label"] for reason in _pause_reasons(state)}
        words += f" ({labels.get(name, name)})"
    return words


def _lower(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]


# ----------------------------------------------------------------------------- the queues


class GetQueuesTool(XivoTool):
    """How many callers wait in the queues, for how long, and who can take them."""

    name = "xivo__get_queues"
    title = "Queues"
    description = (
        "Tell how the XiVO contact centre's queues are doing: per queue the callers waiting "
        "(and who they are), how long the longest has waited in seconds, and how many agents "
        "are available to answer. Use it for 'how many callers are waiting in Sales?'."
    )
    annotations = ToolAnnotations(
        read_only=True, destructive=False, idempotent=True, open_world=False
    )
    fields: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Optional(
            ATTR_QUEUE,
            description="One queue, by its name or number; leave out for every queue.",
        ): TEXT
    }

    def __init__(self, queues: Sequence[Queue]) -> None:
        """The tool for the queues offered at this turn; it acts on no line."""
        super().__init__(())
        self.queues = list(queues)

    @override
    async def async_run(self, call: XivoCall) -> ToolResult:
        queues = self.queues
        if (said := call.arguments.get(ATTR_QUEUE)) is not None:
            queues = [queue for queue in self.queues if queue.named(said)] or [
                queue for queue in self.queues if queue.mentioned(said)
            ]
            if not queues:
                names = join([queue.name for queue in self.queues], "and")
                raise ToolError(f'There is no queue "{said}". The queues are {names}.')
        listed: list[JsonValueType] = []
        errors: list[JsonValueType] = []
        for queue in queues:
            try:
                listed.append(_queue_json(call, queue))
            except ToolError as err:
                errors.append(str(err))
        if not listed:
            raise ToolError(" ".join(str(error) for error in errors))
        data: JsonObjectType = {"queues": listed}
        if errors:
            data["errors"] = errors
        return ToolResult(data=data)


def _queue_json(call: XivoCall, queue: Queue) -> JsonObjectType:
    """What the tool says of one queue, read from its sensors at `call.now`."""
    waiting = call.hass.states.get(queue.waiting_calls)
    if waiting is None or waiting.state in (STATE_UNAVAILABLE, STATE_UNKNOWN):
        raise ToolError(f"The figures of the {queue.name} queue are not known now.")
    callers = [
        caller
        for item in waiting.attributes.get("calls") or ()
        if isinstance(item, Mapping) and (caller := _caller_json(item, call.now)) is not None
    ]
    result: JsonObjectType = {
        "queue": queue.name,
        "number": queue.number,
        "waiting_calls": _count(waiting),
        "longest_wait": _longest_wait(call, queue, callers),
        "available_agents": _count(call.hass.states.get(queue.available_agents or "")),
    }
    listed: list[JsonValueType] = list(callers[:MAX_CALLERS])
    result["callers"] = listed
    return result


def _caller_json(item: Mapping[str, Any], now: datetime) -> JsonObjectType | None:
    """A waiting caller: number, name and seconds waited; None for an entry of no use."""
    since = item.get("waiting_since")
    start = dt_util.parse_datetime(since) if isinstance(since, str) else None
    number = item.get("number")
    if start is None and not number:
        return None
    return {
        "number": str(number) if number else None,
        "name": str(item["name"]) if item.get("name") else None,
        "waiting": max(0, round((now - start).total_seconds())) if start else None,
    }


def _longest_wait(call: XivoCall, queue: Queue, callers: Sequence[JsonObjectType]) -> int | None:
    """Seconds the longest-waiting caller has waited, now.

    Counted from the moments waits began (the callers', the longest wait sensor's
    `waiting_since`) up to `call.now`, so never stale between the server's updates; the
    sensor's figure when no moment is known.
    """
    waits = [wait for caller in callers if isinstance(wait := caller["waiting"], int)]
    longest = call.hass.states.get(queue.longest_wait or "")
    since = longest.attributes.get("waiting_since") if longest is not None else None
    if isinstance(since, str) and (start := dt_util.parse_datetime(since)) is not None:
        waits.append(max(0, round((call.now - start).total_seconds())))
    return max(waits) if waits else _count(longest)


def _count(state: State | None) -> int | None:
    """A counter sensor's value as a whole number; None when it is not known."""
    if state is None:
        return None
    try:
        return round(float(state.state))
    except ValueError:
        return None


def contact_centre_prompt(agents: Sequence[Line], queues: Sequence[Queue]) -> str:
    """What the prompt says of the agents and queues offered."""
    said: list[str] = []
    if agents:
        named = join([line.name for line in agents], "and")
        said.append(
            f"The user is a XiVO contact-centre agent on {named}: xivo__set_agent_status "
            "makes the agent ready, pauses it or logs it out."
        )
    if queues:
        named = join([queue.name for queue in queues], "and")
        said.append(f"xivo__get_queues tells how the queues {named} are doing.")
    return " ".join(said)
