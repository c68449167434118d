"""Reasoning over a knowledge base with python-constraint: verdicts, narrowing, conflicts,
enumeration, counts, nearest fixes and lint. Imports neither streamlit, networkx nor the CLI."""

from syncmatrix.solver.limit import DEFAULT_LIMIT, Budget, Limit, SearchLimitExceeded
from syncmatrix.solver.support import CheckResult, Counts, Given, SupportModel, Verdict, quickxplain

__all__ = [
    "DEFAULT_LIMIT",
    "Budget",
    "CheckResult",
    "Given",
    "Counts",
    "Limit",
    "SearchLimitExceeded",
    "SupportModel",
    "Verdict",
    "quickxplain",
]
