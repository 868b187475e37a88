"""A wheel built from this repository works where the repository is not.

Once per run: copy the source tree to a temporary folder (so the checkout gets no build/ or
egg-info), build the wheel there with pip, install it with its dependencies pinned by
constraints.txt into a new venv, and run the installed ``finreg`` from a temporary folder,
outside any repository, with no PYTHONPATH: it must find its ontology, shapes and seeds
inside the package (kg/resources.py), and give the shipped seeds the graph keys they have in
a checkout.

Time, on the 2-core machine with a benchmark running: about 15 s in all. The wheel takes
about 3 s (pip's isolated build environment, setuptools from pip's cache; building without
isolation would use this environment's setuptools, and a venv made by ``python3 -m venv`` has
setuptools 65 and no ``wheel``, which cannot build a wheel); the venv and its pinned
dependencies about 6 s (``--without-pip``, installed by this environment's pip through
``pip --python``, from pip's cache and the package index the machine's pip config names);
validating the seeds 1 s; serving, loading the seeds and answering 3 s; stats 1 s.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, SEEDS
from tests.server import free_port

pytestmark = [pytest.mark.embedded_only, pytest.mark.slow]

NOT_SOURCES = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis"}
"""Folders that are never part of the source tree, wherever they are."""
NOT_SOURCES_AT_TOP = {".git", ".venv", "build", "dist", "data", "node_modules"}
"""Folders at the repository's top that are not sources (environments, outputs, stores)."""

LINEAGE = '{ lineage(name: "花呗") { from { name } to { name } } }'


@dataclass(frozen=True)
class Install:
    """The wheel installed in a venv of its own, and a folder outside any repository."""

    venv: Path
    package: Path
    """The installed kg package (site-packages/kg)."""
    workdir: Path
    env: dict[str, str]

    def finreg(self, *args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run the installed ``finreg`` from the work folder."""
        return subprocess.run(
            [str(self.venv / "bin" / "finreg"), *map(str, args)],
            cwd=self.workdir, env=self.env, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip


def _not_sources(folder: str, names: list[str]) -> set[str]:
    at_top = Path(folder) == ROOT
    return {
        n
        for n in names
        if n in NOT_SOURCES or (at_top and n in NOT_SOURCES_AT_TOP) or n.endswith(".egg-info")
    }


def _run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: float) -> str:
    """Run a build or install step; its output, or a failure that shows it."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def install(tmp_path_factory: pytest.TempPathFactory) -> Install:
    """Build the wheel, install it in a new venv; folders with no finreg.toml above them."""
    base = tmp_path_factory.mktemp("wheel")
    # Nothing from this repository or this environment reaches the installed finreg.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FINREG_") and k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env["XDG_DATA_HOME"] = str(base / "xdg")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=_not_sources)
    dist = base / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, source], base, env, 600)
    (wheel,) = dist.glob("finreg-*.whl")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], base, env, 120)
    python = venv / "bin" / "python"
    _run(
        [sys.executable, "-m", "pip", "--python", python, "install",
         "-c", ROOT / "constraints.txt", wheel],
        base, env, 900,
    )  # fmt: skip
    workdir = base / "elsewhere"
    workdir.mkdir()
    found = _run([python, "-c", "import kg; print(kg.__file__)"], workdir, env, 60)
    package = Path(found.strip()).parent
    assert package.is_relative_to(venv), f"finreg imported from {package}, not the install"
    return Install(venv, package, workdir, env)


def test_the_wheel_carries_the_ontology_shapes_and_every_seed(install: Install) -> None:
    data = install.package / "_data"
    assert (data / "ontology" / "finreg.ttl").read_bytes() == (
        ROOT / "ontology" / "finreg.ttl"
    ).read_bytes()
    assert (install.package / "schema" / "shapes.ttl").is_file()
    shipped = sorted(p.name for p in (data / "seeds").iterdir())
    assert shipped == sorted(["README.md", *(p.name for p in SEEDS)])
    assert (data / "finreg.toml").is_file()


def test_validate_checks_the_shipped_seeds_outside_any_repository(install: Install) -> None:
    seeds = sorted((install.package / "_data" / "seeds").glob("*.ttl"))
    done = install.finreg("validate", *seeds)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"valid: {len(SEEDS)} file(s), ")
    assert "Traceback" not in done.stderr


def test_serve_on_an_empty_store_loads_the_shipped_seeds_under_their_graph_keys(
    install: Install,
) -> None:
    data = install.workdir / "empty"
    data.mkdir()
    port = free_port()
    log_path = install.workdir / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [str(install.venv / "bin" / "finreg"), "serve", "--port", str(port), "--data", data],
            cwd=install.workdir, env=install.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_ready(server, base, log_path)
            answer = httpx.post(f"{base}/graphql", json={"query": LINEAGE}, timeout=30)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    served = log_path.read_text(encoding="utf-8")
    assert server.returncode == 0, served
    assert "Traceback" not in served
    assert f"loaded {len(SEEDS)} seed file(s) from {install.package / '_data' / 'seeds'}" in served
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "errors" not in body, body
    transfers = body["data"]["lineage"]
    assert {"from": {"name": "蚂蚁小微小贷"}, "to": {"name": "蚂蚁消费金融有限公司"}} in transfers

    done = install.finreg("stats", "--json", "--data", data)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(json.loads(done.stdout)["graphs"]) == [f"seeds/{p.name}" for p in SEEDS]


def _wait_until_ready(server: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"finreg serve ended ({server.returncode}):\n{log.read_text()}")
        try:
            ready = httpx.get(f"{base}/readyz", timeout=5).status_code == 200
        except httpx.TransportError:
            ready = False  # not listening yet
        if ready:
            return
        time.sleep(0.2)
    pytest.fail(f"finreg serve was not ready within 120 s:\n{log.read_text()}")
