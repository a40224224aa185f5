"""What the client sends: the line's commands and requests, and their wait for a reply.

Commands raise `XucNotConnectedError` while the link is down and `XucCommandError` when the
server refuses them; requests also raise `XucTimeoutError` when no reply comes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

import aiohttp
import orjson

from . import commands
from .commands import Frame
from .errors import XucConnectionError, XucNotConnectedError, XucTimeoutError
from .models import CallHistory, CurrentCalls, DirectoryResult, ForwardType, Message, PhoneEvent
from .replies import CALL_ACK, CONFIG_ACK, Replies
from .timings import Timings
from .transport import send_text


def encode(frame: Frame) -> str:
    """The text of a frame on the wire."""
    return orjson.dumps(frame).decode()


class Outbound:
    """The commands of `XucClient`, sent on the session it keeps."""

    # Kept by the client: the live session and the replies it dispatches.
    _ws: aiohttp.ClientWebSocketResponse | None
    _connected: bool
    _replies: Replies
    _timings: Timings

    async def send(self, frame: Frame) -> None:
        """Send one frame on the live session, without waiting for anything.

        Raises `XucNotConnectedError` while the link is down.
        """
        ws = self._ws
        if not self._connected or ws is None:
            raise XucNotConnectedError("the CTI link is down")
        try:
            await send_text(ws, encode(frame))
        except XucConnectionError as err:
            raise XucNotConnectedError(str(err)) from None

    async def _request[T: Message](self, frame: Frame, reply_type: type[T]) -> T:
        reply: type[Message] = reply_type  # type: ignore[assignment]
        pending = self._replies.add(frame["command"], reply=reply)
        try:
            await self.send(frame)
            async with asyncio.timeout(self._timings.request_timeout):
                result: T = await pending.future
                return result
        except TimeoutError:
            self._replies.abandon(pending)
            raise XucTimeoutError(f"no reply to {frame['command']}") from None
        finally:
            self._replies.done(pending)

    async def _command(self, frame: Frame, acks: tuple[type[Message], ...] = ()) -> None:
        """Send a command and give the server a moment to refuse it.

        Returns as soon as a message in `acks` shows it was taken, or after `refusal_wait` when
        nothing said no. Raises `XucCommandError` when the server refused it.
        """
        pending = self._replies.add(frame["command"], acks=acks)
        try:
            await self.send(frame)
            async with asyncio.timeout(self._timings.refusal_wait):
                await pending.future
        except TimeoutError:
            return
        finally:
            self._replies.done(pending)

    async def dial(self, destination: str, variables: Mapping[str, str] | None = None) -> None:
        """Place a call from the line."""
        await self._command(commands.dial(destination, variables), CALL_ACK)

    async def dial_from_mobile(
        self, destination: str, variables: Mapping[str, str] | None = None
    ) -> None:
        """Place a call from the user's mobile."""
        await self._command(commands.dial_from_mobile(destination, variables))

    async def dial_from_queue(
        self,
        destination: str,
        queue_id: int,
        caller_id_name: str,
        caller_id_number: str,
        variables: Mapping[str, str] | None = None,
    ) -> None:
        """Place a call on behalf of a queue."""
        await self._command(
            commands.dial_from_queue(
                destination, queue_id, caller_id_name, caller_id_number, variables
            ),
            CALL_ACK,
        )

    async def dial_by_username(self, username: str) -> None:
        """Call another XiVO user by login."""
        await self._command(commands.dial_by_username(username), CALL_ACK)

    async def originate(self, destination: str) -> None:
        """Originate a call."""
        await self._command(commands.originate(destination), CALL_ACK)

    async def answer(self, unique_id: str | None = None) -> None:
        """Answer a ringing call."""
        await self._command(commands.answer(unique_id), CALL_ACK)

    async def hangup(self, unique_id: str | None = None) -> None:
        """Hang up a call."""
        await self._command(commands.hangup(unique_id), CALL_ACK)

    async def hold(self, unique_id: str | None = None) -> None:
        """Put a call on hold (or take it back)."""
        await self._command(commands.hold(unique_id), CALL_ACK)

    async def toggle_microphone(self, unique_id: str | None = None) -> None:
        """Mute or unmute the microphone of a WebRTC line."""
        await self._command(commands.toggle_microphone(unique_id))

    async def direct_transfer(self, destination: str) -> None:
        """Transfer the current call."""
        await self._command(commands.direct_transfer(destination), CALL_ACK)

    async def attended_transfer(self, destination: str, device: str | None = None) -> None:
        """Start a consultation transfer."""
        await self._command(commands.attended_transfer(destination, device), CALL_ACK)

    async def complete_transfer(self) -> None:
        """Complete the transfer in progress."""
        await self._command(commands.complete_transfer(), CALL_ACK)

    async def cancel_transfer(self) -> None:
        """Cancel the transfer in progress."""
        await self._command(commands.cancel_transfer(), CALL_ACK)

    async def conference(self) -> None:
        """Make a conference of the current calls."""
        await self._command(commands.conference(), CALL_ACK)

    async def send_dtmf(self, key: str) -> None:
        """Send a DTMF key."""
        await self._command(commands.send_dtmf(key))

    async def set_data(self, variables: Mapping[str, str]) -> None:
        """Attach data to the current calls."""
        await self._command(commands.set_data(variables))

    async def set_dnd(self, enabled: bool) -> None:
        """Ask for DND on or off; the state changes when the server confirms."""
        await self._command(commands.set_dnd(enabled), CONFIG_ACK)

    async def set_forward(self, forward: ForwardType, enabled: bool, destination: str) -> None:
        """Ask for a forward change; the state changes when the server confirms."""
        await self._command(commands.set_forward(forward, enabled, destination), CONFIG_ACK)

    async def get_current_calls(self) -> tuple[PhoneEvent, ...]:
        """The server's list of current calls."""
        return (await self._request(commands.get_current_calls(), CurrentCalls)).events

    async def get_call_history(self, size: int) -> CallHistory:
        """The user's last `size` calls."""
        return await self._request(commands.get_user_call_history(size), CallHistory)

    async def get_call_history_by_days(self, days: int) -> CallHistory:
        """The user's calls of the last `days` days."""
        return await self._request(commands.get_user_call_history_by_days(days), CallHistory)

    async def search_contacts(self, term: str) -> DirectoryResult:
        """Search the XiVO directories."""
        return await self._request(commands.search_contacts(term), DirectoryResult)
