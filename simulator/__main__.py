"""Run the simulator: python -m simulator --host 127.0.0.1 --port 8090 [--scenario demo]."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from .scenario import SCENARIOS
from .server import XucSimulator


async def _serve(args: argparse.Namespace) -> None:
    sim = XucSimulator(host=args.host, port=args.port)
    await sim.start()
    print(f"XUC simulator listening on {sim.url}  (CTI: {sim.url}/xuc/api/2.0/cti)")
    for user in sim.pbx.users.values():
        number = user.number or "no line"
        print(f"  {user.username:<8} password {user.password:<8} {user.full_name} ({number})")
    print(
        f"Control: POST {sim.url}/_sim/<action>, GET {sim.url}/_sim/state. Ctrl-C to stop.",
        flush=True,
    )

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    scenario = (
        loop.create_task(SCENARIOS[args.scenario](sim)) if args.scenario is not None else None
    )
    try:
        await stop.wait()
    finally:
        if scenario is not None:
            scenario.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await scenario
        await sim.stop()
        print("XUC simulator stopped")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--scenario", choices=sorted(SCENARIOS))
    parser.add_argument("-v", "--verbose", action="store_true", help="log every frame")
    args = parser.parse_args()
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Keep aiohttp's own loggers quiet: its debug output can include request URLs with tokens.
    logging.getLogger("aiohttp").setLevel(logging.WARNING)
    asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
