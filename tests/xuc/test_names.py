"""CallerNames without a socket: a real LineState, a directory that answers after a delay."""

from __future__ import annotations

import asyncio
from typing import Any

from freezegun.api import FrozenDateTimeFactory

from custom_components.xivo.xuc import (
    CallEvent,
    CallEventType,
    Contact,
    DirectoryResult,
    LineState,
    PhoneEvent,
    XucTimeoutError,
)
from custom_components.xivo.xuc.names import CallerNames, NameCache, name_for_number

R = CallEventType.RINGING
E = CallEventType.ESTABLISHED
X = CallEventType.RELEASED
WAIT = 0.2
CONTACTS = (
    Contact("Moneypenny", number="01 42 42 42 42"),
    Contact("Q", number="0600000001"),
    Contact("M", mobile="0600000002"),
)


class Directory:
    """Answers searches after `delay` seconds (or fails), and records the terms asked."""

    def __init__(
        self, delay: float = 0.0, *, fails: bool = False, delays: dict[str, float] | None = None
    ) -> None:
        self.delay = delay
        self.fails = fails
        self.delays = delays or {}
        self.terms: list[str] = []

    async def search(self, term: str) -> DirectoryResult:
        self.terms.append(term)
        await asyncio.sleep(self.delays.get(term, self.delay))
        if self.fails:
            raise XucTimeoutError("no reply to searchContacts")
        return DirectoryResult(headers=("Name",), contacts=CONTACTS)


class Line:
    """A LineState, the CallerNames in front of it, and what listeners were handed."""

    def __init__(self, directory: Directory, *, enabled: bool = True) -> None:
        self.state = LineState()
        self.delivered: list[CallEvent] = []
        self.arrived: dict[tuple[str, str], float] = {}
        self.waited: dict[tuple[str, str], float] = {}
        self.named = 0
        self.names = CallerNames(
            self.state,
            directory.search,
            self._deliver,
            self._on_named,
            wait=WAIT,
            enabled=enabled,
        )

    def _deliver(self, event: CallEvent) -> None:
        key = (event.event.event_type.value, event.event.linked_id)
        self.waited[key] = asyncio.get_running_loop().time() - self.arrived[key]
        self.delivered.append(event)

    def _on_named(self) -> None:
        self.named += 1

    def event(self, event_type: CallEventType, number: str, linked_id: str, **fields: Any) -> None:
        self.arrived[event_type.value, linked_id] = asyncio.get_running_loop().time()
        change = self.state.apply(
            PhoneEvent(
                event_type=event_type,
                dn="1000",
                other_dn=number,
                linked_id=linked_id,
                unique_id=linked_id,
                call_direction="Incoming",
                **fields,
            )
        )
        self.names.emit(change.calls)

    def seen(self) -> list[tuple[str, str, str | None]]:
        return [
            (e.event.event_type.value, e.event.linked_id, e.call.other_name if e.call else None)
            for e in self.delivered
        ]


async def settle(directory: Directory) -> None:
    await asyncio.sleep(directory.delay + 0.02)


def test_a_number_is_matched_without_its_spacing() -> None:
    assert name_for_number(CONTACTS, "0142424242") == "Moneypenny"
    assert name_for_number(CONTACTS, "0600000002") == "M"
    assert name_for_number(CONTACTS, "0999") is None


async def test_a_nameless_caller_is_held_until_the_directory_names_it() -> None:
    directory = Directory(0.05)
    line = Line(directory)
    line.event(R, "0142424242", "A")
    assert line.delivered == []
    await settle(directory)
    assert line.seen() == [("ringing", "A", "Moneypenny")]
    assert line.state.calls["A"].other_name == "Moneypenny"
    assert line.named == 1
    assert directory.terms == ["0142424242"]


async def test_a_known_number_is_named_at_once_from_the_cache() -> None:
    directory = Directory()
    line = Line(directory)
    line.event(R, "0142424242", "A")
    await settle(directory)
    line.event(X, "0142424242", "A")
    line.event(R, "0142424242", "B")
    assert line.seen()[-1] == ("ringing", "B", "Moneypenny")
    assert directory.terms == ["0142424242"]


async def test_a_slow_directory_lets_the_event_go_after_the_wait() -> None:
    directory = Directory(WAIT * 2)
    line = Line(directory)
    line.event(R, "0142424242", "A")
    await asyncio.sleep(WAIT + 0.05)
    assert line.seen() == [("ringing", "A", None)]
    await settle(directory)
    # The name arrives later, on the line's state.
    assert line.state.calls["A"].other_name == "Moneypenny"
    assert line.named == 1


async def test_a_failed_lookup_is_not_remembered() -> None:
    directory = Directory(fails=True)
    line = Line(directory)
    line.event(R, "0142424242", "A")
    await settle(directory)
    assert line.seen() == [("ringing", "A", None)]
    line.event(X, "0142424242", "A")
    line.event(R, "0142424242", "B")
    await settle(directory)
    assert directory.terms == ["0142424242", "0142424242"]
    assert len(line.names.cache) == 0


async def test_lookups_turned_off_ask_nothing() -> None:
    directory = Directory()
    line = Line(directory, enabled=False)
    line.event(R, "0142424242", "A")
    line.names.look_up([])
    assert line.seen() == [("ringing", "A", None)]
    assert directory.terms == []


async def test_calls_found_at_the_sync_are_named_without_an_event() -> None:
    directory = Directory()
    line = Line(directory)
    change = line.state.apply(
        PhoneEvent(E, dn="1000", other_dn="0600000001", linked_id="A", unique_id="A")
    )
    line.names.look_up(change.calls)
    await settle(directory)
    assert line.delivered == []
    assert line.state.calls["A"].other_name == "Q"


async def test_stopping_hands_on_what_was_held_in_order() -> None:
    directory = Directory(10)
    line = Line(directory)
    line.event(R, "0142424242", "A")
    line.event(E, "0142424242", "A")
    assert line.delivered == []
    line.names.stop()
    assert line.seen() == [("ringing", "A", None), ("established", "A", None)]
    await asyncio.sleep(0)
    assert line.named == 0


async def test_callers_ringing_together_are_each_looked_up_and_named() -> None:
    """A reception desk: three nameless callers at once, a directory answering in 50 ms."""
    directory = Directory(0.05)
    line = Line(directory)
    line.event(R, "0142424242", "A")
    line.event(R, "0600000001", "B")
    line.event(R, "0600000002", "C")
    await settle(directory)
    assert sorted(directory.terms) == ["0142424242", "0600000001", "0600000002"]
    assert line.seen() == [
        ("ringing", "A", "Moneypenny"),
        ("ringing", "B", "Q"),
        ("ringing", "C", "M"),
    ]
    assert {linked_id: call.other_name for linked_id, call in line.state.calls.items()} == {
        "A": "Moneypenny",
        "B": "Q",
        "C": "M",
    }
    assert max(line.waited.values()) < WAIT


async def test_each_event_waits_at_most_the_wait_for_its_own_name() -> None:
    """A's directory never answers in time, B's does: B is named, neither waits too long,
    and the events keep their order."""
    directory = Directory(delays={"0142424242": 10, "0600000001": 0.05})
    line = Line(directory)
    line.event(R, "0142424242", "A")
    await asyncio.sleep(WAIT / 2)
    line.event(R, "0600000001", "B")
    line.event(E, "0600000001", "B")
    await asyncio.sleep(WAIT + 0.05)
    assert line.seen() == [
        ("ringing", "A", None),
        ("ringing", "B", "Q"),
        ("established", "B", "Q"),
    ]
    assert all(waited <= WAIT + 0.03 for waited in line.waited.values()), line.waited
    assert sorted(directory.terms) == ["0142424242", "0600000001"]
    line.names.stop()


async def test_lookups_are_bounded_and_each_number_asked_once() -> None:
    directory = Directory(0.05)
    line = Line(directory)
    count = CallerNames.MAX_LOOKUPS + 4
    for index in range(count):
        line.event(R, f"07{index:08d}", f"L{index}")
        line.event(R, f"07{index:08d}", f"M{index}")
    await settle(directory)
    assert len(directory.terms) == CallerNames.MAX_LOOKUPS
    assert len(set(directory.terms)) == CallerNames.MAX_LOOKUPS
    assert len(line.delivered) == 2 * count


def test_the_cache_is_bounded_in_size_and_age(freezer: FrozenDateTimeFactory) -> None:
    cache = NameCache(size=2, max_age=60)
    cache.put("1", "One")
    cache.put("2", None)
    cache.put("3", "Three")
    assert (cache.get("1"), cache.get("2"), cache.get("3")) == (
        (False, None),
        (True, None),
        (True, "Three"),
    )
    freezer.tick(61)
    assert cache.get("3") == (False, None)
    assert len(cache) == 1
    assert name_for_number(CONTACTS, " - ") is None
