"""Load: finreg, raw pyoxigraph (transactional and bulk) and rdflib on the same files, each in
a fresh process."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench.harness import DATA, log, worker


def bench_load(
    directory: Path, manifest: dict[str, Any], quick: bool, skip_rdflib: bool
) -> tuple[dict[str, Any], Path]:
    files = [str(directory / f) for f in manifest["files"]]
    store_dir = directory / "store-finreg"
    shutil.rmtree(store_dir, ignore_errors=True)
    out: dict[str, Any] = {"files": manifest["files"], "input_triples": manifest["triples"]}
    log("load: finreg (kg.loaders.load_files, on-disk EmbeddedStore) ...")
    out["finreg"] = worker("load_finreg", files=files, store_dir=str(store_dir))
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        log("load: raw pyoxigraph Store(path).load (transactional) ...")
        out["pyoxigraph"] = worker("load_pyoxigraph", files=files, store_dir=tmp + "/tx")
        log("load: raw pyoxigraph bulk_load ...")
        out["pyoxigraph_bulk"] = worker(
            "load_pyoxigraph", files=files, store_dir=tmp + "/bulk", bulk=True
        )
    if not skip_rdflib:
        log("load: rdflib Graph().parse (in memory) ...")
        out["rdflib"] = worker("load_rdflib", files=files)
    n = manifest["triples"]
    for key in ("finreg", "pyoxigraph", "pyoxigraph_bulk", "rdflib"):
        if key in out:
            r = out[key]
            r["triples_per_s"] = round(n / r["seconds"])
            r["rss_mib_per_million"] = round(r["maxrss_mib"] / (n / 1e6), 1)
    return out, store_dir
