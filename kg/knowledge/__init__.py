"""The knowledge graph as finreg's users ask it: the one door the interfaces use.

``KnowledgeGraph`` wraps a store (which it keeps to itself) and answers with kg.model
objects: names, timelines, lineage, status, search, and the graph as data (health,
statistics, exports, users' own SPARQL, loading). Its reading methods come in batch form
(many IRIs, one round trip) so the API's DataLoaders can use them directly; a method for one
IRI wraps its batch form. It is assembled from one module per kind of question.
"""

from __future__ import annotations

from kg.knowledge._data import Data
from kg.knowledge._names import SearchHit
from kg.knowledge._reconcile import Reconciling
from kg.reconcile import Candidate, MatchHow, NameQuery
from kg.reports import Stats


class KnowledgeGraph(Data, Reconciling):
    """Read access to the finreg graph in a store, and the loads that change it."""


__all__ = ["Candidate", "KnowledgeGraph", "MatchHow", "NameQuery", "SearchHit", "Stats"]
