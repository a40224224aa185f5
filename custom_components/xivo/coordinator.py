"""The bridge between one line's XUC client and Home Assistant.

Not a `DataUpdateCoordinator`: there is nothing to poll, and the client dispatches each change
only to the entities that show it, so 1,000 monitored numbers cost one state write per update
instead of a thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.util import dt as dt_util

from .const import DOMAIN, EVENT_CONFERENCE, EVENT_PHONE, EVENT_TYPE_MISSED, LOGGER, MANUFACTURER
from .xuc import CallEvent, ConferenceEvent, PhoneEvent, Timings, XucClient

type XivoConfigEntry = ConfigEntry[XivoCoordinator]

# The protocol's own rhythm (5 s ping, dead after 20 s, backoff 1 s to 60 s); tests shrink it.
CLIENT_TIMINGS = Timings()


def create_client(
    hass: HomeAssistant, data: Mapping[str, Any], monitored_numbers: Iterable[str] = ()
) -> XucClient:
    """A client for these config entry data, on Home Assistant's shared HTTP session."""
    return XucClient(
        async_get_clientsession(hass),
        data[CONF_HOST],
        data[CONF_USERNAME],
        data[CONF_PASSWORD],
        port=data[CONF_PORT],
        use_ssl=data[CONF_SSL],
        verify_ssl=data[CONF_VERIFY_SSL],
        monitored_numbers=monitored_numbers,
        timings=CLIENT_TIMINGS,
    )


@dataclass(slots=True)
class MissedCalls:
    """Missed calls since the user last reset the count."""

    count: int = 0
    last_caller_number: str | None = None
    last_caller_name: str | None = None
    last_missed_at: datetime | None = None


def event_types(change: CallEvent) -> tuple[str, ...]:
    """What a call event is to automations: its type, then `missed` after an unanswered ring."""
    if change.missed:
        return (change.event.event_type.value, EVENT_TYPE_MISSED)
    return (change.event.event_type.value,)


def phone_event_data(event: PhoneEvent) -> dict[str, Any]:
    """The call fields that bus events, the event entity and services share."""
    return {
        "dn": event.dn,
        "other_dn": event.other_dn,
        "other_dname": event.other_dname,
        "linked_id": event.linked_id,
        "unique_id": event.unique_id,
        "queue_name": event.queue_name,
        "call_direction": event.call_direction,
        "user_data": dict(event.user_data),
        "username": event.username,
    }


class XivoCoordinator:
    """Owns the client of one config entry and turns its news into Home Assistant's."""

    def __init__(self, hass: HomeAssistant, entry: XivoConfigEntry, client: XucClient) -> None:
        """Wire the client's listeners; the device is registered here so events can name it."""
        self.hass = hass
        self.entry = entry
        self.client = client
        self.missed = MissedCalls()
        self._missed_listeners: list[Callable[[], None]] = []
        self._was_connected = client.connected
        user = client.state.user
        line = client.state.line
        self.device = dr.async_get(hass).async_get_or_create(
            config_entry_id=entry.entry_id,
            identifiers={(DOMAIN, entry.entry_id)},
            manufacturer=MANUFACTURER,
            model="CTI line",
            name=(user.full_name if user and user.full_name else entry.data[CONF_USERNAME]),
            serial_number=line.number if line and line.number else None,
        )
        entry.async_on_unload(client.add_listener(self._on_connection_change))
        entry.async_on_unload(client.add_call_listener(self._on_call_event))
        entry.async_on_unload(client.add_conference_listener(self._on_conference_event))

    @property
    def line_name(self) -> str:
        """How messages name this line."""
        return self.device.name or self.entry.title

    @callback
    def _on_connection_change(self) -> None:
        client = self.client
        if client.auth_failed:
            # The client has stopped retrying: only the user can fix the password.
            LOGGER.info("The XiVO server refused the credentials of %s", self.line_name)
            self._was_connected = False
            self.entry.async_start_reauth(self.hass)
            return
        if client.connected == self._was_connected or client.closing:
            return
        self._was_connected = client.connected
        # Logged once per transition, not at every retry (log-when-unavailable).
        if client.connected:
            LOGGER.info("The CTI link of %s is back", self.line_name)
        else:
            LOGGER.info("Lost the CTI link of %s; reconnecting", self.line_name)

    @callback
    def _on_call_event(self, change: CallEvent) -> None:
        event = change.event
        call = phone_event_data(event)
        for event_type in event_types(change):
            self.hass.bus.async_fire(
                EVENT_PHONE,
                {
                    "config_entry_id": self.entry.entry_id,
                    "device_id": self.device.id,
                    "event_type": event_type,
                    **call,
                },
            )
        if change.missed:
            self._count_missed(event)

    @callback
    def _on_conference_event(self, event: ConferenceEvent) -> None:
        data: dict[str, Any] = {
            "config_entry_id": self.entry.entry_id,
            "device_id": self.device.id,
            "kind": event.kind,
            "event_type": event.event_type,
            "unique_id": event.unique_id,
            "conference_name": event.conference_name,
            "conference_number": event.conference_number,
        }
        if event.since is not None:
            data["since"] = event.since
        if event.participants:
            data["participants"] = [dict(item) for item in event.participants]
        if event.participant is not None:
            data.update({key: value for key, value in event.participant.items() if key not in data})
        self.hass.bus.async_fire(EVENT_CONFERENCE, data)

    def _count_missed(self, event: PhoneEvent) -> None:
        self.missed.count += 1
        self.missed.last_caller_number = event.other_dn or None
        self.missed.last_caller_name = event.other_dname or None
        self.missed.last_missed_at = dt_util.utcnow()
        self._notify_missed()

    @callback
    def async_reset_missed(self) -> None:
        """Start counting missed calls from zero."""
        self.missed = MissedCalls()
        self._notify_missed()

    @callback
    def async_restore_missed(self, missed: MissedCalls) -> None:
        """Take back the count saved before a restart."""
        self.missed = missed
        self._notify_missed()

    def _notify_missed(self) -> None:
        for listener in tuple(self._missed_listeners):
            listener()

    @callback
    def async_add_missed_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` when the missed-call count changes."""
        self._missed_listeners.append(listener)
        return lambda: self._missed_listeners.remove(listener)
