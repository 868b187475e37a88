"""finreg's knowledge graph: ontology terms, store, loaders, queries and lineage."""
