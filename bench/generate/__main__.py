"""``python -m bench.generate --triples 100k --out DIR``: see bench.generate's docstring."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import bench.generate
from bench.generate import Generator, parse_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description=(bench.generate.__doc__ or "").splitlines()[0],
    )
    parser.add_argument("--triples", required=True, help="target size: 10k, 100k, 1M, 10M")
    parser.add_argument("--out", type=Path, required=True, help="directory for the files")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    m = Generator(parse_size(args.triples), args.out, args.seed).run()
    print(
        f"generated {m.triples} triples in {len(m.files)} files in {args.out} ({m.seconds} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
