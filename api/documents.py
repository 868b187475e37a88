"""Parse and validate each GraphQL document text once: clients send the same few query texts
again and again, with other variables.

Parsing and validating the lineage request cost about 4 ms of its 30 (the benchmark's depth-20
lineage, in-process); both depend on the document text and the schema's rules only, never on
variables, the store or the request, so their outcome is kept by text. This is no answer
cache: what a request answers is computed each time (and ``FINREG_CACHE=off`` leaves this on).

Only documents that parsed and passed every rule (the limits included: api.limits) are kept,
so an error is always made afresh, with its own tags. The cache is bounded (``MAX_DOCUMENTS``,
least recently used out first), and a document is at most ``max_tokens`` tokens long.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator

from graphql import DocumentNode
from strawberry.extensions import SchemaExtension

MAX_DOCUMENTS = 256
"""How many valid documents a schema keeps."""


class Documents:
    """Valid documents by their text, least recently used out first (thread-safe)."""

    def __init__(self, size: int = MAX_DOCUMENTS) -> None:
        self.size = size
        self._found: OrderedDict[str, DocumentNode] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> DocumentNode | None:
        """The document of ``text`` if it was parsed and found valid before."""
        with self._lock:
            found = self._found.get(text)
            if found is not None:
                self._found.move_to_end(text)
            return found

    def keep(self, text: str, document: DocumentNode) -> None:
        """Remember that ``text`` parses to ``document``, which passed validation."""
        with self._lock:
            self._found[text] = document
            self._found.move_to_end(text)
            while len(self._found) > self.size:
                self._found.popitem(last=False)

    def __len__(self) -> int:
        return len(self._found)


class KnownDocuments(SchemaExtension):
    """Skips parsing and validation for a document text that passed both before.

    Listed first among the schema's extensions, so that the parser and the rules see only
    texts met for the first time (or after they dropped out of the cache)."""

    def __init__(self, documents: Documents) -> None:
        super().__init__()
        self.documents = documents
        self._known = False

    def on_parse(self) -> Iterator[None]:
        """Give strawberry the document of a known text, so it parses nothing."""
        context = self.execution_context
        text = context.query
        found = self.documents.get(text) if text is not None else None
        if found is not None:
            context.graphql_document = found
            self._known = True
        yield

    def on_validate(self) -> Iterator[None]:
        """Skip validation for a known text; keep a new text that passed it."""
        context = self.execution_context
        if self._known:
            context.pre_execution_errors = []
        yield
        text, document = context.query, context.graphql_document
        if (
            not self._known
            and not context.pre_execution_errors
            and text is not None
            and document is not None
        ):
            self.documents.keep(text, document)
