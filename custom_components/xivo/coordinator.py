"""The bridge between one line's XUC client and Home Assistant: the device, bus events, reauth.

Not a `DataUpdateCoordinator`: there is nothing to poll, and the client dispatches each change
only to the entities that show it, so 1,000 monitored numbers cost one state write per update
instead of a thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
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
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .const import DOMAIN, EVENT_CONFERENCE, EVENT_PHONE, LOGGER, MANUFACTURER
from .missed_calls import MissedCallCounter
from .payloads import event_types, phone_event_data
from .queues import async_sync_queue_devices, shown_queues
from .xuc import CallEvent, ConferenceEvent, QueueConfig, Timings, UpdateKind, XucClient

type XivoConfigEntry = ConfigEntry[XivoCoordinator]

# The protocol's own rhythm (5 s ping, dead after 20 s, backoff 1 s to 60 s); tests shrink it.
CLIENT_TIMINGS = Timings()


def create_client(
    hass: HomeAssistant,
    data: Mapping[str, Any],
    monitored_numbers: Iterable[str] = (),
    *,
    lookup_names: bool = True,
) -> XucClient:
    """A client for these config entry data, on Home Assistant's shared HTTP session.

    Raises `XucInvalidHostError` for a host that cannot be an address.
    """
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
        lookup_names=lookup_names,
    )


def no_line_issue_id(entry_id: str) -> str:
    """The repair issue of an entry whose XiVO user has no line."""
    return f"no_line_{entry_id}"


class XivoCoordinator:
    """Owns the client of one config entry and turns its news into Home Assistant's."""

    def __init__(self, hass: HomeAssistant, entry: XivoConfigEntry, client: XucClient) -> None:
        """Wire the client's listeners; the device is registered here so events can name it."""
        self.hass = hass
        self.entry = entry
        self.client = client
        self.missed = MissedCallCounter()
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
        # Agent entities are made at setup (a user who becomes an agent reloads the entry);
        # queue devices come and go with the queues shown.
        contact_centre = client.state.contact_centre
        self.is_agent = contact_centre.is_agent
        self.queues = shown_queues(entry.options, contact_centre)
        self._queue_listeners: list[Callable[[tuple[QueueConfig, ...]], None]] = []
        async_sync_queue_devices(hass, entry.entry_id, self.device.id, self.queues)
        entry.async_on_unload(client.add_listener(self._on_connection_change))
        entry.async_on_unload(
            client.add_listener(self._on_contact_centre_change, UpdateKind.AGENT, UpdateKind.QUEUES)
        )
        entry.async_on_unload(client.add_listener(self._on_line_config, UpdateKind.LINE_CONFIG))
        entry.async_on_unload(client.add_call_listener(self._on_call_event))
        entry.async_on_unload(client.add_conference_listener(self._on_conference_event))
        # The line's configuration came with the sync, before this listener existed.
        self._on_line_config()

    @property
    def line_name(self) -> str:
        """How messages name this line."""
        return self.device.name or self.entry.title

    @property
    def no_line_issue_id(self) -> str:
        """The repair issue raised while the XiVO user has no line."""
        return no_line_issue_id(self.entry.entry_id)

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

    @property
    def queue_ids(self) -> tuple[int, ...]:
        """The ids of the queues the line shows."""
        return tuple(queue.id for queue in self.queues)

    @callback
    def add_queue_listener(
        self, listener: Callable[[tuple[QueueConfig, ...]], None]
    ) -> Callable[[], None]:
        """Call `listener` with the queues that come to be shown (a platform adds entities)."""
        self._queue_listeners.append(listener)
        return lambda: self._queue_listeners.remove(listener)

    @callback
    def _on_contact_centre_change(self) -> None:
        client = self.client
        if not client.connected:
            return
        contact_centre = client.state.contact_centre
        if contact_centre.is_agent != self.is_agent:
            # The agent's entities are made at setup.
            LOGGER.debug("The agent of %s came or went; reloading", self.line_name)
            self.hass.config_entries.async_schedule_reload(self.entry.entry_id)
            return
        shown = shown_queues(self.entry.options, contact_centre)
        if shown == self.queues:
            return
        before = {queue.id for queue in self.queues}
        self.queues = shown
        # A queue no longer shown takes its device, and the device its entities.
        async_sync_queue_devices(self.hass, self.entry.entry_id, self.device.id, shown)
        if added := tuple(queue for queue in shown if queue.id not in before):
            for listener in tuple(self._queue_listeners):
                listener(added)
        self.entry.async_create_background_task(
            self.hass, client.watch_queues(self.queue_ids), f"xivo {self.entry.title} queues"
        )

    @callback
    def _on_line_config(self) -> None:
        line = self.client.state.line
        if line is None or line.has_line:
            ir.async_delete_issue(self.hass, DOMAIN, self.no_line_issue_id)
            return
        # Nothing on the line can work until an administrator gives the user one again.
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self.no_line_issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key="no_line",
            translation_placeholders={
                "line": self.line_name,
                "username": self.entry.data[CONF_USERNAME],
            },
        )

    @callback
    def _on_call_event(self, change: CallEvent) -> None:
        call = phone_event_data(change)
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
            self.missed.count(call["other_dn"] or None, call["other_dname"] or None)

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
