"""The tools for voice assistants, through the real Assist API, against the simulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from homeassistant.components.homeassistant.exposed_entities import async_expose_entity
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import llm
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo import llm as xivo_llm, voice_tool_call
from custom_components.xivo.const import CONF_LOOKUP_NAMES, CONF_MONITORED_NUMBERS, DOMAIN
from simulator import XucSimulator
from simulator.users import DEFAULT_CONTACTS, SimContact
from tests.common import (
    EXCEPTIONS,
    MARKER,
    attributes_of,
    forget_frames,
    mark_the_wire,
    state_of,
    wait_for,
)
from tests.conftest import StartSimulator
from tests.integration.conftest import (
    add_line,
    api,
    context,
    message,
    run,
    setup_assist,
    web,
)

# No test here needs a silent link found dead.
pytestmark = pytest.mark.usefixtures("patient_link")

CALL_STATE = "sensor.james_bond_call_state"
ALICE_CALL_STATE = "sensor.alice_martin_call_state"
LINK = "binary_sensor.james_bond_cti_link"
DND = "switch.james_bond_do_not_disturb"
UNC_FORWARD = "switch.james_bond_unconditional_forward"

TOOL_NAMES = {
    "xivo__call",
    "xivo__answer",
    "xivo__hang_up",
    "xivo__hold",
    "xivo__transfer",
    "xivo__get_calls",
    "xivo__get_recent_calls",
    "xivo__get_colleague_status",
    "xivo__set_do_not_disturb",
    "xivo__set_forward",
}
READ_ONLY = {"xivo__get_calls", "xivo__get_recent_calls", "xivo__get_colleague_status"}
NOT_IDEMPOTENT = {
    "xivo__call",
    "xivo__answer",
    "xivo__hang_up",
    "xivo__hold",
    "xivo__transfer",
}

# Directory entries this module needs beside the simulator's own: two people of one first name,
# and a name that contains another (Alice Martin is a XiVO user).
EXTRA_CONTACTS = (
    SimContact("Zoé", "Garnier", "0145000001"),
    SimContact("Zoé", "Lambert", "", "0645000002"),
    SimContact("Alice", "Martinez", "0145000003"),
)
# The two Zoés as a tool offers them to choose from: a contact with only a mobile is called on it.
ZOE_CANDIDATES = [
    {"name": "Zoé Garnier", "number": "0145000001", "status": None},
    {"name": "Zoé Lambert", "number": "0645000002", "status": None},
]


def several_match(who: str, outcome: str) -> str:
    """What a tool says when `who` names several contacts, and so did nothing."""
    return (
        f'Several contacts match "{who}", so {outcome}. Ask the user which one they mean, '
        "then try again with that name or number."
    )


@pytest.fixture
async def xuc_server(start_simulator: StartSimulator) -> XucSimulator:
    """The simulator, with this module's contacts added to its directory."""
    return await start_simulator(answer_delay=None, contacts=(*DEFAULT_CONTACTS, *EXTRA_CONTACTS))


@pytest.fixture
def entry_options(monitored_numbers: list[str]) -> dict[str, object]:
    """Without caller-name lookups: the frames on the wire are the tools'."""
    return {CONF_MONITORED_NUMBERS: monitored_numbers, CONF_LOOKUP_NAMES: False}


@pytest.fixture
async def assist(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> MockConfigEntry:
    """James Bond's line set up, the Assist API ready, the line exposed, no frames yet."""
    await setup_assist(hass)
    async_expose_entity(hass, "conversation", CALL_STATE, True)
    await forget_frames(hass, xuc_server)
    return init_integration


@pytest.fixture
async def alice_entry(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> AsyncIterator[MockConfigEntry]:
    """Alice Martin's line, a second entry on the same server."""
    entry = await add_line(hass, xuc_server, "alice", "Alice Martin")
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


def xivo_tools(instance: llm.APIInstance) -> dict[str, llm.Tool]:
    return {tool.name: tool for tool in instance.tools if tool.name.startswith("xivo__")}


# Sent after a tool that must not dial: the websocket is ordered, so a frame the tool had put
# on the wire would arrive before this one.
async def nothing_else_sent(
    hass: HomeAssistant, xuc_server: XucSimulator, *expected: dict[str, Any]
) -> None:
    """The line sent `expected` and nothing more, up to a marker sent now."""
    await mark_the_wire(hass, xuc_server)
    assert xuc_server.frames("jbond") == [*expected, MARKER]


def calls_of(hass: HomeAssistant, entity_id: str = CALL_STATE) -> list[dict[str, Any]]:
    return list(attributes_of(hass, entity_id).get("calls") or [])


async def ringing_call(hass: HomeAssistant, xuc_server: XucSimulator) -> dict[str, Any]:
    """Pizza Roma calls James Bond; the call as the call state sensor shows it."""
    await xuc_server.incoming_call("jbond", "0467123456", "Pizza Roma")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "ringing")
    (call,) = calls_of(hass)
    return call


async def established_call(hass: HomeAssistant, xuc_server: XucSimulator) -> dict[str, Any]:
    """Pizza Roma calls James Bond, who answers on the phone itself."""
    await ringing_call(hass, xuc_server)
    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    xuc_server.clear_frames("jbond")
    (call,) = calls_of(hass)
    return call


# --------------------------------------------------------------------------- offering


async def test_no_tools_for_a_line_not_exposed(
    hass: HomeAssistant, assist: MockConfigEntry
) -> None:
    async_expose_entity(hass, "conversation", CALL_STATE, False)
    instance = await api(hass)
    assert xivo_tools(instance) == {}
    assert "XiVO" not in instance.api_prompt
    assert xivo_llm.async_get_tools(hass, context(), llm.LLM_API_ASSIST) is None


async def test_a_line_is_not_exposed_by_default(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Calls and history are private: nothing is offered until the user exposes the line."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "llm", {})
    assert xivo_tools(await api(hass)) == {}


async def test_no_tools_for_another_api(hass: HomeAssistant, assist: MockConfigEntry) -> None:
    assert xivo_llm.async_get_tools(hass, context(), "another_api") is None


async def test_tools_of_an_exposed_line(hass: HomeAssistant, assist: MockConfigEntry) -> None:
    instance = await api(hass)
    tools = xivo_tools(instance)
    assert set(tools) == TOOL_NAMES
    assert (
        "The user's XiVO phone line is James Bond (number 1000): the xivo__ tools"
        in instance.api_prompt
    )
    for name, tool in tools.items():
        assert tool.integration == DOMAIN
        assert tool.title
        assert tool.description
        annotations = tool.annotations
        assert annotations.read_only is (name in READ_ONLY), name
        assert annotations.idempotent is (name not in NOT_IDEMPOTENT), name
        if annotations.read_only:
            assert annotations.destructive is False
        # What a conversation agent sends the model: every argument described, no `line`.
        schema = vol.to_openapi(tool.parameters, custom_serializer=instance.custom_serializer)
        assert "line" not in schema["properties"]
        for argument, spec in schema["properties"].items():
            assert spec.get("description"), (name, argument)
    assert tools["xivo__hang_up"].annotations.destructive is True
    assert tools["xivo__transfer"].annotations.destructive is True
    assert tools["xivo__call"].annotations.open_world is True
    assert tools["xivo__answer"].annotations.open_world is False


async def test_schemas_for_the_model(hass: HomeAssistant, assist: MockConfigEntry) -> None:
    instance = await api(hass)
    tools = xivo_tools(instance)

    def schema(name: str) -> dict[str, Any]:
        result: dict[str, Any] = vol.to_openapi(
            tools[name].parameters, custom_serializer=instance.custom_serializer
        )
        for spec in result["properties"].values():
            spec.pop("description")
        return result

    assert schema("xivo__call") == {
        "type": "object",
        "properties": {"who": {"type": "string", "minLength": 1, "maxLength": 100}},
        "required": ["who"],
        "additionalProperties": False,
    }
    assert schema("xivo__answer")["properties"] == {}
    assert schema("xivo__get_recent_calls")["properties"] == {
        "only_missed": {"type": "boolean", "default": False},
        "limit": {"type": "integer", "minimum": 1, "maximum": 20, "default": 5},
    }
    forward = schema("xivo__set_forward")
    assert forward["properties"]["forward"] == {
        "type": "string",
        "enum": ["unconditional", "no_answer", "busy"],
        "default": "unconditional",
    }
    assert forward["required"] == ["enabled"]
    assert schema("xivo__set_do_not_disturb")["required"] == ["enabled"]


# --------------------------------------------------------------------------- call


@pytest.mark.parametrize(
    ("who", "destination", "said"),
    [
        ("1002", "1002", "Calling 1002 from James Bond's phone."),
        ("06 12 34 56 78", "0612345678", "Calling 06 12 34 56 78 from James Bond's phone."),
        ("+33 6 12 34 56 78", "+33612345678", "Calling +33 6 12 34 56 78 from James Bond's phone."),
    ],
)
async def test_call_a_number(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    assist: MockConfigEntry,
    who: str,
    destination: str,
    said: str,
) -> None:
    """A number is dialled as given: no directory lookup."""
    result = await run(hass, "xivo__call", who=who)
    assert not result.error
    assert message(result) == said
    assert result.data["calling"] == {"name": None, "number": who, "status": None}
    assert await xuc_server.wait_for_command("jbond", "dial") == web(
        "dial", destination=destination
    )
    await nothing_else_sent(hass, xuc_server, web("dial", destination=destination))


async def test_call_a_name(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    result = await run(hass, "xivo__call", who="garage")
    assert not result.error
    assert message(result) == "Calling Garage Dupuis (0467987654) from James Bond's phone."
    assert result.data["calling"] == {
        "name": "Garage Dupuis",
        "number": "0467987654",
        "status": None,
    }
    await nothing_else_sent(
        hass,
        xuc_server,
        web("searchContacts", term="garage"),
        web("dial", destination="0467987654"),
    )


async def test_call_the_exact_name_among_longer_ones(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    """ "Alice Martin" finds Alice Martinez too, but names Alice Martin exactly."""
    result = await run(hass, "xivo__call", who="alice martin")
    assert message(result) == "Calling Alice Martin (1001) from James Bond's phone."
    assert (await xuc_server.wait_for_command("jbond", "dial"))["destination"] == "1001"


async def test_a_name_matching_several_contacts_calls_nobody(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    result = await run(hass, "xivo__call", who="Zoé")
    assert not result.error
    assert message(result) == several_match("Zoé", "nobody was called")
    assert result.data["candidates"] == ZOE_CANDIDATES
    assert result.data["more_candidates"] == 0
    await nothing_else_sent(hass, xuc_server, web("searchContacts", term="Zoé"))


async def test_candidates_carry_the_phone_status(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    result = await run(hass, "xivo__call", who="alice")
    assert result.data["candidates"] == [
        {"name": "Alice Martin", "number": "1001", "status": "available"},
        {"name": "Alice Martinez", "number": "0145000003", "status": None},
    ]


# --------------------------------------------------------------------------- call control


async def test_answer_the_ringing_call(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    call = await ringing_call(hass, xuc_server)
    result = await run(hass, "xivo__answer")
    assert not result.error
    assert message(result) == "Answered the call from Pizza Roma (0467123456)."
    assert result.data["call"] == {
        "name": "Pizza Roma",
        "number": "0467123456",
        "state": "ringing",
        "direction": "incoming",
    }
    assert await xuc_server.wait_for_command("jbond", "answer") == web(
        "answer", uniqueId=call["unique_id"]
    )
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")


async def test_hang_up(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    call = await established_call(hass, xuc_server)
    result = await run(hass, "xivo__hang_up")
    assert message(result) == "Ended the call with Pizza Roma (0467123456)."
    assert await xuc_server.wait_for_command("jbond", "hangup") == web(
        "hangup", uniqueId=call["unique_id"]
    )
    await wait_for(lambda: state_of(hass, CALL_STATE) == "idle")

    result = await run(hass, "xivo__hang_up")
    assert result.error
    assert message(result) == "There is no call on James Bond's phone."


async def test_hold_then_take_back(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    call = await established_call(hass, xuc_server)
    result = await run(hass, "xivo__hold")
    assert message(result) == "Put the call with Pizza Roma (0467123456) on hold."
    await wait_for(lambda: state_of(hass, CALL_STATE) == "on_hold")
    result = await run(hass, "xivo__hold")
    assert message(result) == "Took back the call with Pizza Roma (0467123456)."
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    hold = web("hold", uniqueId=call["unique_id"])
    await nothing_else_sent(hass, xuc_server, hold, hold)


async def test_transfer(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    await established_call(hass, xuc_server)
    result = await run(hass, "xivo__transfer", who="bob")
    assert not result.error
    assert message(result) == (
        "Transferred the call with Pizza Roma (0467123456) to Bob Durand (1002)."
    )
    assert result.data["transferred_to"] == {
        "name": "Bob Durand",
        "number": "1002",
        "status": "available",
    }
    await wait_for(lambda: state_of(hass, CALL_STATE) == "idle")
    await nothing_else_sent(
        hass,
        xuc_server,
        web("searchContacts", term="bob"),
        web("directTransfer", destination="1002"),
    )


async def test_transfer_to_an_ambiguous_name_transfers_nothing(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    await established_call(hass, xuc_server)
    result = await run(hass, "xivo__transfer", who="zoé")
    assert not result.error
    assert message(result) == several_match("zoé", "nothing was transferred")
    assert result.data["candidates"] == ZOE_CANDIDATES
    await nothing_else_sent(hass, xuc_server, web("searchContacts", term="zoé"))
    assert state_of(hass, CALL_STATE) == "established"


# --------------------------------------------------------------------------- lookups


async def test_get_calls(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    result = await run(hass, "xivo__get_calls")
    assert result.data == {"calls": [], "message": "No call in progress."}

    await ringing_call(hass, xuc_server)
    result = await run(hass, "xivo__get_calls")
    assert not result.error
    (call,) = result.data["calls"]
    assert isinstance(call, dict)
    duration = call.pop("duration_seconds")
    assert isinstance(duration, int)
    assert 0 <= duration < 5
    assert call == {
        "line": "James Bond",
        "name": "Pizza Roma",
        "number": "0467123456",
        "state": "ringing",
        "direction": "incoming",
    }
    # Read from the line's entities: nothing asked of the server.
    await nothing_else_sent(hass, xuc_server)


async def test_get_recent_calls(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    result = await run(hass, "xivo__get_recent_calls")
    assert not result.error
    calls = result.data["calls"]
    assert isinstance(calls, list)
    assert [(call["name"], call["number"], call["status"]) for call in calls] == [
        ("Pizza Roma", "0467123456", "missed"),
        ("Bob Durand", "1002", "emitted"),
        ("Alice Martin", "1001", "answered"),
    ]
    assert [call["direction"] for call in calls] == ["incoming", "outgoing", "incoming"]
    assert [call["duration_seconds"] for call in calls] == [0, 192, 87]
    for call in calls:
        start = dt_util.parse_datetime(call["start"])
        assert start is not None
        assert start.tzinfo is not None
    assert await xuc_server.wait_for_command("jbond", "getUserCallHistory") == web(
        "getUserCallHistory", size=5
    )


async def test_get_recent_missed_calls(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    result = await run(hass, "xivo__get_recent_calls", only_missed=True, limit=3)
    calls = result.data["calls"]
    assert isinstance(calls, list)
    assert [call["name"] for call in calls] == ["Pizza Roma"]
    # Enough history is read to find missed calls among answered ones.
    assert await xuc_server.wait_for_command("jbond", "getUserCallHistory") == web(
        "getUserCallHistory", size=100
    )

    result = await run(hass, "xivo__get_recent_calls", limit=1)
    assert [call["name"] for call in result.data["calls"]] == ["Pizza Roma"]  # type: ignore[union-attr]


async def test_colleague_status(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    # Alice takes a call: her busy lamp and the directory both say so (XiVO names a phone
    # in conversation "calling").
    await xuc_server.incoming_call("alice", "0467123456")
    await xuc_server.remote_answer("alice")
    await wait_for(lambda: state_of(hass, "sensor.james_bond_phone_1001") == "calling")

    result = await run(hass, "xivo__get_colleague_status", who="Alice Martin")
    assert not result.error
    assert result.data["colleagues"] == [
        {"name": "Alice Martin", "number": "1001", "status": "calling", "on_the_phone": True},
        {
            "name": "Alice Martinez",
            "number": "0145000003",
            "status": "unknown",
            "on_the_phone": None,
        },
    ]
    result = await run(hass, "xivo__get_colleague_status", who="1002")
    assert result.data["colleagues"] == [
        {"name": "Bob Durand", "number": "1002", "status": "available", "on_the_phone": False}
    ]
    result = await run(hass, "xivo__get_colleague_status", who="Nobody")
    assert result.error
    assert message(result) == 'There is no contact named "Nobody" in the XiVO directory.'


async def test_colleague_status_from_the_busy_lamp(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    """A monitored number's lamp is what the line saw last, and wins over the directory."""
    await xuc_server.set_hint("1002", 16)  # ON_HOLD, pushed to the line's lamp only
    await wait_for(lambda: state_of(hass, "sensor.james_bond_phone_1002") == "on_hold")
    result = await run(hass, "xivo__get_colleague_status", who="bob")
    assert result.data["colleagues"] == [
        {"name": "Bob Durand", "number": "1002", "status": "on_hold", "on_the_phone": True}
    ]


# --------------------------------------------------------------------------- settings


async def test_do_not_disturb(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    result = await run(hass, "xivo__set_do_not_disturb", enabled=True)
    assert not result.error
    assert message(result) == "Do not disturb is on for James Bond."
    # The result waits for the server's confirmation: the switch already shows it.
    assert state_of(hass, DND) == STATE_ON
    result = await run(hass, "xivo__set_do_not_disturb", enabled=False)
    assert message(result) == "Do not disturb is off for James Bond."
    assert state_of(hass, DND) == STATE_OFF
    await nothing_else_sent(hass, xuc_server, web("dnd", state=True), web("dnd", state=False))


async def test_do_not_disturb_not_confirmed(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    assist: MockConfigEntry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server takes the command but never confirms it: the result claims no success."""
    monkeypatch.setattr(voice_tool_call, "CONFIRM_TIMEOUT", 0.2)
    await xuc_server.set_silent(True)
    try:
        result = await run(hass, "xivo__set_do_not_disturb", enabled=True)
    finally:
        await xuc_server.set_silent(False)
    assert result.error
    assert message(result) == (
        "The XiVO server did not confirm that Do not disturb is on for James Bond."
    )
    assert state_of(hass, DND) == STATE_OFF
    assert await xuc_server.wait_for_command("jbond", "dnd") == web("dnd", state=True)


async def test_forward_to_a_contact(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    result = await run(hass, "xivo__set_forward", enabled=True, destination="garage")
    assert not result.error
    assert message(result) == (
        "The unconditional forward of James Bond is on, to Garage Dupuis (0467987654)."
    )
    assert state_of(hass, UNC_FORWARD) == STATE_ON
    result = await run(hass, "xivo__set_forward", forward="unconditional", enabled=False)
    assert message(result) == "The unconditional forward of James Bond is off."
    assert state_of(hass, UNC_FORWARD) == STATE_OFF
    await nothing_else_sent(
        hass,
        xuc_server,
        web("searchContacts", term="garage"),
        web("uncFwd", state=True, destination="0467987654"),
        web("uncFwd", state=False, destination="0467987654"),
    )


# --------------------------------------------------------------------------- failures


@pytest.mark.parametrize(
    ("tool", "arguments", "said", "sent"),
    [
        pytest.param(
            "xivo__call",
            {"who": "Nobody"},
            'There is no contact named "Nobody" in the XiVO directory.',
            [web("searchContacts", term="Nobody")],
            id="call_an_unknown_name",
        ),
        pytest.param(
            "xivo__answer",
            {},
            "No call is ringing on James Bond's phone.",
            [],
            id="answer_with_nothing_ringing",
        ),
        pytest.param(
            "xivo__transfer",
            {"who": "1002"},
            "There is no call to transfer on James Bond's phone.",
            [],
            id="transfer_without_a_call",
        ),
        # Refused by the integration's action: its translated words come back.
        pytest.param(
            "xivo__set_forward",
            {"forward": "no_answer", "enabled": True},
            "Set a destination for this forward before turning it on",
            [],
            id="forward_without_a_destination",
        ),
    ],
)
async def test_refused_in_words_and_nothing_done(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    assist: MockConfigEntry,
    tool: str,
    arguments: dict[str, Any],
    said: str,
    sent: list[dict[str, Any]],
) -> None:
    """A tool that cannot do what it is asked says why, and puts no command on the wire."""
    result = await run(hass, tool, **arguments)
    assert result.error
    assert message(result) == said
    await nothing_else_sent(hass, xuc_server, *sent)


async def test_bad_arguments(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    result = await run(hass, "xivo__call")
    assert result.error
    assert message(result) == "Invalid arguments: required key not provided at 'who'"
    result = await run(hass, "xivo__get_recent_calls", limit=500)
    assert result.error
    assert message(result).startswith("Invalid arguments: value must be at most 20")
    result = await run(hass, "xivo__set_forward", forward="sometimes", enabled=True)
    assert result.error
    assert message(result) == (
        "Invalid arguments: value must be one of ['busy', 'no_answer', 'unconditional'] "
        "at 'forward'"
    )
    result = await run(hass, "xivo__call", who="1002", line="James Bond")
    assert result.error  # one line: no `line` argument
    assert message(result) == "Invalid arguments: not a valid option at 'line'"
    await nothing_else_sent(hass, xuc_server)


# --------------------------------------------------------------------------- blank arguments


@pytest.mark.parametrize(
    ("tool", "arguments", "before", "said", "sent"),
    [
        pytest.param(
            "xivo__call",
            {"who": "1002", "line": ""},
            None,
            "Calling 1002 from James Bond's phone.",
            [web("dial", destination="1002")],
            id="call",
        ),
        pytest.param(
            "xivo__answer",
            {"line": None},
            "ringing",
            "Answered the call from Pizza Roma (0467123456).",
            [web("answer", uniqueId="{unique_id}")],
            id="answer",
        ),
        pytest.param(
            "xivo__hang_up",
            {"line": " "},
            "established",
            "Ended the call with Pizza Roma (0467123456).",
            [web("hangup", uniqueId="{unique_id}")],
            id="hang_up",
        ),
        pytest.param(
            "xivo__hold",
            {"line": ""},
            "established",
            "Put the call with Pizza Roma (0467123456) on hold.",
            [web("hold", uniqueId="{unique_id}")],
            id="hold",
        ),
        pytest.param(
            "xivo__transfer",
            {"who": "1002", "line": None},
            "established",
            "Transferred the call with Pizza Roma (0467123456) to 1002.",
            [web("directTransfer", destination="1002")],
            id="transfer",
        ),
        pytest.param(
            "xivo__get_calls",
            {"line": ""},
            None,
            "No call in progress.",
            [],
            id="get_calls",
        ),
        pytest.param(
            "xivo__get_recent_calls",
            {"only_missed": "", "limit": None, "line": ""},
            None,
            None,
            [web("getUserCallHistory", size=5)],
            id="get_recent_calls",
        ),
        pytest.param(
            "xivo__get_colleague_status",
            {"who": "1002", "line": None},
            None,
            None,
            [web("searchContacts", term="1002")],
            id="get_colleague_status",
        ),
        pytest.param(
            "xivo__set_do_not_disturb",
            {"enabled": True, "line": ""},
            None,
            "Do not disturb is on for James Bond.",
            [web("dnd", state=True)],
            id="set_do_not_disturb",
        ),
        pytest.param(
            "xivo__set_forward",
            {"forward": "", "enabled": True, "destination": "1002", "line": None},
            None,
            "The unconditional forward of James Bond is on, to 1002.",
            [web("uncFwd", state=True, destination="1002")],
            id="set_forward_blank_forward",
        ),
        pytest.param(
            "xivo__set_forward",
            {"forward": "busy", "enabled": False, "destination": ""},
            None,
            "The forward on busy of James Bond is off.",
            [web("busyFwd", state=False, destination="")],
            id="set_forward_blank_destination",
        ),
        pytest.param(
            "xivo__set_forward",
            {"forward": "busy", "enabled": False, "destination": None},
            None,
            "The forward on busy of James Bond is off.",
            [web("busyFwd", state=False, destination="")],
            id="set_forward_null_destination",
        ),
    ],
)
async def test_blank_optional_arguments_are_not_said(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    assist: MockConfigEntry,
    tool: str,
    arguments: dict[str, Any],
    before: str | None,
    said: str | None,
    sent: list[dict[str, Any]],
) -> None:
    """Models fill the optional fields they do not use with "" or null: the tool acts as if
    they were left out, as Home Assistant's own tools do."""
    if before == "ringing":
        call = await ringing_call(hass, xuc_server)
    elif before == "established":
        call = await established_call(hass, xuc_server)
    result = await run(hass, tool, **arguments)
    assert not result.error, result.data
    if said is not None:
        assert message(result) == said
    if before is not None:
        sent = [
            {**frame, "uniqueId": call["unique_id"]} if "uniqueId" in frame else frame
            for frame in sent
        ]
    if sent:
        await xuc_server.wait_for_command("jbond", sent[-1]["command"])
    await nothing_else_sent(hass, xuc_server, *sent)


@pytest.mark.parametrize(
    ("tool", "arguments", "missing"),
    [
        ("xivo__call", {"who": ""}, "who"),
        ("xivo__call", {"who": "  "}, "who"),
        ("xivo__transfer", {"who": None}, "who"),
        ("xivo__get_colleague_status", {"who": ""}, "who"),
        ("xivo__set_do_not_disturb", {"enabled": None}, "enabled"),
        ("xivo__set_forward", {"enabled": "", "destination": "1002"}, "enabled"),
    ],
)
async def test_blank_required_argument_is_refused(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    assist: MockConfigEntry,
    tool: str,
    arguments: dict[str, Any],
    missing: str,
) -> None:
    """A blank required field is a missing one: refused in words, nothing sent."""
    result = await run(hass, tool, **arguments)
    assert result.error
    assert message(result) == f"Invalid arguments: required key not provided at '{missing}'"
    await nothing_else_sent(hass, xuc_server)


async def test_blank_line_of_two_is_not_said(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    assist: MockConfigEntry,
    alice_entry: MockConfigEntry,
) -> None:
    """With two lines, a blank `line` is no line named: the tool asks which, or finds the one."""
    async_expose_entity(hass, "conversation", ALICE_CALL_STATE, True)
    result = await run(hass, "xivo__call", who="1002", line="")
    assert result.error
    assert message(result) == "Ask the user which line to call from: Alice Martin or James Bond."
    call = await ringing_call(hass, xuc_server)
    result = await run(hass, "xivo__answer", line=None)
    assert result.data["line"] == "James Bond"
    assert await xuc_server.wait_for_command("jbond", "answer") == web(
        "answer", uniqueId=call["unique_id"]
    )
    assert xuc_server.frames("alice") == []


async def test_link_down(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections()
    await wait_for(lambda: state_of(hass, LINK) == STATE_OFF)
    down = "The CTI link of James Bond is down; try again when it is back"

    # The line is still offered: the assistant can say why nothing works.
    assert set(xivo_tools(await api(hass))) == TOOL_NAMES
    for tool, arguments in (
        ("xivo__call", {"who": "1002"}),
        ("xivo__call", {"who": "alice"}),
        ("xivo__get_recent_calls", {}),
        ("xivo__get_colleague_status", {"who": "bob"}),
        ("xivo__set_do_not_disturb", {"enabled": True}),
    ):
        result = await run(hass, tool, **arguments)
        assert result.error, tool
        assert message(result) == down, tool
    for tool in ("xivo__get_calls", "xivo__answer", "xivo__hang_up"):
        result = await run(hass, tool)
        assert result.error, tool
        assert message(result) == down + ".", tool

    await xuc_server.set_reachable(True)
    await wait_for(lambda: state_of(hass, LINK) == STATE_ON)
    assert not any(frame["command"] in ("dial", "dnd") for frame in xuc_server.frames("jbond"))


async def test_refused_by_the_server(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> None:
    """An `Error` frame for the command: the result says the server's refusal."""
    refused = EXCEPTIONS["command_refused"]["message"].rstrip(".")

    await xuc_server.refuse_commands(code="Busy", message="the line is busy", command="dial")
    result = await run(hass, "xivo__call", who="1002")
    assert result.error
    assert message(result) == refused.format(line="James Bond", reason="the line is busy")

    await xuc_server.refuse_commands(message="directory down", command="searchContacts")
    result = await run(hass, "xivo__call", who="bob")
    assert result.error
    assert message(result) == refused.format(line="James Bond", reason="directory down")
    await nothing_else_sent(
        hass,
        xuc_server,
        web("dial", destination="1002"),
        web("searchContacts", term="bob"),
    )


# --------------------------------------------------------------------------- two lines


async def test_two_lines(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    assist: MockConfigEntry,
    alice_entry: MockConfigEntry,
) -> None:
    # Alice's line is not exposed yet: one line, no `line` argument.
    tools = xivo_tools(await api(hass))
    assert "line" not in vol.to_openapi(tools["xivo__call"].parameters)["properties"]

    async_expose_entity(hass, "conversation", ALICE_CALL_STATE, True)
    instance = await api(hass)
    assert (
        "The user's XiVO phone lines are Alice Martin (number 1001) and James Bond "
        "(number 1000): the xivo__ tools"
    ) in instance.api_prompt
    for tool in xivo_tools(instance).values():
        line = vol.to_openapi(tool.parameters)["properties"]["line"]
        assert line["enum"] == ["Alice Martin", "James Bond"], tool.name
        assert line["description"]

    result = await run(hass, "xivo__call", who="1002")
    assert result.error
    assert message(result) == ("Ask the user which line to call from: Alice Martin or James Bond.")
    result = await run(hass, "xivo__call", who="1002", line="Alice Martin")
    assert message(result) == "Calling 1002 from Alice Martin's phone."
    assert await xuc_server.wait_for_command("alice", "dial") == web("dial", destination="1002")

    # Only one line rings: "answer" needs no line.
    call = await ringing_call(hass, xuc_server)
    result = await run(hass, "xivo__answer")
    assert result.data["line"] == "James Bond"
    assert (await xuc_server.wait_for_command("jbond", "answer"))["uniqueId"] == call["unique_id"]

    # Lookups cover every line.
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    result = await run(hass, "xivo__get_calls")
    assert sorted((call["line"], call["number"]) for call in result.data["calls"]) == [  # type: ignore[index, union-attr]
        ("Alice Martin", "1002"),
        ("James Bond", "0467123456"),
    ]
    result = await run(hass, "xivo__get_recent_calls", only_missed=True)
    assert result.data["calls"] == [
        {**result.data["calls"][0], "line": "James Bond", "name": "Pizza Roma"}  # type: ignore[index, dict-item]
    ]
