"""syncmatrix: is this email set-up supported by Dynamics 365 server-side synchronization?

The command line and the presentation of results; the facts live in `kb`, the reasoning in
`solver`, the interactive app in `dashboard`.
"""
