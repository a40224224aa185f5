"""Tests of the XUC simulator, through its real REST, websocket and control interfaces."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp
import pytest

from simulator import XucSimulator
from simulator.scenario import demo_day
from tests.simulator.cti_client import API, CLOSED, Cti, connect, login, token_of

# ----------------------------------------------------------------------------- REST


async def test_login(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    ok = await login(http, sim)
    assert ok.status == 200
    body = await ok.json()
    assert body["login"] == "jbond"
    assert body["token"]
    assert sim.logins == 1

    bad = await login(http, sim, password="wrong")
    assert bad.status == 401
    assert (await bad.json())["error"] == "InvalidCredentials"
    unknown = await login(http, sim, user="nobody")
    assert (await unknown.json())["error"] == "InvalidCredentials"

    garbage = await http.post(f"{sim.url}{API}/auth/login", data=b"{not json")
    assert garbage.status == 400
    assert (await garbage.json())["error"] == "InvalidJson"


async def test_set_password(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    await sim.set_password("jbond", "new")
    assert (await login(http, sim)).status == 401
    assert (await login(http, sim, password="new")).status == 200


async def test_check_and_refused_tokens(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    token = await token_of(http, sim)
    check = await http.get(
        f"{sim.url}{API}/auth/check", headers={"Authorization": f"Bearer {token}"}
    )
    assert check.status == 200
    assert (await check.json()) == {"login": "jbond", "token": token}

    await sim.refuse_tokens()
    check = await http.get(
        f"{sim.url}{API}/auth/check", headers={"Authorization": f"Bearer {token}"}
    )
    assert check.status == 401
    assert (await check.json())["error"] == "TokenExpired"
    assert sim.checks == 2
    with pytest.raises(aiohttp.WSServerHandshakeError) as err:
        await http.ws_connect(f"{sim.url}{API}/cti?token={token}")
    assert err.value.status == 401
    assert await token_of(http, sim)  # new logins still work


async def test_ws_rejects_bad_token(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    response = await http.get(f"{sim.url}{API}/cti?token=forged")
    assert response.status == 401
    assert (await response.json())["error"] == "TokenExpired"
    with pytest.raises(aiohttp.WSServerHandshakeError):
        await http.ws_connect(f"{sim.url}{API}/cti?token=forged")


# ----------------------------------------------------------------------------- websocket basics


async def test_initial_frames(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    token = await token_of(http, sim)
    cti = Cti(await http.ws_connect(f"{sim.url}{API}/cti?token={token}"))
    frames = [await cti.next() for _ in range(4)]
    assert [f["msgType"] for f in frames] == [
        "LoggedOn",
        "UserConfigUpdate",
        "PhoneStatusUpdate",
        "VoiceMailStatusUpdate",
    ]
    config = frames[1]["ctiMessage"]
    assert config["userId"] == 7
    assert config["fullName"] == "James Bond"
    assert config["mobileNumber"] == "0607007007"
    assert config["lineIds"] == [3]
    assert config["dndEnabled"] is False
    assert config["uncFwdDestination"] == ""
    assert frames[2]["ctiMessage"] == {"status": "AVAILABLE"}
    assert frames[3]["ctiMessage"] == {
        "voiceMailId": 58,
        "newMessages": 0,
        "waitingMessages": 0,
        "oldMessages": 0,
    }
    assert sim.sessions("jbond") == 1


async def test_phone_status_as_number(socket_enabled: None, http: aiohttp.ClientSession) -> None:
    async with XucSimulator(phone_status_as_number=True) as sim:
        token = await token_of(http, sim)
        cti = Cti(await http.ws_connect(f"{sim.url}{API}/cti?token={token}"))
        assert await cti.expect("PhoneStatusUpdate") == {"status": 0}
        await cti.ws.close()


async def test_ping_gets_one_reply(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.ws.send_json({"claz": "ping"})
    assert await cti.next() == {"msgType": "Pong", "ctiMessage": {}}
    await cti.quiet()
    assert sim.pings("jbond") == 1
    assert sim.frames("jbond") == []


async def test_unknown_command_and_junk(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.ws.send_str("not json")
    await cti.ws.send_json({"no": "claz"})
    await cti.send("frobnicate")
    error = await cti.next()
    assert error["msgType"] == "Error"
    assert error["ctiMessage"]["Error"] == "UnknownCommand"
    await cti.send("dialByUsername", username="nobody")
    assert (await cti.expect("Error"))["Error"] == "UserNotFound"


async def test_line_config(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.send("getConfig", objectType="line")
    config = await cti.expect("LineConfig")
    assert config["id"] == "3"
    assert config["number"] == "1000"
    assert config["vendor"] == "Snom"
    carol = await connect(http, sim, "carol")
    await carol.send("getConfig", objectType="line")
    assert (await carol.expect("LineConfig"))["id"] == "-"


# ----------------------------------------------------------------------------- line services


async def test_dnd_partial_update(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.send("dnd", state=True)
    update = await cti.expect("UserConfigUpdate")
    assert update["dndEnabled"] is True
    for key in ("fullName", "firstName", "lastName"):
        assert update[key] is None
    for kind in ("na", "unc", "busy"):
        assert update[f"{kind}FwdEnabled"] is None
        assert update[f"{kind}FwdDestination"] is None
    assert sim.pbx.user("jbond").dnd_enabled is True


async def test_forward_partial_update(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.send("uncFwd", state=True, destination="0698765432")
    update = await cti.expect("UserConfigUpdate")
    assert update["fullName"] is None
    assert update["dndEnabled"] is False
    assert update["uncFwdEnabled"] is True
    assert update["uncFwdDestination"] == "0698765432"
    assert update["naFwdDestination"] is None
    assert update["busyFwdEnabled"] is None


async def test_set_user_config_sends_snapshot(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    cti = await connect(http, sim)
    await sim.set_user_config("jbond", dnd_enabled=True, na_fwd_destination="1001")
    update = await cti.expect("UserConfigUpdate")
    assert update["fullName"] == "James Bond"
    assert update["dndEnabled"] is True
    assert update["naFwdDestination"] == "1001"
    with pytest.raises(ValueError):
        await sim.set_user_config("jbond", no_such_field=1)


# ----------------------------------------------------------------------------- calls


async def test_dial_to_colleague(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    jbond = await connect(http, sim)
    alice = await connect(http, sim, "alice")
    await jbond.send("dial", destination="1001", variables={"ticket": "42", "USR_x": "y"})
    dialing = await jbond.expect("PhoneEvent")
    assert dialing["eventType"] == "EventDialing"
    assert dialing["callDirection"] == "Outgoing"
    assert dialing["DN"] == "1000"
    assert dialing["otherDN"] == "1001"
    assert dialing["otherDName"] == "Alice Martin"
    assert dialing["userData"]["USR_ticket"] == "42"
    assert dialing["userData"]["USR_x"] == "y"
    assert dialing["userData"]["XIVO_DSTNUM"] == "1001"
    assert await jbond.expect("PhoneStatusUpdate") == {"status": "CALLING"}
    established = await jbond.expect("PhoneEvent")
    assert established["eventType"] == "EventEstablished"
    assert established["linkedId"] == dialing["linkedId"]

    ringing, answered = await alice.events(2)
    assert ringing["eventType"] == "EventRinging"
    assert ringing["callDirection"] == "Incoming"
    assert ringing["otherDN"] == "1000"
    assert ringing["linkedId"] == dialing["linkedId"]
    assert answered["eventType"] == "EventEstablished"

    await alice.send("hangup")
    assert (await alice.expect("PhoneEvent"))["eventType"] == "EventReleased"
    assert (await jbond.expect("PhoneEvent"))["eventType"] == "EventReleased"
    assert sim.pbx.user("jbond").history[0]["status"] == "emitted"
    assert sim.pbx.user("alice").history[0]["status"] == "answered"


async def test_dial_failure(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.send("dial", destination="9991234")
    event = await cti.expect("PhoneEvent")
    assert event["eventType"] == "EventFailure"
    await cti.quiet()
    assert sim.pbx.current_calls("jbond") == []


async def test_incoming_answer_hold_hangup(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    linked_id = await sim.incoming_call("jbond", "0467123456", "Pizza Roma", queue_name="sales")
    ringing = await cti.next()
    assert ringing["msgType"] == "PhoneEvent"
    event = ringing["ctiMessage"]
    assert event["eventType"] == "EventRinging"
    assert event["callDirection"] == "Incoming"
    assert event["otherDName"] == "Pizza Roma"
    assert event["queueName"] == "sales"
    assert event["linkedId"] == linked_id
    assert await cti.expect("PhoneStatusUpdate") == {"status": "RINGING"}

    await cti.send("answer", uniqueId=event["uniqueId"])
    assert (await cti.expect("PhoneEvent"))["eventType"] == "EventEstablished"
    assert await cti.expect("PhoneStatusUpdate") == {"status": "CALLING"}
    await cti.send("hold")
    assert (await cti.expect("PhoneEvent"))["eventType"] == "EventOnHold"
    assert await cti.expect("PhoneStatusUpdate") == {"status": "ONHOLD"}
    await cti.send("hold")
    assert (await cti.expect("PhoneEvent"))["eventType"] == "EventEstablished"

    await sim.incoming_call("jbond", "1002")
    assert (await cti.expect("PhoneEvent"))["otherDName"] == "Bob Durand"
    assert await cti.expect("PhoneStatusUpdate") == {"status": "BUSY_AND_RINGING"}

    await cti.send("hangup", uniqueId=event["uniqueId"])
    released = await cti.expect("PhoneEvent")
    assert released["eventType"] == "EventReleased"
    assert released["uniqueId"] == event["uniqueId"]
    await sim.remote_hangup("jbond")
    assert (await cti.expect("PhoneEvent"))["eventType"] == "EventReleased"
    assert await cti.expect("PhoneStatusUpdate") == {"status": "AVAILABLE"}
    statuses = [record["status"] for record in sim.pbx.user("jbond").history[:2]]
    assert statuses == ["missed", "answered"]


async def test_current_calls(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.send("getCurrentCallsPhoneEvents")
    assert await cti.expect("CurrentCallsPhoneEvents") == {"events": []}
    linked_id = await sim.incoming_call("jbond", "0467123456")
    await sim.remote_answer("jbond", linked_id)
    await cti.send("getCurrentCallsPhoneEvents")
    (event,) = (await cti.expect("CurrentCallsPhoneEvents"))["events"]
    assert event["eventType"] == "EventEstablished"
    assert event["linkedId"] == linked_id


async def test_set_data_visible_in_events(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await sim.incoming_call("jbond", "0467123456", user_data={"USR_crm": "7"})
    await cti.send("setData", variables={"note": "vip"})
    await cti.send("answer")
    event = (await cti.events(2))[1]
    assert event["eventType"] == "EventEstablished"
    assert event["userData"]["USR_note"] == "vip"
    assert event["userData"]["USR_crm"] == "7"


async def test_attended_transfer(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await sim.incoming_call("jbond", "0467123456")
    await sim.remote_answer("jbond")
    await cti.send("attendedTransfer", destination="1002")
    await cti.send("cancelTransfer")
    await cti.send("attendedTransfer", destination="1002")
    await cti.send("completeTransfer")
    await cti.send("getCurrentCallsPhoneEvents")
    assert await cti.expect("CurrentCallsPhoneEvents") == {"events": []}
    bob_calls = sim.pbx.current_calls("bob")
    assert len(bob_calls) == 1
    assert bob_calls[0]["otherDN"] == "0467123456"


async def test_missed_call_and_history(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.send("getUserCallHistory", size=2)
    seeded = await cti.expect("CallHistory")
    assert len(seeded) == 2
    await sim.missed_call("jbond", "0467123456")
    ringing, released = await cti.events(2)
    assert (ringing["eventType"], released["eventType"]) == ("EventRinging", "EventReleased")
    await cti.send("getUserCallHistory", size=10)
    history = await cti.expect("CallHistory")
    assert len(history) == 4
    assert history[0]["status"] == "missed"
    assert history[0]["srcNum"] == "0467123456"
    assert history[0]["dstUsername"] == "jbond"


# ----------------------------------------------------------------------------- hints, directory


async def test_hints(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.send("subscribeToPhoneHints", phoneNumbers=["1001", "1002", "5555"])
    first = [await cti.expect("PhoneHintStatusEvent") for _ in range(2)]
    assert first == [{"number": "1001", "status": 0}, {"number": "1002", "status": 0}]
    await sim.incoming_call("alice", "0467123456")
    assert await cti.expect("PhoneHintStatusEvent") == {"number": "1001", "status": 8}
    await sim.set_hint("5555", 4)
    assert await cti.expect("PhoneHintStatusEvent") == {"number": "5555", "status": 4}
    await sim.set_phone_status("bob", "BUSY")
    assert await cti.expect("PhoneHintStatusEvent") == {"number": "1002", "status": 2}
    await cti.send("unsubscribeFromAllPhoneHints")
    await sim.wait_for_command("jbond", "unsubscribeFromAllPhoneHints")
    await sim.set_hint("1001", 0)
    await cti.quiet()


async def test_search_contacts(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await sim.incoming_call("alice", "0467123456")
    await cti.send("searchContacts", term="AL")
    result = await cti.expect("DirectoryResult")
    assert result["headers"] == ["Firstname", "Lastname", "Number", "Mobile", "Favorite"]
    assert result["entries"] == [
        {"status": 8, "entry": ["Alice", "Martin", "1001", "0623456789", "false"]}
    ]
    await cti.send("searchContacts", term="0467")
    entries = (await cti.expect("DirectoryResult"))["entries"]
    assert {"status": -2, "entry": ["Pizza", "Roma", "0467123456", "", "false"]} in entries


# ----------------------------------------------------------------------------- control API


async def test_voicemail_and_conference_pushes(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    cti = await connect(http, sim)
    await sim.set_voicemail("jbond", new=2, waiting=1, old=3)
    assert await cti.expect("VoiceMailStatusUpdate") == {
        "voiceMailId": 58,
        "newMessages": 2,
        "waitingMessages": 1,
        "oldMessages": 3,
    }
    await sim.conference_event("jbond", "Join")
    conference = await cti.expect("ConferenceEvent")
    assert conference["conferenceNumber"] == "4000"
    assert conference["participants"][0]["isMe"] is True
    await sim.conference_participant_event("jbond", "Leave", phone_number="1002")
    participant = await cti.expect("ConferenceParticipantEvent")
    assert participant["callerIdName"] == "Bob Durand"
    assert participant["role"] == "User"


async def test_frames_and_wait_for_command(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await cti.send("sendDtmf", key="5")
    first = await sim.wait_for_command("jbond", "sendDtmf")
    assert first["key"] == "5"
    waiter = asyncio.create_task(sim.wait_for_command("jbond", "sendDtmf"))
    await cti.send("sendDtmf", key="6")
    assert (await waiter)["key"] == "6"
    assert [f["key"] for f in sim.frames("jbond")] == ["5", "6"]
    with pytest.raises(TimeoutError):
        await sim.wait_for_command("jbond", "sendDtmf", timeout=0.05)
    sim.clear_frames("jbond")
    assert sim.frames("jbond") == []


async def test_restart_keeps_state(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    port = sim.port
    linked_id = await sim.incoming_call("jbond", "0467123456")
    await cti.send("dnd", state=True)
    await cti.expect("UserConfigUpdate")
    await sim.restart(downtime=0.05)
    assert await cti.until_closed() in CLOSED
    assert sim.port == port

    again = await connect(http, sim)
    await again.send("getCurrentCallsPhoneEvents")
    (event,) = (await again.expect("CurrentCallsPhoneEvents"))["events"]
    assert event["linkedId"] == linked_id
    assert sim.pbx.user("jbond").dnd_enabled is True


async def test_silent_mode(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await sim.set_silent(True)
    await cti.ws.send_json({"claz": "ping"})
    await cti.send("dnd", state=True)
    await sim.incoming_call("jbond", "0467123456")
    await cti.quiet()
    assert sim.pings("jbond") == 1
    assert sim.sessions("jbond") == 1
    await sim.set_silent(False)
    await cti.ws.send_json({"claz": "ping"})
    assert (await cti.next())["msgType"] == "Pong"


async def test_unreachable(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    await sim.set_reachable(False)
    with pytest.raises(aiohttp.ClientConnectionError):
        await login(http, sim)
    await sim.set_reachable(True)
    assert (await login(http, sim)).status == 200


async def test_drop_connections(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    alice = await connect(http, sim, "alice")
    assert await sim.drop_connections("jbond") == 1
    assert await cti.until_closed() in CLOSED
    assert sim.sessions("jbond") == 0
    assert sim.sessions("alice") == 1
    assert await sim.drop_connections() == 1
    assert await alice.until_closed() in CLOSED


async def test_raw_frames_and_flood(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await sim.send_raw("jbond", "{broken")
    assert (await cti.ws.receive(1.0)).data == "{broken"
    await sim.send_frame("jbond", {"msgType": "Mystery", "ctiMessage": {}})
    assert (await cti.next())["msgType"] == "Mystery"
    sent = await sim.flood("jbond", ['{"msgType":"X","ctiMessage":{}}'] * 100)
    assert sent == 100
    for _ in range(100):
        assert (await cti.next())["msgType"] == "X"


async def test_http_control(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    response = await http.post(
        f"{sim.url}/_sim/incoming_call",
        json={"username": "jbond", "caller_number": "1099", "caller_name": "Reception"},
    )
    assert response.status == 200
    linked_id = (await response.json())["result"]
    event = await cti.expect("PhoneEvent")
    assert event["linkedId"] == linked_id
    assert event["otherDName"] == "Reception"

    state = await (await http.get(f"{sim.url}/_sim/state")).json()
    assert state["users"]["jbond"]["phoneStatus"] == "RINGING"
    assert state["users"]["jbond"]["sessions"] == 1

    bad = await http.post(f"{sim.url}/_sim/incoming_call", json={"username": "jbond"})
    assert bad.status == 400
    unknown = await http.post(f"{sim.url}/_sim/set_reachable", json={"reachable": False})
    assert unknown.status == 404
    nobody = await http.post(f"{sim.url}/_sim/set_voicemail", json={"username": "x", "new": 1})
    assert nobody.status == 404

    port = sim.port
    restart = await http.post(f"{sim.url}/_sim/restart", json={"downtime": 0})
    assert restart.status == 200
    assert await cti.until_closed() in CLOSED
    async with asyncio.timeout(1.0):
        while True:
            try:
                if (await login(http, sim)).status == 200:
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.01)
    assert sim.port == port


async def test_demo_scenario_round(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    cti = await connect(http, sim)
    await demo_day(sim, pace=0.0005, rounds=1)
    types: list[str] = []
    with contextlib.suppress(TimeoutError):  # the frames stop coming after one round
        while True:
            types.append((await cti.next(0.05))["msgType"])
    assert "PhoneEvent" in types
    assert "VoiceMailStatusUpdate" in types
    assert sim.pbx.user("jbond").history[0]["status"] == "missed"
    # The queue step: a Sales caller that Alice (made ready) answered, then hung up.
    assert sim.cc.queues[1].entered == 1
    assert sim.pbx.user("alice").history[0]["status"] == "answered"
