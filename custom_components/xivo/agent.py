"""The user's contact-centre agent as Home Assistant shows it: state, attributes, input checks."""

from __future__ import annotations

from typing import Any, Final

from homeassistant.exceptions import ServiceValidationError

from .const import DOMAIN
from .xuc import AgentStateName, LineState

AGENT_STATE_OPTIONS: Final = [
    state.value for state in AgentStateName if state is not AgentStateName.UNKNOWN
]


def agent_state(state: LineState) -> str | None:
    """The agent's state; unknown until the server tells, or for a name this client lacks."""
    agent = state.contact_centre.agent
    if agent is None or agent.name is AgentStateName.UNKNOWN:
        return None
    return agent.name.value


def agent_attributes(state: LineState) -> dict[str, Any]:
    """Why the agent is paused, since when it is in its state, its queues, the pause reasons."""
    contact_centre = state.contact_centre
    agent = contact_centre.agent
    paused = agent is not None and agent.name is AgentStateName.PAUSED
    # Membership is kept up to date by QueueMember messages; the event's list is a fallback.
    queue_ids = contact_centre.agent_queue_ids or (agent.queues if agent is not None else ())
    queues = contact_centre.queues
    return {
        "pause_reason": agent.cause if paused and agent is not None else None,
        "since": agent.since.isoformat() if agent is not None and agent.since else None,
        "queues": [
            queues[queue_id].label if queue_id in queues else str(queue_id)
            for queue_id in queue_ids
        ],
        "pause_reasons": [
            {"name": status.name, "label": status.label} for status in contact_centre.pause_reasons
        ],
    }


def agent_logged_in(state: LineState) -> bool | None:
    """The agent is logged in; `None` until the server tells (or in a state this client lacks)."""
    agent = state.contact_centre.agent
    if agent is None or agent.name is AgentStateName.UNKNOWN:
        return None
    return agent.name is not AgentStateName.LOGGED_OUT


def agent_paused(state: LineState) -> bool | None:
    """The agent is paused; `None` until the server tells."""
    logged_in = agent_logged_in(state)
    if logged_in is None:
        return None
    agent = state.contact_centre.agent
    return agent is not None and agent.name is AgentStateName.PAUSED


def check_logged_in(state: LineState) -> None:
    """Pausing a logged-out agent does nothing on the server: say so instead."""
    if agent_logged_in(state) is False:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="agent_logged_out",
        )


def pause_reason(state: LineState, reason: str) -> str:
    """The server's name of a pause reason given by name or label (any case)."""
    reasons = state.contact_centre.pause_reasons
    wanted = reason.strip().casefold()
    for status in reasons:
        if wanted in (status.name.casefold(), status.label.casefold()):
            return status.name
    raise ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key="invalid_pause_reason",
        translation_placeholders={
            "reason": reason[:64],
            "reasons": ", ".join(status.name for status in reasons) or "-",
        },
    )
