"""Reasoning over a knowledge base with python-constraint: verdicts, narrowing, conflicts,
enumeration, counts, nearest fixes and lint. Imports neither streamlit, networkx nor the CLI."""

from solver.support import CheckResult, Choice, Counts, SupportModel, Verdict, quickxplain

__all__ = ["CheckResult", "Choice", "Counts", "SupportModel", "Verdict", "quickxplain"]
