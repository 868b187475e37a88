"""A workload runs at most its slots at once, refuses past its waiting room, gives a call up
at its deadline, and keeps a given-up call's slot until its thread returns.

The calls block on events the tests set; a wait for a state counts as a hang after GUARD
seconds and no test asserts how long anything took.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable

import anyio
import pytest

from api.work import OverloadedError, Workload, deadline_after
from tests.blocking import GUARD


class Calls:
    """Blocking calls that record which started, and return once ``release`` is set."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started: list[str] = []

    def __call__(self, name: str) -> str:
        """Start, wait for the test, return the name."""
        self.started.append(name)
        if not self.release.wait(GUARD):
            raise RuntimeError("the test never released the calls")
        return name


async def until(condition: Callable[[], bool]) -> None:
    """Wait in the event loop until ``condition()`` holds (a hang fails after GUARD)."""
    with anyio.fail_after(GUARD):
        while not condition():
            await anyio.sleep(0.01)


def run(test: Callable[[], Awaitable[None]]) -> None:
    """Run an async test on asyncio, as the app runs."""
    anyio.run(test, backend="asyncio")


def test_a_workload_runs_at_most_its_slots_and_refuses_past_its_waiting_room() -> None:
    pool = Workload("tests", slots=1, waiting=1)
    calls = Calls()
    answers: dict[str, str] = {}

    async def call(name: str) -> None:
        answers[name] = await pool.run(calls, name)

    async def test() -> None:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(call, "first")
            await until(lambda: calls.started == ["first"])
            tasks.start_soon(call, "second")
            await until(lambda: pool.queued == 1)
            with pytest.raises(OverloadedError, match="too many tests are running"):
                await pool.run(calls, "third")
            assert calls.started == ["first"]
            calls.release.set()
        assert answers == {"first": "first", "second": "second"}
        assert pool.busy == 0

    run(test)
    assert calls.started == ["first", "second"]


def test_a_call_given_up_keeps_its_slot_until_its_thread_returns() -> None:
    pool = Workload("tests", slots=1, waiting=0)
    calls = Calls()

    async def test() -> None:
        with anyio.CancelScope() as scope:  # what a deadline does, at a moment of our choosing
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(pool.run, calls, "slow")
                await until(lambda: calls.started == ["slow"])
                scope.cancel()
        assert pool.busy == 1  # its thread still runs
        with pytest.raises(OverloadedError):
            await pool.run(calls, "next")
        calls.release.set()
        await until(lambda: pool.busy == 0)
        assert await pool.run(str.upper, "again") == "AGAIN"

    run(test)
    assert calls.started == ["slow"]


def test_a_call_still_waiting_at_its_deadline_never_runs() -> None:
    pool = Workload("tests", slots=1, waiting=1)
    calls = Calls()

    async def test() -> None:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(pool.run, calls, "first")
            await until(lambda: calls.started == ["first"])
            with pytest.raises(TimeoutError):
                await pool.run(calls, "late", deadline=deadline_after(0.1))
            calls.release.set()
        await until(lambda: pool.busy == 0)

    run(test)
    assert calls.started == ["first"]


def test_a_call_past_its_deadline_before_it_starts_never_runs() -> None:
    pool = Workload("tests", slots=1, waiting=0)
    calls = Calls()
    calls.release.set()

    async def test() -> None:
        with pytest.raises(TimeoutError):
            await pool.run(calls, "late", deadline=anyio.current_time())
        await until(lambda: pool.busy == 0)

    run(test)
    assert calls.started == []


def test_errors_of_the_call_reach_the_caller_and_free_the_slot() -> None:
    pool = Workload("tests", slots=1, waiting=0)

    async def test() -> None:
        with pytest.raises(ZeroDivisionError):
            await pool.run(divmod, 1, 0)
        assert pool.busy == 0

    run(test)
