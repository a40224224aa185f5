"""What the client sends for the contact centre: the user's own agent, and the queue feeds.

The agent commands carry no agent id, as XiVO's own agent application sends them: the server
applies them to the connected user's agent, so they can never act on someone else's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
import contextlib
from typing import Final

from . import commands
from .commands import Frame
from .contact_centre import AgentStateEvent
from .errors import XucCommandError, XucNotAnAgentError, XucNotConnectedError
from .models import Message
from .outbound import Outbound
from .state import LineState

# The user's own agent's next state shows an agent command was taken.
AGENT_ACK: Final[tuple[type[Message], ...]] = (AgentStateEvent,)


def session_frames(state: LineState) -> list[Frame]:
    """What a fresh session asks for, the queue feeds and what the user's agent needs.

    Subscriptions belong to one websocket: every session asks again.
    """
    contact_centre = state.contact_centre
    frames = [
        commands.get_list("queue"),
        commands.get_list("queuemember"),
        commands.subscribe_to_queue_stats(),
    ]
    if contact_centre.is_agent:
        frames.extend(agent_frames())
    frames.extend(map(commands.subscribe_to_queue_calls, sorted(contact_centre.watched_queues)))
    return frames


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
    _agent_asked: bool
    """This session has asked for the agent's state."""
    _agent_task: asyncio.Task[None] | None

    def _ask_agent_soon(self) -> None:
        """The user became an agent while connected: ask for what its agent needs, once."""
        if self._connected and self.state.contact_centre.is_agent and not self._agent_asked:
            self._agent_asked = True
            self._agent_task = asyncio.get_running_loop().create_task(
                self._ask_agent(), name="xuc agent"
            )

    async def _ask_agent(self) -> None:
        with contextlib.suppress(XucNotConnectedError):
            for frame in agent_frames():
                await self.send(frame)

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
