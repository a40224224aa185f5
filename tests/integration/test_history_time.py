"""Recent calls at their own time: the XiVO server writes its history in its local time (no
zone, §4.13), the integration reads it in Home Assistant's zone; with both in Europe/Paris, as
in the demo, a call made now is listed now, whatever this machine's own zone is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
import time
from typing import Any
from zoneinfo import ZoneInfo

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.util import dt as dt_util
import pytest

from custom_components.xivo.const import DOMAIN
from simulator import XucSimulator
from simulator.__main__ import parse_args, simulator_for
from tests.common import state_of, wait_for

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This machine's local time is UTC (as in a container), an hour or two off Paris."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def history(hass: HomeAssistant, device: dr.DeviceEntry) -> list[dict[str, Any]]:
    response = await hass.services.async_call(
        DOMAIN,
        "get_call_history",
        {"device_id": device.id, "size": 1},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    calls: list[dict[str, Any]] = response["calls"]  # type: ignore[assignment]
    return calls


@pytest.mark.usefixtures("machine_in_utc")
async def test_a_call_made_now_is_listed_at_its_time(
    hass: HomeAssistant, xuc_server: XucSimulator, line_device: dr.DeviceEntry
) -> None:
    await hass.config.async_set_time_zone("Europe/Paris")
    xuc_server.pbx.time_zone = PARIS  # the XiVO server's zone, as `--time-zone` sets it
    before = dt_util.utcnow().replace(microsecond=0)

    await xuc_server.incoming_call("jbond", "0612345678", "Q Branch")
    await wait_for(lambda: state_of(hass, "sensor.james_bond_call_state") == "ringing")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, "sensor.james_bond_call_state") == "idle")

    (last,) = await history(hass, line_device)
    start = datetime.fromisoformat(last["start"])
    assert (last["number"], last["status"]) == ("0612345678", "missed")
    # Not an hour (or two) early: the call started between `before` and now.
    assert before <= start <= dt_util.utcnow() + timedelta(seconds=1)
    assert start.utcoffset() == before.astimezone(PARIS).utcoffset()


def test_time_zone_option() -> None:
    """`python -m simulator --time-zone Europe/Paris` (scripts/demo): the server's zone."""
    assert simulator_for(parse_args(["--time-zone", "Europe/Paris"])).pbx.time_zone == PARIS
    assert simulator_for(parse_args([])).pbx.time_zone is None
