"""finreg's one build step that pyproject.toml cannot declare: the data files into the wheel.

The ontology (``ontology/finreg.ttl``), the seeds (``seeds/*.ttl``, ``seeds/README.md``) and
the dataset-root marker (``finreg.toml``) live at the repository's top, outside any package,
and stay there. When a wheel is built, ``build_py`` copies them into the build tree at
``kg/_data/``, keeping their layout, so the installed package reads them through
``importlib.resources`` (kg/resources.py); ``finreg.toml`` beside ``seeds/`` gives the shipped
seeds the graph keys ``seeds/<file>.ttl`` that they have in a checkout. Nothing is copied into
the repository. The editable install (``make setup``) builds no package files, so it copies
nothing either: kg.resources then reads the files in place (in setuptools' opt-in strict
editable mode, kg/_data/ holds links to them). MANIFEST.in puts the same files into an sdist,
so a wheel built from the sdist (``python -m build``) has them too.

Why not only pyproject.toml: ``package-data`` takes files inside a package's own folder, and
mapping a package onto the repository's top with ``package-dir`` would make setuptools treat
that whole folder as a package; ``data-files`` installs outside the package, where
``importlib.resources`` cannot find it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = ("finreg.toml", "ontology/finreg.ttl", "seeds/*.ttl", "seeds/README.md")
"""The repository's files a wheel carries, as globs relative to the top (keep MANIFEST.in in
step)."""
TARGET = ("kg", "_data")
"""Where they go in the package (kg.resources.PACKAGED)."""


class BuildPyWithData(build_py):
    """``build_py`` that also copies the repository's data files (SHIPPED) into kg/_data/."""

    def run(self) -> None:
        """Build the packages as setuptools does, then copy SHIPPED (not in editable mode)."""
        super().run()
        if self.editable_mode:
            return
        for target, source in self._shipped():
            self.mkpath(os.path.dirname(target))
            self.copy_file(source, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        """setuptools' outputs and the copies of SHIPPED (install --record lists them)."""
        return [*super().get_outputs(include_bytecode), *dict(self._shipped())]

    def get_output_mapping(self) -> dict[str, str]:
        """Build file -> source file, SHIPPED included: an editable install in setuptools'
        strict mode links kg/_data/ to the repository's files through it."""
        return {**super().get_output_mapping(), **dict(self._shipped())}

    def _shipped(self) -> Iterator[tuple[str, str]]:
        """(copy in the build, file in the repository) for each file SHIPPED names."""
        for pattern in SHIPPED:
            sources = sorted(HERE.glob(pattern))
            if not sources:
                raise FileNotFoundError(f"{HERE / pattern}: no such file to put in the wheel")
            for source in sources:
                target = os.path.join(self.build_lib, *TARGET, *source.relative_to(HERE).parts)
                yield target, str(source)


setup(cmdclass={"build_py": BuildPyWithData})
