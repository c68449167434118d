"""flamapy, the peer of the benchmark (issue 15): the same knowledge base, exported by `syncmatrix
export` as a UVL feature model, read by flamapy and asked the same questions in the same process.

Each question goes to the backend flamapy answers it fastest with, its models built once before
the timing starts (as our SupportModel is): counting and listing by its BDD, checking a
configuration by PySAT, a conflict and a repair by its PySAT diagnosis plugin (QuickXPlain and
FastDiag under a HSDAG, stopped at the first one; its diagnosis model made for each question,
which correct answers need: see Flamapy.diagnosis_model). flamapy is the `peer` extra; nothing but the
benchmark imports it.

A configuration of ours is a configuration of the feature model by the export's naming: the root
`syncmatrix`, each enum variable selected with exactly its `VARIABLE__VALUE` child, each bool
variable selected when true.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from syncmatrix.kb.model import Value
from syncmatrix.present.uvl import uvl_text
from syncmatrix.solver import SupportModel


class Flamapy:
    """flamapy's answers about the knowledge base of `model`, read from its UVL export."""

    def __init__(self, model: SupportModel) -> None:
        from flamapy.metamodels.bdd_metamodel.transformations import FmToBDD
        from flamapy.metamodels.fm_metamodel.transformations import UVLReader
        from flamapy.metamodels.pysat_diagnosis_metamodel.transformations import FmToDiagPysat
        from flamapy.metamodels.pysat_metamodel.transformations import FmToPysat

        self.model = model
        with tempfile.TemporaryDirectory(prefix="syncmatrix-uvl-") as folder:
            path = Path(folder) / "syncmatrix.uvl"
            path.write_text(uvl_text(model), encoding="utf-8")
            self.feature_model = UVLReader(str(path)).transform()
        self.sat = FmToPysat(self.feature_model).transform()
        self.bdd = FmToBDD(self.feature_model).transform()
        self._diagnosis = FmToDiagPysat

    def diagnosis_model(self) -> Any:
        """A diagnosis model for one question. Built afresh each time: flamapy's operation prepares
        the model it is given with the configuration asked about, so a model used a second time
        answers partly about the first configuration (measured: 20 of 23 conflicts that are none)."""
        return self._diagnosis(self.feature_model).transform()

    def configuration(self, config: Mapping[str, Value]) -> Any:
        """A complete configuration of ours as flamapy's: every feature selected or not."""
        from flamapy.metamodels.configuration_metamodel.models import Configuration

        elements: dict[str, bool] = {"syncmatrix": True}
        for name, value in config.items():
            if isinstance(value, bool):
                elements[name] = value
            else:
                elements[name] = True
                for other in self.model.domains[name]:
                    elements[f"{name}__{other}"] = other == value
        found = Configuration(elements=elements)
        found.set_full(True)
        return found

    def ours(self, elements: Mapping[Any, bool]) -> tuple[Value, ...]:
        """A configuration flamapy lists, as our values in vocabulary order."""
        chosen = {getattr(f, "name", f) for f, on in elements.items() if on}
        values: list[Value] = []
        for name in self.model.order:
            domain = self.model.domains[name]
            if all(isinstance(v, bool) for v in domain):
                values.append(name in chosen)
            else:
                [value] = [v for v in domain if f"{name}__{v}" in chosen]
                values.append(value)
        return tuple(values)

    def count(self) -> int:
        from flamapy.metamodels.bdd_metamodel.operations import BDDConfigurationsNumber

        return int(BDDConfigurationsNumber().execute(self.bdd).get_result())

    def configurations(self) -> list[tuple[Value, ...]]:
        from flamapy.metamodels.bdd_metamodel.operations import BDDConfigurations

        return [self.ours(c.elements) for c in BDDConfigurations().execute(self.bdd).get_result()]

    def acceptable(self, config: Mapping[str, Value]) -> bool:
        from flamapy.metamodels.pysat_metamodel.operations import PySATSatisfiableConfiguration

        operation = PySATSatisfiableConfiguration()
        operation.set_configuration(self.configuration(config))
        return bool(operation.execute(self.sat).get_result())

    def conflict(self, config: Mapping[str, Value]) -> list[str]:
        """flamapy's first conflict: the choices it names, as `feature = true|false` texts."""
        from flamapy.metamodels.pysat_diagnosis_metamodel.operations import PySATConflict

        operation = PySATConflict()
        operation.set_configuration(self.configuration(config))
        operation.set_max_conflicts(1)
        return _first_set(operation.execute(self.diagnosis_model()).get_result(), "Conflict")

    def repair(self, config: Mapping[str, Value]) -> list[str]:
        """flamapy's first diagnosis: a subset-minimal set of choices to give up."""
        from flamapy.metamodels.pysat_diagnosis_metamodel.operations import PySATDiagnosis

        operation = PySATDiagnosis()
        operation.set_configuration(self.configuration(config))
        operation.set_max_diagnoses(1)
        return _first_set(operation.execute(self.diagnosis_model()).get_result(), "Diagnos")


def _first_set(messages: list[str], head: str) -> list[str]:
    """The first set of flamapy's message 'Conflict: [a = true]' or 'Conflicts: [a = true, b = false],[…]'
    ('Diagnosis: …', 'Diagnoses: …'); [] when it found none."""
    for message in messages:
        if message.startswith(head) and ":" in message:
            first = message.split(":", 1)[1].strip().split("],[", 1)[0].strip("[] ")
            return [part.strip() for part in first.split(",") if part.strip()]
    return []


def consistent(flamapy: Flamapy, choices: list[str]) -> bool:
    """Whether the choices of a conflict (`feature = true|false`) can hold together in flamapy's own
    SAT model: a conflict that can is no conflict."""
    from flamapy.metamodels.configuration_metamodel.models import Configuration
    from flamapy.metamodels.pysat_metamodel.operations import PySATSatisfiableConfiguration

    elements = {}
    for choice in choices:
        feature, _, value = choice.partition(" = ")
        elements[feature.strip()] = value.strip() == "true"
    operation = PySATSatisfiableConfiguration()
    operation.set_configuration(Configuration(elements=elements))  # partial: the rest is free
    return bool(operation.execute(flamapy.sat).get_result())
