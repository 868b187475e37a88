"""The Reconciliation Service API (version 0.2, which OpenRefine 3.x speaks) at /reconcile.

Journalists match the names in their spreadsheets against finreg's entities, then pull
facts into new columns. Two services, one per language of the names and labels they answer
with: ``/reconcile`` (Chinese) and ``/reconcile/en`` (English). Under each:

=========================  =====================================================================
route                      answers
=========================  =====================================================================
``GET`` (no parameters)    the service manifest
``GET/POST queries=``      a reconciliation query batch (JSON; POST as a form), candidates
                           with scores and match decisions (kg.reconcile has the rules)
``GET/POST extend=``       a data extension query: a row per entity, a cell list per property
``/suggest/entity``        entities whose names start with ``prefix`` (``cursor``, ``type``)
``/suggest/property``      the properties queries and extension know, by ``prefix``
``/suggest/type``          the entity kinds (types), by ``prefix``
``/properties``            the extension properties proposed for a ``type``
``/view?id=``              303 to the entity's page
``/preview?id=``           a small HTML card of the entity, for the client's frame
=========================  =====================================================================

Every JSON route takes a JSONP ``callback`` that must be a JavaScript identifier (anything
else is refused with 400: a reflected callback would run the sender's script), and answers
with CORS. A bad request is a 4xx with a JSON body ``{"status", "error"}``: malformed JSON,
an unknown type or property, a limit that is no positive integer (400), more than 50
queries in a batch or 100 ids in an extension (413), a POST that is not a form (415); a full
waiting room or a time limit passed is 503, as everywhere (api.failures).
"""

from __future__ import annotations

from api.reconcile.service import error_response, json_paths, reconcile_routes

__all__ = ["error_response", "json_paths", "reconcile_routes"]
