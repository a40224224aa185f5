"""Commands the server refuses, and the late or missing answers a client must survive."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from simulator import XucSimulator
from tests.simulator.cti_client import API, connect, login, token_of

# ----------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        ("dial", {"destination": "1000"}),
        ("dialFromMobile", {"destination": "1000"}),
        ("originate", {"destination": "1000"}),
        ("dialByUsername", {"username": "jbond"}),
        ("answer", {}),
        ("directTransfer", {"destination": "1000"}),
    ],
)
async def test_a_user_without_a_line_cannot_call(
    sim: XucSimulator, http: aiohttp.ClientSession, command: str, arguments: dict[str, str]
) -> None:
    noline = await connect(http, sim, "noline")
    await noline.send("getConfig", objectType="line")
    assert (await noline.expect("LineConfig"))["id"] == "-"
    await noline.send(command, **arguments)
    error = await noline.expect("Error")
    assert error["Error"] == "NoLine"
    assert "noline" in error["message"]
    assert all(sim.pbx.current_calls(name) == [] for name in sim.pbx.users)


async def test_dial_from_mobile_needs_a_mobile(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    bob = await connect(http, sim, "bob")  # a line, no mobile number
    await bob.send("dialFromMobile", destination="1000")
    assert (await bob.expect("Error"))["Error"] == "NoMobileNumber"
    jbond = await connect(http, sim)
    await jbond.send("dialFromMobile", destination="1002")
    assert (await jbond.expect("PhoneEvent"))["eventType"] == "EventDialing"


async def test_dial_by_username_of_nobody(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    jbond = await connect(http, sim)
    await jbond.send("dialByUsername", username="nobody")
    error = await jbond.expect("Error")
    assert error == {"Error": "UserNotFound", "message": "no user with that username"}
    await jbond.send("dialByUsername", username="carol")
    assert (await jbond.expect("Error"))["Error"] == "NoLine"


async def test_a_number_that_does_not_exist_fails(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await connect(http, sim)
    await jbond.send("dial", destination="9990001")
    failure = await jbond.expect("PhoneEvent")
    assert (failure["eventType"], failure["otherDN"], failure["DN"]) == (
        "EventFailure",
        "9990001",
        "1000",
    )
    await jbond.quiet()


async def test_refuse_the_next_command(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    jbond = await connect(http, sim)
    await sim.refuse_commands(code="ServiceUnavailable", message="try later")
    await jbond.send("dnd", state=True)
    assert await jbond.expect("Error") == {"Error": "ServiceUnavailable", "message": "try later"}
    assert sim.pbx.user("jbond").dnd_enabled is False
    assert sim.frames("jbond")[-1]["command"] == "dnd"  # received, not carried out
    await jbond.send("dnd", state=True)
    assert (await jbond.expect("UserConfigUpdate"))["dndEnabled"] is True


async def test_refuse_one_command_of_one_user(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await connect(http, sim)
    alice = await connect(http, sim, "alice")
    await sim.refuse_commands(count=2, command="dial", username="jbond")
    await alice.send("dial", destination="1002")
    assert (await alice.expect("PhoneEvent"))["eventType"] == "EventDialing"
    await jbond.ws.send_json({"claz": "ping"})
    assert (await jbond.next())["msgType"] == "Pong"  # pings are never refused
    await jbond.send("searchContacts", term="bob")
    await jbond.expect("DirectoryResult")
    for _ in range(2):
        await jbond.send("dial", destination="1002")
        assert (await jbond.expect("Error"))["Error"] == "CommandRefused"
    await jbond.send("dial", destination="1002")
    assert (await jbond.expect("PhoneEvent"))["eventType"] == "EventDialing"


async def test_refusals_over_http(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    jbond = await connect(http, sim)
    response = await http.post(
        f"{sim.url}/_sim/refuse_commands", json={"code": "Forbidden", "command": "hangup"}
    )
    assert response.status == 200
    state = await (await http.get(f"{sim.url}/_sim/state")).json()
    assert state["faults"]["refusal"]["code"] == "Forbidden"
    await jbond.send("hangup")
    assert (await jbond.expect("Error"))["Error"] == "Forbidden"
    # count 0 cancels
    await http.post(f"{sim.url}/_sim/refuse_commands", json={"count": 0})
    await jbond.send("frobnicate")
    assert (await jbond.expect("Error"))["Error"] == "UnknownCommand"
    bad = await http.post(f"{sim.url}/_sim/refuse_commands", json={"count": -1})
    assert bad.status == 400
    nobody = await http.post(f"{sim.url}/_sim/refuse_commands", json={"username": "x"})
    assert nobody.status == 404


# ----------------------------------------------------------------------------- late replies


async def test_delayed_replies(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    """searchContacts answers 0.2 s late; the dnd sent after it is answered first."""
    jbond = await connect(http, sim)
    await sim.delay_replies(0.2)
    started = time.monotonic()
    await jbond.send("searchContacts", term="bob")
    await jbond.send("dnd", state=True)
    assert (await jbond.next())["msgType"] == "UserConfigUpdate"
    assert (await jbond.next())["msgType"] == "DirectoryResult"
    assert time.monotonic() - started >= 0.2
    for command in ("getUserCallHistory", "getCurrentCallsPhoneEvents"):
        await jbond.send(command)
        await jbond.quiet(0.1)
        assert (await jbond.next(0.5))["msgType"] in ("CallHistory", "CurrentCallsPhoneEvents")

    await sim.delay_replies(0)
    await jbond.send("searchContacts", term="bob")
    assert (await jbond.next(0.1))["msgType"] == "DirectoryResult"


async def test_replies_that_never_come(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    jbond = await connect(http, sim)
    response = await http.post(
        f"{sim.url}/_sim/delay_replies", json={"forever": True, "commands": ["getConfig"]}
    )
    assert response.status == 200
    await jbond.send("getConfig", objectType="line")
    await jbond.send("searchContacts", term="bob")  # not in the list: on time
    assert (await jbond.next())["msgType"] == "DirectoryResult"
    await jbond.quiet(0.2)
    assert [frame["command"] for frame in sim.frames("jbond")] == ["getConfig", "searchContacts"]
    state = await (await http.get(f"{sim.url}/_sim/state")).json()
    assert state["faults"]["reply_delay"] is None  # never
    assert state["faults"]["delayed_commands"] == ["getConfig"]
    bad = await http.post(f"{sim.url}/_sim/delay_replies", json={"commands": "getConfig"})
    assert bad.status == 400
    negative = await http.post(f"{sim.url}/_sim/delay_upgrade", json={"seconds": -1})
    assert negative.status == 400


async def test_a_late_reply_to_a_closed_session_goes_nowhere(
    socket_enabled: None, http: aiohttp.ClientSession
) -> None:
    async with XucSimulator() as sim:
        jbond = await connect(http, sim)
        await sim.delay_replies(0.05)
        await jbond.send("getUserCallHistory", size=1)
        await sim.wait_for_command("jbond", "getUserCallHistory")
        await jbond.ws.close()
        await asyncio.sleep(0.1)


# ----------------------------------------------------------------------------- upgrade


async def test_an_upgrade_that_never_answers(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    await sim.delay_upgrade(forever=True)
    token = await token_of(http, sim)  # login still answers
    check = await http.get(
        f"{sim.url}{API}/auth/check", headers={"Authorization": f"Bearer {token}"}
    )
    assert check.status == 200
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.2):
            await http.ws_connect(f"{sim.url}{API}/cti?token={token}")
    assert sim.sessions("jbond") == 0

    await sim.delay_upgrade(0)
    ws = await http.ws_connect(f"{sim.url}{API}/cti?token={token}")
    assert (await ws.receive_json(timeout=1.0))["msgType"] == "LoggedOn"
    await ws.close()


async def test_a_held_upgrade_goes_through_when_released(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    response = await http.post(f"{sim.url}/_sim/delay_upgrade", json={"forever": True})
    assert response.status == 200
    token = await token_of(http, sim)
    pending = asyncio.create_task(http.ws_connect(f"{sim.url}{API}/cti?token={token}"))
    await asyncio.sleep(0.1)
    assert not pending.done()
    await http.post(f"{sim.url}/_sim/delay_upgrade", json={"seconds": 0})
    ws = await asyncio.wait_for(pending, 1.0)
    assert (await ws.receive_json(timeout=1.0))["msgType"] == "LoggedOn"
    await ws.close()


async def test_a_slow_upgrade(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    await sim.delay_upgrade(0.2)
    assert (await login(http, sim)).status == 200
    started = time.monotonic()
    await connect(http, sim)
    assert time.monotonic() - started >= 0.2


async def test_stop_with_an_upgrade_held(socket_enabled: None) -> None:
    """Stopping does not wait for the held request (aiohttp would give it a second)."""
    async with aiohttp.ClientSession() as http:
        sim = XucSimulator()
        await sim.start()
        await sim.delay_upgrade(forever=True)
        token = await token_of(http, sim)
        pending = asyncio.create_task(http.ws_connect(f"{sim.url}{API}/cti?token={token}"))
        await asyncio.sleep(0.05)
        started = time.monotonic()
        await sim.stop()
        assert time.monotonic() - started < 0.9  # aiohttp alone would wait its 1 s
        with pytest.raises(aiohttp.ClientError):
            await pending
