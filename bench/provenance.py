"""What a result was measured on: the machine (cores, CPU, memory, Python, package versions,
load at start) and finreg's commit."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.harness import REPO

PACKAGES = [
    "pyoxigraph",
    "rdflib",
    "shacl",
    "strawberry-graphql",
    "starlette",
    "uvicorn",
    "httpx",
    "networkx",
    "pypinyin",
    "opencc-python-reimplemented",
    "graphql-core",
]


def machine() -> dict[str, Any]:
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    wrk = shutil.which("wrk")
    if wrk:
        out = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        versions["wrk"] = (out.stdout + out.stderr).split("\n")[0].strip()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 1024**2, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg(),
        "packages": versions,
    }


def commit() -> dict[str, Any]:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout

    import hashlib

    diff = git("diff", "HEAD", "--", "kg", "api", "ontology", "seeds")
    return {
        "commit": git("rev-parse", "--short", "HEAD").strip() or "unknown",
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no").strip()),
        # which uncommitted state of finreg was measured (sha1 of `git diff HEAD` there)
        "finreg_diff_sha1": hashlib.sha1(diff.encode()).hexdigest()[:12] if diff else None,
    }
