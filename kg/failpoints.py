"""Named points where the crash-safety tests stop a load dead (SIGKILL, as a power cut or an
out-of-memory kill would): ``FINREG_FAILPOINT=<name>`` in a load's environment kills the
process when it reaches that point, on either backend (for a SPARQL server, "written" is
reached before anything is sent, "publishing" while the publishing request is under way).
Unset (always, outside those tests), nothing happens.

The points, in the order a load reaches them:

- ``validated``: every check passed, nothing written yet;
- ``written``: the first file's version graph is written, the others not;
- ``publishing``: the publishing update is running (a thread kills the process as it starts);
- ``published``: the update committed, the replaced versions not yet removed.
"""

from __future__ import annotations

import os
import signal
import threading

POINTS = ("validated", "written", "publishing", "published")


def reached(name: str) -> None:
    """Kill this process now if ``FINREG_FAILPOINT`` names this point."""
    if os.environ.get("FINREG_FAILPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def during(name: str) -> None:
    """If ``FINREG_FAILPOINT`` names this point, kill this process from another thread as
    soon as it can run, so the kill lands while the caller's next call is under way."""
    if os.environ.get("FINREG_FAILPOINT") == name:
        threading.Thread(target=os.kill, args=(os.getpid(), signal.SIGKILL), daemon=True).start()
