"""Server misbehaviour tests ask for: refused commands, late replies, a stuck websocket upgrade.

The settings live here; the server consults them where a real XUC would fail or lag.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
import math
from typing import Any

# The requests whose late reply a client must survive (each has its own reply frame).
REQUESTS = frozenset(
    {
        "searchContacts",
        "directoryLookUp",
        "getUserCallHistory",
        "getUserCallHistoryByDays",
        "getCurrentCallsPhoneEvents",
    }
)


@dataclass
class Refusal:
    """The next `count` matching commands get this Error frame instead of being executed."""

    count: int
    code: str
    message: str
    command: str | None = None
    username: str | None = None

    def matches(self, username: str, command: str) -> bool:
        return (
            self.count > 0 and self.command in (None, command) and self.username in (None, username)
        )


def _seconds(seconds: float, forever: bool) -> float:
    if seconds < 0:
        raise ValueError("seconds must be >= 0")
    return math.inf if forever else float(seconds)


@dataclass
class Faults:
    """The misbehaviour asked for so far (none at first)."""

    refusal: Refusal | None = None
    reply_delay: float = 0.0  # math.inf: never
    delayed_commands: frozenset[str] = REQUESTS
    upgrade_delay: float = 0.0  # math.inf: never
    # The next this many CTI sessions are closed right after LoggedOn.
    sessions_to_close: int = 0
    # Set whenever the upgrade delay changes, to wake the upgrades waiting for "never".
    _upgrade_changed: asyncio.Event = field(default_factory=asyncio.Event, init=False, repr=False)

    def refuse(
        self,
        count: int,
        code: str,
        message: str,
        command: str | None,
        username: str | None,
    ) -> None:
        if count < 0:
            raise ValueError("count must be >= 0")
        self.refusal = Refusal(count, code, message, command, username) if count else None

    def take_refusal(self, username: str, command: str) -> Refusal | None:
        """The refusal this command gets, if any (and one fewer left to give)."""
        refusal = self.refusal
        if refusal is None or not refusal.matches(username, command):
            return None
        refusal.count -= 1
        if refusal.count == 0:
            self.refusal = None
        return refusal

    def delay_replies(self, seconds: float, forever: bool, commands: list[str] | None) -> None:
        if commands is not None and (
            not isinstance(commands, list) or not all(isinstance(c, str) for c in commands)
        ):
            raise ValueError("commands must be a list of command names")
        self.reply_delay = _seconds(seconds, forever)
        self.delayed_commands = REQUESTS if commands is None else frozenset(commands)

    def reply_delay_for(self, command: str) -> float:
        return self.reply_delay if command in self.delayed_commands else 0.0

    def delay_upgrade(self, seconds: float, forever: bool) -> None:
        self.upgrade_delay = _seconds(seconds, forever)
        self._upgrade_changed.set()
        self._upgrade_changed = asyncio.Event()

    async def hold_upgrade(self) -> None:
        """Wait as long as the upgrade delay says; "never" lasts until it is changed."""
        while self.upgrade_delay == math.inf:
            await self._upgrade_changed.wait()
        if self.upgrade_delay > 0:
            await asyncio.sleep(self.upgrade_delay)

    def close_sessions(self, count: int) -> None:
        if count < 0:
            raise ValueError("count must be >= 0")
        self.sessions_to_close = count

    def take_session_close(self) -> bool:
        """Whether this new session is to be closed after LoggedOn (one fewer left)."""
        if self.sessions_to_close <= 0:
            return False
        self.sessions_to_close -= 1
        return True

    def state(self) -> dict[str, Any]:
        """For GET /_sim/state (JSON has no infinity: "never" is null)."""

        def seconds(value: float) -> float | None:
            return None if value == math.inf else value

        refusal = self.refusal
        return {
            "refusal": None
            if refusal is None
            else {
                "count": refusal.count,
                "code": refusal.code,
                "message": refusal.message,
                "command": refusal.command,
                "username": refusal.username,
            },
            "reply_delay": seconds(self.reply_delay),
            "delayed_commands": sorted(self.delayed_commands),
            "upgrade_delay": seconds(self.upgrade_delay),
            "sessions_to_close": self.sessions_to_close,
        }
