"""Tests of finreg's SHACL engine, against the W3C SHACL Core test suite."""
