"""Measurement 6: a supervisor's queues through Home Assistant.

The simulator (in its own process) holds 50 queues and 300 agents; one XiVO line shows the 50
queues, i.e. 50 devices of 10 sensors. The simulator then pushes one-counter `QueueStatistics`
frames at a fixed rate, queues and counters in turn, every frame a change. Measured:

- state writes per update: `state_changed` of the queue sensors per frame, and writes that
  changed nothing (`state_reported`), which must be none: one write per changed value;
- latency from the frame's due time to the `state_changed` of the sensor that shows its counter
  (the counters shown by exactly one sensor: waiting calls, estimated wait, available, talking
  and logged-in agents), p50/p99/max, and frames of those counters never seen (lost);
- resident memory added by the entry (50 devices, their sensors), after setup and after the
  burst.
"""

from __future__ import annotations

import asyncio
from collections import Counter
import gc
import math
import os
import shutil
import statistics
from types import MappingProxyType
from typing import Any, Final

from homeassistant.config_entries import SOURCE_USER, ConfigEntry
from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er

from custom_components.xivo import coordinator
from custom_components.xivo.const import CONF_QUEUES, DOMAIN
from custom_components.xivo.xuc import Timings

from . import RESULTS
from .home_assistant import LagProbe, ReadyWatch, entity_ids, is_available, rss_bytes, start_hass
from .ipc import Json, Sender, now_ns
from .server import HOST, PASSWORD

QUEUES: Final = 50
AGENTS: Final = 300
COUNTERS: Final = 10
# The simulator's counter order (stats_burst takes the first COUNTERS), and the sensor that
# shows each counter alone: its value is the frame's value.
COUNTER_NAMES: Final = (
    "WaitingCalls",
    "LongestWaitTime",
    "EWT",
    "AvailableAgents",
    "TalkingAgents",
    "LoggedAgents",
    "TotalNumberCallsEntered",
    "TotalNumberCallsAnswered",
    "TotalNumberCallsAbandonned",
    "PercentageAnsweredBefore15",
)
ONE_TO_ONE: Final = {
    "waiting_calls": "WaitingCalls",
    "estimated_wait": "EWT",
    "available_agents": "AvailableAgents",
    "talking_agents": "TalkingAgents",
    "logged_agents": "LoggedAgents",
}
USERNAME: Final = "bob"  # not an agent: a supervisor's view of queues chosen in the options


def _entry(port: int) -> ConfigEntry:
    return ConfigEntry(
        data={
            "host": HOST,
            "port": port,
            "ssl": False,
            "verify_ssl": True,
            "username": USERNAME,
            "password": PASSWORD,
        },
        discovery_keys=MappingProxyType({}),
        domain=DOMAIN,
        minor_version=1,
        options={CONF_QUEUES: [str(queue) for queue in range(1, QUEUES + 1)]},
        source=SOURCE_USER,
        subentries_data=None,
        title="Bench supervisor",
        unique_id=f"{HOST}:{USERNAME}",
        version=1,
    )


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    return values[max(0, math.ceil(fraction * len(values)) - 1)]


async def measure(hass: HomeAssistant, sender: Sender, rate: float, seconds: float) -> Json:
    """Set the supervisor's line up, push the burst, and say what Home Assistant did."""
    await sender.call("bulk", queues=QUEUES, agents=AGENTS)
    entry = _entry(sender.port)
    gc.collect()
    rss_before = rss_bytes()
    watch = ReadyWatch(hass, is_available)
    start = now_ns()
    await hass.config_entries.async_add(entry)
    entities = entity_ids(hass, entry)
    setup_ns = await watch.until(entities) - start
    watch.close()
    await hass.async_block_till_done()
    gc.collect()
    rss_setup = rss_bytes() - rss_before

    registry = er.async_get(hass)
    # entity id -> (queue index, counter index) for the sensors that show one counter alone.
    one_to_one: dict[str, tuple[int, int]] = {}
    for queue in range(1, QUEUES + 1):
        for key, counter in ONE_TO_ONE.items():
            unique_id = f"{entry.entry_id}_queue_{queue}_{key}"
            if entity := registry.async_get_entity_id("sensor", DOMAIN, unique_id):
                one_to_one[entity] = (queue - 1, COUNTER_NAMES.index(counter))
    ours = {
        item.entity_id
        for item in er.async_entries_for_config_entry(registry, entry.entry_id)
        if "_queue_" in item.unique_id and item.disabled_by is None
    }
    received: dict[int, int] = {}
    changed: Counter[str] = Counter()
    unchanged: Counter[str] = Counter()

    @callback
    def on_changed(event: Event[EventStateChangedData]) -> None:
        entity = event.data["entity_id"]
        if entity not in ours:
            return
        changed[entity] += 1
        where = one_to_one.get(entity)
        new_state = event.data["new_state"]
        if where is None or new_state is None:
            return
        try:
            value = int(float(new_state.state))
        except ValueError:
            return
        queue, counter = where
        index = (value - 1) * QUEUES * COUNTERS + counter * QUEUES + queue
        received.setdefault(index, now_ns())

    @callback
    def is_ours(data: Any) -> bool:
        return data["entity_id"] in ours

    @callback
    def on_reported(event: Event[Any]) -> None:
        unchanged[event.data["entity_id"]] += 1

    removers = [
        hass.bus.async_listen(EVENT_STATE_CHANGED, on_changed),
        hass.bus.async_listen(EVENT_STATE_REPORTED, on_reported, is_ours),
    ]
    count = round(rate * seconds)
    probe = LagProbe()
    burst = await sender.call("burst", username=USERNAME, rate=rate, count=count, counters=COUNTERS)
    # Stragglers get 2 s after the last frame.
    await asyncio.sleep(2.0)
    await probe.stop()
    for remove in removers:
        remove()
    gc.collect()
    rss_after = rss_bytes() - rss_before

    step = 1e9 / rate
    expected = [
        index
        for index in range(count)
        if COUNTER_NAMES[index // QUEUES % COUNTERS] in ONE_TO_ONE.values()
    ]
    latencies = sorted(
        (received[index] - (burst["t_start"] + index * step)) / 1e6
        for index in expected
        if index in received
    )
    writes = sum(changed.values())
    result = {
        "queues": QUEUES,
        "agents": AGENTS,
        "entities": len(entities),
        "setup_s": setup_ns / 1e9,
        "rss_added_setup_mb": rss_setup / 1e6,
        "rss_added_after_burst_mb": rss_after / 1e6,
        "offered_per_s": rate,
        "updates": burst["sent"],
        "achieved_send_per_s": burst["sent"] / burst["seconds"],
        "writes": writes,
        "writes_per_update": writes / burst["sent"],
        "unchanged_writes": sum(unchanged.values()),
        "one_to_one_updates": len(expected),
        "lost": len(expected) - len(latencies),
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p99_ms": _percentile(latencies, 0.99),
        "max_ms": latencies[-1] if latencies else None,
        "loop_stalls": probe.stalls,
    }
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    return result


async def bench_contact_centre(rate: float = 1000.0, seconds: float = 5.0) -> Json:
    """Measurement 6 on its own core and simulator process; its results by name."""
    coordinator.CLIENT_TIMINGS = Timings(request_timeout=10.0)
    config_dir = RESULTS / f"hass-cc-{os.getpid()}"
    sender = await Sender.launch("cc")
    hass = await start_hass(config_dir)
    try:
        return {"contact_centre": await measure(hass, sender, rate, seconds)}
    finally:
        await hass.async_stop()
        await sender.close()
        shutil.rmtree(config_dir, ignore_errors=True)
