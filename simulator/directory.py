"""The simulated XiVO directory: users and contacts, found by name or by number."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
import re
from typing import Any

from .users import SimContact, SimUser

# What people put between digits when they write a number: "01 42 42 42 42", "04.67-55".
_NUMBER_PUNCTUATION = re.compile(r"[\s.\-()/]")

# DirectoryResult columns (protocol §3.7), in the order of each entry's values.
HEADERS = ["Firstname", "Lastname", "Number", "Mobile", "Favorite"]
# A directory entry that is not a XiVO user has no phone status.
NO_PHONE_STATUS = -2


def digits_of(number: str) -> str:
    """The number as it is dialled: punctuation and spaces removed."""
    return _NUMBER_PUNCTUATION.sub("", number)


def _matches(term: str, names: Iterable[str], numbers: Iterable[str]) -> bool:
    """Name fields contain the term (any case), or number fields contain its digits.

    Numbers are compared without their punctuation on both sides, so "0142" and "01 42"
    both find "01 42 42 42 42"; names are compared as written.
    """
    needle = term.casefold()
    if any(needle in name.casefold() for name in names):
        return True
    dialled = digits_of(term)
    return bool(dialled) and any(dialled in digits_of(number) for number in numbers if number)


class Directory:
    """Who is who: the PBX's users (with their lines) and the contacts of the directory."""

    def __init__(self, users: Mapping[str, SimUser], contacts: Iterable[SimContact]) -> None:
        self._users = users
        self.contacts: list[SimContact] = list(contacts)

    def user_by_number(self, number: str) -> SimUser | None:
        """The user whose line has that number (only lines: a mobile is outside the PBX)."""
        return next((u for u in self._users.values() if u.number and u.number == number), None)

    def caller_id_name(self, number: str) -> str:
        """The name the PBX itself puts on a call: its users' names, nothing for outsiders.

        A real XiVO gets no name from most trunks; finding one in the directory is the
        client's job, which is what tests of caller-name lookup need.
        """
        user = self.user_by_number(number)
        return user.full_name if user is not None else ""

    def contact_by_number(self, number: str) -> SimContact | None:
        dialled = digits_of(number)
        if not dialled:
            return None
        return next(
            (
                contact
                for contact in self.contacts
                if dialled in (digits_of(contact.number), digits_of(contact.mobile))
            ),
            None,
        )

    def party(self, number: str, username: str | None) -> tuple[str, str, str]:
        """(username, first name, last name) of a call's far end, for history records."""
        user = self._users.get(username) if username else self.user_by_number(number)
        if user is not None:
            return (user.username, user.first_name, user.last_name)
        if (contact := self.contact_by_number(number)) is not None:
            return ("", contact.first_name, contact.last_name)
        return ("", "", "")

    def search(self, term: str, status_of: Callable[[SimUser], int]) -> list[dict[str, Any]]:
        """DirectoryResult entries (users first, then contacts) matching the term."""
        entries: list[dict[str, Any]] = []
        for user in self._users.values():
            names = (user.first_name, user.last_name, user.full_name)
            if _matches(term, names, (user.number or "", user.mobile_number)):
                entries.append(
                    {
                        "status": status_of(user) if user.number else NO_PHONE_STATUS,
                        "entry": [
                            user.first_name,
                            user.last_name,
                            user.number or "",
                            user.mobile_number,
                            "false",
                        ],
                    }
                )
        for contact in self.contacts:
            names = (contact.first_name, contact.last_name, contact.full_name)
            if _matches(term, names, (contact.number, contact.mobile)):
                entries.append(
                    {
                        "status": NO_PHONE_STATUS,
                        "entry": [
                            contact.first_name,
                            contact.last_name,
                            contact.number,
                            contact.mobile,
                            "false",
                        ],
                    }
                )
        return entries
