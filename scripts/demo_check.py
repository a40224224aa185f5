"""The Python half of scripts/demo: prepare and provision the demo Home Assistant, check it.

Runs with the project's venv. `prepare` runs before Home Assistant starts and reads a few of its
storage constants; the other commands talk to a running Home Assistant and XUC simulator with
aiohttp only:

  prepare    write demo_config/.storage/http (listen address and port) and, on a fresh
             config, .storage/onboarding with every step but "user" marked done
  provision  wait for Home Assistant, create the demo user through the onboarding API (an
             administrator), sign in, add the XiVO entry through the config flow (and its
             monitored numbers through the options flow) unless it exists, write the line's
             device id where the dashboard's phone card includes it from, name the colleagues'
             lamps, make the XiVO dashboard the default one
  check      sign in as the demo user (login flow + token), wait for live XiVO states, print
             them, ring the line from the simulator and wait for the call state "ringing",
             then check jbond's agent state and a caller queued in Sales (waiting calls)
  login-url  print a URL that signs a browser in as the demo user (for screenshots)
"""

from __future__ import annotations

import argparse
import asyncio
import base64
from collections.abc import Awaitable, Callable
import json
from pathlib import Path
import sys
import time
from typing import Any
from urllib.parse import urlsplit

import aiohttp

DEMO_USER = "demo"
DEMO_PASSWORD = "demo1234"
DEMO_NAME = "Demo"
XIVO_USER = "jbond"
XIVO_PASSWORD = "secret"
MONITORED_NUMBERS = ["1001", "1002"]
# The monitored numbers' lamps named as a user would rename them (the phone card shows them).
COLLEAGUE_NAMES = {"1001": "Alice Martin", "1002": "Bob Durand"}
# dashboard.yaml's phone card takes its device_id from this file (`!include`), since the line's
# device id is new with every fresh configuration.
CARD_DEVICE_FILE = "xivo_phone_device.yaml"
CHECK_CALLER = ("0467987654", "Garage Dupuis")

LINE = "james_bond"
ENTITIES = (
    f"binary_sensor.{LINE}_cti_link",
    f"sensor.{LINE}_phone_status",
    f"sensor.{LINE}_call_state",
    f"switch.{LINE}_do_not_disturb",
    f"switch.{LINE}_unconditional_forward",
    f"text.{LINE}_unconditional_forward_destination",
    f"sensor.{LINE}_new_voicemail_messages",
    f"sensor.{LINE}_missed_calls",
    f"button.{LINE}_reset_missed_calls",
    f"event.{LINE}_call",
    *(f"sensor.{LINE}_phone_{number}" for number in MONITORED_NUMBERS),
    # jbond is agent 8000, in the Sales and Support queues (each a device of its own).
    f"sensor.{LINE}_agent_state",
    "sensor.sales_waiting_calls",
)
AGENT_STATES = {"logged_out", "ready", "paused", "ringing", "dialing", "on_call", "wrap_up"}
QUEUE_CALLER = ("0467123456", "Pizza Roma")
PHONE_STATUSES = {
    "available",
    "ringing",
    "calling",
    "busy",
    "busy_and_ringing",
    "on_hold",
    "unreachable",
    "deactivated",
    "unexisting",
}
TIMEOUT = aiohttp.ClientTimeout(total=15)


class DemoError(Exception):
    """A step of the demo failed; the message says which and why."""


def log(message: str) -> None:
    print(f"demo: {message}", flush=True)


async def until[T](
    what: str, probe: Callable[[], Awaitable[T | None]], deadline: float, every: float = 0.5
) -> T:
    """Call `probe` until it returns something other than None, or fail at `deadline`."""
    last_error: Exception | None = None
    while True:
        try:
            if (result := await probe()) is not None:
                return result
        except (aiohttp.ClientError, OSError, TimeoutError) as err:
            last_error = err
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise DemoError(f"timed out waiting for {what}{detail}")
        await asyncio.sleep(every)


class HomeAssistant:
    """The few REST calls the demo makes, with the demo user's token once signed in."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session = session
        self.url = url.rstrip("/")
        self.client_id = f"{self.url}/"
        self.token: str | None = None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def request(
        self, method: str, path: str, body: Any = None, *, expect: tuple[int, ...] = (200,)
    ) -> Any:
        async with self.session.request(
            method, f"{self.url}{path}", json=body, headers=self._headers(), timeout=TIMEOUT
        ) as resp:
            text = await resp.text()
            if resp.status not in expect:
                raise DemoError(f"{method} {path} answered {resp.status}: {text[:300]}")
            return json.loads(text) if text else None

    async def onboarding(self) -> dict[str, bool] | None:
        """The onboarding steps (None once onboarding is complete: the view is gone)."""
        async with self.session.get(f"{self.url}/api/onboarding", timeout=TIMEOUT) as resp:
            if resp.status == 404:
                return None
            resp.raise_for_status()
            return {step["step"]: step["done"] for step in await resp.json()}

    async def create_demo_user(self) -> None:
        await self.request(
            "POST",
            "/api/onboarding/users",
            {
                "client_id": self.client_id,
                "name": DEMO_NAME,
                "username": DEMO_USER,
                "password": DEMO_PASSWORD,
                "language": "en",
            },
        )

    async def authorization_code(self) -> str:
        """Sign in through the login flow, as the UI does; returns the authorization code."""
        flow = await self.request(
            "POST",
            "/auth/login_flow",
            {
                "client_id": self.client_id,
                "handler": ["homeassistant", None],
                "redirect_uri": f"{self.url}/?auth_callback=1",
            },
        )
        result = await self.request(
            "POST",
            f"/auth/login_flow/{flow['flow_id']}",
            {"client_id": self.client_id, "username": DEMO_USER, "password": DEMO_PASSWORD},
        )
        if result.get("type") != "create_entry":
            raise DemoError(f"login as {DEMO_USER!r} refused: {result.get('errors')}")
        return str(result["result"])

    async def login(self) -> None:
        code = await self.authorization_code()
        async with self.session.post(
            f"{self.url}/auth/token",
            data={"grant_type": "authorization_code", "code": code, "client_id": self.client_id},
            timeout=TIMEOUT,
        ) as resp:
            if resp.status != 200:
                raise DemoError(f"POST /auth/token answered {resp.status}: {await resp.text()}")
            self.token = (await resp.json())["access_token"]

    async def websocket(self, *commands: dict[str, Any]) -> list[Any]:
        """Send commands over the websocket API; their results, in order."""
        results = []
        ws_timeout = aiohttp.ClientWSTimeout(ws_receive=15)
        async with self.session.ws_connect(f"{self.url}/api/websocket", timeout=ws_timeout) as ws:
            await ws.receive_json()  # auth_required
            await ws.send_json({"type": "auth", "access_token": self.token})
            if (reply := await ws.receive_json())["type"] != "auth_ok":
                raise DemoError(f"websocket authentication failed: {reply}")
            for msg_id, command in enumerate(commands, 1):
                await ws.send_json({"id": msg_id, **command})
                while (reply := await ws.receive_json()).get("id") != msg_id:
                    pass
                if not reply.get("success"):
                    raise DemoError(f"websocket {command['type']} failed: {reply.get('error')}")
                results.append(reply.get("result"))
        return results

    async def states(self) -> dict[str, dict[str, Any]]:
        return {state["entity_id"]: state for state in await self.request("GET", "/api/states")}


# ----------------------------------------------------------------------------- prepare


def prepare(config_dir: Path, host: str, port: int) -> None:
    """Storage files Home Assistant must find at its first start."""
    # Imported here: the other commands need no Home Assistant import.
    from homeassistant.components import onboarding
    from homeassistant.components.http import config as http_config
    from homeassistant.components.onboarding.const import STEP_USER, STEPS
    from homeassistant.util import dt as dt_util

    storage = config_dir / ".storage"
    storage.mkdir(parents=True, exist_ok=True)

    def write(key: str, version: int, minor_version: int, data: dict[str, Any]) -> None:
        document = {"version": version, "minor_version": minor_version, "key": key, "data": data}
        (storage / key).write_text(json.dumps(document, indent=2) + "\n")

    # The HTTP settings as a confirmed ("stable") config: one put in configuration.yaml would
    # be staged as "pending" and rolled back, with a restart, unless confirmed in 5 minutes.
    stable = http_config.HTTP_STORAGE_SCHEMA({"server_host": [host], "server_port": port})
    write(
        http_config.STORAGE_KEY,
        http_config.STORAGE_VERSION,
        http_config.STORAGE_MINOR_VERSION,
        {
            "stable": {
                **stable,
                "created_at": dt_util.utcnow().isoformat(),
                "error": None,
                "error_message": None,
            },
            "pending": None,
            "yaml_migration_done": True,
        },
    )
    if not (storage / onboarding.STORAGE_KEY).exists():
        # "core_config" done here also keeps its side effect away: it would add the weather,
        # radio and TTS integrations, which need the internet.
        done = [step for step in STEPS if step != STEP_USER]
        write(onboarding.STORAGE_KEY, onboarding.STORAGE_VERSION, 1, {"done": done})


# ----------------------------------------------------------------------------- provision


async def wait_for_http(ha: HomeAssistant, deadline: float) -> dict[str, bool] | None:
    """Wait until Home Assistant's HTTP server answers; returns the onboarding steps."""

    async def probe() -> tuple[dict[str, bool] | None] | None:
        return (await ha.onboarding(),)

    return (await until("Home Assistant's HTTP server", probe, deadline))[0]


async def wait_for_running(ha: HomeAssistant, deadline: float) -> None:
    async def probe() -> bool | None:
        config = await ha.request("GET", "/api/config")
        return True if config.get("state") == "RUNNING" else None

    await until("Home Assistant to finish starting", probe, deadline)


async def xivo_entries(ha: HomeAssistant) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = await ha.request(
        "GET", "/api/config/config_entries/entry?domain=xivo"
    )
    return entries


async def add_xivo_entry(ha: HomeAssistant, sim_host: str, sim_port: int) -> None:
    flow = await ha.request(
        "POST",
        "/api/config/config_entries/flow",
        {"handler": "xivo", "show_advanced_options": False},
    )
    if flow.get("type") != "form":
        raise DemoError(f"XiVO config flow did not start: {flow}")
    result = await ha.request(
        "POST",
        f"/api/config/config_entries/flow/{flow['flow_id']}",
        {
            "host": sim_host,
            "port": sim_port,
            "ssl": False,
            "verify_ssl": True,
            "username": XIVO_USER,
            "password": XIVO_PASSWORD,
        },
    )
    if result.get("type") != "create_entry":
        raise DemoError(f"XiVO config flow failed: {result.get('errors') or result}")
    entry_id = result["result"]["entry_id"]
    log(f"XiVO entry {result['title']!r} created against {sim_host}:{sim_port}")

    options = await ha.request(
        "POST", "/api/config/config_entries/options/flow", {"handler": entry_id}
    )
    result = await ha.request(
        "POST",
        f"/api/config/config_entries/options/flow/{options['flow_id']}",
        {"monitored_numbers": MONITORED_NUMBERS},
    )
    if result.get("type") != "create_entry":
        raise DemoError(f"XiVO options flow failed: {result.get('errors') or result}")
    log(f"monitoring {', '.join(MONITORED_NUMBERS)}")


async def provision(ha: HomeAssistant, sim_host: str, sim_port: int, deadline: float) -> None:
    steps = await wait_for_http(ha, deadline)
    if steps is not None and not steps.get("user", False):
        await ha.create_demo_user()
        log(f"user {DEMO_USER!r} created")
    await ha.login()
    await wait_for_running(ha, deadline)
    for entry in await xivo_entries(ha):
        # Kept from an earlier run (--keep-storage): keep it if it reached this simulator.
        if entry.get("state") == "loaded":
            log(f"XiVO entry {entry['title']!r} kept from the last run")
            break
        await ha.request("DELETE", f"/api/config/config_entries/entry/{entry['entry_id']}")
    else:
        await add_xivo_entry(ha, sim_host, sim_port)
    await write_card_device(ha, deadline)
    await tidy_ui(ha)


async def write_card_device(ha: HomeAssistant, deadline: float) -> None:
    """Write the line's device id where the dashboard's phone card includes it; name the lamps."""
    entry_ids = {entry["entry_id"] for entry in await xivo_entries(ha)}

    async def device_id() -> str | None:
        states = await ha.states()
        if any(f"sensor.{LINE}_phone_{number}" not in states for number in COLLEAGUE_NAMES):
            return None  # the lamps are added when the options flow's reload is done
        (devices,) = await ha.websocket({"type": "config/device_registry/list"})
        return next(
            (
                str(device["id"])
                for device in devices
                if entry_ids & set(device.get("config_entries") or ())
            ),
            None,
        )

    found = await until("the XiVO line's device and lamps", device_id, deadline)
    await ha.websocket(
        *(
            {
                "type": "config/entity_registry/update",
                "entity_id": f"sensor.{LINE}_phone_{number}",
                "name": name,
            }
            for number, name in COLLEAGUE_NAMES.items()
        )
    )
    config_dir = Path((await ha.request("GET", "/api/config"))["config_dir"])
    (config_dir / CARD_DEVICE_FILE).write_text(
        "# Written by scripts/demo_check.py provision: the device id of James Bond's line, for\n"
        "# the phone card in dashboard.yaml (device_id: !include xivo_phone_device.yaml).\n"
        f"{found}\n"
    )
    log(f"phone card: device {found} (in {CARD_DEVICE_FILE})")


async def tidy_ui(ha: HomeAssistant) -> None:
    """Open on the XiVO dashboard; silence the repair about running HA from a venv."""
    issues, core = await ha.websocket(
        {"type": "repairs/list_issues"}, {"type": "frontend/get_system_data", "key": "core"}
    )
    await ha.websocket(
        {
            "type": "frontend/set_system_data",
            "key": "core",
            "value": {**(core.get("value") or {}), "default_panel": "lovelace"},
        }
    )
    ignore = [
        {
            "type": "repairs/ignore_issue",
            "domain": issue["domain"],
            "issue_id": issue["issue_id"],
            "ignore": True,
        }
        for issue in issues["issues"]
        if issue["domain"] == "homeassistant"
        and issue["issue_id"].startswith("deprecated_method")
        and not issue.get("ignored")
    ]
    if ignore:
        await ha.websocket(*ignore)


# ----------------------------------------------------------------------------- check


def live(states: dict[str, dict[str, Any]]) -> bool:
    if any(entity_id not in states for entity_id in ENTITIES):
        return False
    if states[f"binary_sensor.{LINE}_cti_link"]["state"] != "on":
        return False
    if states[f"sensor.{LINE}_phone_status"]["state"] not in PHONE_STATUSES:
        return False
    return all(
        states[entity_id]["state"] != "unavailable"
        for entity_id in ENTITIES
        if not entity_id.startswith("binary_sensor.")
    )


def table(states: dict[str, dict[str, Any]]) -> str:
    rows = [("entity", "state", "details")]
    for entity_id in sorted(e for e in states if f".{LINE}_" in e):
        attributes = states[entity_id]["attributes"]
        details = ", ".join(
            f"{key}={attributes[key]}"
            for key in (
                "other_name",
                "other_number",
                "direction",
                "event_type",
                "last_caller_number",
            )
            if attributes.get(key) not in (None, "")
        )
        rows.append((entity_id, str(states[entity_id]["state"]), details))
    width = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [f"  {row[0]:<{width[0]}}  {row[1]:<{width[1]}}  {row[2]}".rstrip() for row in rows]
    lines.insert(1, "  " + "-" * (width[0] + width[1] + 12))
    return "\n".join(lines)


async def check(ha: HomeAssistant, sim_url: str, deadline: float, ring: bool) -> None:
    await wait_for_http(ha, deadline)
    await ha.login()
    log(f"signed in as {DEMO_USER!r} through the login flow")

    async def live_states() -> dict[str, dict[str, Any]] | None:
        states = await ha.states()
        return states if live(states) else None

    try:
        states = await until("live XiVO entities", live_states, deadline, every=1.0)
    except DemoError:
        print(table(await ha.states()), flush=True)
        raise
    print(table(states), flush=True)
    log(
        f"CTI link on, phone status {states[f'sensor.{LINE}_phone_status']['state']!r}, "
        f"{len(ENTITIES)} XiVO entities live"
    )
    if not ring:
        return

    number, name = CHECK_CALLER
    async with ha.session.post(
        f"{sim_url}/_sim/incoming_call",
        json={"username": XIVO_USER, "caller_number": number, "caller_name": name},
        timeout=TIMEOUT,
    ) as resp:
        if resp.status != 200:
            raise DemoError(f"simulator refused incoming_call: {resp.status} {await resp.text()}")
        linked_id = (await resp.json())["result"]
    log(f"simulator: {name} ({number}) calls {XIVO_USER}")

    async def ringing() -> dict[str, Any] | None:
        state = (await ha.states()).get(f"sensor.{LINE}_call_state")
        if (
            state
            and state["state"] == "ringing"
            and state["attributes"].get("other_number") == number
        ):
            return state
        return None

    state = await until("sensor.james_bond_call_state to be 'ringing'", ringing, deadline, 0.25)
    attributes = state["attributes"]
    log(
        f"sensor.{LINE}_call_state = ringing "
        f"(other_name={attributes.get('other_name')!r}, other_number={attributes.get('other_number')!r}, "
        f"direction={attributes.get('direction')!r})"
    )
    async with ha.session.post(
        f"{sim_url}/_sim/remote_hangup",
        json={"username": XIVO_USER, "linked_id": linked_id},
        timeout=TIMEOUT,
    ) as resp:
        resp.raise_for_status()
    await check_contact_centre(ha, sim_url, deadline)


async def sim_action(ha: HomeAssistant, sim_url: str, action: str, body: dict[str, Any]) -> Any:
    """Run one of the simulator's control actions; its result."""
    async with ha.session.post(f"{sim_url}/_sim/{action}", json=body, timeout=TIMEOUT) as resp:
        if resp.status != 200:
            raise DemoError(f"simulator refused {action}: {resp.status} {await resp.text()}")
        return (await resp.json())["result"]


async def check_contact_centre(ha: HomeAssistant, sim_url: str, deadline: float) -> None:
    """jbond's agent has a state, and a caller queued in Sales shows in its waiting calls."""
    agent = (await ha.states())[f"sensor.{LINE}_agent_state"]
    if agent["state"] not in AGENT_STATES:
        raise DemoError(f"sensor.{LINE}_agent_state is {agent['state']!r}")
    log(f"sensor.{LINE}_agent_state = {agent['state']} (queues {agent['attributes']['queues']})")
    number, name = QUEUE_CALLER
    # Whoever is ready in Sales is paused first, so that the caller waits.
    await sim_action(ha, sim_url, "agent", {"username": "alice", "state": "logged_out"})
    await sim_action(ha, sim_url, "agent", {"username": XIVO_USER, "state": "logged_out"})
    linked_id = await sim_action(
        ha, sim_url, "queue_call", {"queue": "3000", "caller_number": number, "caller_name": name}
    )
    log(f"simulator: {name} ({number}) waits in the Sales queue")

    async def waiting() -> dict[str, Any] | None:
        state = (await ha.states()).get("sensor.sales_waiting_calls")
        calls = state["attributes"].get("calls") if state else None
        if state and state["state"] not in ("0", "unavailable", "unknown") and calls:
            return state
        return None

    state = await until("sensor.sales_waiting_calls to count the caller", waiting, deadline, 0.25)
    log(
        f"sensor.sales_waiting_calls = {state['state']} "
        f"(calls {[call.get('number') for call in state['attributes']['calls']]})"
    )
    await sim_action(ha, sim_url, "queue_hangup", {"linked_id": linked_id})


# ----------------------------------------------------------------------------- login URL


async def login_url(ha: HomeAssistant) -> str:
    """A URL that makes the frontend exchange a fresh authorization code for tokens."""
    code = await ha.authorization_code()
    state = base64.b64encode(
        json.dumps({"hassUrl": ha.url, "clientId": ha.client_id}).encode()
    ).decode()
    return f"{ha.url}/?auth_callback=1&code={code}&state={state}"


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["prepare", "provision", "check", "login-url"])
    parser.add_argument("--url", required=True, help="Home Assistant's base URL")
    parser.add_argument("--config", type=Path, help="prepare: Home Assistant's config folder")
    parser.add_argument("--host", default="127.0.0.1", help="prepare: address to listen on")
    parser.add_argument("--sim-url", default="http://127.0.0.1:8090", help="the simulator's URL")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before giving up")
    parser.add_argument(
        "--no-ring", action="store_true", help="check: skip the incoming and the queued call"
    )
    args = parser.parse_args()
    if args.command == "prepare":
        if args.config is None:
            parser.error("prepare needs --config")
        prepare(args.config, args.host, urlsplit(args.url).port or 8123)
        return 0
    sim = urlsplit(args.sim_url)
    deadline = time.monotonic() + args.timeout
    async with aiohttp.ClientSession() as session:
        ha = HomeAssistant(session, args.url)
        try:
            if args.command == "provision":
                await provision(ha, sim.hostname or "127.0.0.1", sim.port or 8090, deadline)
            elif args.command == "check":
                await check(ha, args.sim_url.rstrip("/"), deadline, ring=not args.no_ring)
            else:
                print(await login_url(ha))
        except DemoError as err:
            print(f"demo: FAILED: {err}", file=sys.stderr, flush=True)
            return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(asyncio.run(main()))
    except KeyboardInterrupt:
        sys.exit(130)
