"""Compare SHACL engines on finreg's data and on the W3C SHACL Core suite (not part of the tests).

    PYTHONPATH=. python -m bench.shacl_engines [--sizes 100k,1M] [--quick] [--out bench/results]

Runs with any interpreter that has pyoxigraph and rdflib; it measures the engines importable
there (pySHACL, ``shacl``, ``pyshacl-turbo`` given a pyoxigraph Store and given a file path,
``pyrudof``) and records the others as not installed. Each measurement runs in a fresh
subprocess of this module (``--worker``), so its peak RSS is its own. Writes
``<date>-shacl-engines[-quick].json`` and ``.md`` to ``--out`` and prints the markdown.

The modules: ``engines`` (the child's side: compile, validate, compare results), ``inputs``
(finreg's files, the generated graphs, the W3C tests, the corpus cases), ``measure`` (each
measurement in a fresh child, and their summaries), ``environment`` (the machine and each
engine's upkeep), ``report`` (the method and the tables), ``__main__`` (the command line).
"""
