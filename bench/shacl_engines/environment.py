"""What a run was measured on (the machine, the commit) and each engine's package upkeep."""

from __future__ import annotations

import importlib.metadata as md
import os
import platform
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.shacl_engines.engines import ENGINES
from bench.shacl_engines.inputs import ROOT


def upkeep(dist: str) -> dict[str, Any]:
    """Version, licence, maintainers, wheel and toolchain (METADATA, WHEEL); releases (pip)."""
    out: dict[str, Any] = {"release_date": None, "releases": None}
    try:
        listed = subprocess.run(
            [sys.executable, "-m", "pip", "index", "versions", dist],
            capture_output=True,
            text=True,
            timeout=180,
        )
        if found := re.search(r"Available versions: (.*)", listed.stdout):
            versions = found.group(1).split(", ")
            out |= {"releases": len(versions), "latest": versions[0]}
    except (OSError, subprocess.TimeoutExpired):
        pass
    try:
        meta, wheel = md.metadata(dist), md.distribution(dist).read_text("WHEEL") or ""
    except md.PackageNotFoundError:
        return out | {"installed": False}
    classifiers = meta.get_all("Classifier") or []
    people = [meta.get(k) for k in ("Author", "Author-email", "Maintainer", "Maintainer-email")]
    tags = re.findall(r"^Tag: (\S+)", wheel, re.M)
    binary = "Programming Language :: Rust" in classifiers and "none-any" not in tags[0]
    return out | {
        "installed": True,
        "version": meta["Version"],
        "licence": meta.get("License-Expression") or (meta.get("License") or "").split("\n")[0],
        "maintainers": "; ".join(dict.fromkeys(p for p in people if p)),
        "requires_python": meta.get("Requires-Python"),
        "runtime_deps": [r for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r],
        "wheel_tags": tags,
        "needs_toolchain": "no: Rust binary wheel (Rust where none fits)" if binary else "no",
    }


def machine() -> dict[str, Any]:
    """Cores, CPU, memory, Python and package versions, load at start, the commit."""
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    git = ["git", "rev-parse", "--short", "HEAD"]
    versions = {}
    for name in ["pyoxigraph", "rdflib", *dict.fromkeys(ENGINES.values())]:
        try:
            versions[name] = md.version(name)
        except md.PackageNotFoundError:
            versions[name] = None
    return {
        "cores": os.cpu_count(),
        "cpu": cpu.group(1) if cpu else platform.processor(),
        "memory_gib": round(int(mem.group(1)) / 2**20, 1) if mem else None,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg(),
        "packages": versions,
        "note": "a 2-core machine: other work may have been running",
        "commit": subprocess.run(git, cwd=ROOT, capture_output=True, text=True).stdout.strip(),
    }
