"""Measurements 2 to 5, through a real Home Assistant core in this process, fed by a fast sender.

2. End to end: latency from the sender's send to the `state_changed` of the call event entity,
   at fixed rates, and events lost. While the rates run, a `LagProbe` reports event loop stalls
   over 5 ms and whether the loop was busy, another thread held the GIL, or the process was not
   scheduled at all (on a shared machine, other work shows up as the latter).
3. Scale: one line with 1,000 monitored numbers (setup time, RSS added, hint update throughput
   and state writes per update); 20 lines on one Home Assistant.
4. Setup time of one line, until all its entities are available.
5. Reconnect time beyond the backoff delay the client chose. The server stops listening and
   cuts the session for 0.1 s; the client's immediate retry fails, then it waits its backoff
   (0.2 to 0.3 s here, longer than the downtime, so the next try succeeds). Overhead = (link
   lost -> every entity available and showing the new session's values) - `last_backoff`.

Home Assistant runs with only its `homeassistant` integration, in a throw-away config folder.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable
import contextlib
from dataclasses import dataclass, field
import gc
import math
import os
from pathlib import Path
import shutil
import statistics
import time
from types import MappingProxyType
from typing import Any, cast

from aiohttp.resolver import ThreadedResolver
from homeassistant import bootstrap, loader
from homeassistant.config_entries import SOURCE_USER, ConfigEntries, ConfigEntry
from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, State, callback
from homeassistant.helpers import aiohttp_client, entity_registry as er
from homeassistant.setup import async_setup_component

from custom_components.xivo import coordinator
from custom_components.xivo.const import CONF_MONITORED_NUMBERS, DOMAIN
from custom_components.xivo.xuc import PhoneStatus, Timings

from . import RESULTS, ROOT
from .ipc import Json, Sender, now_ns
from .server import HOST, NUMBERS, PASSWORD, subscribed_hint

# ------------------------------------------------------------------------------------------------
# Home Assistant and its entities


async def start_hass(config_dir: Path) -> HomeAssistant:
    """A Home Assistant core with only the `homeassistant` integration, running."""
    config_dir.mkdir(parents=True)
    (config_dir / "custom_components").symlink_to(ROOT / "custom_components")
    hass = HomeAssistant(str(config_dir))
    loader.async_setup(hass)
    hass.config.skip_pip = True
    # Home Assistant's resolver wants the network and zeroconf integrations (multicast on every
    # interface); only 127.0.0.1 is ever resolved here, so a plain resolver stands in for it.
    hass.data[aiohttp_client.DATA_RESOLVER] = cast(Any, ThreadedResolver())
    hass.config_entries = ConfigEntries(hass, {})
    await loader.async_get_custom_components(hass)
    if not await bootstrap.async_load_base_functionality(hass):
        raise RuntimeError("Home Assistant could not load its registries")
    if not await async_setup_component(hass, "homeassistant", {}):
        raise RuntimeError("Home Assistant core did not set up")
    await hass.async_start()
    return hass


def new_entry(port: int, username: str, numbers: Iterable[str] = ()) -> ConfigEntry:
    """A XiVO config entry for `username` on the sender at `port`, monitoring `numbers`."""
    data = {
        "host": HOST,
        "port": port,
        "ssl": False,
        "verify_ssl": True,
        "username": username,
        "password": PASSWORD,
    }
    return ConfigEntry(
        data=data,
        discovery_keys=MappingProxyType({}),
        domain=DOMAIN,
        minor_version=1,
        options={CONF_MONITORED_NUMBERS: list(numbers)},
        source=SOURCE_USER,
        subentries_data=None,
        title=f"Bench {username}",
        unique_id=f"{HOST}:{username}",
        version=1,
    )


def entity_ids(hass: HomeAssistant, entry: ConfigEntry) -> list[str]:
    """The enabled entities of an entry."""
    return [
        item.entity_id
        for item in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        if item.disabled_by is None
    ]


def entity_id(hass: HomeAssistant, entry: ConfigEntry, platform_name: str, key: str) -> str:
    """The entity of an entry on `platform_name` whose key is `key`."""
    found = er.async_get(hass).async_get_entity_id(platform_name, DOMAIN, f"{entry.entry_id}_{key}")
    if found is None:
        raise LookupError(f"no {platform_name} {key} for {entry.title}")
    return found


def is_available(_: str, state: State | None) -> bool:
    return state is not None and state.state != "unavailable"


class ReadyWatch:
    """When each entity was first written in a wanted state, recorded as the write happens."""

    def __init__(
        self,
        hass: HomeAssistant,
        wanted: Callable[[str, State | None], bool],
        timeout: float = 30.0,
    ) -> None:
        self.wanted = wanted
        self.timeout = timeout
        self.ready_at: dict[str, int] = {}
        self._pending: set[str] = set()
        self._all_ready = asyncio.Event()

        @callback
        def on_change(event: Event[EventStateChangedData]) -> None:
            entity = event.data["entity_id"]
            if entity not in self.ready_at and self.wanted(entity, event.data["new_state"]):
                self.ready_at[entity] = now_ns()
                self._pending.discard(entity)
                if not self._pending:
                    self._all_ready.set()

        self._remove = hass.bus.async_listen(EVENT_STATE_CHANGED, on_change)

    def reset(self, wanted: Callable[[str, State | None], bool] | None = None) -> None:
        self.ready_at.clear()
        if wanted is not None:
            self.wanted = wanted

    async def until(self, entities: Iterable[str]) -> int:
        """The time the last of `entities` became ready (waits for it)."""
        wanted = list(entities)
        self._pending = {item for item in wanted if item not in self.ready_at}
        if self._pending:
            self._all_ready.clear()
            try:
                async with asyncio.timeout(self.timeout):
                    await self._all_ready.wait()
            except TimeoutError:
                missing = sorted(self._pending)
                raise TimeoutError(f"{len(missing)} not ready, e.g. {missing[:3]}") from None
        return max(self.ready_at[item] for item in wanted)

    def close(self) -> None:
        self._remove()


# ------------------------------------------------------------------------------------------------
# Probes


class LagProbe:
    """Wakes every millisecond: a late wake-up is a stall of the event loop.

    For each stall, the CPU time of the loop's thread and of the whole process over the same
    wall time tell who held the loop up: the loop itself (a slow callback, the garbage
    collector), another thread of the process (an executor job holding the GIL), or nothing in
    this process (the machine's other work kept it off the CPU).
    """

    def __init__(self, threshold_ms: float = 5.0) -> None:
        self.threshold_ns = int(threshold_ms * 1e6)
        self.stalls: list[Json] = []
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            wall, loop_cpu, process_cpu = now_ns(), time.thread_time_ns(), time.process_time_ns()
            await asyncio.sleep(0.001)
            late = now_ns() - wall - 1_000_000
            if late < self.threshold_ns:
                continue
            loop_cpu = time.thread_time_ns() - loop_cpu
            others = time.process_time_ns() - process_cpu - loop_cpu
            if loop_cpu >= late / 2:
                cause = "loop busy"
            elif others >= late / 2:
                cause = "other threads"
            else:
                cause = "not scheduled"
            self.stalls.append(
                {
                    "ms": round(late / 1e6, 2),
                    "loop_cpu_ms": round(loop_cpu / 1e6, 2),
                    "other_threads_cpu_ms": round(others / 1e6, 2),
                    "cause": cause,
                }
            )

    async def stop(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


def rss_bytes() -> int:
    try:
        import psutil  # type: ignore[import-untyped]
    except ImportError:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    return int(psutil.Process().memory_info().rss)


def _percentile(sorted_values: list[float], fraction: float) -> float | None:
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


# ------------------------------------------------------------------------------------------------
# The measurements


@dataclass
class HassBench:
    """The Home Assistant measurements (2 to 5), sharing one core and one fast sender."""

    hass: HomeAssistant
    sender: Sender
    results: Json = field(default_factory=dict)

    async def add(self, *entries: ConfigEntry) -> tuple[list[str], int]:
        """Add entries at once; their enabled entities, and ns until all of them are available."""
        watch = ReadyWatch(self.hass, is_available)
        start = now_ns()
        await asyncio.gather(*(self.hass.config_entries.async_add(entry) for entry in entries))
        entities = [item for entry in entries for item in entity_ids(self.hass, entry)]
        elapsed = await watch.until(entities) - start
        watch.close()
        return entities, elapsed

    async def remove(self, *entries: ConfigEntry) -> None:
        for entry in entries:
            await self.hass.config_entries.async_remove(entry.entry_id)
        await self.hass.async_block_till_done()

    # -- 4. setup time --------------------------------------------------------------------------

    async def setup_time(self, runs: int) -> ConfigEntry:
        hass = self.hass
        entry = new_entry(self.sender.port, "line", NUMBERS[:2])
        entities, cold = await self.add(entry)
        watch = ReadyWatch(hass, is_available)
        warm: list[float] = []
        for _ in range(runs):
            await hass.config_entries.async_unload(entry.entry_id)
            await hass.async_block_till_done()
            watch.reset()
            start = now_ns()
            if not await hass.config_entries.async_setup(entry.entry_id):
                raise RuntimeError("setup failed")
            warm.append((await watch.until(entities) - start) / 1e6)
        watch.close()
        self.results["setup"] = {
            "entities": len(entities),
            "cold_ms": cold / 1e6,
            "runs_ms": warm,
            "median_ms": statistics.median(warm),
        }
        return entry

    # -- 3. scale -------------------------------------------------------------------------------

    async def scale_hints(self, updates: int) -> None:
        hass = self.hass
        await self.sender.call("prepare", name="hints", kind="hints", count=updates)
        entry = new_entry(self.sender.port, "scale", NUMBERS)
        gc.collect()
        rss_before = rss_bytes()
        entities, setup_ns = await self.add(entry)
        await hass.async_block_till_done()
        gc.collect()
        rss_added = rss_bytes() - rss_before

        hints = {entity_id(hass, entry, "sensor", f"hint_{number}") for number in NUMBERS}
        known = sum(
            1 for item in hints if (state := hass.states.get(item)) and state.state == "available"
        )
        voicemail = entity_id(hass, entry, "sensor", "voicemail_new")
        watched = set(entities)
        changed: Counter[str] = Counter()
        reported: Counter[str] = Counter()
        done = asyncio.Event()
        marker = str(updates)

        @callback
        def on_changed(event: Event[EventStateChangedData]) -> None:
            if (entity := event.data["entity_id"]) in watched:
                changed[entity] += 1
                new_state = event.data["new_state"]
                if entity == voicemail and new_state is not None and new_state.state == marker:
                    done.set()

        @callback
        def ours(data: Any) -> bool:
            return data["entity_id"] in watched

        @callback
        def on_reported(event: Event[Any]) -> None:
            reported[event.data["entity_id"]] += 1

        removers = [
            hass.bus.async_listen(EVENT_STATE_CHANGED, on_changed),
            hass.bus.async_listen(EVENT_STATE_REPORTED, on_reported, ours),
        ]
        start = now_ns()
        task = self.sender.start("flood", username="scale", name="hints")
        await asyncio.wait_for(done.wait(), 120)
        elapsed = (now_ns() - start) / 1e9
        await task
        for remove in removers:
            remove()
        hint_writes = sum(changed[item] + reported[item] for item in hints)
        per_number = Counter(changed[item] + reported[item] for item in hints)
        other_writes = sum(changed[item] + reported[item] for item in watched - hints - {voicemail})
        self.results["scale_1000"] = {
            "numbers": len(NUMBERS),
            "entities": len(entities),
            "setup_s": setup_ns / 1e9,
            "hints_known_after_setup": known,
            "rss_added_mb": rss_added / 1e6,
            "updates": updates,
            "update_seconds": elapsed,
            "updates_per_s": updates / elapsed,
            "hint_writes": hint_writes,
            "hint_writes_reported_unchanged": sum(reported[item] for item in hints),
            "writes_per_number": {str(key): value for key, value in per_number.items()},
            "other_entity_writes": other_writes,
        }
        await self.remove(entry)

    async def many_entries(self, count: int) -> None:
        entries = [
            new_entry(self.sender.port, f"multi{index:02d}", NUMBERS[:2]) for index in range(count)
        ]
        entities, elapsed = await self.add(*entries)
        total = elapsed / 1e9  # seconds
        self.results["entries_20"] = {
            "entries": count,
            "entities": len(entities),
            "setup_s": total,
            "per_entry_ms": total / count * 1e3,
        }
        await self.remove(*entries)

    # -- 2. end to end --------------------------------------------------------------------------

    async def end_to_end(self, entry: ConfigEntry, rates: Iterable[int], duration: float) -> None:
        hass = self.hass
        call_entity = entity_id(hass, entry, "event", "call")
        latencies: dict[int, int] = {}
        expected = 0
        all_seen = asyncio.Event()

        @callback
        def on_changed(event: Event[EventStateChangedData]) -> None:
            if event.data["entity_id"] != call_entity:
                return
            received = now_ns()
            new_state = event.data["new_state"]
            user_data = new_state.attributes.get("user_data") if new_state else None
            if isinstance(user_data, dict) and "USR_sent" in user_data:
                latencies[int(user_data["USR_seq"])] = received - int(user_data["USR_sent"])
                if len(latencies) >= expected:
                    all_seen.set()

        remove = hass.bus.async_listen(EVENT_STATE_CHANGED, on_changed)
        await self.sender.call("paced", username="line", rate=200, duration=0.5)  # warm-up
        runs: dict[str, Json] = {}
        for rate in rates:
            await asyncio.sleep(0.2)
            latencies.clear()
            all_seen.clear()
            expected = round(rate * duration)
            gc.collect()
            probe = LagProbe()
            sent = await self.sender.call("paced", username="line", rate=rate, duration=duration)
            # Stragglers get 2 s after the last send; what has not arrived then is lost.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(2.0):
                    await all_seen.wait()
            await probe.stop()
            wanted = range(sent["first_seq"], sent["first_seq"] + sent["sent"])
            values = sorted(latencies[seq] / 1e6 for seq in wanted if seq in latencies)
            runs[str(rate)] = {
                "offered_per_s": rate,
                "achieved_send_per_s": sent["sent"] / sent["seconds"],
                "sent": sent["sent"],
                "seen": len(values),
                "lost": sent["sent"] - len(values),
                "p50_ms": statistics.median(values) if values else None,
                "p99_ms": _percentile(values, 0.99),
                "max_ms": values[-1] if values else None,
                "loop_stalls": probe.stalls,
            }
        remove()
        self.results["e2e"] = runs

    # -- 5. reconnect ---------------------------------------------------------------------------

    async def reconnect(self, entry: ConfigEntry, runs: int, downtime: float) -> None:
        hass = self.hass
        entities = entity_ids(hass, entry)
        link = entity_id(hass, entry, "binary_sensor", "connected")
        voicemail = entity_id(hass, entry, "sensor", "voicemail_new")
        hints = {entity_id(hass, entry, "sensor", f"hint_{number}") for number in NUMBERS[:2]}
        client = entry.runtime_data.client
        lost_at: list[int] = []

        @callback
        def on_changed(event: Event[EventStateChangedData]) -> None:
            new_state = event.data["new_state"]
            if (
                event.data["entity_id"] == link
                and new_state is not None
                and new_state.state == "off"
            ):
                lost_at.append(now_ns())

        remove = hass.bus.async_listen(EVENT_STATE_CHANGED, on_changed)
        watch = ReadyWatch(hass, is_available, timeout=10.0)
        samples: list[Json] = []
        for generation in range(1, runs + 1):
            await asyncio.sleep(0.1)
            watch.reset(_fresh_for(generation, link, voicemail, hints))
            lost_at.clear()
            restarted = await self.sender.call("restart", downtime=downtime)
            if restarted["generation"] != generation:
                raise RuntimeError("the sender restarted out of step")
            fresh = await watch.until(entities)
            backoff_ms = client.last_backoff * 1e3
            samples.append(
                {
                    "lost_to_fresh_ms": (fresh - lost_at[0]) / 1e6,
                    "server_back_to_fresh_ms": (fresh - restarted["t_back"]) / 1e6,
                    "backoff_ms": backoff_ms,
                    "overhead_ms": (fresh - lost_at[0]) / 1e6 - backoff_ms,
                }
            )
        watch.close()
        remove()
        self.results["reconnect"] = {
            "downtime_ms": downtime * 1e3,
            "runs": samples,
            "median_overhead_ms": statistics.median(item["overhead_ms"] for item in samples),
            "median_backoff_ms": statistics.median(item["backoff_ms"] for item in samples),
            "median_server_back_to_fresh_ms": statistics.median(
                item["server_back_to_fresh_ms"] for item in samples
            ),
        }


def _fresh_for(
    generation: int, link: str, voicemail: str, hints: set[str]
) -> Callable[[str, State | None], bool]:
    """Available, and showing what the server's session of `generation` says."""
    hint_state = PhoneStatus.from_wire(subscribed_hint(generation))

    def fresh(entity: str, state: State | None) -> bool:
        if state is None or state.state == "unavailable":
            return False
        if entity == link:
            return state.state == "on"
        if entity == voicemail:
            return state.state == str(generation)
        if entity in hints:
            return state.state == hint_state
        return True

    return fresh


async def bench_hass(
    setup_runs: int, hint_updates: int, e2e_seconds: float, reconnect_runs: int
) -> Json:
    """Measurements 2 to 5 on one core and one fast sender; their results by name."""
    # Backoff shrunk so that reconnects are quick (and longer than the downtime, so the first
    # retry after the server is back succeeds); keepalive left at the protocol's rhythm.
    coordinator.CLIENT_TIMINGS = Timings(backoff_min=0.25, backoff_max=0.5, request_timeout=10.0)
    config_dir = RESULTS / f"hass-{os.getpid()}"
    sender = await Sender.launch("fast")
    hass = await start_hass(config_dir)
    bench = HassBench(hass, sender)
    try:
        line = await bench.setup_time(runs=setup_runs)
        await bench.scale_hints(updates=hint_updates)
        await bench.many_entries(count=20)
        await bench.end_to_end(line, rates=(100, 500, 2000), duration=e2e_seconds)
        await bench.reconnect(line, runs=reconnect_runs, downtime=0.1)
        await bench.remove(line)
    finally:
        await hass.async_stop()
        await sender.close()
        shutil.rmtree(config_dir, ignore_errors=True)
    return bench.results
