"""Actions on a XiVO line: calls, transfers, forwards, lookups, the user's agent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
import re
from typing import Any, Final

from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv, service
from homeassistant.util import dt as dt_util
import probatio as vol

from .agent import check_logged_in, pause_reason
from .const import (
    ATTR_DESTINATION,
    ATTR_DEVICE,
    ATTR_ENABLED,
    ATTR_FORWARD,
    ATTR_KEY,
    ATTR_SIZE,
    ATTR_TERM,
    ATTR_UNIQUE_ID,
    ATTR_USERNAME,
    ATTR_VARIABLES,
    DOMAIN,
    SERVICE_ANSWER,
    SERVICE_ATTENDED_TRANSFER,
    SERVICE_CANCEL_TRANSFER,
    SERVICE_COMPLETE_TRANSFER,
    SERVICE_CONFERENCE,
    SERVICE_DIAL,
    SERVICE_DIAL_BY_USERNAME,
    SERVICE_DIAL_FROM_MOBILE,
    SERVICE_DIRECT_TRANSFER,
    SERVICE_GET_CALL_HISTORY,
    SERVICE_GET_CURRENT_CALLS,
    SERVICE_HANGUP,
    SERVICE_HOLD,
    SERVICE_ORIGINATE,
    SERVICE_SEARCH_CONTACTS,
    SERVICE_SEND_DTMF,
    SERVICE_SET_DATA,
    SERVICE_SET_DND,
    SERVICE_SET_FORWARD,
)
from .coordinator import XivoConfigEntry, XivoCoordinator
from .helpers import async_run_command, dialable_number, forward_change, normalize_destination
from .payloads import call_item, contact_item, history_item
from .xuc import ForwardType, XucClient

ATTR_PHONE_NUMBER: Final = "phone_number"
ATTR_REASON: Final = "reason"

MAX_VARIABLES: Final = 20
MAX_VARIABLE_VALUE: Final = 256
_VARIABLE_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")
_DTMF = re.compile(r"[0-9*#A-Da-d]")

_TEXT = vol.All(cv.string, vol.Length(max=256))
_BASE: Final = {vol.Required(ATTR_DEVICE_ID): cv.string}
_DESTINATION: Final = {vol.Required(ATTR_DESTINATION): _TEXT}
_VARIABLES: Final = {vol.Optional(ATTR_VARIABLES): dict}
_UNIQUE_ID: Final = {vol.Optional(ATTR_UNIQUE_ID): _TEXT}

type Handler = Callable[[XucClient, Mapping[str, Any]], Awaitable[ServiceResponse | None]]


@dataclass(frozen=True, slots=True)
class XivoService:
    """One action: its extra fields and what it does with the client."""

    fields: Mapping[Any, Any]
    handler: Handler
    supports_response: SupportsResponse = SupportsResponse.NONE


def _destination(data: Mapping[str, Any]) -> str:
    return normalize_destination(data[ATTR_DESTINATION])


def _variables(data: Mapping[str, Any]) -> dict[str, str] | None:
    """Variables as cti.js sends them: keys as given (the server adds the `USR_` prefix)."""
    variables = data.get(ATTR_VARIABLES)
    if variables is None:
        return None
    if len(variables) > MAX_VARIABLES or not all(
        isinstance(name, str)
        and _VARIABLE_NAME.fullmatch(name)
        and isinstance(value, str | int | float)
        and not isinstance(value, bool)
        and len(str(value)) <= MAX_VARIABLE_VALUE
        for name, value in variables.items()
    ):
        raise ServiceValidationError(translation_domain=DOMAIN, translation_key="invalid_variables")
    return {name: str(value) for name, value in variables.items()}


def _dtmf(data: Mapping[str, Any]) -> str:
    key: str = data[ATTR_KEY].strip()
    if not _DTMF.fullmatch(key):
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_dtmf",
            translation_placeholders={"key": key[:8]},
        )
    return key.upper()


async def _set_forward(client: XucClient, data: Mapping[str, Any]) -> None:
    forward = ForwardType(data[ATTR_FORWARD])
    # An empty destination here means "the one the server holds", not "none".
    destination = data.get(ATTR_DESTINATION, "").strip() or None
    change = forward_change(
        client.state, forward, enabled=data[ATTR_ENABLED], destination=destination
    )
    await client.set_forward(forward, change.enabled, change.destination)


async def _current_calls(client: XucClient, _: Mapping[str, Any]) -> ServiceResponse:
    # The server's list is applied to the line state as it arrives: the state is its copy,
    # with the start times and names the client keeps.
    await client.get_current_calls()
    calls: list[Any] = [call_item(call) for call in client.state.calls.values()]
    return {"calls": calls}


async def _call_history(client: XucClient, data: Mapping[str, Any]) -> ServiceResponse:
    history = await client.get_call_history(data[ATTR_SIZE])
    time_zone = dt_util.get_default_time_zone()
    calls: list[Any] = [history_item(record, time_zone) for record in history.records]
    return {"calls": calls}


async def _search_contacts(client: XucClient, data: Mapping[str, Any]) -> ServiceResponse:
    result = await client.search_contacts(data[ATTR_TERM])
    contacts: list[Any] = [contact_item(contact) for contact in result.contacts]
    return {"contacts": contacts}


async def _agent_login(client: XucClient, data: Mapping[str, Any]) -> None:
    # Empty: the line's own number.
    typed: str = data.get(ATTR_PHONE_NUMBER, "").strip()
    number = dialable_number(typed) if typed else None
    if typed and number is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_destination",
            translation_placeholders={"destination": typed[:64]},
        )
    await client.agent_login(number)


async def _agent_pause(client: XucClient, data: Mapping[str, Any]) -> None:
    # The library refuses a user who is not an agent; these checks are for an agent.
    reason: str | None = data.get(ATTR_REASON)
    if client.state.contact_centre.is_agent:
        check_logged_in(client.state)
        if reason is not None and reason.strip():
            reason = pause_reason(client.state, reason)
        else:
            reason = None
    await client.agent_pause(reason)


async def _agent_unpause(client: XucClient, _: Mapping[str, Any]) -> None:
    if client.state.contact_centre.is_agent:
        check_logged_in(client.state)
    await client.agent_unpause()


SERVICES: Final[dict[str, XivoService]] = {
    SERVICE_DIAL: XivoService(
        _DESTINATION | _VARIABLES,
        lambda client, data: client.dial(_destination(data), _variables(data)),
    ),
    SERVICE_DIAL_FROM_MOBILE: XivoService(
        _DESTINATION | _VARIABLES,
        lambda client, data: client.dial_from_mobile(_destination(data), _variables(data)),
    ),
    # No variables: cti.js never sends them with dialByUsername.
    SERVICE_DIAL_BY_USERNAME: XivoService(
        {vol.Required(ATTR_USERNAME): vol.All(_TEXT, str.strip, vol.Length(min=1))},
        lambda c, d: c.dial_by_username(d[ATTR_USERNAME]),
    ),
    SERVICE_ORIGINATE: XivoService(_DESTINATION, lambda c, d: c.originate(_destination(d))),
    SERVICE_ANSWER: XivoService(_UNIQUE_ID, lambda c, d: c.answer(d.get(ATTR_UNIQUE_ID))),
    SERVICE_HANGUP: XivoService(_UNIQUE_ID, lambda c, d: c.hangup(d.get(ATTR_UNIQUE_ID))),
    SERVICE_HOLD: XivoService(_UNIQUE_ID, lambda c, d: c.hold(d.get(ATTR_UNIQUE_ID))),
    SERVICE_DIRECT_TRANSFER: XivoService(
        _DESTINATION, lambda c, d: c.direct_transfer(_destination(d))
    ),
    SERVICE_ATTENDED_TRANSFER: XivoService(
        _DESTINATION | {vol.Optional(ATTR_DEVICE): _TEXT},
        lambda c, d: c.attended_transfer(_destination(d), d.get(ATTR_DEVICE)),
    ),
    SERVICE_COMPLETE_TRANSFER: XivoService({}, lambda c, _: c.complete_transfer()),
    SERVICE_CANCEL_TRANSFER: XivoService({}, lambda c, _: c.cancel_transfer()),
    SERVICE_CONFERENCE: XivoService({}, lambda c, _: c.conference()),
    SERVICE_SEND_DTMF: XivoService(
        {vol.Required(ATTR_KEY): cv.string}, lambda c, d: c.send_dtmf(_dtmf(d))
    ),
    SERVICE_SET_DATA: XivoService(
        {vol.Required(ATTR_VARIABLES): dict},
        lambda c, d: c.set_data(_variables(d) or {}),
    ),
    SERVICE_SET_FORWARD: XivoService(
        {
            vol.Required(ATTR_FORWARD): vol.In([forward.value for forward in ForwardType]),
            vol.Required(ATTR_ENABLED): cv.boolean,
            vol.Optional(ATTR_DESTINATION): _TEXT,
        },
        _set_forward,
    ),
    SERVICE_SET_DND: XivoService(
        {vol.Required(ATTR_ENABLED): cv.boolean}, lambda c, d: c.set_dnd(d[ATTR_ENABLED])
    ),
    SERVICE_GET_CURRENT_CALLS: XivoService({}, _current_calls, SupportsResponse.ONLY),
    SERVICE_GET_CALL_HISTORY: XivoService(
        {vol.Optional(ATTR_SIZE, default=20): vol.All(vol.Coerce(int), vol.Range(1, 500))},
        _call_history,
        SupportsResponse.ONLY,
    ),
    SERVICE_SEARCH_CONTACTS: XivoService(
        {vol.Required(ATTR_TERM): vol.All(_TEXT, vol.Length(min=1, max=100))},
        _search_contacts,
        SupportsResponse.ONLY,
    ),
    "agent_login": XivoService({vol.Optional(ATTR_PHONE_NUMBER): _TEXT}, _agent_login),
    "agent_logout": XivoService({}, lambda c, _: c.agent_logout()),
    "agent_pause": XivoService({vol.Optional(ATTR_REASON): _TEXT}, _agent_pause),
    "agent_unpause": XivoService({}, _agent_unpause),
}


@callback
def _coordinator(hass: HomeAssistant, call: ServiceCall) -> XivoCoordinator:
    """The loaded line a call targets; a translated error for anything else."""
    entry: XivoConfigEntry
    _, entry = service.async_get_device_and_config_entry(hass, DOMAIN, call.data[ATTR_DEVICE_ID])
    return entry.runtime_data


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""
    for name, spec in SERVICES.items():

        async def handle(call: ServiceCall, spec: XivoService = spec) -> ServiceResponse:
            coordinator = _coordinator(hass, call)
            return await async_run_command(coordinator, spec.handler(coordinator.client, call.data))

        hass.services.async_register(
            DOMAIN,
            name,
            handle,
            schema=vol.Schema(_BASE | dict(spec.fields)),
            supports_response=spec.supports_response,
        )
