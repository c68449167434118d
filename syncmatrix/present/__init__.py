"""What both faces show: words in every language, reports, the support table and the dependency graph.

The command line (syncmatrix.cli) and the dashboard (syncmatrix.dashboard) import this layer; it
imports the solver and the knowledge base, never a face, and does no file or terminal I/O of its own.
"""
