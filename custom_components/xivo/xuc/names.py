"""Callers' names from the XiVO directory: matching, a small cache, and the lookups.

`CallerNames` holds a call event back a short while, so that the caller's name found in the
directory reaches the listeners with the event; it needs no socket, only a search function.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
import logging
import time
from typing import Final, NamedTuple

from .errors import XucError
from .models import CallEvent, CallEventType, Contact, DirectoryResult
from .state import NO_CHANGE, LineState

_LOGGER = logging.getLogger(__name__)

# A call event or a release ends the wait for a caller's name: there is nothing to name.
_ENDS: Final = frozenset({CallEventType.RELEASED, CallEventType.FAILURE})

# Spacing people and directories put inside phone numbers ("01 42 42 42 42", "+33 (0)6.12").
_NUMBER_SPACING: Final = str.maketrans("", "", " .-()/\u00a0\t")


def normalize_number(number: str) -> str:
    """A number without its spacing, for comparing numbers written differently."""
    return number.translate(_NUMBER_SPACING)


def name_for_number(contacts: Iterable[Contact], number: str) -> str | None:
    """The name of the contact with exactly this number (or mobile).

    `None` if there is no such contact, or several with different names: a shared number (a
    switchboard) names nobody.
    """
    wanted = normalize_number(number)
    if not wanted:
        return None
    names = {
        contact.name
        for contact in contacts
        if contact.name
        and wanted in (normalize_number(contact.number), normalize_number(contact.mobile))
    }
    return names.pop() if len(names) == 1 else None


class NameCache:
    """Names found (or not found) per number, bounded in size and age."""

    def __init__(self, size: int = 256, max_age: float = 3600.0) -> None:
        """An empty cache of at most `size` numbers, each kept `max_age` seconds."""
        self._size = size
        self._max_age = max_age
        self._entries: OrderedDict[str, tuple[str | None, float]] = OrderedDict()

    def __len__(self) -> int:
        """How many numbers are cached."""
        return len(self._entries)

    def get(self, number: str) -> tuple[bool, str | None]:
        """(known, name): whether the number was looked up lately, and the name found."""
        entry = self._entries.get(number)
        if entry is None:
            return False, None
        name, stored_at = entry
        if time.monotonic() - stored_at > self._max_age:
            del self._entries[number]
            return False, None
        return True, name

    def put(self, number: str, name: str | None) -> None:
        """Remember the outcome of a lookup (`None`: no one has this number)."""
        self._entries[number] = (name, time.monotonic())
        self._entries.move_to_end(number)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (the directory may have changed while the link was down)."""
        self._entries.clear()


def _named(change: CallEvent, name: str) -> CallEvent:
    """The call event, its call named from the directory."""
    assert change.call is not None
    return replace(change, call=change.call._replace(directory_name=name))


class _Held(NamedTuple):
    """A call event held back, and the number whose name it waits for (none: only its turn)."""

    event: CallEvent
    number: str | None
    deadline: float


class CallerNames:
    """Names callers without a name from the directory, holding their call events meanwhile.

    `emit` hands each call event to `deliver`, after at most `wait` seconds for the name of its
    caller when the server gave none; `on_named` is called when the state took a name. Each
    distinct number gets its own lookup (at most `MAX_LOOKUPS` at a time), so callers ringing
    together are all named. Events go out in the order they came: one that waits for nothing
    waits only for those before it, which each wait at most `wait`.
    """

    MAX_LOOKUPS: Final = 16

    def __init__(
        self,
        state: LineState,
        search: Callable[[str], Awaitable[DirectoryResult]],
        deliver: Callable[[CallEvent], None],
        on_named: Callable[[], None],
        *,
        wait: float,
        enabled: bool = True,
    ) -> None:
        """Look names up with `search`, write them into `state`, hand events to `deliver`."""
        self._state = state
        self._search = search
        self._deliver = deliver
        self._on_named = on_named
        self._wait = wait
        self._enabled = enabled
        self._names = NameCache()
        self._lookups: dict[str, asyncio.Task[None]] = {}
        # Call events held back while callers' names are looked up, in order.
        self._held: deque[_Held] = deque()
        self._held_timer: asyncio.TimerHandle | None = None

    @property
    def cache(self) -> NameCache:
        """The names found lately, per number."""
        return self._names

    def emit(self, changes: Iterable[CallEvent]) -> None:
        """Hand call events on, each after a short wait for its caller's name if it has none."""
        for event in changes:
            change, call, number = event, event.call, None
            if self._enabled and call is not None and call.needs_name:
                known, name = self._names.get(call.other_dn)
                if known:
                    if name is not None:
                        self._state.set_directory_name(call.other_dn, name)
                        change = _named(event, name)
                elif change.event.event_type not in _ENDS and self._start_lookup(call.other_dn):
                    number = call.other_dn
            if number is None and not self._held:
                self._deliver(change)
                continue
            loop = asyncio.get_running_loop()
            self._held.append(_Held(change, number, loop.time() + self._wait))
            if self._held_timer is None:
                self._release_due()

    def look_up(self, changes: Iterable[CallEvent]) -> None:
        """Name the calls found at the first sync, without an event (nothing fired yet)."""
        if not self._enabled:
            return
        for change in changes:
            if change.call is not None and change.call.needs_name:
                self._start_lookup(change.call.other_dn)

    def stop(self) -> None:
        """The link is down: stop the lookups; what was held still goes out, in order."""
        for task in self._lookups.values():
            task.cancel()
        self._lookups.clear()
        self._release_due()

    def _start_lookup(self, number: str) -> bool:
        """Look the number up unless it already is; False when too many lookups run."""
        if number not in self._lookups:
            if len(self._lookups) >= self.MAX_LOOKUPS:
                return False
            self._lookups[number] = asyncio.get_running_loop().create_task(
                self._look_up(number), name="xuc name lookup"
            )
        return True

    async def _look_up(self, number: str) -> None:
        try:
            result = await self._search(number)
        except XucError as err:
            # Not cached: the next call from this number tries again.
            _LOGGER.debug("Directory lookup failed: %s", err)
            name = None
        else:
            name = name_for_number(result.contacts, number)
            self._names.put(number, name)
        finally:
            self._lookups.pop(number, None)
        if name is not None and self._state.set_directory_name(number, name) is not NO_CHANGE:
            self._on_named()
        self._release_due()

    def _release_due(self) -> None:
        """Hand on, in order, the held events whose name came or whose wait is over."""
        if self._held_timer is not None:
            self._held_timer.cancel()
            self._held_timer = None
        now = asyncio.get_running_loop().time()
        while self._held:
            event, number, deadline = self._held[0]
            if number in self._lookups and now < deadline:
                self._held_timer = asyncio.get_running_loop().call_at(deadline, self._release_due)
                return
            self._held.popleft()
            call = event.call
            if call is not None and call.needs_name:
                known, name = self._names.get(call.other_dn)
                if known and name is not None:
                    event = _named(event, name)
            self._deliver(event)
