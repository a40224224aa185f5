"""What the client sends for the contact centre: the user's own agent, and the queue feeds.

The agent commands carry no agent id, as XiVO's own agent application sends them: the server
applies them to the connected user's agent, so they can never act on someone else's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
import contextlib
import logging
from typing import Final

from . import commands
from .commands import Frame
from .contact_centre import AgentError, AgentStateEvent
from .errors import XucCommandError, XucNotAnAgentError, XucNotConnectedError
from .models import Message
from .outbound import Outbound
from .state import LineState

_LOGGER = logging.getLogger(__name__)

# The user's own agent's next state shows an agent command was taken.
AGENT_ACK: Final[tuple[type[Message], ...]] = (AgentStateEvent,)


def agent_frames() -> list[Frame]:
    """What the user's agent needs: its number, its state now, and its state's changes."""
    return [
        commands.get_list("agent"),
        commands.get_agent_states(),
        commands.subscribe_to_agent_events(),
    ]


class ContactCentreOutbound(Outbound):
    """The contact-centre commands of `XucClient`.

    The agent commands raise `XucNotAnAgentError` for a user who is not an agent,
    `XucAgentError` when the server answers with an `AgentError`, and what every command raises.
    """

    # Kept by the client.
    state: LineState
    _username: str
    # Whether this session has asked for the agent's state: a first session may learn that the
    # user is an agent only from the UserConfigUpdate that follows LoggedOn.
    _agent_asked: bool = False
    _agent_task: asyncio.Task[None] | None = None

    def _session_frames(self) -> list[Frame]:
        """What a fresh session asks for: the queues' feeds, and what the user's agent needs.

        Subscriptions belong to one websocket: every session asks again
        (XUC_CONTACT_CENTRE.md §7).
        """
        contact_centre = self.state.contact_centre
        self._agent_asked = False
        return [
            commands.get_list("queue"),
            commands.get_list("queuemember"),
            commands.subscribe_to_queue_stats(),
            *self._agent_frames_due(),
            *map(commands.subscribe_to_queue_calls, sorted(contact_centre.watched_queues)),
        ]

    def _agent_frames_due(self) -> list[Frame]:
        """The agent's frames when the user is an agent and this session has not asked yet."""
        if self._agent_asked or not self.state.contact_centre.is_agent:
            return []
        self._agent_asked = True
        return agent_frames()

    def _ask_agent_soon(self) -> None:
        """The user became an agent while connected: ask for what its agent needs, once."""
        if self._connected and (frames := self._agent_frames_due()):
            self._agent_task = asyncio.get_running_loop().create_task(
                self._send_quietly(frames), name="xuc agent"
            )

    async def _send_quietly(self, frames: list[Frame]) -> None:
        # A link lost meanwhile: the next session asks again.
        with contextlib.suppress(XucNotConnectedError):
            for frame in frames:
                await self.send(frame)

    def _stop_agent_task(self) -> None:
        if self._agent_task is not None:
            self._agent_task.cancel()
            self._agent_task = None

    def _refuse_agent(self, error: AgentError) -> None:
        if not self._replies.refuse_agent(error):
            # An agent command nobody waits for any more was refused: say so, it is rare.
            _LOGGER.warning(
                "The XUC server refused an agent command of %s: %s", self._username, error.error
            )

    def _check_agent(self) -> None:
        if not self.state.contact_centre.is_agent:
            raise XucNotAnAgentError(f"{self._username} is not a contact-centre agent")

    async def agent_login(self, phone_number: str | None = None) -> None:
        """Log the user's agent in on a line (by default the user's own).

        Returns once the agent's state shows it (or when no refusal came in time).
        """
        self._check_agent()
        if phone_number is None:
            line = self.state.line
            if line is None or not line.has_line or not line.number:
                raise XucCommandError("NoLine", "the user has no line to log on", "agentLogin")
            phone_number = line.number
        await self._command(commands.agent_login(phone_number), AGENT_ACK)

    async def agent_logout(self) -> None:
        """Log the user's agent out."""
        self._check_agent()
        await self._command(commands.agent_logout(), AGENT_ACK)

    async def agent_pause(self, reason: str | None = None) -> None:
        """Pause the user's agent, with a reason (a status name) when given."""
        self._check_agent()
        await self._command(commands.pause_agent(reason), AGENT_ACK)

    async def agent_unpause(self) -> None:
        """Make the user's agent ready again."""
        self._check_agent()
        await self._command(commands.unpause_agent(), AGENT_ACK)

    async def set_user_status(self, status: str) -> None:
        """Set the user's status by name (a pausing one pauses the agent with that reason)."""
        await self._command(commands.user_status_update(status))

    @property
    def watched_queues(self) -> frozenset[int]:
        """The queues whose waiting calls the client follows."""
        return self.state.contact_centre.watched_queues

    async def watch_queues(self, queue_ids: Iterable[int]) -> None:
        """Follow the waiting calls of these queues, and of no other.

        While the link is down nothing is sent: the next session subscribes to them.
        """
        contact_centre = self.state.contact_centre
        wanted = frozenset(queue_ids)
        before, contact_centre.watched_queues = contact_centre.watched_queues, wanted
        frames = [commands.unsubscribe_from_queue_calls(queue) for queue in sorted(before - wanted)]
        frames += [commands.subscribe_to_queue_calls(queue) for queue in sorted(wanted - before)]
        for queue_id in before - wanted:
            # No longer followed: its list would go stale.
            if (queue := contact_centre.queue_states.get(queue_id)) is not None:
                queue.calls = None
        with contextlib.suppress(XucNotConnectedError):
            for frame in frames:
                await self.send(frame)
