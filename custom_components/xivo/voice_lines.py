"""The lines offered to voice assistants, and the names and numbers their tools deal in.

A line is offered only when its call state sensor is exposed to the assistant, so what the
user chose to expose is all the tools can reach. Lines are found from the loaded entries'
runtime data: the line's device, its monitored numbers, and the entities their keys name. Names and numbers come from the user's words
and from the XiVO directory, and are compared the way people say and type them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final
import unicodedata

from homeassistant.components.homeassistant.exposed_entities import async_should_expose
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util.json import JsonObjectType

from .const import DOMAIN
from .coordinator import XivoConfigEntry
from .helpers import dialable_destination
from .xuc import ForwardType, normalize_number

FORWARDS: Final = tuple(forward.value for forward in ForwardType)


@dataclass(frozen=True, slots=True)
class Line:
    """A line offered to the assistant: its device and the entities the tools read."""

    name: str
    number: str | None
    device_id: str
    call_state: str
    connected: str | None = None
    dnd: str | None = None
    forwards: Mapping[str, str] = field(default_factory=dict)
    # Busy lamps: monitored number → hint sensor.
    hints: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How results name the line."""
        return f"{self.name} ({self.number})" if self.number else self.name


@callback
def async_offered_lines(hass: HomeAssistant, assistant: str) -> list[Line]:
    """The loaded lines whose call state sensor is exposed to `assistant`, sorted by name."""
    entity_registry = er.async_get(hass)
    device_registry = dr.async_get(hass)
    lines: list[Line] = []
    entry: XivoConfigEntry
    for entry in hass.config_entries.async_loaded_entries(DOMAIN):
        coordinator = entry.runtime_data

        def entity_id(platform: Platform, key: str, entry_id: str = entry.entry_id) -> str | None:
            """The enabled entity of the entry's `key` (unique ids: "<entry id>_<key>")."""
            found = entity_registry.async_get_entity_id(platform, DOMAIN, f"{entry_id}_{key}")
            entity = entity_registry.async_get(found) if found else None
            return entity.entity_id if entity and not entity.disabled else None

        call_state = entity_id(Platform.SENSOR, "call_state")
        if call_state is None or not async_should_expose(hass, assistant, call_state):
            continue
        # Read again: the user may have renamed the device since the entry was set up.
        device = device_registry.async_get(coordinator.device.id) or coordinator.device
        lines.append(
            Line(
                name=device.name_by_user or device.name or entry.title,
                number=device.serial_number if isinstance(device, dr.DeviceEntry) else None,
                device_id=device.id,
                call_state=call_state,
                connected=entity_id(Platform.BINARY_SENSOR, "connected"),
                dnd=entity_id(Platform.SWITCH, "dnd"),
                forwards={
                    forward: switch
                    for forward in FORWARDS
                    if (switch := entity_id(Platform.SWITCH, f"{forward}_forward")) is not None
                },
                hints={
                    number: sensor
                    for number in coordinator.client.monitored_numbers
                    if (sensor := entity_id(Platform.SENSOR, f"hint_{number}")) is not None
                },
            )
        )
    lines.sort(key=lambda line: line.name.casefold())
    # Two lines with one name (two accounts of one person) are told apart by their numbers.
    names = [line.name for line in lines]
    return [
        replace(line, name=line.label) if names.count(line.name) > 1 else line for line in lines
    ]


@dataclass(frozen=True, slots=True)
class Party:
    """Someone to call or transfer to: a directory contact or a bare number."""

    name: str | None
    number: str
    status: str | None = None

    @property
    def label(self) -> str:
        """The name and number, or the number alone."""
        return f"{self.name} ({self.number})" if self.name else self.number

    def as_json(self) -> JsonObjectType:
        """The party as a tool result gives it."""
        return {"name": self.name, "number": self.number, "status": self.status}


def directory_parties(contacts: Iterable[Any], *, dialable_only: bool) -> list[Party]:
    """Directory contacts as parties (office number, else mobile), each person once."""
    parties: list[Party] = []
    seen: set[tuple[str, str]] = set()
    for contact in contacts:
        if not isinstance(contact, Mapping):
            continue
        number = str(contact.get("number") or contact.get("mobile") or "")
        if dialable_only and not number:
            continue
        name = contact.get("name")
        name = str(name).strip() if name else None
        key = (fold(name), number)
        if key in seen:
            continue
        seen.add(key)
        # "unexisting": an entry of the directory that is no XiVO phone, so has no status.
        status = contact.get("status")
        if not isinstance(status, str) or status == "unexisting":
            status = None
        parties.append(Party(name or None, number, status))
    return parties


def digits(value: str) -> str:
    """A number without the spacing people type in it."""
    return normalize_number(value.strip())


def is_dialable(value: str) -> bool:
    """A number in any form people type, or a SIP address: dialled as given."""
    return dialable_destination(value) is not None


def fold(value: str | None) -> str:
    """A name compared without case, accents or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def join(words: Sequence[str], conjunction: str) -> str:
    """Words as a sentence lists them: "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
