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


def _agent_refusal(coordinator: XivoCoordinator, err: XucAgentError) -> HomeAssistantError:
    """The server's documented agent refusals in words (XUC_CONTACT_CENTRE.md §3.3)."""
    line = coordinator.line_name
    if err.code == "PhoneNumberUnknown":
        return HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="agent_phone_number_unknown",
            translation_placeholders={"line": line},
        )
    if err.code == "LoggedInOnAnotherPhone":
        return HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="agent_logged_in_elsewhere",
            translation_placeholders={
                "line": line,
                "phone_number": err.phone_number or "?",
                "requested_number": err.requested_number or "?",
            },
        )
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key="agent_refused",
        translation_placeholders={"line": line, "reason": err.reason},
    )


async def async_run_command[T](coordinator: XivoCoordinator, command: Awaitable[T]) -> T:
    """Await a client command; turn library errors into translated Home Assistant errors."""
    try:
        return await command
    except XucNotConnectedError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="not_connected",
            translation_placeholders={"line": coordinator.line_name},
        ) from err
    except XucTimeoutError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="request_timeout",
            translation_placeholders={"line": coordinator.line_name},
        ) from err
    except XucNotAnAgentError as err:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="not_an_agent",
            translation_placeholders={"line": coordinator.line_name},
        ) from err
    except XucAgentError as err:
        raise _agent_refusal(coordinator, err) from err
    except XucCommandError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="command_refused",
            translation_placeholders={"line": coordinator.line_name, "reason": err.reason},
        ) from err
    except XucError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="command_failed",
            translation_placeholders={"line": coordinator.line_name, "error": str(err)},
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
