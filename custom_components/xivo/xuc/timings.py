"""The client's delays, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timings:
    """Every delay of the client, so tests can shrink minutes into milliseconds."""

    ping_interval: float = 5.0
    dead_after: float = 20.0
    backoff_min: float = 1.0
    backoff_max: float = 60.0
    request_timeout: float = 10.0
    """Bound of each network step: login, token check, websocket upgrade, sync, a request."""
    stable_after: float = 30.0
    """A session that dies sooner counts as a failed attempt: a server that closes every
    session right after the sync is retried with backoff, not in a tight loop."""
    refusal_wait: float = 0.5
    """How long a command waits for the server to refuse it, when nothing shows it was taken."""
    name_wait: float = 0.3
    """How long a call event may wait for the caller's name from the directory."""
