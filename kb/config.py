"""Configurations given by people: `VARIABLE=VALUE` words checked against the vocabulary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kb.errors import InputError, did_you_mean, one_of
from kb.model import KnowledgeBase, Value, VariableType, format_value

#: A configuration: some or all variables with a value. Variables not given are open.
Configuration = Mapping[str, Value]

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def parse_value(kb: KnowledgeBase, variable: str, text: str, where: str = "") -> Value:
    """The value named by `text` for `variable`; InputError naming what is allowed otherwise."""
    if not kb.has_variable(variable):
        raise InputError(
            f"{where}unknown variable '{variable}'; expected one of {one_of(kb.variable_names)}"
            f"{did_you_mean(variable, kb.variable_names)}"
        )
    var = kb.variable(variable)
    word = text.strip()
    if var.type is VariableType.BOOL:
        if word.lower() in _TRUE:
            return True
        if word.lower() in _FALSE:
            return False
        raise InputError(f"{where}'{text}' is not a value of {variable}; expected true or false (or yes/no, 1/0)")
    if word in var.domain:
        return word
    allowed = [format_value(v) for v in var.domain]
    lowered = word.lower()
    if lowered in var.domain:
        return lowered
    raise InputError(
        f"{where}unknown value '{text}' for {variable}; expected one of {one_of(allowed)}"
        f"{did_you_mean(lowered, allowed)}"
    )


def parse_assignments(kb: KnowledgeBase, words: Iterable[str]) -> dict[str, Value]:
    """`['email_system=gmail', 'fips=yes']` as a configuration; each variable at most once."""
    config: dict[str, Value] = {}
    for word in words:
        name, sep, text = word.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(
                f"'{word}' is not a VARIABLE=VALUE pair; for example email_system=gmail "
                f"(variables: {one_of(kb.variable_names)})"
            )
        value = parse_value(kb, name, text, where=f"in '{word}': ")
        if name in config and config[name] != value:
            raise InputError(
                f"{name} is given twice, as {format_value(config[name])} and {format_value(value)}; give it once"
            )
        config[name] = value
    return config
