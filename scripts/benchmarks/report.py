"""The report: what machine ran it, one table of rows against their targets, and the JSON file.

`rows_for` turns the results of library.py and home_assistant.py into rows; a row with a target
passes or misses it, one without is for information. `render` prints them under a line that
says how busy the machine was, since other work on it shows in every number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
import math
import os
from pathlib import Path
import platform
import statistics

import aiohttp
from homeassistant.const import __version__ as ha_version
import orjson

from . import RESULTS
from .ipc import Json
from .library import Series


@dataclass
class Row:
    section: str
    metric: str
    value: str
    target: str = ""
    ok: bool | None = None

    @property
    def verdict(self) -> str:
        return "info" if self.ok is None else "PASS" if self.ok else "MISS"


def machine() -> Json:
    """The CPU, memory and versions, and the load average now."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    meminfo = Path("/proc/meminfo").read_text().split()
    return {
        "load_before": load_average(),
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gib": round(int(meminfo[meminfo.index("MemTotal:") + 1]) / 2**20, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
        "homeassistant": ha_version,
        "aiohttp": aiohttp.__version__,
    }


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _fps(series: Series) -> str:
    if len(series.seconds) == 1:
        return f"{series.best:,.0f} frames/s"
    return f"{series.best:,.0f} frames/s (median {series.median:,.0f})"


def _paired_ratios(floor: Series, measured: Series) -> list[float]:
    """`measured`'s rate over `floor`'s, for each run in which both were timed."""
    return [
        floor_seconds / seconds
        for floor_seconds, seconds in zip(floor.seconds, measured.seconds, strict=True)
    ]


def rows_for(library: dict[str, Series], hass: Json) -> list[Row]:
    """The table's rows, in the order of the measurements."""
    # The floor is a bare client that json.loads each frame; the library decodes with
    # orjson, so the orjson client is shown too, as a stricter comparison.
    floor = library["bare_json"]
    # Each run times the floor and the library back to back: their ratio, run by run, cancels
    # this machine's drift in speed (either one's best alone was seen to vary 1.8x between runs).
    ratios = _paired_ratios(floor, library["library"])
    ratio = statistics.median(ratios)
    orjson_ratio = statistics.median(_paired_ratios(library["bare_orjson"], library["library"]))
    sim_verdict = "below" if library["sink_sim"].best < floor.best else "above"
    runs = len(floor.seconds)
    rows = [
        Row(
            "1 library",
            "sender alone: simulator.flood",
            f"{_fps(library['sink_sim'])}, {sim_verdict} the floor",
        ),
        Row("1 library", "sender alone: bench raw sender", _fps(library["sink_fast"])),
        Row("1 library", f"bare: aiohttp + json.loads (floor), best of {runs}", _fps(floor)),
        Row("1 library", "bare: aiohttp + orjson.loads", _fps(library["bare_orjson"])),
        Row("1 library", "XucClient: parse + apply, 1 listener", _fps(library["library"])),
        Row(
            "1 library",
            "XucClient / bare",
            f"{ratio:.2f}x json.loads floor, median of {runs} paired runs"
            f" ({min(ratios):.2f}-{max(ratios):.2f}; {orjson_ratio:.2f}x the orjson client)",
            ">= 0.5x",
            ratio >= 0.5,
        ),
        Row("1 library", "XucClient fed by simulator.flood", _fps(library["lib_sim"])),
    ]
    for rate, run in hass["e2e"].items():
        p99, worst = run["p99_ms"] or math.inf, run["max_ms"] or math.inf
        value = (
            f"p50 {run['p50_ms'] or math.inf:.2f} / p99 {p99:.2f} / max {worst:.2f} ms, "
            f"lost {run['lost']}/{run['sent']}"
        )
        if stalls := run["loop_stalls"]:
            causes = Counter(stall["cause"] for stall in stalls)
            value += (
                f"; loop stalls > 5 ms: {len(stalls)}, longest "
                f"{max(stall['ms'] for stall in stalls):.0f} ms ("
                + ", ".join(f"{count} {cause}" for cause, count in causes.most_common())
                + ")"
            )
        if rate == "500":
            target, ok = "p99 < 5 ms, 0 lost", p99 < 5 and run["lost"] == 0
        elif rate == "2000":
            target, ok = "0 lost, max < 100 ms", run["lost"] == 0 and worst < 100
        else:
            target, ok = "", None
        rows.append(Row("2 e2e", f"{rate} events/s -> event entity", value, target, ok))
    scale = hass["scale_1000"]
    rows += [
        Row(
            "3 scale",
            "1,000 hints: setup to all available",
            f"{scale['setup_s']:.2f} s",
            "< 2 s",
            scale["setup_s"] < 2,
        ),
        Row(
            "3 scale",
            "1,000 hints: RSS added",
            f"{scale['rss_added_mb']:.1f} MB",
            "< 20 MB",
            scale["rss_added_mb"] < 20,
        ),
        Row(
            "3 scale",
            f"{scale['updates']:,} hint updates",
            f"{scale['updates_per_s']:,.0f} updates/s",
        ),
        Row(
            "3 scale",
            "hint state writes per update",
            f"{scale['hint_writes']:,}/{scale['updates']:,}, other entities {scale['other_entity_writes']}",
            "exactly 1",
            scale["hint_writes"] == scale["updates"] and scale["other_entity_writes"] == 0,
        ),
    ]
    many = hass["entries_20"]
    rows.append(
        Row(
            "3 scale",
            f"{many['entries']} entries ({many['entities']} entities): setup",
            f"{many['setup_s']:.2f} s ({many['per_entry_ms']:.0f} ms/entry)",
        )
    )
    setup = hass["setup"]
    rows.append(
        Row(
            "4 setup",
            f"one entry, {setup['entities']} entities (median of {len(setup['runs_ms'])})",
            f"{setup['median_ms']:.0f} ms (cold {setup['cold_ms']:.0f} ms)",
            "< 300 ms",
            setup["median_ms"] < 300,
        )
    )
    again = hass["reconnect"]
    rows.append(
        Row(
            "5 reconnect",
            f"overhead beyond backoff (median of {len(again['runs'])})",
            f"{again['median_overhead_ms']:.1f} ms (backoff {again['median_backoff_ms']:.0f} ms, "
            f"server back -> fresh {again['median_server_back_to_fresh_ms']:.0f} ms)",
            "< 200 ms",
            again["median_overhead_ms"] < 200,
        )
    )
    if "contact_centre" in hass:
        rows += contact_centre_rows(hass)
    return rows


def contact_centre_rows(hass: Json) -> list[Row]:
    """The contact centre's rows (measurement 6)."""
    cc = hass["contact_centre"]
    p99, worst = cc["p99_ms"] or math.inf, cc["max_ms"] or math.inf
    name = f"{cc['queues']} queues x 10 counters"
    value = (
        f"{cc['updates']:,} updates at {cc['achieved_send_per_s']:,.0f}/s: p50 "
        f"{cc['p50_ms'] or math.inf:.2f} / p99 {p99:.2f} / max {worst:.2f} ms, "
        f"lost {cc['lost']}/{cc['one_to_one_updates']}"
    )
    if stalls := cc["loop_stalls"]:
        value += f"; loop stalls > 5 ms: {len(stalls)}"
    return [
        Row(
            "6 queues",
            f"{name}: setup ({cc['entities']} entities)",
            f"{cc['setup_s']:.2f} s",
        ),
        Row(
            "6 queues",
            f"{name}: state writes per update",
            f"{cc['writes']:,}/{cc['updates']:,} ({cc['writes_per_update']:.2f}), "
            f"{cc['unchanged_writes']} that changed nothing",
            "1 per changed value",
            cc["unchanged_writes"] == 0,
        ),
        Row(
            "6 queues",
            f"{name}: update -> state_changed",
            value,
            "p99 < 5 ms, 0 lost",
            p99 < 5 and cc["lost"] == 0,
        ),
        Row(
            "6 queues",
            f"{name}: RSS added",
            f"{cc['rss_added_setup_mb']:.1f} MB after setup, "
            f"{cc['rss_added_after_burst_mb']:.1f} MB after the burst",
            "< 20 MB",
            cc["rss_added_after_burst_mb"] < 20,
        ),
    ]


def render(rows: list[Row], info: Json, seconds: float) -> str:
    """The machine's line, then the rows as an aligned table."""
    headers = ("section", "metric", "value", "target", "result")
    table = [
        headers,
        *((row.section, row.metric, row.value, row.target, row.verdict) for row in rows),
    ]
    widths = [max(len(line[column]) for line in table) for column in range(len(headers))]
    lines = [
        f"XiVO benchmark: {info['nproc']} x {info['cpu']}, {info['ram_gib']} GiB RAM, "
        f"Python {info['python']}, Home Assistant {info['homeassistant']}, "
        f"aiohttp {info['aiohttp']}; load average {info['load_before']} before, "
        f"{info['load_after']} after; total {seconds:.0f} s"
    ]
    for index, line in enumerate(table):
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def write_json(
    info: Json,
    seconds: float,
    library: dict[str, Series],
    hass: Json,
    rows: list[Row],
    name: str = "latest.json",
) -> Path:
    """Every result and the table in bench-results/latest.json; returns the file."""
    RESULTS.mkdir(exist_ok=True)
    report = {
        "machine": info,
        "seconds": seconds,
        "library": {name: series.as_json() for name, series in library.items()},
        **hass,
        "table": [asdict(row) | {"result": row.verdict} for row in rows],
    }
    path = RESULTS / name
    path.write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2))
    return path
