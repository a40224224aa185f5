"""Outbound frames, exactly as `cti.js` builds them.

Key order follows `cti.js` (`claz`, `command`, then the arguments); an optional argument that
`cti.js` would leave undefined is absent from the frame, never null.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from .models import ForwardType

type Frame = dict[str, Any]

PING: Final[Frame] = {"claz": "ping"}


def _web(command: str, **arguments: Any) -> Frame:
    return {"claz": "web", "command": command, **arguments}


def _with_variables(frame: Frame, variables: Mapping[str, str] | None) -> Frame:
    if variables is not None:
        frame["variables"] = dict(variables)
    return frame


def _with_unique_id(frame: Frame, unique_id: str | None) -> Frame:
    # cti.js only adds the key for a truthy id.
    if unique_id:
        frame["uniqueId"] = unique_id
    return frame


def dial(destination: str, variables: Mapping[str, str] | None = None) -> Frame:
    """Place a call from the user's line."""
    return _with_variables(_web("dial", destination=destination), variables)


def dial_from_mobile(destination: str, variables: Mapping[str, str] | None = None) -> Frame:
    """Place a call from the user's mobile number."""
    return _with_variables(_web("dialFromMobile", destination=destination), variables)


def dial_from_queue(
    destination: str,
    queue_id: int,
    caller_id_name: str,
    caller_id_number: str,
    variables: Mapping[str, str] | None = None,
) -> Frame:
    """Place a call on behalf of a queue, with the caller id the callee sees."""
    frame = _web(
        "dialFromQueue",
        destination=destination,
        queueId=queue_id,
        callerIdName=caller_id_name,
        callerIdNumber=caller_id_number,
    )
    return _with_variables(frame, variables)


def dial_by_username(username: str) -> Frame:
    """Call another XiVO user; `cti.js` sends no variables with this command."""
    return _web("dialByUsername", username=username)


def originate(destination: str) -> Frame:
    """Originate a call."""
    return _web("originate", destination=destination)


def answer(unique_id: str | None = None) -> Frame:
    """Answer the ringing call, or the one with this id."""
    return _with_unique_id(_web("answer"), unique_id)


def hangup(unique_id: str | None = None) -> Frame:
    """Hang up the current call, or the one with this id."""
    return _with_unique_id(_web("hangup"), unique_id)


def hold(unique_id: str | None = None) -> Frame:
    """Put the current call (or the one with this id) on hold."""
    return _with_unique_id(_web("hold"), unique_id)


def toggle_microphone(unique_id: str | None = None) -> Frame:
    """Mute or unmute the microphone (WebRTC only)."""
    frame = _web("toggleMicrophone")
    if unique_id is not None:
        frame["uniqueId"] = unique_id
    return frame


def direct_transfer(destination: str) -> Frame:
    """Transfer the current call without consultation."""
    return _web("directTransfer", destination=destination)


def attended_transfer(destination: str, device: str | None = None) -> Frame:
    """Start a consultation transfer."""
    frame = _web("attendedTransfer", destination=destination)
    if device is not None:
        frame["device"] = device
    return frame


def complete_transfer() -> Frame:
    """Complete the attended transfer in progress."""
    return _web("completeTransfer")


def cancel_transfer() -> Frame:
    """Cancel the attended transfer in progress."""
    return _web("cancelTransfer")


def conference() -> Frame:
    """Join the current calls into a three-way conference."""
    return _web("conference")


def send_dtmf(key: str) -> Frame:
    """Send one DTMF key on the current call."""
    return _web("sendDtmf", key=key)


def set_data(variables: Mapping[str, str]) -> Frame:
    """Attach data to the current calls."""
    return _web("setData", variables=dict(variables))


def get_current_calls() -> Frame:
    """Ask for the current calls, answered by `CurrentCallsPhoneEvents`."""
    return _web("getCurrentCallsPhoneEvents")


def set_dnd(state: bool) -> Frame:
    """Enable or disable do-not-disturb."""
    return _web("dnd", state=state)


def set_forward(forward: ForwardType, state: bool, destination: str) -> Frame:
    """Set a forward; the JSON has `state` before `destination`, as `cti.js` writes it."""
    return _web(forward.command, state=state, destination=destination)


def subscribe_to_phone_hints(numbers: Sequence[str]) -> Frame:
    """Subscribe to the hint (BLF) status of these numbers."""
    return _web("subscribeToPhoneHints", phoneNumbers=list(numbers))


def unsubscribe_from_all_phone_hints() -> Frame:
    """Cancel every hint subscription of this session."""
    return _web("unsubscribeFromAllPhoneHints")


def get_config(object_type: str) -> Frame:
    """Ask for a configuration object (`line` → `LineConfig`)."""
    return _web("getConfig", objectType=object_type)


def get_user_call_history(size: int) -> Frame:
    """Ask for the user's last calls, answered by `CallHistory`."""
    return _web("getUserCallHistory", size=size)


def get_user_call_history_by_days(days: int) -> Frame:
    """Ask for the user's calls of the last `days` days, answered by `CallHistory`."""
    return _web("getUserCallHistoryByDays", days=days)


def search_contacts(term: str) -> Frame:
    """Search the directories, answered by `DirectoryResult`."""
    return _web("searchContacts", term=term)


# -- contact centre: the user's own agent (no `agentid`: XiVO's agent application does the same,
# and the server applies the command to the connected user's agent), queues, statuses.


def agent_login(phone_number: str) -> Frame:
    """Log the user's agent in on a line (a number, sent as a string)."""
    return _web("agentLogin", agentphonenumber=phone_number)


def agent_logout() -> Frame:
    """Log the user's agent out."""
    return _web("agentLogout")


def pause_agent(reason: str | None = None) -> Frame:
    """Pause the user's agent; `reason` (a status name) only when given."""
    frame = _web("pauseAgent")
    if reason is not None:
        frame["reason"] = reason
    return frame


def unpause_agent() -> Frame:
    """Make the user's agent ready again."""
    return _web("unpauseAgent")


def get_agent_states() -> Frame:
    """Ask for every agent's state, answered by one `AgentStateEvent` per agent."""
    return _web("getAgentStates")


def subscribe_to_agent_events() -> Frame:
    """Receive every later agent state change."""
    return _web("subscribeToAgentEvents")


def subscribe_to_queue_stats() -> Frame:
    """Receive the queues' counters (all of them first, then each change)."""
    return _web("subscribeToQueueStats")


def subscribe_to_queue_calls(queue_id: int) -> Frame:
    """Receive the list of calls waiting in a queue, on each change."""
    return _web("subscribeToQueueCalls", queueId=queue_id)


def unsubscribe_from_queue_calls(queue_id: int) -> Frame:
    """Stop receiving a queue's waiting calls."""
    return _web("unSubscribeToQueueCalls", queueId=queue_id)


def get_list(object_type: str) -> Frame:
    """Ask for a configuration list (`queue`, `queuemember`, `agent`); later changes follow."""
    return _web("getList", objectType=object_type)


def user_status_update(status: str) -> Frame:
    """Set the user's status (presence) by name."""
    return _web("userStatusUpdate", status=status)
