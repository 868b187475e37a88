"""Parse, check and load RDF files: all or nothing.

>>> from kg.loaders import load_files, unload_files
"""

from kg.loaders.load import (
    LoadReport,
    UnloadReport,
    load_files,
    read_files,
    unload_files,
    validate_paths,
)

__all__ = [
    "LoadReport",
    "UnloadReport",
    "load_files",
    "read_files",
    "unload_files",
    "validate_paths",
]
