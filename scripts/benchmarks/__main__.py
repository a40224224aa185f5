"""Benchmark of the XiVO library and integration, over loopback on this machine (not a test).

Runs the library's measurement (library.py), then Home Assistant's (home_assistant.py), prints
one table and writes bench-results/latest.json (report.py). Run it with scripts/bench, which
runs scripts/setup first; the sender processes it starts are server.py's.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time

from . import ROOT
from .ipc import LOG_FORMAT
from .library import bench_library
from .report import contact_centre_rows, load_average, machine, render, rows_for, write_json


async def bench(args: argparse.Namespace) -> None:
    started = time.monotonic()
    info = machine()
    if args.only == "contact-centre":
        from .contact_centre import bench_contact_centre

        hass = await bench_contact_centre(args.cc_rate, args.cc_seconds)
        info["load_after"] = load_average()
        rows = contact_centre_rows(hass)
        seconds = time.monotonic() - started
        print(render(rows, info, seconds))
        path = write_json(info, seconds, {}, hass, rows, name="contact-centre.json")
        print(f"\nwritten {path.relative_to(ROOT)}")
        return
    library = await bench_library(args.frames, args.repeat)
    # Imported only now, so that the library is measured without Home Assistant's core,
    # registries and setup machinery in memory (its own imports load a part of them).
    from .home_assistant import bench_hass

    hass = await bench_hass(
        args.setup_runs, args.hint_updates, args.e2e_seconds, args.reconnect_runs
    )
    from .contact_centre import bench_contact_centre

    hass |= await bench_contact_centre(args.cc_rate, args.cc_seconds)
    seconds = time.monotonic() - started
    # Other work on the machine shows in every number: say how busy it was.
    info["load_after"] = load_average()
    rows = rows_for(library, hass)
    print(render(rows, info, seconds))
    path = write_json(info, seconds, library, hass, rows)
    print(f"\nwritten {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--frames", type=int, default=100_000, help="frames per library flood (multiple of 5)"
    )
    parser.add_argument("--repeat", type=int, default=9, help="runs of each library measurement")
    parser.add_argument("--hint-updates", type=int, default=10_000)
    parser.add_argument("--e2e-seconds", type=float, default=3.0, help="seconds per offered rate")
    parser.add_argument("--setup-runs", type=int, default=7)
    parser.add_argument("--reconnect-runs", type=int, default=5)
    parser.add_argument(
        "--cc-rate", type=float, default=1000.0, help="queue counter updates/s (measurement 6)"
    )
    parser.add_argument(
        "--cc-seconds", type=float, default=5.0, help="seconds of counter updates (measurement 6)"
    )
    parser.add_argument(
        "--only",
        choices=["contact-centre"],
        help="run one measurement alone (writes bench-results/contact-centre.json)",
    )
    args = parser.parse_args()
    if args.frames % 5:
        parser.error("--frames must be a multiple of 5")
    logging.basicConfig(level=logging.WARNING, format=LOG_FORMAT)
    # The custom-integration warning and the integration's link messages are expected here.
    logging.getLogger("homeassistant.loader").setLevel(logging.ERROR)
    logging.getLogger("custom_components.xivo").setLevel(logging.WARNING)
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
