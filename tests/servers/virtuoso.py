"""A private OpenLink Virtuoso SPARQL server (Debian's ``virtuoso-opensource``) on loopback.

``scripts/ensure-virtuoso.sh`` installs the package; without it ``virtuoso_available()`` says
why, for ``pytest.skip``. Each ``virtuoso_server(workdir)`` runs its own ``virtuoso-t`` with a
new database in ``workdir`` (ini, database, transaction log, temp database and log all there),
its SQL and HTTP ports free ports on 127.0.0.1 only, small buffers. It is stopped on exit
(SIGTERM, then SIGKILL after a bound), leaving nothing running.

Endpoints (``auth="digest"``, the default, needs no set-up): query and update both go to
``http://127.0.0.1:PORT/sparql-auth`` with HTTP digest auth as dba/dba (the account a new
database has). With ``auth="none"`` the anonymous ``/sparql`` endpoint is used and SPARQL
Update is granted to its user first (``GRANT SPARQL_UPDATE TO "SPARQL"`` through isql-vt).
``graph_store_url`` is the SPARQL 1.1 Graph Store Protocol endpoint with the same auth
(``/sparql-graph-crud-auth``, or ``/sparql-graph-crud`` for ``auth="none"``).

What differs from the SPARQL 1.1 standard in Virtuoso 7.2.5 (Debian 12), as tested:

* POST with ``Content-Type: application/sparql-query`` never gets an answer (the request
  hangs until the client times out; openlink/virtuoso-opensource#842). Send queries as a
  form (``application/x-www-form-urlencoded``, ``query=...``) or by GET. Updates work both
  as ``application/sparql-update`` and as a form (``update=...``).
* Blank nodes in ``INSERT DATA`` are refused: ``SP031: SPARQL compiler: Blank node '_:n1'
  is not allowed in a constant clause``. ``INSERT { ... } WHERE {}`` takes them, but only for
  small updates (below).
* Size: the endpoint compiles an update to SQL; a default ``INSERT DATA`` of more than about
  1,000 triples fails with ``SP031: SPARQL: Internal error: The length of generated SQL
  text has exceeded 10000 lines of code`` (and is slow, ~1.5 ms a triple). Starting the
  update with the Virtuoso pragma ``define sql:big-data-const 1`` makes ``INSERT DATA`` fast
  (60,000 triples in 2 s) when each ``GRAPH <g> { ... }`` block holds at most a few thousand
  triples (past ~5,000: ``SP030: SPARQL compiler, line N: memory exhausted``); repeat the
  block for the same graph. ``INSERT {...} WHERE {}`` stays at ~1,000 triples per request
  (many such operations in one request: ``SQ199: Maximum size (32767) of a code vector
  exceeded``). The Graph Store Protocol (PUT N-Triples per graph) has no such limit and
  takes blank nodes: 100,000 triples in 2.6 s.
* One update request is NOT atomic: when a later operation fails at run time (say ``DROP
  GRAPH <missing>``: ``SPARUL_DROP() failed: graph <...> has not been explicitly created
  before``), the earlier operations stay done. A request that fails to compile (syntax,
  blank node in INSERT DATA, ill-typed literal such as ``"abc"^^xsd:integer``: ``SR341:
  Invalid integer value``) changes nothing.
* Results name blank nodes ``nodeID://b10000`` (JSON and XML): pyoxigraph's
  ``parse_query_results`` refuses them (``Invalid bnode value``), so a client must rewrite
  those values (e.g. drop the ``nodeID://`` prefix) before parsing. N-Triples output
  (CONSTRUCT) writes ``_:b10000`` and parses.
* Literals are stored by value: gYear ``"2015"``, gYearMonth ``"2023-06"``, date, dateTime
  and language-tagged text (Chinese included, UTF-8 in JSON) come back as sent, but
  ``"01"^^xsd:integer`` -> ``"1"``, ``"1.50"^^xsd:decimal`` -> ``"1.5"``, ``"1e3"^^xsd:double``
  -> ``"1000.0"``, ``"true"^^xsd:boolean`` -> ``"1"``, ``"P1Y"^^xsd:duration`` -> ``"12"``,
  ``"02015"^^xsd:gYear`` -> ``"2015"``; language tags are lower-cased (as pyoxigraph does).
  ``"x"^^xsd:string`` is kept apart from ``"x"`` (they do not match each other).
* Within ONE update request, ``"2025-01"^^xsd:gYearMonth`` and ``"2025"^^xsd:gYear`` are
  taken for one value: whichever comes first is stored for both (January loses its month,
  or the year gains one). Across requests they stay apart. finreg uploads one graph at a
  time in requests of at most 2,000 triples, so the seeds no longer meet it; a file that
  holds both within one request still does.
* ``VALUES ?start { <a> }`` (also ``VALUES (?start) { (<a>) }``) followed by
  ``?start <p>* ?x`` / ``^<p>*`` / ``<p>+`` / ``<p>?``: ``TR...: transitive start not
  given``. Works with a constant start, a start bound by a triple pattern or ``BIND(<a> AS
  ?start)``, or the path in a sub-SELECT when VALUES has one row.
* ``FILTER NOT EXISTS { VALUES ?g { <a> <b> } }`` (and ``MINUS``) with ?g bound by ``GRAPH
  ?g`` outside: ``SP031: SPARQL compiler: Internal error: sparp_find_qmv_of_var_or_retval():
  side effect var passed``; with ?g bound by an outer VALUES it silently keeps every row.
  Use ``FILTER(?g NOT IN (<a>, <b>))``.
* ``DROP GRAPH`` without SILENT fails for any graph not made by ``CREATE GRAPH``; use
  ``DROP SILENT GRAPH`` (which does remove the triples).
* The default graph is the union of all graphs, system graphs included:
  ``http://www.openlinksw.com/schemas/virtrdf#`` (~2,500 triples, Virtuoso's own
  metadata; do not drop it), ``http://www.w3.org/ns/ldp#``, and with this ini
  ``http://127.0.0.1:PORT/sparql`` (service description) and ``http://127.0.0.1:PORT/DAV/``
  (``http://localuriqaserver/sparql`` on a default install). Restrict to user graphs with
  ``GRAPH ?g`` over known graphs (finreg's ``void:Dataset`` marks),
  ``FILTER(?g NOT IN (...))``, or the Virtuoso pragma ``define input:default-graph-exclude <http://www.openlinksw.com/schemas/virtrdf#>``.
* ResultSetMaxRows (10,000 by default) silently cuts results; this ini sets 1,000,000.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import httpx

from tests.server import free_port

BINARY_CANDIDATES = ("/usr/bin/virtuoso-t",)
ISQL_CANDIDATES = ("/usr/bin/isql-vt",)
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
DBA_USER = "dba"
DBA_PASSWORD = "dba"  # noqa: S105 (the default of a new private test database)


@dataclass(frozen=True)
class VirtuosoEndpoint:
    """Where the private Virtuoso answers, and how to authenticate (``auth_scheme`` is
    "digest" or None)."""

    query_url: str
    update_url: str
    user: str | None
    password: str | None
    auth_scheme: str | None
    graph_store_url: str = ""
    sql_port: int = 0


def _find(names: tuple[str, ...], fallback: str) -> str | None:
    for name in names:
        if os.access(name, os.X_OK):
            return name
    return shutil.which(fallback)


def virtuoso_binary() -> str | None:
    """The ``virtuoso-t`` server binary, or None."""
    return _find(BINARY_CANDIDATES, "virtuoso-t")


def isql_binary() -> str | None:
    """Virtuoso's isql client (``isql-vt`` in Debian), or None."""
    return _find(ISQL_CANDIDATES, "isql-vt")


def virtuoso_available() -> str | None:
    """None when a private Virtuoso can be started here, else the reason why not."""
    if virtuoso_binary() is None:
        return "virtuoso-t is not installed (run scripts/ensure-virtuoso.sh as root)"
    return None


def _ini(workdir: Path, db: Path, sql_port: int, http_port: int) -> str:
    return f"""\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 8
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
AllowOSCalls = 0
DirsAllowed = ., {workdir}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
SingleCPU = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxMemPoolSize = 50000000
MaxQueryMem = 256M
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {workdir}
MaxClientConnections = 8
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
ServerThreads = 8
MaxKeepAlives = 8
KeepAliveTimeout = 10
HTTPThreadSize = 280000
Charset = UTF-8
EnabledGzipContent = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[URIQA]
DynamicLocal = 0
DefaultHost = 127.0.0.1:{http_port}

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 0
DeferInferenceRulesInit = 0
"""


def _log_tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _start(binary: str, workdir: Path) -> tuple[subprocess.Popen[bytes], int, int, Path]:
    """Start virtuoso-t on new free ports with a new database; wait until /sparql answers."""
    db = workdir / "db"
    if db.exists():
        shutil.rmtree(db)
    db.mkdir(parents=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(_ini(workdir, db, sql_port, http_port))
    log = workdir / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=db,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    probe = f"http://127.0.0.1:{http_port}/sparql"
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"virtuoso-t exited with {process.returncode} while starting; "
                    f"log {log}:\n{_log_tail(log)}"
                )
            try:
                answer = httpx.get(probe, params={"query": "ASK {}"}, timeout=2)
                if answer.status_code == 200:
                    return process, sql_port, http_port, log
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"Virtuoso did not answer at {probe} within {START_TIMEOUT:g} s; "
                    f"log {log}:\n{_log_tail(log)}"
                )
            time.sleep(0.1)
    except BaseException:
        _stop(process)
        raise


def _grant_anonymous_update(sql_port: int, log: Path) -> None:
    isql = isql_binary()
    if isql is None:
        raise RuntimeError("isql-vt is missing: cannot grant SPARQL Update to the SPARQL user")
    done = subprocess.run(
        [isql, f"127.0.0.1:{sql_port}", DBA_USER, DBA_PASSWORD,
         'EXEC=GRANT SPARQL_UPDATE TO "SPARQL";'],
        capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        raise RuntimeError(
            f"isql-vt could not grant SPARQL_UPDATE: {done.stdout}{done.stderr}\n"
            f"log {log}:\n{_log_tail(log)}"
        )


@contextmanager
def virtuoso_server(
    workdir: Path, *, auth: Literal["digest", "none"] = "digest"
) -> Iterator[VirtuosoEndpoint]:
    """Start a private Virtuoso with a new database in ``workdir`` (emptied ``workdir/db``)
    on free loopback ports; yield its endpoint; stop it on exit.

    ``auth="digest"``: ``/sparql-auth`` with digest auth as dba/dba for queries and updates.
    ``auth="none"``: the anonymous ``/sparql``, SPARQL Update granted to it.

    :raises RuntimeError: if Virtuoso is missing or does not start (with its log's tail).
    """
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError(virtuoso_available() or "virtuoso-t is missing")
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    attempts = 3  # another process may take a free port before Virtuoso binds it
    for attempt in range(attempts):
        try:
            process, sql_port, http_port, log = _start(binary, workdir)
            break
        except RuntimeError as error:
            listening = "listen" in str(error).lower() or "address" in str(error).lower()
            if attempt == attempts - 1 or not listening:
                raise
    try:
        base = f"http://127.0.0.1:{http_port}"
        if auth == "none":
            _grant_anonymous_update(sql_port, log)
            endpoint = VirtuosoEndpoint(
                query_url=f"{base}/sparql",
                update_url=f"{base}/sparql",
                user=None,
                password=None,
                auth_scheme=None,
                graph_store_url=f"{base}/sparql-graph-crud",
                sql_port=sql_port,
            )
        else:
            endpoint = VirtuosoEndpoint(
                query_url=f"{base}/sparql-auth",
                update_url=f"{base}/sparql-auth",
                user=DBA_USER,
                password=DBA_PASSWORD,
                auth_scheme="digest",
                graph_store_url=f"{base}/sparql-graph-crud-auth",
                sql_port=sql_port,
            )
        yield endpoint
    finally:
        _stop(process)
