"""Seeded synthetic finreg graphs, valid under finreg's own shapes, for the benchmarks.

The graphs copy the modelling of seeds/*.ttl: entities with ``fr:Name`` blank nodes (value@lang,
kind, validity, source), events with one class, zh+en summaries, roles, dates at their true
precision and a qualified derivation that states the date (``fr:states``, as for every dated
name and relationship); sources with title, publisher and date. What is made:

- regulators (fixed), groups, companies with zh legal / zh short / en names; about a third are
  renamed (a former name with ``fr:validTo``, the new legal name with ``fr:validFrom`` and a
  ``fr:Rename`` event); establishments, deregistrations, stakes;
- products launched and operated by companies (``fr:Operation``);
- licences held by companies, with ``fr:LicenceGrant`` and the odd ``fr:LicenceRevocation``;
- notices issued by regulators (``fr:NoticeIssued``);
- business-transfer chains up to depth 20 that move a product along, with forks (one transferor,
  several transferees in one event), merges (several transfers into one company) and the odd
  cycle (the last company hands back to the first);
- figures about companies (metric, amount, unit, a date stated by a source), 2.8 per company
  as in the seeds, and the metrics they measure.

Files are split as a data engineer would: ``sources``, ``entities``, ``relationships``,
``events-lifecycle``, ``events-transfers``, ``figures`` (``-NNN`` parts past ``PART_TRIPLES``
triples or ``PART_BYTES`` bytes each, bench.generate.turtle), plus ``manifest.json`` naming the
benchmark's start points (not RDF, never loaded).

    python -m bench.generate --triples 100000 --out bench/data/100k

The modules: ``generator`` (one graph from start to end, in the order its random numbers are
drawn: the output is fixed by the seed), ``base`` (the state and the helpers every part uses),
``registers`` (sources, regulators, groups, notices), ``companies`` (companies with their
names, licences, products and stakes), ``transfers`` (the chains), ``figures`` (figures and
metrics), ``turtle`` (writing the files), ``words`` (the word pools), ``__main__`` (the
command line).
"""

from bench.generate.generator import Generator, parse_size

__all__ = ["Generator", "parse_size"]
