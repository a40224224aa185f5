"""Contact-centre frames exactly as `cti.js` sends them (XUC_CONTACT_CENTRE.md §2), key order
included, for the user's own agent (no `agentid`, as XiVO's agent application sends them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
import pytest

from custom_components.xivo.xuc import commands

EXACT_FRAMES: list[tuple[Callable[[], dict[str, Any]], str]] = [
    (
        lambda: commands.agent_login("1001"),
        '{"claz":"web","command":"agentLogin","agentphonenumber":"1001"}',
    ),
    (commands.agent_logout, '{"claz":"web","command":"agentLogout"}'),
    (commands.pause_agent, '{"claz":"web","command":"pauseAgent"}'),
    (
        lambda: commands.pause_agent("lunch"),
        '{"claz":"web","command":"pauseAgent","reason":"lunch"}',
    ),
    (commands.unpause_agent, '{"claz":"web","command":"unpauseAgent"}'),
    (commands.get_agent_states, '{"claz":"web","command":"getAgentStates"}'),
    (commands.subscribe_to_agent_events, '{"claz":"web","command":"subscribeToAgentEvents"}'),
    (commands.subscribe_to_queue_stats, '{"claz":"web","command":"subscribeToQueueStats"}'),
    (
        lambda: commands.subscribe_to_queue_calls(3),
        '{"claz":"web","command":"subscribeToQueueCalls","queueId":3}',
    ),
    (
        lambda: commands.unsubscribe_from_queue_calls(3),
        '{"claz":"web","command":"unSubscribeToQueueCalls","queueId":3}',
    ),
    (
        lambda: commands.get_list("queue"),
        '{"claz":"web","command":"getList","objectType":"queue"}',
    ),
    (
        lambda: commands.get_list("queuemember"),
        '{"claz":"web","command":"getList","objectType":"queuemember"}',
    ),
    (
        lambda: commands.user_status_update("away"),
        '{"claz":"web","command":"userStatusUpdate","status":"away"}',
    ),
]


@pytest.mark.parametrize(("build", "text"), EXACT_FRAMES, ids=[text for _, text in EXACT_FRAMES])
def test_exact_frame(build: Callable[[], dict[str, Any]], text: str) -> None:
    assert orjson.dumps(build()).decode() == text


def test_own_agent_frames_never_name_an_agent() -> None:
    """`agentid` absent, never null: a null id is not the own agent on every server."""
    for build, _ in EXACT_FRAMES:
        assert "agentid" not in build()
