"""Parse, check and load RDF files: all or nothing.

>>> from kg.loaders import load_files, unload_files
"""

from kg.loaders.load import (
    graphs_for,
    load_files,
    read_inputs,
    unload_files,
    validate_paths,
)

__all__ = [
    "graphs_for",
    "load_files",
    "read_inputs",
    "unload_files",
    "validate_paths",
]
