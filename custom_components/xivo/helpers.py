"""Running a CTI command on behalf of a user: input checks and errors they can read."""

from __future__ import annotations

from collections.abc import Awaitable
import re

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .const import DOMAIN
from .coordinator import XivoCoordinator
from .xuc import XucCommandError, XucError, XucNotConnectedError, XucTimeoutError


async def async_run_command[T](coordinator: XivoCoordinator, command: Awaitable[T]) -> T:
    """Await a client command; turn library errors into translated Home Assistant errors."""
    try:
        return await command
    except XucNotConnectedError:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="not_connected",
            translation_placeholders={"line": coordinator.line_name},
        ) from None
    except XucTimeoutError:
        raise HomeAssistantError(
            translation_domain=DOMAIN, translation_key="request_timeout"
        ) from None
    except XucCommandError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="command_failed",
            translation_placeholders={"error": err.code},
        ) from None
    except XucError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="command_failed",
            translation_placeholders={"error": type(err).__name__},
        ) from None


_NUMBER = re.compile(r"\+?[0-9*#]{1,40}")
_SIP_URI = re.compile(r"(sips?:)?[A-Za-z0-9._%+!~'()-]{1,64}(@[A-Za-z0-9.-]{1,190}(:[0-9]{1,5})?)?")
# Spacing people type inside phone numbers ("06 12 34 56 78", "+33 (0)6.12").
_NUMBER_SPACING = str.maketrans("", "", " .-()/\u00a0")


def normalize_destination(value: str) -> str:
    """A dialable number or SIP address, or a translated validation error."""
    candidate = value.strip()
    number = candidate.translate(_NUMBER_SPACING)
    if _NUMBER.fullmatch(number):
        return number
    if ("@" in candidate or candidate.startswith("sip")) and _SIP_URI.fullmatch(candidate):
        return candidate
    raise ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key="invalid_destination",
        translation_placeholders={"destination": value[:64]},
    )
