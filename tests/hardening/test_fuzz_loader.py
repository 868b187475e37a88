"""The loader under a mutation fuzzer (bench.fuzz): a short deterministic run over the seed
files, a backup of them (given to restore) and the W3C positive Turtle tests, mutated by
byte flips, truncations, swapped IRIs, wrong datatypes, huge literals, deep nesting of blank
nodes and collections, stray tokens and other encodings.

Every case is loaded or refused with a FinregError that names the file and a line for each
problem (one line of text each), or is one of the refusals that name no line, all listed in
kg.errors.WHOLE_FILE_REFUSALS; never a traceback, a hang, or a store changed by a refusal
(its export compared before and after). The cases run in a worker process, many in a row, so
that a crash in compiled code is caught and the case named (bench.fuzz.pool).

``python -m bench.fuzz --seconds N`` runs the same fuzzer for longer and reports the
outcomes by kind; what it finds goes into tests/data/bad/ with its expected error.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bench.fuzz.corpus import Seed, backup_of, seed_files, w3c_positive_turtle
from bench.fuzz.mutate import MUTATIONS, Case, Limits, cases
from bench.fuzz.outcome import Outcome, shortfall
from bench.fuzz.pool import Pool
from kg.errors import (
    LINE_REFUSALS,
    WHOLE_FILE_REFUSALS,
    FileReadError,
    NotLoadedError,
    RdfSyntaxError,
    ShapeViolationError,
    StoreError,
    Violation,
)
from tests.conftest import ROOT, SEEDS_DIR
from tests.hardening.conftest import w3c_tests

pytestmark = pytest.mark.embedded_only

CASES = 400
"""Cases in the suite's run: about 30 s on two busy cores."""

LIMITS = Limits(max_huge=256 << 10, max_depth=5_000)
"""Smaller than the bench's (8 MiB, 50,000 deep), so the run stays short."""


@pytest.fixture(scope="module")
def corpus() -> list[Seed]:
    """The seed files and, where the suites are, the W3C positive Turtle tests."""
    suites = w3c_tests()
    seeds = seed_files(SEEDS_DIR)
    return [*seeds, backup_of(seeds), *(w3c_positive_turtle(suites) if suites else [])]


@pytest.fixture(scope="module")
def pool(corpus: list[Seed], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pool]:
    """One worker process at a time, with the seeds loaded in its store."""
    workers = Pool(corpus, tmp_path_factory.mktemp("fuzz"))
    yield workers
    workers.close()


def test_the_corpus_holds_the_seeds_and_the_w3c_positive_turtle_tests(
    corpus: list[Seed],
) -> None:
    assert len([s for s in corpus if s.key.startswith("seeds/")]) >= 5
    assert [s.key for s in corpus if s.key.startswith("backup/")] == ["backup/seeds.nq"]
    if w3c_tests() is None:
        pytest.skip("the W3C RDF test suites are not here: ../shared/w3c-rdf-tests")
    assert len([s for s in corpus if s.key.startswith("w3c/")]) >= 200


@settings(
    max_examples=CASES,
    derandomize=True,  # the same cases on every run: a fixed seed
    database=None,
    deadline=None,  # a case may take seconds; the pool's guard catches a hang
    phases=(Phase.generate, Phase.shrink),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_fuzzed_file_is_loaded_or_refused_naming_file_and_line(
    pool: Pool, corpus: list[Seed], data: st.DataObject
) -> None:
    case = data.draw(cases(corpus, LIMITS), label="case")
    outcome = pool.run(case)
    assert outcome.sound, f"{outcome.label}: {case.describe()}\n{outcome.detail}"


WORDS: dict[str, set[str]] = {
    "flip": {"flip"},
    "truncate": {"truncate"},
    "swap": {"swap"},
    "datatype": {"literal", "date"},
    "huge": {"huge"},
    "nest": {"nest"},
    "token": {"insert"},
    "splice": {"delete", "copy"},
    "encoding": {"encode", "line", "byte-order"},
}
"""What each mutation writes first in its description of a case."""


@pytest.mark.parametrize(("mutation", "words"), WORDS.items())
def test_every_mutation_is_drawn(corpus: list[Seed], mutation: str, words: set[str]) -> None:
    """Each mutation, drawn on its own, reaches every branch it has on the corpus (a mixed
    draw of 200 cases missed the dates branch of datatype in a full run)."""
    drawn: set[str] = set()

    @settings(max_examples=100, derandomize=True, database=None, deadline=None)
    @given(case=cases(corpus, LIMITS, mutations=(mutation,)))
    def draw(case: Case) -> None:
        drawn.update(m.split(" ")[0].split(":")[0] for m in case.mutations)

    draw()
    assert words <= drawn, drawn


def test_every_mutation_is_tried_for_its_words() -> None:
    assert WORDS.keys() == MUTATIONS.keys()


# The rule the fuzzer judges by ------------------------------------------------------------


def test_every_file_refusal_is_listed_with_or_without_its_line() -> None:
    kinds = set()
    for module in (ROOT / "kg").rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        kinds.update(re.findall(r'\bkind="([\w-]+)"', text))
    assert kinds, "no FileReadError kind found"
    assert kinds <= set(WHOLE_FILE_REFUSALS) | set(LINE_REFUSALS), kinds
    assert not set(WHOLE_FILE_REFUSALS) & set(LINE_REFUSALS)


def test_a_refusal_naming_file_and_lines_is_sound(tmp_path: Path) -> None:
    path = tmp_path / "a.ttl"
    data = b"line 1\nline 2\r\nline 3\rline 4\n"
    assert shortfall(RdfSyntaxError(path, 4, 2, "bad"), path, data) is None
    located = Violation("urn:x", "fr:p", "broken", file=str(path), line=3)
    assert shortfall(ShapeViolationError([located], more=7), path, data) is None
    assert shortfall(FileReadError(path, "is empty", kind="empty"), path, data) is None
    assert shortfall(StoreError("no space left on device"), path, data) is None


UNSOUND: dict[str, Callable[[str], Exception]] = {
    "no-line": lambda p: RdfSyntaxError(p, None, None, "somewhere"),
    "line-past-the-end": lambda p: RdfSyntaxError(p, 9, 1, "past the end"),
    "other-file": lambda p: RdfSyntaxError("elsewhere.ttl", 1, 1, "another file"),
    "unlisted-kind": lambda p: FileReadError(p, "a mystery", kind="mystery"),
    "violation-without-line": lambda p: ShapeViolationError(
        [Violation("urn:x", None, "no line", file=p)]
    ),
    "no-input": lambda p: NotLoadedError(p, "a.ttl"),
}


@pytest.mark.parametrize("name", UNSOUND)
def test_a_refusal_that_names_no_line_is_unsound(name: str, tmp_path: Path) -> None:
    path = tmp_path / "a.ttl"
    found = shortfall(UNSOUND[name](str(path)), path, b"one\ntwo\n")  # type: ignore[arg-type]
    assert found is not None
    assert found[0] == "unlocated"


def test_a_value_with_line_breaks_stays_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.ttl"
    broken = Violation("urn:x", "fr:p", "bad", value="a\nb\rc", file=str(path), line=1)
    assert shortfall(ShapeViolationError([broken]), path, b"one\n") is None
    assert "(value a\\nb\\rc)" in str(broken)


# The worker process ------------------------------------------------------------------------

_DIES = (
    "import os, sys; print('{\"ready\": true}', flush=True); sys.stdin.buffer.readline(); "
    "os.abort()"
)
_HANGS = (
    "import sys, time; print('{\"ready\": true}', flush=True); sys.stdin.buffer.readline(); "
    "time.sleep(600)"
)


@pytest.mark.parametrize(("script", "kind"), [(_DIES, "died"), (_HANGS, "hang")])
def test_a_worker_that_dies_or_hangs_is_reported_for_its_case(
    script: str, kind: str, corpus: list[Seed], tmp_path: Path
) -> None:
    workers = Pool(corpus, tmp_path, guard=3, command=[sys.executable, "-c", script])
    case = Case(corpus[0], ("as it is",), corpus[0].data, corpus[0].suffix)
    try:
        outcome = workers.run(case)
    finally:
        workers.close()
    assert outcome.kind == kind
    assert not outcome.sound
    if kind == "died":
        assert "exit code -6" in outcome.detail


def test_an_outcome_survives_its_trip_through_json() -> None:
    outcome = Outcome("refused", "RdfSyntaxError", "a.ttl:1:1: syntax error", 0.25)
    assert Outcome.from_json(outcome.to_json()) == outcome
    assert outcome.label == "refused: RdfSyntaxError"
