"""Running a CTI command on behalf of a user: input checks and errors they can read."""

from __future__ import annotations

from collections.abc import Awaitable
import re
from typing import Final

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .const import DOMAIN
from .coordinator import XivoCoordinator
from .xuc import (
    Forward,
    ForwardType,
    LineState,
    XucAgentError,
    XucCommandError,
    XucError,
    XucNotAnAgentError,
    XucNotConnectedError,
    XucTimeoutError,
    normalize_number,
)


def _translated(err: XucError) -> tuple[type[HomeAssistantError], str, dict[str, str]]:
    """The Home Assistant error a library error becomes: its class, key and placeholders."""
    match err:
        case XucNotConnectedError():
            return HomeAssistantError, "not_connected", {}
        case XucTimeoutError():
            return HomeAssistantError, "request_timeout", {}
        case XucNotAnAgentError():
            return ServiceValidationError, "not_an_agent", {}
        # The refusals the server documents for agents (XUC_CONTACT_CENTRE.md §3.3).
        case XucAgentError(code="PhoneNumberUnknown"):
            return HomeAssistantError, "agent_phone_number_unknown", {}
        case XucAgentError(code="LoggedInOnAnotherPhone"):
            return (
                HomeAssistantError,
                "agent_logged_in_elsewhere",
                {
                    "phone_number": err.phone_number or "?",
                    "requested_number": err.requested_number or "?",
                },
            )
        case XucAgentError():
            return HomeAssistantError, "agent_refused", {"reason": err.reason}
        case XucCommandError():
            return HomeAssistantError, "command_refused", {"reason": err.reason}
    return HomeAssistantError, "command_failed", {"error": str(err)}


async def async_run_command[T](coordinator: XivoCoordinator, command: Awaitable[T]) -> T:
    """Await a client command; turn library errors into translated Home Assistant errors."""
    try:
        return await command
    except XucError as err:
        error, key, placeholders = _translated(err)
        raise error(
            translation_domain=DOMAIN,
            translation_key=key,
            translation_placeholders={"line": coordinator.line_name, **placeholders},
        ) from err


# The one rule for what can be dialled: digits with * and #, an optional leading +.
_NUMBER: Final = re.compile(r"\+?[0-9*#]{1,40}")
_SIP_URI: Final = re.compile(
    r"(sips?:)?[A-Za-z0-9._%+!~'()-]{1,64}(@[A-Za-z0-9.-]{1,190}(:[0-9]{1,5})?)?"
)


def dialable_number(value: str) -> str | None:
    """The number without the spacing people type (`06 12 34 56 78`); `None` if not a number."""
    number = normalize_number(value.strip())
    return number if _NUMBER.fullmatch(number) else None


def dialable_destination(value: str) -> str | None:
    """A dialable number (spacing removed) or SIP address; `None` for anything else."""
    if number := dialable_number(value):
        return number
    candidate = value.strip()
    if ("@" in candidate or candidate.startswith("sip")) and _SIP_URI.fullmatch(candidate):
        return candidate
    return None


def normalize_destination(value: str) -> str:
    """A dialable number or SIP address, or a translated validation error."""
    if destination := dialable_destination(value):
        return destination
    raise ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key="invalid_destination",
        translation_placeholders={"destination": value[:64]},
    )


def forward_change(
    state: LineState,
    forward: ForwardType,
    *,
    enabled: bool | None = None,
    destination: str | None = None,
) -> Forward:
    """What to ask the server for a forward: the one rule for switches, texts and actions.

    What is not given stays as the server holds it; an empty destination turns the forward
    off, since a forward with nowhere to go cannot stay on; turning it on with no destination
    is refused.
    """
    current = state.forward(forward) or Forward()
    wanted_on = current.enabled if enabled is None else enabled
    if destination is None:
        target = current.destination
    elif destination.strip():
        target = normalize_destination(destination)
    else:
        target, wanted_on = "", False
    if wanted_on and not target:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="no_forward_destination",
        )
    return Forward(enabled=wanted_on, destination=target)
