"""What the simulator serves: data sets (scenarios) and the scripted office day of the demo."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import logging
import random

from .server import XucSimulator
from .users import DEFAULT_CONTACTS, SimContact, SimUser, default_users

_LOGGER = logging.getLogger("simulator")


async def demo_day(
    sim: XucSimulator,
    username: str = "jbond",
    *,
    pace: float = 1.0,
    rounds: int | None = None,
) -> None:
    """Loop a short office day for `username` (`python -m simulator --office-day`).

    A colleague's call answered then hung up, a missed call from outside (a directory
    number, without a name: the client finds it), new voicemail, a colleague's phone going
    busy then free, a caller waiting in the Sales queue (3000) that Alice, put ready, takes
    if it rings on her line (a ready `username` agent may get it first) and that hangs up
    later.

    Steps are ~10-20 s apart, multiplied by `pace`; `rounds=None` loops until cancelled.
    """

    async def pause(low: float = 10.0, high: float = 20.0) -> None:
        await asyncio.sleep(random.uniform(low, high) * pace)

    done = 0
    while rounds is None or done < rounds:
        linked_id = await sim.incoming_call(username, "1001")
        _LOGGER.info("demo: alice calls %s", username)
        await pause(3, 6)
        await sim.remote_answer(username, linked_id)
        await pause()
        await sim.remote_hangup(username, linked_id)
        await pause()
        _LOGGER.info("demo: missed call from Pizza Roma")
        await sim.missed_call(username, "0467123456", ring_time=5 * pace)
        await pause()
        user = sim.pbx.user(username)
        _LOGGER.info("demo: new voicemail")
        await sim.set_voicemail(
            username, new=user.voicemail_new + 1, waiting=0, old=user.voicemail_old
        )
        await pause()
        _LOGGER.info("demo: bob is busy")
        await sim.set_phone_status("bob", "BUSY")
        await pause()
        await sim.set_phone_status("bob", "AVAILABLE")
        await pause()
        await _queue_call(sim, pause)
        await pause()
        done += 1


async def _queue_call(sim: XucSimulator, pause: Callable[..., Awaitable[None]]) -> None:
    """A caller waits in Sales; Alice (made ready) answers if the call rings on her line."""
    _LOGGER.info("demo: a caller waits in Sales")
    await sim.agent("alice", "ready")
    linked_id = await sim.queue_call("3000", "0467987654", "Garage Dupuis")
    await pause(3, 6)
    if sim.pbx.lines["alice"].find(linked_id=linked_id) is not None:
        await sim.remote_answer("alice", linked_id)
    await pause()
    await sim.queue_hangup(linked_id)


def demo_data() -> tuple[list[SimUser], tuple[SimContact, ...]]:
    """jbond, alice, bob (with lines), carol and noline (without), and the directory."""
    return default_users(), DEFAULT_CONTACTS


# --scenario NAME: the users and directory contacts the simulator serves.
SCENARIOS: dict[str, Callable[[], tuple[list[SimUser], tuple[SimContact, ...]]]] = {
    "demo": demo_data
}
