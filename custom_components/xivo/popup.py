"""The incoming-call popup's feed: the ringing calls of the lines a Home Assistant user is chosen for.

The popup module, loaded on every page, subscribes with `xivo/incoming_calls/subscribe`. Home
Assistant lets users who are not administrators subscribe only to a few allow-listed bus
events, so the popup cannot listen to `xivo_phone_event`; and a user must not see the calls of
a line nobody chose them for. The feed is therefore this websocket command: it sends, to the
connected user only, the ringing calls of the lines whose entry lists that user in its
`popup_users` option, and nothing for a line on do-not-disturb. Each message is the whole list
(the popup shows what it holds, closes what it no longer holds), sent again whenever it changes:
a call rings, is answered (here or on the phone), ends, the line goes on DND, or an entry loads
or unloads (the options flow reloads the entry, so a changed option applies at once).
"""

from __future__ import annotations

from typing import Any, Final, TypedDict

from homeassistant.components.websocket_api import async_register_command
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.components.websocket_api.decorators import websocket_command
from homeassistant.components.websocket_api.messages import event_message
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect, async_dispatcher_send
import probatio as vol

from .const import CONF_POPUP_USERS, DOMAIN
from .coordinator import XivoConfigEntry
from .xuc import CallState, UpdateKind

WS_SUBSCRIBE: Final = "xivo/incoming_calls/subscribe"
# Sent when a line's ringing calls may have changed; each subscription computes its own list.
SIGNAL_RINGING: Final = f"{DOMAIN}_ringing_calls"


class RingingCall(TypedDict):
    """One call ringing on a line, as the popup shows it."""

    entry_id: str
    device_id: str
    line: str
    unique_id: str
    linked_id: str
    other_number: str | None
    other_name: str | None


def ringing_calls(entry: XivoConfigEntry) -> list[RingingCall]:
    """The calls ringing on the entry's line; none while it is on DND or its link is down."""
    coordinator = entry.runtime_data
    client = coordinator.client
    if not client.connected or client.state.dnd:
        return []
    return [
        {
            "entry_id": entry.entry_id,
            "device_id": coordinator.device.id,
            "line": coordinator.line_name,
            "unique_id": call.unique_id,
            "linked_id": call.linked_id,
            "other_number": call.other_dn or None,
            # Directory names included (the PBX's, else the one looked up).
            "other_name": call.other_name,
        }
        for call in client.state.calls.values()
        if call.state is CallState.RINGING
    ]


def calls_for_user(hass: HomeAssistant, user_id: str) -> list[RingingCall]:
    """The ringing calls of every loaded line whose entry chose this user."""
    entries: list[XivoConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    return [
        call
        for entry in entries
        if user_id in entry.options.get(CONF_POPUP_USERS, ())
        for call in ringing_calls(entry)
    ]


@callback
def async_track_ringing_calls(hass: HomeAssistant, entry: XivoConfigEntry) -> CALLBACK_TYPE:
    """Tell the subscriptions when the line's calls, its DND or the entry's state change."""

    @callback
    def changed() -> None:
        async_dispatcher_send(hass, SIGNAL_RINGING)

    remove_listener = entry.runtime_data.client.add_listener(
        changed, UpdateKind.CALLS, UpdateKind.USER_CONFIG
    )
    # Loaded, and unloading: the entry's calls appear in (leave) the lists then.
    remove_state = entry.async_on_state_change(changed)

    @callback
    def remove() -> None:
        remove_listener()
        remove_state()

    return remove


@callback
def async_setup_popup_feed(hass: HomeAssistant) -> None:
    """Register the websocket command (once, with the integration)."""
    async_register_command(hass, websocket_subscribe_incoming_calls)


@websocket_command({vol.Required("type"): WS_SUBSCRIBE})
@callback
def websocket_subscribe_incoming_calls(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Stream the ringing calls this user is chosen to see: now, then each change."""
    user_id = connection.user.id
    sent: list[RingingCall] | None = None

    @callback
    def send() -> None:
        nonlocal sent
        calls = calls_for_user(hass, user_id)
        if calls == sent:
            return
        sent = calls
        connection.send_message(event_message(msg["id"], {"calls": calls}))

    connection.subscriptions[msg["id"]] = async_dispatcher_connect(hass, SIGNAL_RINGING, send)
    connection.send_result(msg["id"])
    send()
