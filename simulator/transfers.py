"""Transfers and three-way conferences: the call commands that rewire legs between lines.

The rule they keep: every leg of a simulated user ends with its call. A leg that leaves
the user's line is released (EventReleased); the far ends it joined are linked to each other
(`Call.peer`), so a later hangup on either side releases the other one too.
"""

from __future__ import annotations

from typing import Protocol

from .line import Call, CallState, LegRef, Line
from .routing import Origin


class _Pbx(Protocol):
    """What the transfer commands use of the PBX (they are a part of `Pbx`)."""

    def line(self, username: str) -> Line: ...

    def name_of(self, number: str) -> str: ...

    def _peer_of(self, call: Call) -> tuple[Line, Call] | None: ...

    async def _changed(self, line: Line, call: Call, event_type: str | None = None) -> None: ...

    async def _establish(self, line: Line, call: Call) -> None: ...

    async def _release(
        self, line: Line, call: Call, *, with_peer: bool = ..., event_type: str = ...
    ) -> None: ...

    async def _offer(self, number: str, origin: Origin, hops: int = 0) -> None: ...

    # Only the arguments the consultation call passes: `Pbx.dial` takes more, as optional ones.
    async def dial(self, username: str, destination: str) -> str: ...


def _far_end(peer: tuple[Line, Call] | None, leg: Call) -> tuple[str, str]:
    """(number, name) of the party a leg talks to: its line when simulated."""
    if peer is not None:
        return (peer[0].dn, peer[0].user.full_name)
    return (leg.other_dn, leg.other_dname)


def _ref(leg: tuple[Line, Call] | None) -> LegRef | None:
    return LegRef(leg[0].user.username, leg[1].unique_id) if leg is not None else None


class TransferMixin:
    """directTransfer, attendedTransfer, completeTransfer, cancelTransfer, conference."""

    async def direct_transfer(self: _Pbx, username: str, destination: str) -> None:
        """Our leg leaves; the far end is put through to the destination.

        The destination's DND and forwards apply; if it refuses, the far end's call ends.
        """
        line = self.line(username)
        call = line.current()
        if call is None:
            return
        far = self._peer_of(call)
        await self._release(line, call, with_peer=False)
        number, name = _far_end(far, call)
        if far is not None:
            far[1].peer = None
            far[1].other_dn, far[1].other_dname = destination, self.name_of(destination)
        # Attached data follows the call to the transfer target (protocol §6).
        origin = Origin(
            number=number,
            name=name,
            linked_id=call.linked_id,
            user_data=dict(call.user_data),
            queue_name=call.queue_name,
            leg=_ref(far),
            auto_answer=True,
        )
        await self._offer(destination, origin)

    async def attended_transfer(self: _Pbx, username: str, destination: str) -> None:
        """Hold the current call and dial the destination as a consultation call."""
        line = self.line(username)
        first = line.latest_in(CallState.ESTABLISHED, CallState.ON_HOLD)
        if first is None:
            return
        if first.state is CallState.ESTABLISHED:
            first.state = CallState.ON_HOLD
            await self._changed(line, first)
        linked = await self.dial(username, destination)
        second = line.find(linked_id=linked)
        if second is None:  # the dial failed or was refused: take the first call back
            await self._establish(line, first)
            return
        line.transfer = (first.unique_id, second.unique_id)

    async def complete_transfer(self: _Pbx, username: str) -> None:
        """Both of our legs leave; the two far ends stay connected to each other."""
        line = self.line(username)
        if line.transfer is None:
            return
        first = line.find(unique_id=line.transfer[0])
        second = line.find(unique_id=line.transfer[1])
        line.transfer = None
        if first is None or second is None:  # Line.forget clears `transfer` before this
            return
        held, consulted = self._peer_of(first), self._peer_of(second)
        await self._release(line, first, with_peer=False)
        await self._release(line, second, with_peer=False)
        # A far end still ringing (transfer completed before the answer) keeps ringing; a
        # simulated one answers by itself when the consultation call was auto-answered.
        if held is not None:
            held[1].other_dn, held[1].other_dname = _far_end(consulted, second)
            held[1].peer = _ref(consulted)
        if consulted is not None:
            consulted[1].other_dn, consulted[1].other_dname = _far_end(held, first)
            consulted[1].peer = _ref(held)

    async def cancel_transfer(self: _Pbx, username: str) -> None:
        """The consultation call ends (both its legs); the held call is taken back."""
        line = self.line(username)
        if line.transfer is None:
            return
        first_id, second_id = line.transfer
        line.transfer = None
        if (second := line.find(unique_id=second_id)) is not None:
            await self._release(line, second)
        if (first := line.find(unique_id=first_id)) is not None:
            await self._establish(line, first)

    async def conference(self: _Pbx, username: str) -> None:
        """With two calls or more, every held call joins the talking one, in the phone.

        The legs stay the user's: hanging up without a uniqueId ends them all, hanging up
        one uniqueId (or a participant leaving) drops that participant only.
        """
        line = self.line(username)
        legs = [c for c in line.calls if c.state in (CallState.ESTABLISHED, CallState.ON_HOLD)]
        if len(legs) < 2:
            return
        line.transfer = None
        line.conference = {call.unique_id for call in legs}
        for call in legs:
            if call.state is CallState.ON_HOLD:
                call.state = CallState.ESTABLISHED
                await self._changed(line, call)
