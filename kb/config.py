"""Configurations given by people: `VARIABLE=VALUE` words checked against the vocabulary."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping

from syncmatrix.kb.errors import closest, input_error, one_of
from syncmatrix.kb.model import KnowledgeBase, Value, VariableType, format_value

#: A configuration: some or all variables with a value. Variables not given are open.
Configuration = Mapping[str, Value]

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def parse_value(kb: KnowledgeBase, variable: str, text: str, where: str = "") -> Value:
    """The value named by `text` for `variable`; InputError naming what is allowed otherwise.

    `where` is the word of the command line the value came from, named in the message. A value is
    named as written, in any case, or by one of its aliases (data/variables.yaml: hotmail for
    outlook_com); a name several values share (a hint: live) is only suggested.
    """
    if not kb.has_variable(variable):
        values: dict[str, object] = {"where": where, "variable": variable, "choices": one_of(kb.variable_names)}
        values["suggestion"] = suggest_variable(kb, variable)
        raise input_error("unknown_variable", **values)
    var = kb.variable(variable)
    word = text.strip()
    if var.type is VariableType.BOOL:
        if word.lower() in _TRUE:
            return True
        if word.lower() in _FALSE:
            return False
        values = {"where": where, "text": text, "variable": variable}
        values["suggestion"] = closest(word.lower(), sorted(_TRUE | _FALSE))
        raise input_error("not_a_bool", **values)
    named = var.value_named(word)
    if named is not None:
        return named
    allowed = [format_value(v) for v in var.domain]
    values = {"where": where, "text": text, "variable": variable, "choices": one_of(allowed)}
    values["suggestion"] = suggest_value(kb, variable, word)
    raise input_error("unknown_value", **values)


def suggest_value(kb: KnowledgeBase, variable: str, word: str) -> tuple[str, ...]:
    """The values `word` may mean for `variable`, for "did you mean": every value it is a hint of,
    else the one value whose name or alias is closest; () when none is close."""
    var = kb.variable(variable)
    hinted = var.hinted(word)
    if hinted:
        return tuple(format_value(v) for v in hinted)
    names = {format_value(c.value): format_value(c.value) for c in var.choices}
    names.update({alias: format_value(c.value) for c in var.choices for alias in c.aliases})
    near = closest(word.lower(), names)
    return (names[near],) if near else ()


def suggest_variable(kb: KnowledgeBase, word: str) -> tuple[str, ...]:
    """The variables `word` may mean, as suggest_value does for values."""
    hinted = kb.hinted_variables(word)
    if hinted:
        return hinted
    names = {name: name for name in kb.variable_names}
    names.update({alias: v.name for v in kb.variables for alias in v.aliases})
    near = closest(word.lower(), names)
    return (names[near],) if near else ()


def parse_assignments(kb: KnowledgeBase, words: Iterable[str]) -> dict[str, Value]:
    """`['email_system=gmail', 'fips=yes']` as a configuration; each variable at most once.

    A variable or a value may be named by an alias (appointments=true, email_system=hotmail): the
    configuration holds the names themselves, and every answer says them.
    """
    config: dict[str, Value] = {}
    for word in words:
        typed, sep, text = word.partition("=")
        typed = typed.strip()
        if not sep or not typed:
            values = {"word": word, "choices": one_of(kb.variable_names)}
            raise input_error("not_a_pair", **values)
        name = kb.variable_named(typed) or typed
        value = parse_value(kb, name, text, where=word)
        if name in config and config[name] != value:
            values = {"variable": name, "first": format_value(config[name]), "second": format_value(value)}
            raise input_error("given_twice", **values)
        config[name] = value
    return config


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str, option: str = "--as-of") -> datetime.date:
    """The day of a question written YYYY-MM-DD (`option` is what it came from, named in the
    message); InputError otherwise: a day of another shape, or one the calendar does not have."""
    word = text.strip()
    if _DAY.fullmatch(word):
        try:
            return datetime.date.fromisoformat(word)
        except ValueError:
            values = {"option": option, "text": text}
            raise input_error("not_a_day", **values) from None
    values = {"option": option, "text": text}
    raise input_error("day_shape", **values)
