"""The facts of syncmatrix, shipped as package data (`syncmatrix.data`): variables.yaml, sources.yaml
and rules/*.yaml. Nothing here runs; this file only lets importlib.resources find the folder."""
