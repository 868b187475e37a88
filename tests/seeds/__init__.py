"""Checks of the seed graph against the text of the articles it cites (../shared/sources)."""
