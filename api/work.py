"""One way to run blocking work: threads per workload, a bounded waiting room, a deadline.

Every blocking call the interfaces make (a question to the knowledge graph, a user's SPARQL
query, the readiness probe's ping) goes through :meth:`Workload.run`. Each workload (GraphQL,
pages, SPARQL, health, reconciliation) has slots of its own, and nothing runs on asyncio's
default executor, so one kind of work never takes the threads of another: slow GraphQL
requests leave the pages their threads and /readyz its own.

- A call takes a free slot or waits for one; at most ``waiting`` calls wait, and the next is
  refused at once with :class:`OverloadedError` (answered 503 with Retry-After).
- The call runs in a worker thread and is given up at its ``deadline`` (``TimeoutError``);
  a call still waiting for a slot then never runs.
- pyoxigraph cannot interrupt a running query, so a call given up keeps its slot until its
  thread returns: a workload never runs more than ``slots`` threads, whatever its clients
  do. (anyio's ``to_thread.run_sync`` gives its limiter's token back as soon as its caller
  stops waiting, so the slots are a limiter of their own, handed back by the thread.)

>>> import anyio
>>> pool = Workload("examples", slots=1, waiting=0)
>>> anyio.run(pool.run, sum, [1, 2, 3])
6
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import anyio
import anyio.to_thread

from kg.errors import FinregError

T = TypeVar("T")

RETRY_AFTER = 1
"""Seconds a client turned away for a full waiting room is told to wait (Retry-After)."""

GRAPHQL_SLOTS, GRAPHQL_WAITING = 4, 64
"""A GraphQL request runs a few batches at once (one per DataLoader and as-of date), so its
waiting room is deep: a refusal should mean a flood, not one wide query."""
PAGE_SLOTS, PAGE_WAITING = 4, 32
"""A page asks one or two questions, then builds its pictures in the same thread."""
SPARQL_SLOTS = max(1, min(4, (os.cpu_count() or 2) // 2))
"""Users' SPARQL queries at once: half the cores (1 to 4); the rest stay for the API."""
SPARQL_WAITING = 8
RECONCILE_SLOTS, RECONCILE_WAITING = 2, 16
"""A reconciliation batch scores up to 50 names against every name in memory (about a second
at 1M triples): two at once leave the other workloads the cores; OpenRefine sends one batch
at a time per column."""
HEALTH_SLOTS, HEALTH_WAITING = 2, 2
"""A ping that hangs (a SPARQL server that accepts and never answers) holds its slot until
the store's own timeout: past four of them, /readyz answers 503 at once."""


class OverloadedError(FinregError):
    """Every slot of a workload is busy and its waiting room is full; nothing was run."""

    def __init__(self, what: str, retry_after: int = RETRY_AFTER) -> None:
        self.what = what
        self.retry_after = retry_after
        super().__init__(f"too many {what} are running; try again shortly")


def deadline_after(seconds: float) -> float:
    """The deadline ``seconds`` from now, on the event loop's clock (in the event loop)."""
    return anyio.current_time() + seconds


class Workload:
    """At most ``slots`` blocking calls of one kind at once, ``waiting`` more queued."""

    def __init__(self, what: str, *, slots: int, waiting: int) -> None:
        self.what = what
        """What the calls are, in messages: "too many {what} are running"."""
        self.slots = slots
        self.waiting = waiting
        self._slots = anyio.CapacityLimiter(slots)
        # The calls' own thread limiter, never exhausted (a call holds a slot first), so they
        # never wait behind anyio's default limiter (Starlette's file responses use it).
        self._threads = anyio.CapacityLimiter(slots)

    @property
    def busy(self) -> int:
        """Slots held now: by calls running, and by calls given up whose threads still run."""
        return self._slots.borrowed_tokens

    @property
    def queued(self) -> int:
        """Calls waiting for a slot now."""
        return self._slots.statistics().tasks_waiting

    async def run(
        self, function: Callable[..., T], *args: object, deadline: float | None = None
    ) -> T:
        """``function(*args)`` in a worker thread, once a slot is free.

        :raises OverloadedError: at once, if every slot is busy and the waiting room full.
        :raises TimeoutError: at ``deadline`` (see :func:`deadline_after`), waiting or running.
        """
        ticket = _Ticket(asyncio.get_running_loop(), self._slots)
        with anyio.fail_at(deadline):
            await self._admit(ticket)
            try:
                return await anyio.to_thread.run_sync(
                    ticket.call, function, args, abandon_on_cancel=True, limiter=self._threads
                )
            finally:
                ticket.leave()

    async def _admit(self, ticket: _Ticket) -> None:
        try:
            self._slots.acquire_on_behalf_of_nowait(ticket)
        except anyio.WouldBlock:
            if self.queued >= self.waiting:
                raise OverloadedError(self.what) from None
            await self._slots.acquire_on_behalf_of(ticket)


class _Ticket:
    """One call's slot, and who hands it back: the caller if the call is not running when
    the caller stops waiting (it returned, or never started), else the thread once the call
    returns. Exactly one of them does."""

    def __init__(self, loop: asyncio.AbstractEventLoop, slots: anyio.CapacityLimiter) -> None:
        self._loop = loop
        self._slots = slots
        self._lock = threading.Lock()
        self._running = False
        self._left = False

    def call(self, function: Callable[..., T], args: tuple[object, ...]) -> T:
        """Run the call, in the worker thread, unless its caller has already left."""
        with self._lock:
            if self._left:
                raise TimeoutError("the deadline passed before the call started")
            self._running = True
        try:
            return function(*args)
        finally:
            with self._lock:
                self._running = False
                hand_back = self._left
            if hand_back:
                self._hand_back_from_thread()

    def leave(self) -> None:
        """The caller stops waiting (in the event loop): the answer came, or the deadline."""
        with self._lock:
            self._left = True
            hand_back = not self._running
        if hand_back:
            self._slots.release_on_behalf_of(self)

    def _hand_back_from_thread(self) -> None:
        # A limiter belongs to its event loop: the slot goes back there, without this thread
        # waiting for the loop (it may be shutting down).
        try:
            self._loop.call_soon_threadsafe(self._slots.release_on_behalf_of, self)
        except RuntimeError:
            if not self._loop.is_closed():
                raise
            # The loop has closed: the limiter, and the slot, went with it.


def graphql_workload() -> Workload:
    """The GraphQL API's threads (resolvers and DataLoaders)."""
    return Workload("GraphQL requests", slots=GRAPHQL_SLOTS, waiting=GRAPHQL_WAITING)


def page_workload() -> Workload:
    """The pages' threads (HTML pages, pictures, RDF documents, exports)."""
    return Workload("page requests", slots=PAGE_SLOTS, waiting=PAGE_WAITING)


def sparql_workload() -> Workload:
    """The /sparql endpoint's threads."""
    return Workload("SPARQL queries", slots=SPARQL_SLOTS, waiting=SPARQL_WAITING)


def reconcile_workload() -> Workload:
    """The /reconcile endpoint's threads (queries, suggestions, extension, previews)."""
    return Workload("reconciliation requests", slots=RECONCILE_SLOTS, waiting=RECONCILE_WAITING)


def health_workload() -> Workload:
    """The readiness probe's threads."""
    return Workload("health checks", slots=HEALTH_SLOTS, waiting=HEALTH_WAITING)


@dataclass(frozen=True)
class Workloads:
    """The app's workloads, one per kind of request (tests give smaller ones)."""

    graphql: Workload = field(default_factory=graphql_workload)
    pages: Workload = field(default_factory=page_workload)
    sparql: Workload = field(default_factory=sparql_workload)
    health: Workload = field(default_factory=health_workload)
    reconcile: Workload = field(default_factory=reconcile_workload)
