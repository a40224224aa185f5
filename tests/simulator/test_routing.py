"""DND and the three forwards, for calls from outside (incoming_call) and between users (dial)."""

from __future__ import annotations

import aiohttp
import pytest

from simulator import XucSimulator
from tests.simulator.conftest import RING_TIMEOUT
from tests.simulator.cti_client import Cti, connect


def calls(sim: XucSimulator, username: str) -> list[str]:
    """The states of the user's live calls, as PhoneEvent types."""
    return [event["eventType"] for event in sim.pbx.current_calls(username)]


def last_record(sim: XucSimulator, username: str) -> dict[str, str]:
    record: dict[str, str] = sim.pbx.user(username).history[0]
    return record


async def expect_pizza_roma_ringing(cti: Cti, linked_id: str) -> None:
    """A forward keeps the outside caller's number and name, and it is still the same call."""
    ringing = await cti.expect("PhoneEvent")
    assert (ringing["eventType"], ringing["otherDN"], ringing["otherDName"]) == (
        "EventRinging",
        "0467123456",
        "Pizza Roma",
    )
    assert ringing["linkedId"] == linked_id


async def bob_answers_alices_forwarded_call(
    sim: XucSimulator, alice: Cti, bob: Cti, within: float = 1.0
) -> None:
    """alice's call to jbond rings on bob's phone only, and bob's answer puts her through."""
    ringing = await bob.expect("PhoneEvent", within)
    assert (ringing["eventType"], ringing["otherDN"]) == ("EventRinging", "1001")
    assert calls(sim, "jbond") == []
    await bob.send("answer")
    assert (await bob.expect("PhoneEvent"))["eventType"] == "EventEstablished"
    assert (await alice.expect("PhoneEvent"))["eventType"] == "EventEstablished"


# ----------------------------------------------------------------------------- DND


async def test_dnd_refuses_an_outside_call(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    jbond = await connect(http, sim)
    await jbond.send("dnd", state=True)
    await jbond.expect("UserConfigUpdate")
    history = len(sim.pbx.user("jbond").history)

    await sim.incoming_call("jbond", "0467123456", "Pizza Roma")

    await jbond.no_phone_event()
    assert calls(sim, "jbond") == []
    assert sim.pbx.hints["1000"] == 0
    # It never rang, but the history shows it as a call the user missed.
    assert len(sim.pbx.user("jbond").history) == history + 1
    record = last_record(sim, "jbond")
    assert (record["status"], record["srcNum"], record["dstUsername"]) == (
        "missed",
        "0467123456",
        "jbond",
    )


@pytest.mark.parametrize("via", ["dial", "incoming_call"])
async def test_dnd_gives_a_simulated_caller_busy(
    sim: XucSimulator, http: aiohttp.ClientSession, via: str
) -> None:
    """The caller's leg dials, then fails: EventFailure, and the call is gone."""
    jbond = await connect(http, sim)
    alice = await connect(http, sim, "alice")
    await sim.set_user_config("alice", dnd_enabled=True)

    if via == "dial":
        await jbond.send("dial", destination="1001")
    else:
        await sim.incoming_call("alice", "1000")

    dialing, failed = await jbond.events(2)
    assert (dialing["eventType"], dialing["otherDN"]) == ("EventDialing", "1001")
    assert failed["eventType"] == "EventFailure"
    assert failed["uniqueId"] == dialing["uniqueId"]
    assert await jbond.expect("PhoneStatusUpdate") == {"status": "AVAILABLE"}
    await alice.no_phone_event()
    assert calls(sim, "jbond") == calls(sim, "alice") == []
    assert last_record(sim, "jbond")["status"] == "emitted"
    assert (last_record(sim, "alice")["status"], last_record(sim, "alice")["srcUsername"]) == (
        "missed",
        "jbond",
    )


async def test_an_unconditional_forward_wins_over_dnd(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    await sim.set_user_config(
        "jbond", dnd_enabled=True, unc_fwd_enabled=True, unc_fwd_destination="1002"
    )
    await sim.incoming_call("jbond", "0467123456")
    assert calls(sim, "jbond") == []
    assert calls(sim, "bob") == ["EventRinging"]


# ----------------------------------------------------------------------------- unconditional


async def test_unconditional_forward_to_a_colleague(
    quiet_sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    sim = quiet_sim
    jbond = await connect(http, sim)
    bob = await connect(http, sim, "bob")
    await sim.set_user_config("jbond", unc_fwd_enabled=True, unc_fwd_destination="1002")

    linked_id = await sim.incoming_call("jbond", "0467123456", "Pizza Roma")

    await expect_pizza_roma_ringing(bob, linked_id)
    await jbond.no_phone_event()
    assert sim.pbx.hints["1000"] == 0


async def test_unconditional_forward_of_a_colleague_call(
    quiet_sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    """alice dials jbond, bob's phone rings; bob answers and alice is put through."""
    sim = quiet_sim
    alice = await connect(http, sim, "alice")
    bob = await connect(http, sim, "bob")
    await sim.set_user_config("jbond", unc_fwd_enabled=True, unc_fwd_destination="1002")

    await alice.send("dial", destination="1000")
    dialing = await alice.expect("PhoneEvent")
    assert (dialing["eventType"], dialing["otherDN"]) == ("EventDialing", "1000")
    await bob_answers_alices_forwarded_call(sim, alice, bob)
    await bob.send("hangup")
    assert (await alice.expect("PhoneEvent"))["eventType"] == "EventReleased"
    assert calls(sim, "alice") == calls(sim, "bob") == []


async def test_unconditional_forward_outside(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    """To a number no simulated user has: the call leaves, nothing rings here."""
    jbond = await connect(http, sim)
    alice = await connect(http, sim, "alice")
    await sim.set_user_config("jbond", unc_fwd_enabled=True, unc_fwd_destination="0612345678")

    await sim.incoming_call("jbond", "0467123456")
    await jbond.no_phone_event()
    assert all(calls(sim, name) == [] for name in sim.pbx.users)

    # A colleague's call goes out too: alice is talking to the outside number after the
    # answer delay, as when she dials it herself.
    await alice.send("dial", destination="1000")
    assert await alice.event_types(2) == ["EventDialing", "EventEstablished"]
    await jbond.no_phone_event()
    assert calls(sim, "jbond") == []


# ----------------------------------------------------------------------------- no answer


async def test_no_answer_forward_after_the_ring_timeout(
    quiet_sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    sim = quiet_sim
    jbond = await connect(http, sim)
    bob = await connect(http, sim, "bob")
    await sim.set_user_config("jbond", na_fwd_enabled=True, na_fwd_destination="1002")

    linked_id = await sim.incoming_call("jbond", "0467123456", "Pizza Roma")
    assert (await jbond.expect("PhoneEvent"))["eventType"] == "EventRinging"
    await bob.no_phone_event(RING_TIMEOUT / 2)  # not before the timeout

    released = await jbond.expect("PhoneEvent", within=RING_TIMEOUT * 5)
    assert released["eventType"] == "EventReleased"
    assert last_record(sim, "jbond")["status"] == "missed"
    await expect_pizza_roma_ringing(bob, linked_id)
    assert calls(sim, "jbond") == []
    assert sim.pbx.hints["1000"] == 0


async def test_no_answer_forward_of_a_colleague_call(
    quiet_sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    """alice keeps dialing while the call moves from jbond to bob; bob's answer reaches her."""
    sim = quiet_sim
    alice = await connect(http, sim, "alice")
    bob = await connect(http, sim, "bob")
    await sim.set_user_config("jbond", na_fwd_enabled=True, na_fwd_destination="1002")

    await alice.send("dial", destination="1000")
    assert (await alice.expect("PhoneEvent"))["eventType"] == "EventDialing"
    await bob_answers_alices_forwarded_call(sim, alice, bob, within=RING_TIMEOUT * 5)
    await alice.send("hangup")
    assert (await bob.expect("PhoneEvent"))["eventType"] == "EventReleased"
    assert all(calls(sim, name) == [] for name in sim.pbx.users)


async def test_an_answered_call_is_not_forwarded(
    quiet_sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    sim = quiet_sim
    jbond = await connect(http, sim)
    bob = await connect(http, sim, "bob")
    await sim.set_user_config("jbond", na_fwd_enabled=True, na_fwd_destination="1002")
    await sim.incoming_call("jbond", "0467123456")
    await jbond.send("answer")
    assert await jbond.event_types(2) == ["EventRinging", "EventEstablished"]
    await bob.no_phone_event(RING_TIMEOUT * 2)
    assert calls(sim, "jbond") == ["EventEstablished"]


async def test_no_answer_forward_outside_ends_the_ringing(
    quiet_sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    sim = quiet_sim
    jbond = await connect(http, sim)
    await sim.set_user_config("jbond", na_fwd_enabled=True, na_fwd_destination="0612345678")
    await sim.incoming_call("jbond", "0467123456")
    assert await jbond.event_types(2, within=RING_TIMEOUT * 5) == [
        "EventRinging",
        "EventReleased",
    ]
    assert all(calls(sim, name) == [] for name in sim.pbx.users)


# ----------------------------------------------------------------------------- busy


@pytest.mark.parametrize("via", ["dial", "incoming_call"])
async def test_busy_forward_takes_a_second_call(
    quiet_sim: XucSimulator, http: aiohttp.ClientSession, via: str
) -> None:
    sim = quiet_sim
    jbond = await connect(http, sim)
    bob = await connect(http, sim, "bob")
    await sim.set_user_config("jbond", busy_fwd_enabled=True, busy_fwd_destination="1002")

    first = await sim.incoming_call("jbond", "0467123456")
    await sim.remote_answer("jbond", first)
    assert await jbond.event_types(2) == ["EventRinging", "EventEstablished"]
    await bob.no_phone_event()  # a free line rings: the busy forward waits for a busy one

    alice = await connect(http, sim, "alice")
    if via == "dial":
        await alice.send("dial", destination="1000")
    else:
        await sim.incoming_call("jbond", "1001")
    ringing = await bob.expect("PhoneEvent")
    assert (ringing["eventType"], ringing["otherDN"]) == ("EventRinging", "1001")
    await jbond.no_phone_event()
    assert calls(sim, "jbond") == ["EventEstablished"]
    assert (await alice.expect("PhoneEvent"))["eventType"] == "EventDialing"


async def test_without_busy_forward_a_second_call_waits(
    quiet_sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    sim = quiet_sim
    jbond: Cti = await connect(http, sim)
    await sim.remote_answer("jbond", await sim.incoming_call("jbond", "0467123456"))
    await sim.incoming_call("jbond", "1001")
    assert calls(sim, "jbond") == ["EventEstablished", "EventRinging"]
    assert sim.pbx.lines["jbond"].status() == "BUSY_AND_RINGING"
    await jbond.expect("PhoneEvent")


# ----------------------------------------------------------------------------- limits


async def test_a_forward_loop_gives_busy(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    bob = await connect(http, sim, "bob")
    await sim.set_user_config("jbond", unc_fwd_enabled=True, unc_fwd_destination="1001")
    await sim.set_user_config("alice", unc_fwd_enabled=True, unc_fwd_destination="1000")
    await bob.send("dial", destination="1000")
    assert await bob.event_types(2) == ["EventDialing", "EventFailure"]
    assert all(calls(sim, name) == [] for name in sim.pbx.users)


async def test_calling_ones_own_number_is_busy(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await connect(http, sim)
    await jbond.send("dial", destination="1000")
    assert await jbond.event_types(2) == ["EventDialing", "EventFailure"]
    assert calls(sim, "jbond") == []


async def test_forwards_set_over_the_websocket_apply(
    quiet_sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    """The same rules whether the user set the forward (uncFwd) or the admin did."""
    sim = quiet_sim
    jbond = await connect(http, sim)
    await jbond.send("uncFwd", state=True, destination="1001")
    await jbond.expect("UserConfigUpdate")
    await sim.incoming_call("jbond", "0467123456")
    assert calls(sim, "alice") == ["EventRinging"]
    await jbond.send("uncFwd", state=False, destination="1001")
    await jbond.expect("UserConfigUpdate")
    await sim.incoming_call("jbond", "0467123456")
    assert calls(sim, "jbond") == ["EventRinging"]
