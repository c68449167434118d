"""The documents the knowledge base cites by their path in the repository (READINGS.md and the others
of this folder), shipped with the package as syncmatrix.sources (syncmatrix/present/sources.py)."""
