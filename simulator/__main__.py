"""Run the simulator: python -m simulator [--port 8090] [--scenario demo] [--office-day]."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from .scenario import SCENARIOS, demo_day
from .server import XucSimulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090, help="0: any free port")
    parser.add_argument(
        "--scenario",
        choices=sorted(SCENARIOS),
        help="the users and directory to serve (demo: the built-in ones, also the default)",
    )
    parser.add_argument(
        "--office-day",
        action="store_true",
        help="play a scripted office day for jbond (a call, a missed call, voicemail...) "
        "in a loop, every ~90 s; off by default so that manual tries do not collide with it",
    )
    parser.add_argument(
        "--ring-timeout",
        type=float,
        default=15.0,
        help="seconds a call rings before a no-answer forward takes it (default 15)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every frame")
    return parser.parse_args(argv)


def simulator_for(args: argparse.Namespace) -> XucSimulator:
    users, contacts = SCENARIOS[args.scenario or "demo"]()
    return XucSimulator(
        host=args.host,
        port=args.port,
        users=users,
        contacts=contacts,
        ring_timeout=args.ring_timeout,
    )


async def serve(sim: XucSimulator, args: argparse.Namespace, stop: asyncio.Event) -> None:
    """Serve until `stop` is set (Ctrl-C or SIGTERM when run from the command line)."""
    await sim.start()
    print(f"XUC simulator listening on {sim.url}  (CTI: {sim.url}/xuc/api/2.0/cti)")
    for user in sim.pbx.users.values():
        number = user.number or "no line"
        print(f"  {user.username:<8} password {user.password:<8} {user.full_name} ({number})")
    queues = ", ".join(f"{q.queue.number} {q.queue.display_name}" for q in sim.cc.queues.values())
    agents = ", ".join(
        f"{a.agent.username} {a.agent.number}" for a in sim.cc.agents.values() if a.agent.username
    )
    print(f"  queues {queues}; agents {agents}")
    print(
        f"Control: POST {sim.url}/_sim/<action>, GET {sim.url}/_sim/state. Ctrl-C to stop.",
        flush=True,
    )
    office_day = asyncio.get_running_loop().create_task(demo_day(sim)) if args.office_day else None
    if office_day is not None:
        print("Playing the scripted office day (--office-day).", flush=True)
    try:
        await stop.wait()
    finally:
        if office_day is not None:
            office_day.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await office_day
        await sim.stop()
        print("XUC simulator stopped")


async def _main(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await serve(simulator_for(args), args, stop)


def main() -> None:
    args = parse_args()
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Keep aiohttp's own loggers quiet: its debug output can include request URLs with tokens.
    logging.getLogger("aiohttp").setLevel(logging.WARNING)
    asyncio.run(_main(args))


if __name__ == "__main__":
    main()
