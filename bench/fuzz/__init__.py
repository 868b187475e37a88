"""The loader under a mutation fuzzer: ``python -m bench.fuzz --seconds N`` (bench/README.md,
"Fuzzing the loader"); tests/hardening/test_fuzz_loader.py runs a short deterministic pass.

- ``corpus``: the files mutated (the seeds, the W3C positive Turtle tests);
- ``mutate``: the mutations, as hypothesis strategies;
- ``outcome``: what became of a case, and the rule it is judged by;
- ``worker``: the process that loads cases, many in a row;
- ``pool``: the parent's side of it (a guard time, a new worker after a crash);
- ``__main__``: a run for a set time, and its report.
"""
