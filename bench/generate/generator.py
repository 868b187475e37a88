"""One graph from start to end: the files, in order, and the manifest; and the sizes the
command line takes."""

from __future__ import annotations

import json
import time

from bench.generate.base import MANIFEST_NAMES, Manifest
from bench.generate.figures import Figures
from bench.generate.registers import Registers
from bench.generate.transfers import Transfers
from bench.generate.turtle import Writer


class Generator(Registers, Transfers, Figures):
    """Builds one graph; see bench.generate's docstring."""

    def run(self) -> Manifest:
        started = time.perf_counter()
        self.out.mkdir(parents=True, exist_ok=True)
        for old in self.out.glob("*.ttl"):
            old.unlink()
        w = {
            k: Writer(self.out, k)
            for k in (
                "sources",
                "entities",
                "relationships",
                "events-lifecycle",
                "events-transfers",
                "figures",
            )
        }
        self.w = w
        self._sources()
        self._regulators_and_groups()
        companies = [self._company(i) for i in range(self.n_companies)]
        self._notices(companies)
        self._transfers(companies)
        self._metrics()
        self._figures(companies)
        step = max(1, len(companies) // MANIFEST_NAMES)
        self.manifest.names = [c.short for c in companies[::step]][:MANIFEST_NAMES]
        paths = [p for writer in w.values() for p in writer.close()]
        m = self.manifest
        m.files = [p.name for p in paths]
        m.counts = {k: writer.total for k, writer in w.items()}
        m.counts.update(companies=self.n_companies, events=self.events, sources=self.n_sources)
        m.triples = sum(writer.total for writer in w.values())
        busiest = max(companies, key=lambda c: (c.events, -c.index))
        m.timeline = busiest.short
        m.seconds = round(time.perf_counter() - started, 2)
        (self.out / "manifest.json").write_text(
            json.dumps(m.__dict__, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        return m


def parse_size(text: str) -> int:
    """``10k``, ``1M``, ``100000`` -> a number of triples."""
    t = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t.rstrip("km")) * scale)
