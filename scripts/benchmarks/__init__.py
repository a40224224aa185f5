"""The benchmark behind `scripts/bench`, one module per job.

- `server`: the sender process's XUC, either a second one that writes hand-built frames or the
  project's simulator, and the frames both of them send;
- `ipc`: how the benchmark drives a sender process, and the clock they share;
- `library`: frames per second through `XucClient`, against bare clients and the senders alone;
- `home_assistant`: end-to-end latency, scale, setup and reconnect through a real core;
- `report`: the machine, the table and `bench-results/latest.json`;
- `__main__`: the command line, running the three measurements above in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parents[2]
RESULTS: Final = ROOT / "bench-results"
