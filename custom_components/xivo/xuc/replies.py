"""Pairing the server's replies and refusals with what was sent.

XUC's replies and `Error` frames carry no request id, and the server answers in order: each is
taken to answer the oldest command or request still waiting for that kind of answer. A request
that timed out keeps its place for a while, so that its late reply is dropped instead of being
served to the next request of the same kind.
"""

from __future__ import annotations

import asyncio
from collections import deque
import contextlib
from dataclasses import dataclass
import logging
import time
from typing import Any, Final

from .contact_centre import AgentError, AgentStateEvent
from .errors import XucAgentError, XucCommandError, XucNotConnectedError
from .models import CallEventType, Message, PhoneEvent, ServerError, UserConfigUpdate

_LOGGER = logging.getLogger(__name__)

# What shows the server took a command: a call command's first call event, a setting's update.
CALL_ACK: Final[tuple[type[Message], ...]] = (PhoneEvent,)
CONFIG_ACK: Final[tuple[type[Message], ...]] = (UserConfigUpdate,)
# What an `AgentError` can answer.
AGENT_COMMANDS: Final = frozenset({"agentLogin", "agentLogout", "pauseAgent", "unpauseAgent"})


@dataclass(slots=True, eq=False)
class Pending:
    """A command or request sent and not settled yet."""

    command: str
    future: asyncio.Future[Any]
    reply: type[Message] | None = None
    """A request: the type of its reply."""
    acks: tuple[type[Message], ...] = ()
    """A command: the messages that show the server took it."""
    abandoned_at: float | None = None
    """A request that timed out: its reply, if it comes late, is dropped, not handed on."""

    @property
    def live(self) -> bool:
        """Still waiting for its answer."""
        return self.abandoned_at is None and not self.future.done()


class Replies:
    """The commands and requests of one session that wait for an answer, oldest first."""

    def __init__(self, request_timeout: float) -> None:
        """A lost reply's place is kept three request timeouts, then given up."""
        self._forget_after = 3 * request_timeout
        self._waiting: deque[Pending] = deque()

    def __bool__(self) -> bool:
        """Anything waits."""
        return bool(self._waiting)

    def add(
        self, command: str, reply: type[Message] | None = None, acks: tuple[type[Message], ...] = ()
    ) -> Pending:
        """Wait for the answer to `command`: a reply of type `reply`, or one of `acks`."""
        pending = Pending(
            command, asyncio.get_running_loop().create_future(), reply=reply, acks=acks
        )
        self._waiting.append(pending)
        return pending

    def done(self, pending: Pending) -> None:
        """The caller stopped waiting; a timed-out request keeps its place."""
        if pending.abandoned_at is None:
            self._drop(pending)

    def abandon(self, pending: Pending) -> None:
        """The request timed out: drop its reply if it comes late."""
        pending.abandoned_at = time.monotonic()

    def settle(self, message: PhoneEvent | UserConfigUpdate | AgentStateEvent) -> None:
        """Settle the oldest command waiting for such a message: taken, or refused.

        A call event or a config update shows a command was taken; a failed call refuses it.
        """
        failed = isinstance(message, PhoneEvent) and message.event_type is CallEventType.FAILURE
        for pending in self._waiting:
            if pending.live and type(message) in pending.acks:
                if failed:
                    pending.future.set_exception(
                        XucCommandError("EventFailure", "the call failed", pending.command)
                    )
                else:
                    pending.future.set_result(None)
                return

    def refuse(self, message: ServerError) -> bool:
        """Fail the oldest command or request with the server's error; False if none waits."""
        for pending in self._waiting:
            if pending.abandoned_at is not None:
                self._drop(pending)
                _LOGGER.debug("Late refusal of %s dropped", pending.command)
                return True
            if pending.live:
                pending.future.set_exception(
                    XucCommandError(message.code, message.message, pending.command)
                )
                return True
        return False

    def refuse_agent(self, error: AgentError) -> bool:
        """Fail the oldest agent command with the server's `AgentError`; False if none waits."""
        for pending in self._waiting:
            if pending.live and pending.command in AGENT_COMMANDS:
                pending.future.set_exception(
                    XucAgentError(
                        error.error, pending.command, error.phone_number, error.requested_number
                    )
                )
                return True
        return False

    def resolve(self, message: Message) -> None:
        """Hand a reply to the oldest request waiting for its type."""
        expired = time.monotonic() - self._forget_after
        for pending in [p for p in self._waiting if p.abandoned_at is not None]:
            if pending.abandoned_at is not None and pending.abandoned_at < expired:
                # Its reply never came; do not let it swallow another's.
                self._drop(pending)
        for pending in self._waiting:
            if pending.reply is not type(message):
                continue
            if pending.abandoned_at is not None:
                self._drop(pending)
                _LOGGER.debug("Late reply to %s dropped", pending.command)
                return
            # A request answered stays listed until its caller resumes: a burst of replies
            # (several directory lookups at once) passes it by.
            if not pending.future.done():
                pending.future.set_result(message)
                return

    def fail_all(self, reason: str) -> None:
        """The link is gone: everything still waiting fails; the next session starts clean."""
        while self._waiting:
            pending = self._waiting.popleft()
            if not pending.future.done():
                pending.future.set_exception(XucNotConnectedError(reason))

    def _drop(self, pending: Pending) -> None:
        with contextlib.suppress(ValueError):
            self._waiting.remove(pending)
