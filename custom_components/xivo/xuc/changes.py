"""What a message changed in the line state: the parts listeners subscribe to."""

from __future__ import annotations

from enum import StrEnum
from typing import Final, NamedTuple

from .models import CallEvent


class UpdateKind(StrEnum):
    """What part of the line state changed; listeners subscribe to the parts they show."""

    CONNECTION = "connection"
    PHONE_STATUS = "phone_status"
    USER_CONFIG = "user_config"
    CALLS = "calls"
    VOICEMAIL = "voicemail"
    HINT = "hint"
    LINE_CONFIG = "line_config"
    AGENT = "agent"
    """The user's own agent: its state, its number."""
    QUEUES = "queues"
    """Which queues there are, their names, and who is a member of which."""
    QUEUE = "queue"
    """One queue's counters or waiting calls (keyed by the queue id, as text)."""
    STATUSES = "statuses"
    """The statuses (pause reasons) the user may choose, and the user's own status."""


KEYED_KINDS: Final = frozenset({UpdateKind.HINT, UpdateKind.QUEUE})
"""The kinds whose listeners hear only about one key (a number, a queue)."""


class StateChange(NamedTuple):
    """What one message changed: the part of the state (if any) and the call events it made.

    A named tuple: one is made for every frame, and a tuple is the cheapest immutable record.
    """

    kind: UpdateKind | None = None
    key: str | None = None
    """For `HINT`, the number whose status changed; for `QUEUE`, the queue id."""
    calls: tuple[CallEvent, ...] = ()


NO_CHANGE: Final = StateChange()
CHANGED: Final = {kind: StateChange(kind) for kind in UpdateKind}
"""One change object per unkeyed kind, made once."""
