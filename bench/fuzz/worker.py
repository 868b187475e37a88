"""The process that loads fuzz cases, many in a row: ``python -m bench.fuzz.worker CONFIG``.

It opens an embedded store in the folder CONFIG names (JSON: ``folder`` and ``seeds``, the
graph key and path of each seed file), loads the seeds, then reads cases from stdin, each a
JSON header line (``key``, ``size``) followed by ``size`` bytes, and answers each with one
JSON line on stdout (kg.outcome's Outcome). A case is written to ``<folder>/cases/<key>``
and loaded through the facade as ``finreg load`` does (a backup, ``.nq``, is restored into
an empty store as ``finreg restore`` does); a refusal must leave the store's export as it
was. After a case that loaded, the store is put back: the seed it replaced is
loaded again, or the graph it added is removed.

A crash in compiled code ends this process: the parent (bench.fuzz.pool) knows which case it
was running, and starts another worker.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path
from typing import BinaryIO

from bench.fuzz.outcome import Outcome, refusal_name, shortfall
from kg.errors import FinregError
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings


class Bench:
    """The store the cases are loaded into, and how to put it back after a load."""

    def __init__(self, folder: Path, seeds: dict[str, Path]) -> None:
        self.cases = folder / "cases"
        self.cases.mkdir(parents=True, exist_ok=True)
        (self.cases / "finreg.toml").write_text("# fuzz cases\n")
        self.seeds = seeds
        self.graph = KnowledgeGraph.open(Settings(data_dir=folder / "store"))
        paths = list(seeds.values())
        if paths:
            self.graph.load(paths, root=paths[0].parent.parent)
        self.before = self.graph.export("nq")

    def run(self, key: str, data: bytes) -> Outcome:
        """Load one case (restore it into an empty store, for a backup), and judge what
        happened (see bench.fuzz.outcome)."""
        path = self.cases / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if path.suffix == ".nq":
            return self._restore(path, data)
        started = time.perf_counter()
        try:
            self.graph.load([path], root=self.cases)
        except FinregError as error:
            seconds = time.perf_counter() - started
            if self.graph.export("nq") != self.before:
                return Outcome("changed", refusal_name(error), str(error)[:2000], seconds)
            found = shortfall(error, path, data)
            if found is not None:
                return Outcome(found[0], refusal_name(error), found[1], seconds)
            return Outcome("refused", refusal_name(error), str(error)[:300], seconds)
        except Exception:
            seconds = time.perf_counter() - started
            return Outcome("crash", None, traceback.format_exc()[-4000:], seconds)
        seconds = time.perf_counter() - started
        self._put_back(key, path)
        return Outcome("loaded", None, "", seconds)

    def _restore(self, path: Path, data: bytes) -> Outcome:
        """Restore a backup into an empty store (in memory: a restore needs an empty one)."""
        target = KnowledgeGraph.empty()
        started = time.perf_counter()
        try:
            target.restore(path)
        except FinregError as error:
            seconds = time.perf_counter() - started
            if target.export("nq"):
                return Outcome("changed", refusal_name(error), str(error)[:2000], seconds)
            found = shortfall(error, path, data)
            if found is not None:
                return Outcome(found[0], refusal_name(error), found[1], seconds)
            return Outcome("refused", refusal_name(error), str(error)[:300], seconds)
        except Exception:
            seconds = time.perf_counter() - started
            return Outcome("crash", None, traceback.format_exc()[-4000:], seconds)
        return Outcome("restored", None, "", time.perf_counter() - started)

    def _put_back(self, key: str, path: Path) -> None:
        original = self.seeds.get(key)
        if original is not None:
            self.graph.load([original], root=original.parent.parent)
        else:
            self.graph.unload([path], root=self.cases, force=True)
        self.before = self.graph.export("nq")

    def close(self) -> None:
        """Close the store."""
        self.graph.close()


def _read_case(stream: BinaryIO) -> tuple[str, bytes] | None:
    header = stream.readline()
    if not header:
        return None
    fields = json.loads(header)
    data = stream.read(int(fields["size"]))
    return str(fields["key"]), data


def main(argv: list[str]) -> int:
    config = json.loads(argv[0])
    bench = Bench(Path(config["folder"]), {k: Path(p) for k, p in config["seeds"].items()})
    out = sys.stdout
    print(json.dumps({"ready": True}), file=out, flush=True)
    try:
        while (case := _read_case(sys.stdin.buffer)) is not None:
            outcome = bench.run(*case)
            print(json.dumps(outcome.to_json(), ensure_ascii=False), file=out, flush=True)
    finally:
        bench.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
