"""The demo directory, searchContacts' matching, and calls that come without a name."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from simulator import XucSimulator
from tests.simulator.cti_client import Cti, connect


async def search(cti: Cti, term: str) -> list[list[str]]:
    await cti.send("searchContacts", term=term)
    result: dict[str, Any] = await cti.expect("DirectoryResult")
    return [entry["entry"] for entry in result["entries"]]


def names(entries: list[list[str]]) -> list[str]:
    return [f"{first} {last}".strip() for first, last, *_ in entries]


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("mar", ["Alice Martin", "Marc Dupont"]),  # two people: an ambiguous name
        ("Q Branch", ["Q Branch"]),
        ("moneypenny", ["Moneypenny"]),
        ("0612345678", ["Q Branch"]),  # jbond's mobile is another number
        ("0142424242", ["Moneypenny"]),  # stored as "01 42 42 42 42"
        ("01 42 42", ["Moneypenny"]),
        ("0142", ["Moneypenny"]),
        ("0467551234", ["Marc Dupont"]),  # stored as "04.67.55.12.34"
        ("0671234567", ["Marc Dupont"]),  # a mobile stored as "06-71-23-45-67"
        ("0499887766", []),  # a caller in no directory entry
        ("nobody", []),
    ],
)
async def test_search_by_name_or_number(
    sim: XucSimulator, http: aiohttp.ClientSession, term: str, found: list[str]
) -> None:
    cti = await connect(http, sim)
    assert names(await search(cti, term)) == found


async def test_formatted_numbers_are_returned_as_stored(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    """The client, not the server, normalises: the entry keeps its spaces."""
    cti = await connect(http, sim)
    assert await search(cti, "0142424242") == [["", "Moneypenny", "01 42 42 42 42", "", "false"]]


async def test_a_caller_without_a_name(sim: XucSimulator, http: aiohttp.ClientSession) -> None:
    """An outside caller carries only what the trunk gave: no name, even for a known number."""
    cti = await connect(http, sim)
    for number in ("0467123456", "0142424242"):  # Pizza Roma, Moneypenny
        await sim.incoming_call("jbond", number)
        ringing = await cti.expect("PhoneEvent")
        assert (ringing["otherDN"], ringing["otherDName"]) == (number, "")

    response = await http.post(
        f"{sim.url}/_sim/incoming_call", json={"username": "jbond", "caller_number": "0499887766"}
    )
    assert response.status == 200
    assert (await cti.expect("PhoneEvent"))["otherDName"] == ""

    await http.post(
        f"{sim.url}/_sim/incoming_call",
        json={"username": "jbond", "caller_number": "0499887766", "caller_name": None},
    )
    assert (await cti.expect("PhoneEvent"))["otherDName"] == ""

    await sim.incoming_call("jbond", "0612345678", "Q Branch")
    assert (await cti.expect("PhoneEvent"))["otherDName"] == "Q Branch"


async def test_a_colleague_calls_with_the_name_the_pbx_knows(
    sim: XucSimulator, http: aiohttp.ClientSession
) -> None:
    cti = await connect(http, sim)
    await sim.incoming_call("jbond", "1002")
    assert (await cti.expect("PhoneEvent"))["otherDName"] == "Bob Durand"


async def test_history_names_a_directory_caller(sim: XucSimulator) -> None:
    """Call history does show directory names, formatted number or not."""
    await sim.missed_call("jbond", "0142424242")
    record = sim.pbx.user("jbond").history[0]
    assert (record["srcNum"], record["srcLastName"]) == ("0142424242", "Moneypenny")
