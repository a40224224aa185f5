"""Transfers and conferences with three users: every leg ends with its call, lamps go back.

alice calls jbond, who passes her on to bob in each way XUC offers. At the end nobody keeps
a ringing or held leg, and the busy lamps of 1000, 1001 and 1002, as a fourth user
(carol, who has no line) sees them, are back to available.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from simulator import XucSimulator
from tests.simulator.cti_client import Cti, connect

NUMBERS = ["1000", "1001", "1002"]
AVAILABLE = 0


class Office:
    """jbond, alice and bob connected, and carol watching their lamps."""

    def __init__(self, sim: XucSimulator, jbond: Cti, alice: Cti, bob: Cti, lamps: Cti) -> None:
        self.sim = sim
        self.jbond, self.alice, self.bob, self.lamps = jbond, alice, bob, lamps

    async def alice_talks_to_jbond(self) -> None:
        await self.sim.incoming_call("jbond", "1001")
        assert (await self.jbond.expect("PhoneEvent"))["eventType"] == "EventRinging"
        await self.jbond.send("answer")
        assert (await self.jbond.expect("PhoneEvent"))["eventType"] == "EventEstablished"
        assert (await self.alice.expect("PhoneEvent"))["eventType"] == "EventDialing"
        assert (await self.alice.expect("PhoneEvent"))["eventType"] == "EventEstablished"

    def legs(self, username: str) -> list[tuple[str, str]]:
        """(state, other number) of each live leg of the user."""
        return [
            (event["eventType"], event["otherDN"]) for event in self.sim.pbx.current_calls(username)
        ]

    async def assert_all_idle(self) -> None:
        for username in ("jbond", "alice", "bob"):
            assert self.legs(username) == [], username
            assert self.sim.pbx.lines[username].status() == "AVAILABLE", username
        assert {number: self.sim.pbx.hints[number] for number in NUMBERS} == dict.fromkeys(
            NUMBERS, AVAILABLE
        )
        # The last lamp carol was sent for each number is "available".
        last = {
            message["ctiMessage"]["number"]: message["ctiMessage"]["status"]
            for message in await self.lamps.drain()
            if message["msgType"] == "PhoneHintStatusEvent"
        }
        assert all(last.get(number, AVAILABLE) == AVAILABLE for number in NUMBERS), last

    async def close(self) -> None:
        for cti in (self.jbond, self.alice, self.bob, self.lamps):
            await cti.ws.close()


async def _office(sim: XucSimulator, http: aiohttp.ClientSession) -> Office:
    users = [await connect(http, sim, name) for name in ("jbond", "alice", "bob", "carol")]
    await users[3].send("subscribeToPhoneHints", phoneNumbers=NUMBERS)
    for _ in NUMBERS:
        await users[3].expect("PhoneHintStatusEvent")
    return Office(sim, *users)


@pytest.fixture
async def office(quiet_sim: XucSimulator, http: aiohttp.ClientSession) -> AsyncIterator[Office]:
    """Nobody answers by themselves: each answer is the test's."""
    office = await _office(quiet_sim, http)
    yield office
    await office.close()


@pytest.fixture
async def answering_office(
    socket_enabled: None, http: aiohttp.ClientSession
) -> AsyncIterator[Office]:
    """Dialled and transferred-to colleagues answer after 0.2 s, by themselves."""
    async with XucSimulator(answer_delay=0.2) as sim:
        office = await _office(sim, http)
        yield office
        await office.close()


# ----------------------------------------------------------------------------- direct


async def test_direct_transfer(office: Office) -> None:
    await office.alice_talks_to_jbond()
    await office.jbond.send("directTransfer", destination="1002")
    assert (await office.jbond.expect("PhoneEvent"))["eventType"] == "EventReleased"
    ringing = await office.bob.expect("PhoneEvent")
    assert (ringing["eventType"], ringing["otherDN"]) == ("EventRinging", "1001")
    assert office.legs("jbond") == []
    assert office.legs("alice") == [("EventEstablished", "1002")]

    await office.bob.send("answer")
    assert (await office.bob.expect("PhoneEvent"))["eventType"] == "EventEstablished"
    await office.alice.send("hangup")
    assert (await office.bob.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await office.assert_all_idle()


async def test_direct_transfer_hung_up_while_ringing(office: Office) -> None:
    """alice gives up before bob answers: bob's phone stops ringing."""
    await office.alice_talks_to_jbond()
    await office.jbond.send("directTransfer", destination="1002")
    assert (await office.bob.expect("PhoneEvent"))["eventType"] == "EventRinging"
    await office.alice.send("hangup")
    assert (await office.bob.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await office.assert_all_idle()


async def test_direct_transfer_of_an_outside_call(office: Office) -> None:
    linked_id = await office.sim.incoming_call("jbond", "0467123456", "Pizza Roma")
    await office.jbond.send("answer")
    await office.jbond.send("directTransfer", destination="1002")
    ringing = await office.bob.expect("PhoneEvent")
    assert (ringing["otherDN"], ringing["otherDName"], ringing["linkedId"]) == (
        "0467123456",
        "Pizza Roma",
        linked_id,
    )
    await office.sim.remote_hangup("bob", linked_id)
    await office.assert_all_idle()


async def test_direct_transfer_to_a_refusing_line_ends_the_call(office: Office) -> None:
    await office.sim.set_user_config("bob", dnd_enabled=True)
    await office.alice_talks_to_jbond()
    await office.jbond.send("directTransfer", destination="1002")
    assert (await office.alice.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await office.assert_all_idle()


async def test_a_transferred_call_is_answered_by_itself(answering_office: Office) -> None:
    office = answering_office
    await office.alice_talks_to_jbond()
    await office.jbond.send("directTransfer", destination="1002")
    assert await office.bob.event_types(2) == ["EventRinging", "EventEstablished"]
    await office.bob.send("hangup")
    assert (await office.alice.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await office.assert_all_idle()


# ----------------------------------------------------------------------------- attended


async def test_attended_transfer_completed(office: Office) -> None:
    await office.alice_talks_to_jbond()
    await office.jbond.send("attendedTransfer", destination="1002")
    assert (await office.bob.expect("PhoneEvent"))["eventType"] == "EventRinging"
    assert office.legs("jbond") == [("EventOnHold", "1001"), ("EventDialing", "1002")]
    await office.bob.send("answer")
    assert (await office.bob.expect("PhoneEvent"))["eventType"] == "EventEstablished"

    await office.jbond.send("completeTransfer")
    await office.sim.wait_for_command("jbond", "completeTransfer")
    assert office.legs("jbond") == []
    assert office.legs("alice") == [("EventEstablished", "1002")]
    assert office.legs("bob") == [("EventEstablished", "1001")]
    await office.bob.send("hangup")
    assert (await office.alice.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await office.assert_all_idle()


async def test_attended_transfer_completed_before_the_answer(
    answering_office: Office,
) -> None:
    """Completed while bob's phone still rings: bob still answers, nothing rings forever."""
    office = answering_office
    await office.alice_talks_to_jbond()
    await office.jbond.send("attendedTransfer", destination="1002")
    await office.jbond.send("completeTransfer")
    await office.sim.wait_for_command("jbond", "completeTransfer")
    assert office.legs("jbond") == []
    assert office.legs("bob") == [("EventRinging", "1001")]

    assert await office.bob.event_types(2) == ["EventRinging", "EventEstablished"]
    assert office.legs("alice") == [("EventEstablished", "1002")]
    await office.alice.send("hangup")
    assert (await office.bob.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await office.assert_all_idle()


async def test_attended_transfer_cancelled(office: Office) -> None:
    await office.alice_talks_to_jbond()
    await office.jbond.send("attendedTransfer", destination="1002")
    await office.bob.expect("PhoneEvent")
    await office.bob.send("answer")
    await office.jbond.send("cancelTransfer")
    await office.sim.wait_for_command("jbond", "cancelTransfer")
    assert office.legs("bob") == []
    assert office.legs("jbond") == [("EventEstablished", "1001")]
    await office.jbond.send("hangup")
    assert (await office.alice.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await office.assert_all_idle()


async def test_attended_transfer_to_a_refusing_line(office: Office) -> None:
    """The consultation call fails: jbond gets alice back, nothing is left on hold."""
    await office.sim.set_user_config("bob", dnd_enabled=True)
    await office.alice_talks_to_jbond()
    await office.jbond.send("attendedTransfer", destination="1002")
    await office.sim.wait_for_command("jbond", "attendedTransfer")
    assert office.legs("jbond") == [("EventEstablished", "1001")]
    await office.alice.send("hangup")
    await office.sim.wait_for_command("alice", "hangup")
    await office.assert_all_idle()


# ----------------------------------------------------------------------------- conference


async def _three_way(office: Office) -> None:
    await office.alice_talks_to_jbond()
    await office.jbond.send("dial", destination="1002")  # alice goes on hold
    await office.bob.expect("PhoneEvent")
    await office.bob.send("answer")
    await office.bob.expect("PhoneEvent")
    await office.jbond.send("conference")
    await office.sim.wait_for_command("jbond", "conference")
    assert office.legs("jbond") == [("EventEstablished", "1001"), ("EventEstablished", "1002")]


async def test_conference_ended_by_its_host(office: Office) -> None:
    await _three_way(office)
    await office.jbond.send("hangup")
    assert (await office.alice.expect("PhoneEvent"))["eventType"] == "EventReleased"
    assert (await office.bob.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await office.assert_all_idle()


async def test_conference_participant_leaves(office: Office) -> None:
    await _three_way(office)
    await office.alice.send("hangup")
    await office.sim.wait_for_command("alice", "hangup")
    assert office.legs("jbond") == [("EventEstablished", "1002")]
    # jbond and bob are an ordinary call now: one hangup ends it.
    await office.jbond.send("hangup")
    assert (await office.bob.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await office.assert_all_idle()


async def test_conference_host_drops_one_participant(office: Office) -> None:
    await _three_way(office)
    alice_leg = office.sim.pbx.current_calls("jbond")[0]["uniqueId"]
    await office.jbond.send("hangup", uniqueId=alice_leg)
    assert (await office.alice.expect("PhoneEvent"))["eventType"] == "EventReleased"
    assert office.legs("jbond") == [("EventEstablished", "1002")]
    await office.bob.send("hangup")
    await office.sim.wait_for_command("bob", "hangup")
    await office.assert_all_idle()
