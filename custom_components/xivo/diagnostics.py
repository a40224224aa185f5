"""Diagnostics of a XiVO line, with secrets and personal data redacted."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant

from .const import CONF_MONITORED_NUMBERS
from .coordinator import XivoConfigEntry
from .xuc import LineState

TO_REDACT = {
    CONF_PASSWORD,
    CONF_USERNAME,
    CONF_HOST,
    CONF_MONITORED_NUMBERS,
    "token",
    # Personal data: who the user is and whom they talk to.
    "full_name",
    "first_name",
    "last_name",
    "mobile_number",
    "destination",
    "dn",
    "other_dn",
    "other_dname",
    "directory_name",
    "username",
    "user_data",
    "name",
    "number",
    "last_caller_number",
    "last_caller_name",
    "hints",
    "phone_number",
}


def _contact_centre(state: LineState) -> dict[str, Any]:
    """The agent and the queues: states and counters; who waits is left out (a count only)."""
    contact_centre = state.contact_centre
    agent = contact_centre.agent
    return {
        "agent_id": contact_centre.agent_id,
        # "name" is redacted everywhere: the agent's state goes as "state".
        "agent": None if agent is None else {"state": agent.name, **agent._asdict(), "name": None},
        "queues": {queue_id: queue.label for queue_id, queue in contact_centre.queues.items()},
        "members": contact_centre.members,
        "queue_states": {
            queue_id: {
                "counters": queue.counters,
                "longest_wait_since": queue.longest_wait_since,
                "calls_waiting": None if queue.calls is None else len(queue.calls),
            }
            for queue_id, queue in contact_centre.queue_states.items()
        },
        "watched_queues": sorted(contact_centre.watched_queues),
        "pause_reasons": [status.name for status in contact_centre.pause_reasons],
        "user_status": contact_centre.user_status,
    }


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: XivoConfigEntry
) -> dict[str, Any]:
    """The entry, the link and the line state as the client holds them."""
    coordinator = entry.runtime_data
    client = coordinator.client
    state = client.state
    line_state = {
        "phone_status": state.phone_status,
        "call_state": state.call_state,
        "user": None if state.user is None else asdict(state.user),
        "calls": [call._asdict() for call in state.calls.values()],
        "voicemail": asdict(state.voicemail),
        "hints": dict(state.hints),
        "hint_count": len(state.hints),
        "line": None if state.line is None else asdict(state.line),
    }
    return async_redact_data(
        {
            "entry": {"data": dict(entry.data), "options": dict(entry.options)},
            "connected": client.connected,
            "auth_failed": client.auth_failed,
            "monitored_number_count": len(client.monitored_numbers),
            "state": line_state,
            "missed_calls": asdict(coordinator.missed.value),
            "contact_centre": _contact_centre(state),
        },
        TO_REDACT,
    )
