"""How finreg shows things to people, for every interface alike (the CLI, the pages, GraphQL):
SVG pictures, Graphviz DOT, CSV, terminal tables, and the words in Chinese and English
(``phrases.pick``, the one language fallback). It draws from kg's value types only
(kg.model, kg.dates, kg.reports, kg.vocab), never from the facade: the interfaces gather,
this module shows.
"""
