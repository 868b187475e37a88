"""Strawberry types built from kg.model, one module per ontology class family.

``enums`` and ``node`` hold what every family shares; ``entities``, ``events``, ``sources``
and ``pagination`` hold the families themselves.
"""
