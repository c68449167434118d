"""The knowledge base: the facts of the page as validated, immutable values.

`load(folder)` reads a knowledge base folder (default: the project's data/) and returns a
KnowledgeBase, or raises KbError listing every problem with its file and line.
"""

from syncmatrix.kb.config import Configuration, parse_assignments, parse_day
from syncmatrix.kb.errors import InputError, KbError, Problem, SyncmatrixError
from syncmatrix.kb.loader import DEFAULT_KB, load
from syncmatrix.kb.model import (
    LANGUAGES,
    Advisory,
    Choice,
    Condition,
    Document,
    Kind,
    KnowledgeBase,
    RetiredRemedy,
    Rule,
    Section,
    Severity,
    Statement,
    Text,
    Value,
    ValueGroup,
    Variable,
    VariableType,
    format_value,
)

__all__ = [
    "DEFAULT_KB",
    "LANGUAGES",
    "Advisory",
    "Choice",
    "Condition",
    "Configuration",
    "Document",
    "InputError",
    "KbError",
    "Kind",
    "KnowledgeBase",
    "Problem",
    "RetiredRemedy",
    "Rule",
    "Section",
    "Severity",
    "Statement",
    "SyncmatrixError",
    "Text",
    "Value",
    "ValueGroup",
    "Variable",
    "VariableType",
    "format_value",
    "load",
    "parse_assignments",
    "parse_day",
]
