"""Answering users' own SPARQL queries (checked by kg.user_query) within a time and
size limit: in process from pyoxigraph, or forwarded to a SPARQL server's query endpoint.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Mapping
from urllib.parse import urlencode

import httpx
from pyoxigraph import (
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
)

from kg.errors import (
    IncompleteAnswerError,
    MalformedQueryError,
    QueryTimeoutError,
    ResultTooLargeError,
    StoreError,
    StoreTimeoutError,
    StoreUnavailableError,
)
from kg.store.transfer import exchange
from kg.user_query import (
    MAX_RESULT_BYTES,
    NO_DATASET,
    Dataset,
    check_media_type,
    dataset_clauses,
    graph_names,
    read_query,
)


class LimitedOutput:
    """A binary sink for pyoxigraph's serialisers that stops them (by raising from
    ``write``) once the deadline passes or more than ``max_bytes`` were written. The
    serialiser drives the query's evaluation, so stopping it stops the query too."""

    def __init__(self, *, deadline: float, timeout: float, max_bytes: int) -> None:
        self._chunks: list[bytes] = []
        self._size = 0
        self._deadline = deadline
        self._timeout = timeout
        self._max_bytes = max_bytes

    def write(self, data: bytes) -> int:
        """Keep ``data``.

        :raises QueryTimeoutError: past the deadline.
        :raises ResultTooLargeError: past the size limit.
        """
        self._size += len(data)
        if self._size > self._max_bytes:
            raise ResultTooLargeError(self._max_bytes)
        self.check_deadline()
        self._chunks.append(bytes(data))
        return len(data)

    def check_deadline(self) -> None:
        """:raises QueryTimeoutError: if the deadline has passed."""
        if time.monotonic() > self._deadline:
            raise QueryTimeoutError(self._timeout)

    def flush(self) -> None:
        """Nothing to flush: the output is kept in memory."""

    def getvalue(self) -> bytes:
        """Everything written so far."""
        return b"".join(self._chunks)


def answer_in_process(
    store: Store,
    query: str,
    media_type: str,
    *,
    timeout: float,
    options: Mapping[str, object],
    max_bytes: int = MAX_RESULT_BYTES,
) -> bytes:
    """Answer a user's ``query`` from a pyoxigraph ``store`` in ``media_type``.

    ``options`` are pyoxigraph's dataset options (``default_graph``, ``named_graphs`` or
    ``use_default_graph_as_union``), which the store derives from what the request names.
    Results are serialised as they are computed, and the serialiser stops at the deadline
    or the size limit, which stops the query. A query that computes long before its first
    result (ORDER BY, aggregates, ASK) cannot be stopped until then: pyoxigraph has no way
    to interrupt it.

    :raises QueryRefusedError: if the text is no read-only query.
    :raises QueryTimeoutError: if the answer was not ready within ``timeout`` seconds.
    :raises ResultTooLargeError: if the answer passed ``max_bytes``.
    """
    deadline = time.monotonic() + timeout
    checked = read_query(query)
    output_format = check_media_type(checked, media_type)
    output = LimitedOutput(deadline=deadline, timeout=timeout, max_bytes=max_bytes)
    result = None
    try:
        result = store.query(query, **options)  # type: ignore[arg-type]
        output.check_deadline()
        result.serialize(output, format=output_format)  # type: ignore[arg-type]
    except SyntaxError as error:
        raise MalformedQueryError(f"not a SPARQL query: {error}") from error
    except (OSError, ValueError) as error:
        raise StoreError(f"query failed: {error}") from error
    finally:
        # pyoxigraph's answers may only be dropped by the thread that made them: never let
        # an error's traceback carry one to the thread that handles the error.
        del result
    output.check_deadline()
    return output.getvalue()


def answer_over_http(
    client: httpx.Client,
    url: str,
    query: str,
    media_type: str,
    *,
    timeout: float,
    dataset: Dataset = NO_DATASET,
    max_bytes: int = MAX_RESULT_BYTES,
) -> tuple[bytes, str]:
    """Forward a user's ``query`` to a SPARQL server's query endpoint ``url`` (never its
    update endpoint), asking for ``media_type``; return the answer and its Content-Type.

    The answer is read as it arrives, and the request dropped at the deadline or the size
    limit (a server that streams its results, as Oxigraph does, then stops the query); an
    answer cut short is refused (kg.store.transfer), never passed on as a shorter one.

    :raises QueryRefusedError: if the text is no read-only query (the server never sees
        it), or the server refuses the query (400).
    :raises QueryTimeoutError: if the answer was not in within ``timeout`` seconds.
    :raises ResultTooLargeError: if the answer passed ``max_bytes``.
    :raises StoreUnavailableError: if the server cannot be reached, fails (5xx), or its
        answer is incomplete (IncompleteAnswerError).
    :raises StoreError: if the server fails otherwise.
    """
    deadline = time.monotonic() + timeout
    checked = read_query(query)
    check_media_type(checked, media_type)
    if not dataset and checked.names_dataset:
        clauses = dataset_clauses(query)
        dataset = Dataset(*clauses) if clauses is not None else dataset
    graph_names(dataset.default_graphs, "default-graph-uri")
    graph_names(dataset.named_graphs, "named-graph-uri")
    form = [("query", query)]
    form += [("default-graph-uri", iri) for iri in dataset.default_graphs]
    form += [("named-graph-uri", iri) for iri in dataset.named_graphs]
    headers = {
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        "Accept": media_type,
    }
    try:
        answer = exchange(
            client,
            url,
            urlencode(form).encode("utf-8"),
            headers,
            timeout=max(0.0, deadline - time.monotonic()),
            max_bytes=max_bytes,
        )
    except StoreTimeoutError as error:
        raise QueryTimeoutError(timeout) from error
    if answer.status == 400:
        raise MalformedQueryError(f"the SPARQL server refused the query: {answer.text}")
    if answer.status >= 500:
        raise StoreUnavailableError(f"{url}: the server answered {answer.status}: {answer.text}")
    if answer.status >= 400:
        raise StoreError(f"{url}: the server answered {answer.status}: {answer.text}")
    answered = answer.content_type or media_type
    if answered.split(";")[0].strip().lower() != media_type:
        raise IncompleteAnswerError(url, f"asked for {media_type}, the server answered {answered}")
    return answer.body, answered


def result_count(body: bytes, media_type: str) -> int | None:
    """How many solutions or triples a serialised answer in ``media_type`` holds (None for
    a boolean answer, or a format finreg cannot read back).

    >>> result_count(b"?s\\n<urn:a>\\n<urn:b>\\n", "text/tab-separated-values")
    2
    >>> result_count(b'{"head":{},"boolean":true}', "application/sparql-results+json")
    >>> result_count(b's\\r\\n"a\\r\\nb"\\r\\nc\\r\\n', "text/csv")
    2
    """
    fmt = QueryResultsFormat.from_media_type(media_type)
    if fmt == QueryResultsFormat.CSV:  # pyoxigraph writes CSV results but cannot read them
        rows = csv.reader(io.StringIO(body.decode("utf-8", "replace"), newline=""))
        return max(0, sum(1 for _ in rows) - 1)
    rdf = RdfFormat.from_media_type(media_type)
    result: object = None
    try:  # pyoxigraph's objects are dropped here, by the thread that made them
        if fmt is not None:
            result = parse_query_results(body, format=fmt)
            return sum(1 for _ in result) if isinstance(result, QuerySolutions) else None
        if rdf is not None:
            result = parse(body, format=rdf)
            return sum(1 for _ in result)
        return None
    except (SyntaxError, ValueError):
        return None
    finally:
        del result
