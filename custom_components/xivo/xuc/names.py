"""Callers' names from the XiVO directory: matching and a small cache."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
import time
from typing import Final

from .models import Contact

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
