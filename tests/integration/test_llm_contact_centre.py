"""The contact-centre tools for voice assistants, through the real Assist API and the simulator.

James Bond is agent 8000 in the Sales (3000) and Support (3001) queues; Alice Martin agent 8001
in Sales; Bob Durand is no agent. The pause reasons are lunch (Lunch) and meeting (Meeting).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from homeassistant.components.homeassistant.exposed_entities import async_expose_entity
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo import voice_tool_call
from custom_components.xivo.const import CONF_LOOKUP_NAMES, CONF_MONITORED_NUMBERS, DOMAIN
from simulator import XucSimulator
from simulator.pbx import frame
from tests.common import (
    MARKER,
    attributes_of,
    forget_frames,
    mark_the_wire,
    state_of,
    wait_for,
)
from tests.integration.conftest import (
    add_line,
    api,
    keyed,
    message,
    run,
    setup_assist,
    web,
)

# No test here needs a silent link found dead.
pytestmark = pytest.mark.usefixtures("patient_link")

CALL_STATE = "sensor.james_bond_call_state"
CC_TOOLS = {"xivo__set_agent_status", "xivo__get_queues"}
REASONS = [{"name": "lunch", "label": "Lunch"}, {"name": "meeting", "label": "Meeting"}]


def agent_of(hass: HomeAssistant) -> str:
    return keyed(hass, "James Bond", "agent_state")


@pytest.fixture
async def xuc_server(start_simulator: Any, request: pytest.FixtureRequest) -> XucSimulator:
    """The simulator, answering nothing by itself, with short contact-centre times.

    Indirectly parametrized, further contact-centre knobs.
    """
    server: XucSimulator = await start_simulator(answer_delay=None)
    knobs: dict[str, Any] = getattr(request, "param", {})
    await server.set_cc_options(wrapup_time=0.1, queue_ring_timeout=0.2, **knobs)
    return server


@pytest.fixture
def entry_options(monitored_numbers: list[str]) -> dict[str, object]:
    """Without caller-name lookups: the frames on the wire are the tools'."""
    return {CONF_MONITORED_NUMBERS: monitored_numbers, CONF_LOOKUP_NAMES: False}


@pytest.fixture
async def assist(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> MockConfigEntry:
    """James Bond's line set up and logged out, the Assist API ready, nothing exposed."""
    await setup_assist(hass)
    await wait_for(lambda: hass.states.get(agent_of(hass)) is not None)
    await wait_for(lambda: state_of(hass, agent_of(hass)) == "logged_out")
    await forget_frames(hass, xuc_server)
    return init_integration


@pytest.fixture
async def agent(hass: HomeAssistant, assist: MockConfigEntry) -> str:
    """James Bond's agent state sensor, exposed."""
    entity_id = agent_of(hass)
    async_expose_entity(hass, "conversation", entity_id, True)
    return entity_id


@pytest.fixture
async def bob_entry(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> AsyncIterator[MockConfigEntry]:
    """Bob Durand's line: a user who is not an agent."""
    entry = await add_line(hass, xuc_server, "bob", "Bob Durand")
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


@pytest.fixture
async def alice_entry(
    hass: HomeAssistant, xuc_server: XucSimulator, assist: MockConfigEntry
) -> AsyncIterator[MockConfigEntry]:
    """Alice Martin's line: agent 8001, in Sales."""
    entry = await add_line(hass, xuc_server, "alice", "Alice Martin")
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


async def offered(hass: HomeAssistant) -> set[str]:
    instance = await api(hass)
    return {tool.name for tool in instance.tools if tool.name.startswith("xivo__")}


async def sent(hass: HomeAssistant, xuc_server: XucSimulator, username: str = "jbond") -> list:
    """What the line sent since the last look, up to a marker sent now; then forgotten."""
    await mark_the_wire(hass, xuc_server, username)
    frames = xuc_server.frames(username)
    xuc_server.clear_frames(username)
    assert frames[-1] == MARKER
    return frames[:-1]


# --------------------------------------------------------------------------- offering


async def test_the_agent_tool_is_offered_when_the_agent_state_is_exposed(
    hass: HomeAssistant, agent: str
) -> None:
    """Only the agent is exposed: its tool alone, and the prompt says who the agent is."""
    instance = await api(hass)
    tools = {tool.name: tool for tool in instance.tools if tool.name.startswith("xivo__")}
    assert set(tools) == {"xivo__set_agent_status"}
    assert (
        "The user is a XiVO contact-centre agent on James Bond: xivo__set_agent_status"
        in instance.api_prompt
    )
    assert "phone line" not in instance.api_prompt  # the calls are not exposed
    tool = tools["xivo__set_agent_status"]
    assert tool.integration == DOMAIN
    assert tool.annotations.read_only is not True
    schema = vol.to_openapi(tool.parameters, custom_serializer=instance.custom_serializer)
    assert {name: spec["type"] for name, spec in schema["properties"].items()} == {
        "status": "string",
        "reason": "string",
    }
    assert schema["properties"]["status"]["enum"] == ["ready", "paused", "logged_out"]
    assert schema["required"] == ["status"]
    assert all(spec["description"] for spec in schema["properties"].values())


async def test_nothing_for_the_contact_centre_unless_exposed(
    hass: HomeAssistant, assist: MockConfigEntry
) -> None:
    """The calls exposed, the agent and queues not: the call tools only."""
    assert await offered(hass) == set()
    async_expose_entity(hass, "conversation", CALL_STATE, True)
    tools = await offered(hass)
    assert "xivo__call" in tools
    assert not tools & CC_TOOLS
    assert "contact-centre" not in (await api(hass)).api_prompt


async def test_with_calls_and_agent_exposed_both_kinds_are_offered(
    hass: HomeAssistant, agent: str
) -> None:
    async_expose_entity(hass, "conversation", CALL_STATE, True)
    tools = await offered(hass)
    assert {"xivo__call", "xivo__set_agent_status"} <= tools
    assert "xivo__get_queues" not in tools
    prompt = (await api(hass)).api_prompt
    assert "The user's XiVO phone line is James Bond (number 1000)" in prompt
    assert "contact-centre agent on James Bond" in prompt


async def test_no_agent_tool_for_a_user_who_is_not_an_agent(
    hass: HomeAssistant, bob_entry: MockConfigEntry
) -> None:
    """Bob has no agent state sensor and no queues: everything of his exposed, no CC tool."""
    entities = er.async_entries_for_config_entry(er.async_get(hass), bob_entry.entry_id)
    assert not [entity for entity in entities if entity.translation_key == "agent_state"]
    for entity in entities:
        async_expose_entity(hass, "conversation", entity.entity_id, True)
    tools = await offered(hass)
    assert "xivo__call" in tools
    assert not tools & CC_TOOLS


async def test_the_queue_tool_is_offered_for_the_exposed_queues(
    hass: HomeAssistant, assist: MockConfigEntry
) -> None:
    sales = keyed(hass, "Sales", "waiting_calls")
    # Another sensor of the queue exposed is not enough: the waiting calls are what it tells.
    async_expose_entity(hass, "conversation", keyed(hass, "Sales", "available_agents"), True)
    assert await offered(hass) == set()
    async_expose_entity(hass, "conversation", sales, True)
    instance = await api(hass)
    assert {tool.name for tool in instance.tools if tool.name.startswith("xivo__")} == {
        "xivo__get_queues"
    }
    assert "xivo__get_queues tells how the queues Sales are doing" in instance.api_prompt
    result = await run(hass, "xivo__get_queues")
    assert [queue["queue"] for queue in result.data["queues"]] == ["Sales"]  # not Support


# --------------------------------------------------------------------------- the agent


async def test_log_in_pause_for_lunch_and_back(
    hass: HomeAssistant, xuc_server: XucSimulator, agent: str
) -> None:
    """ "Log me in", "put me on pause for lunch", "I'm back", "log me out"."""
    result = await run(hass, "xivo__set_agent_status", status="ready")
    assert not result.error
    assert result.data == {
        "message": "The agent of James Bond is ready.",
        "status": "ready",
        "line": "James Bond",
    }
    # Reported once the server confirmed it: the sensor already shows it.
    assert state_of(hass, agent) == "ready"
    assert await sent(hass, xuc_server) == [web("agentLogin", agentphonenumber="1000")]

    result = await run(hass, "xivo__set_agent_status", status="paused", reason="lunch")
    assert message(result) == "The agent of James Bond is paused (Lunch)."
    assert state_of(hass, agent) == "paused"
    assert attributes_of(hass, agent)["pause_reason"] == "lunch"
    assert await sent(hass, xuc_server) == [web("pauseAgent", reason="lunch")]

    # Asked again, in other words: it already is, nothing is sent.
    result = await run(hass, "xivo__set_agent_status", status="paused", reason="LUNCH ")
    assert message(result) == "The agent of James Bond is already paused (Lunch)."
    assert result.data["status"] == "paused"
    # By the reason's label: another reason.
    result = await run(hass, "xivo__set_agent_status", status="paused", reason="Meeting")
    assert message(result) == "The agent of James Bond is paused (Meeting)."
    assert attributes_of(hass, agent)["pause_reason"] == "meeting"
    assert await sent(hass, xuc_server) == [web("pauseAgent", reason="meeting")]

    result = await run(hass, "xivo__set_agent_status", status="ready")
    assert message(result) == "The agent of James Bond is ready."
    assert state_of(hass, agent) == "ready"
    result = await run(hass, "xivo__set_agent_status", status="ready")
    assert message(result) == "The agent of James Bond is already ready."
    result = await run(hass, "xivo__set_agent_status", status="logged_out")
    assert message(result) == "The agent of James Bond is logged out."
    assert state_of(hass, agent) == "logged_out"
    result = await run(hass, "xivo__set_agent_status", status="logged_out")
    assert message(result) == "The agent of James Bond is already logged out."
    assert await sent(hass, xuc_server) == [web("unpauseAgent"), web("agentLogout")]


async def test_pause_without_a_reason(
    hass: HomeAssistant, xuc_server: XucSimulator, agent: str
) -> None:
    """A blank reason, as models send for one left out, is no reason."""
    await xuc_server.agent("jbond", "ready")
    await wait_for(lambda: state_of(hass, agent) == "ready")
    xuc_server.clear_frames("jbond")
    result = await run(hass, "xivo__set_agent_status", status="paused", reason="")
    assert message(result) == "The agent of James Bond is paused."
    assert await sent(hass, xuc_server) == [web("pauseAgent")]
    # Paused already: any pause will do.
    result = await run(hass, "xivo__set_agent_status", status="paused", reason=None)
    assert message(result) == "The agent of James Bond is already paused."
    assert await sent(hass, xuc_server) == []


async def test_ready_ends_the_wrap_up(
    hass: HomeAssistant, xuc_server: XucSimulator, agent: str
) -> None:
    """After a queue call, "I'm ready" ends the wrap-up instead of waiting it out."""
    await xuc_server.set_cc_options(wrapup_time=30)
    await xuc_server.agent("jbond", "ready")
    await xuc_server.queue_call("3001", "0612345678", "Q Branch")
    await wait_for(lambda: state_of(hass, agent) == "ringing")
    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: state_of(hass, agent) == "on_call")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, agent) == "wrap_up")
    xuc_server.clear_frames("jbond")

    result = await run(hass, "xivo__set_agent_status", status="ready")
    assert message(result) == "The agent of James Bond is ready."
    assert state_of(hass, agent) == "ready"
    assert await sent(hass, xuc_server) == [web("unpauseAgent")]


async def test_an_unknown_reason_lists_the_valid_ones(
    hass: HomeAssistant, xuc_server: XucSimulator, agent: str
) -> None:
    await xuc_server.agent("jbond", "ready")
    await wait_for(lambda: state_of(hass, agent) == "ready")
    xuc_server.clear_frames("jbond")
    result = await run(hass, "xivo__set_agent_status", status="paused", reason="coffee")
    assert not result.error  # a question for the user, as several contacts are
    assert result.data == {
        "message": (
            'The contact centre has no pause reason "coffee", so nothing was changed. Ask the '
            "user which one they mean: Lunch or Meeting."
        ),
        "reasons": REASONS,
    }
    assert state_of(hass, agent) == "ready"
    assert await sent(hass, xuc_server) == []


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        pytest.param(
            {"status": "paused", "reason": "lunch"},
            "The agent of James Bond is logged out, so it cannot pause; nothing was changed. "
            "Log it in first (status ready) if the user wants that.",
            id="pause_logged_out",
        ),
        pytest.param(
            {"status": "ready", "reason": "lunch"},
            "A reason goes only with the status paused; nothing was changed. Try again "
            "without the reason.",
            id="reason_without_pause",
        ),
        pytest.param(
            {"status": "away"},
            "Invalid arguments: value must be one of ['logged_out', 'paused', 'ready'] at 'status'",
            id="unknown_status",
        ),
        pytest.param(
            {"reason": "lunch"},
            "Invalid arguments: required key not provided at 'status'",
            id="no_status",
        ),
    ],
)
async def test_refused_in_words_and_nothing_sent(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    agent: str,
    arguments: dict[str, Any],
    said: str,
) -> None:
    result = await run(hass, "xivo__set_agent_status", **arguments)
    assert result.error
    assert message(result) == said
    assert state_of(hass, agent) == "logged_out"
    assert await sent(hass, xuc_server) == []


async def test_not_confirmed_by_the_server(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    agent: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server takes the command but never confirms it: the result claims no success."""
    monkeypatch.setattr(voice_tool_call, "CONFIRM_TIMEOUT", 0.2)
    await xuc_server.set_silent(True)
    try:
        result = await run(hass, "xivo__set_agent_status", status="ready")
    finally:
        await xuc_server.set_silent(False)
    assert result.error
    assert message(result) == (
        "The XiVO server did not confirm that the agent of James Bond is ready."
    )
    assert state_of(hass, agent) == "logged_out"
    assert (await xuc_server.wait_for_command("jbond", "agentLogin"))["agentphonenumber"] == "1000"


async def test_agent_link_down(hass: HomeAssistant, xuc_server: XucSimulator, agent: str) -> None:
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections("jbond")
    await wait_for(lambda: state_of(hass, agent) == STATE_UNAVAILABLE)
    result = await run(hass, "xivo__set_agent_status", status="ready")
    assert result.error
    assert message(result) == "The CTI link of James Bond is down; try again when it is back."


async def test_two_agents(
    hass: HomeAssistant, xuc_server: XucSimulator, agent: str, alice_entry: MockConfigEntry
) -> None:
    """Two agents exposed: the tool asks which, and acts on the one named."""
    alice = keyed(hass, "Alice Martin", "agent_state")
    async_expose_entity(hass, "conversation", alice, True)
    assert "contact-centre agent on Alice Martin and James Bond" in (await api(hass)).api_prompt
    result = await run(hass, "xivo__set_agent_status", status="ready")
    assert message(result) == "Ask the user which line to change: Alice Martin or James Bond."
    result = await run(hass, "xivo__set_agent_status", status="ready", line="Alice Martin")
    assert message(result) == "The agent of Alice Martin is ready."
    assert state_of(hass, alice) == "ready"
    assert state_of(hass, agent) == "logged_out"
    assert await sent(hass, xuc_server, "alice") == [web("agentLogin", agentphonenumber="1001")]
    assert await sent(hass, xuc_server) == []


# --------------------------------------------------------------------------- the queues


@pytest.fixture
async def queues(hass: HomeAssistant, assist: MockConfigEntry) -> dict[str, str]:
    """The waiting calls sensors of Sales and Support, exposed."""
    sensors = {name: keyed(hass, name, "waiting_calls") for name in ("Sales", "Support")}
    for entity_id in sensors.values():
        async_expose_entity(hass, "conversation", entity_id, True)
    return sensors


async def test_how_many_callers_wait_in_sales(
    hass: HomeAssistant, xuc_server: XucSimulator, queues: dict[str, str]
) -> None:
    """James Bond is ready, then paused: two callers wait in Sales, none in Support."""
    await xuc_server.agent("jbond", "ready")
    available = keyed(hass, "Support", "available_agents")
    await wait_for(lambda: state_of(hass, available) == "1")
    result = await run(hass, "xivo__get_queues", queue="Support")
    assert [
        (q["queue"], q["waiting_calls"], q["available_agents"]) for q in result.data["queues"]
    ] == [("Support", 0, 1)]

    await xuc_server.agent("jbond", "paused", "lunch")
    await wait_for(lambda: state_of(hass, available) == "0")
    await xuc_server.queue_call("3000", "0612345678", "Q Branch")
    await asyncio.sleep(1.0)
    await xuc_server.queue_call("3000", "0467123456")
    await wait_for(lambda: state_of(hass, queues["Sales"]) == "2")
    await wait_for(lambda: len(attributes_of(hass, queues["Sales"]).get("calls") or ()) == 2)

    result = await run(hass, "xivo__get_queues")
    assert not result.error
    sales, support = result.data["queues"]
    callers = sales.pop("callers")
    assert sales == {
        "queue": "Sales",
        "number": "3000",
        "waiting_calls": 2,
        "longest_wait": callers[0]["waiting"],
        "available_agents": 0,
    }
    assert [(c["number"], c["name"]) for c in callers] == [
        ("0612345678", "Q Branch"),
        ("0467123456", None),
    ]
    assert callers[0]["waiting"] >= 1
    assert support == {
        "queue": "Support",
        "number": "3001",
        "waiting_calls": 0,
        "longest_wait": support["longest_wait"],
        "available_agents": 0,
        "callers": [],
    }
    assert support["longest_wait"] in (0, None)

    # The longest wait is read when asked: it has grown with no update from the server.
    await asyncio.sleep(1.0)
    again = await run(hass, "xivo__get_queues", queue="sales")
    (sales_again,) = again.data["queues"]
    assert sales_again["longest_wait"] >= sales["longest_wait"] + 1


async def test_a_queue_by_its_number_or_an_unknown_one(
    hass: HomeAssistant, xuc_server: XucSimulator, queues: dict[str, str]
) -> None:
    for said in ("3001", "30 01", "the support queue"):
        result = await run(hass, "xivo__get_queues", queue=said)
        assert [queue["queue"] for queue in result.data["queues"]] == ["Support"], said
        assert result.data["queues"][0]["number"] == "3001"
    result = await run(hass, "xivo__get_queues", queue="Billing")
    assert result.error
    assert message(result) == 'There is no queue "Billing". The queues are Sales and Support.'
    # The figures are the sensors': asking puts nothing on the wire.
    assert await sent(hass, xuc_server) == []


async def test_queue_figures_unknown_while_the_link_is_down(
    hass: HomeAssistant, xuc_server: XucSimulator, queues: dict[str, str]
) -> None:
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections("jbond")
    await wait_for(lambda: state_of(hass, queues["Sales"]) == STATE_UNAVAILABLE)
    result = await run(hass, "xivo__get_queues")
    assert result.error
    assert message(result) == (
        "The figures of the Sales queue are not known now. "
        "The figures of the Support queue are not known now."
    )


async def test_a_queue_shown_on_two_lines_is_told_once(
    hass: HomeAssistant,
    queues: dict[str, str],
    alice_entry: MockConfigEntry,
) -> None:
    """Alice's line shows Sales too: exposed on both lines, it is one queue to the assistant."""
    waiting = [
        entity.entity_id
        for entry in hass.config_entries.async_entries(DOMAIN)
        for entity in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        if entity.translation_key == "waiting_calls"
    ]
    assert len(waiting) == 3
    for entity_id in waiting:
        async_expose_entity(hass, "conversation", entity_id, True)
    instance = await api(hass)
    assert "the queues Sales and Support are doing" in instance.api_prompt
    result = await run(hass, "xivo__get_queues")
    assert [queue["queue"] for queue in result.data["queues"]] == ["Sales", "Support"]


async def test_a_state_the_integration_does_not_know_changes_nothing(
    hass: HomeAssistant, xuc_server: XucSimulator, agent: str
) -> None:
    """A newer server's agent state, unknown here: the tool does not guess what to send."""
    await xuc_server.send_frame(
        "jbond",
        frame(
            "AgentStateEvent",
            {"name": "AgentOnCoffeeBreak", "agentId": 1, "phoneNb": "1000", "queues": [1, 2]},
        ),
    )
    await wait_for(lambda: state_of(hass, agent) == "unknown")
    result = await run(hass, "xivo__set_agent_status", status="ready")
    assert result.error
    assert message(result) == (
        "The XiVO server has not said what the agent of James Bond is doing; nothing was changed."
    )
    assert await sent(hass, xuc_server) == []


@pytest.mark.parametrize("xuc_server", [{"users_statuses_at_login": False}], indirect=True)
async def test_a_server_without_pause_reasons(
    hass: HomeAssistant, xuc_server: XucSimulator, agent: str
) -> None:
    """No UsersStatuses: any reason is unknown, and a plain pause is offered instead."""
    assert attributes_of(hass, agent)["pause_reasons"] == []
    result = await run(hass, "xivo__set_agent_status", status="paused", reason="lunch")
    assert result.data == {
        "message": (
            'The contact centre has no pause reason "lunch" (it has none), so nothing was '
            "changed. Pause without a reason if the user wants that."
        ),
        "reasons": [],
    }
    assert await sent(hass, xuc_server) == []


async def test_one_line_down_the_other_still_tells(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    assist: MockConfigEntry,
    alice_entry: MockConfigEntry,
) -> None:
    """Support seen from James Bond's line (down), Sales from Alice's (up)."""
    alice_sales = next(
        entity.entity_id
        for entity in er.async_entries_for_config_entry(er.async_get(hass), alice_entry.entry_id)
        if entity.translation_key == "waiting_calls"
    )
    support = keyed(hass, "Support", "waiting_calls")
    for entity_id in (alice_sales, support):
        async_expose_entity(hass, "conversation", entity_id, True)
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections("jbond")
    await wait_for(lambda: state_of(hass, support) == STATE_UNAVAILABLE)
    result = await run(hass, "xivo__get_queues")
    assert not result.error
    assert [queue["queue"] for queue in result.data["queues"]] == ["Sales"]
    assert result.data["errors"] == ["The figures of the Support queue are not known now."]
