"""The parent's side of the worker process (bench.fuzz.worker): send a case, wait for its
outcome within a guard time, and start a fresh worker after a case that went wrong.

The worker loads many cases in a row (starting one costs seconds: imports, the seeds), so a
crash in compiled code would take the whole batch down with it; the parent always knows
which case was under way, and reports that one as ``died``.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from bench.fuzz.corpus import Seed
from bench.fuzz.mutate import Case
from bench.fuzz.outcome import Outcome

GUARD_SECONDS = 300.0
"""How long one case may take before it counts as a hang: generous, a guard and no timing
assertion (a huge literal on a busy machine can take a minute)."""

START_SECONDS = 300.0
"""How long a worker may take to start and load the seeds."""

REPO = Path(__file__).resolve().parents[2]


class Pool:
    """One worker process at a time, restarted after a case that went wrong."""

    def __init__(
        self,
        corpus: Sequence[Seed],
        folder: Path,
        guard: float = GUARD_SECONDS,
        command: Sequence[str] = (sys.executable, "-m", "bench.fuzz.worker"),
    ) -> None:
        self.folder = folder
        self.guard = guard
        self.command = list(command)
        """The worker's command line, before its JSON configuration (tests give another)."""
        self.seeds = {s.key: str(s.origin) for s in corpus if s.key.startswith("seeds/")}
        self.started = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[bytes | None] = queue.Queue()
        self._log: IO[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        self.started += 1
        work = self.folder / f"worker-{self.started}"
        work.mkdir(parents=True, exist_ok=True)
        self._log = (work / "stderr.log").open("wb")
        config = json.dumps({"folder": str(work), "seeds": self.seeds})
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
        process = subprocess.Popen(
            [*self.command, config],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            cwd=REPO,
            env=env,
            start_new_session=True,
        )
        self._lines = queue.Queue()
        threading.Thread(
            target=_read_lines, args=(process.stdout, self._lines), daemon=True
        ).start()
        try:
            ready = self._lines.get(timeout=START_SECONDS)
        except queue.Empty:
            ready = None
        if ready is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise RuntimeError(f"the fuzz worker did not start:\n{self._tail(work)}")
        self._process = process
        return process

    def _tail(self, work: Path | None = None) -> str:
        work = work or self.folder / f"worker-{self.started}"
        if self._log is not None:
            self._log.flush()
        text = (work / "stderr.log").read_bytes()[-3000:]
        return text.decode("utf-8", errors="replace")

    def run(self, case: Case) -> Outcome:
        """Load ``case`` in the worker; its outcome (``hang`` past the guard time, ``died``
        if the worker ended)."""
        process = self._process or self._start()
        assert process.stdin is not None
        header = json.dumps({"key": case.key, "size": len(case.data)}).encode() + b"\n"
        try:
            process.stdin.write(header + case.data)
            process.stdin.flush()
        except BrokenPipeError:
            pass  # it died: the answer below is None
        try:
            answer = self._lines.get(timeout=self.guard)
        except queue.Empty:
            self._stop()
            return Outcome("hang", None, f"no answer within {self.guard:g} s")
        if answer is None:  # its output ended: the worker died
            try:
                code: int | None = process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                code = None
            detail = f"exit code {code}; stderr:\n{self._tail()}"
            self._stop()
            return Outcome("died", None, detail)
        outcome = Outcome.from_json(json.loads(answer))
        if not outcome.sound:
            self._stop()  # start afresh: the store may hold what the case left
        return outcome

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        if self._log is not None:
            self._log.close()
            self._log = None

    def close(self) -> None:
        """Stop the worker."""
        process = self._process
        if process is not None and process.poll() is None and process.stdin is not None:
            try:
                process.stdin.close()  # the worker ends at the end of its input
                process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._stop()


def _read_lines(stream: IO[bytes] | None, lines: queue.Queue[bytes | None]) -> None:
    assert stream is not None
    for line in stream:
        lines.put(line)
    lines.put(None)
