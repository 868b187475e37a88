"""Every SPARQL text finreg runs, with its parameters bound, never formatted in.

Modules group the queries by what they answer; each function takes a ``GraphStore`` and returns
rows or plain values that the caller turns into ``kg.model`` objects.
"""
