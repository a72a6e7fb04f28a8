"""One strict reader of query parameters for the whole JSON API (/api/v1 and the open data files).

Each endpoint declares its parameters once (`Text`, `Integer`, `OneOf`); `check` refuses anything it does not
understand with `BadParameter` (a JSON 400), and `openapi` describes exactly the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict


class BadParameter(ValueError):
    """A query parameter the API does not accept; the message says which and why."""


@dataclass(frozen=True)
class Text:
    max_length: int
    description: str = ""
    repeat: bool = False

    def check(self, name: str, value: str) -> None:
        if len(value) > self.max_length:
            raise BadParameter(f"{name} must be {self.max_length} characters or fewer")

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": self.max_length}


@dataclass(frozen=True)
class Integer:
    minimum: int
    maximum: int
    default: int | None = None
    description: str = ""
    repeat: bool = False

    def check(self, name: str, value: str) -> None:
        if not (value.isascii() and value.isdigit()) or not self.minimum <= int(value) <= self.maximum:
            raise BadParameter(f"{name} must be a whole number from {self.minimum} to {self.maximum}")

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}
        if self.default is not None:
            schema["default"] = self.default
        return {"type": "array", "items": schema} if self.repeat else schema


@dataclass(frozen=True)
class OneOf:
    """One of a set of values; `repeat` lets the parameter appear several times (any of them match).
    `values` may be a callable, for sets read from the database (mission ids)."""

    values: Iterable[str] | Callable[[], Iterable[str]]
    repeat: bool = True
    description: str = ""
    enumerate_in_schema: bool = True

    def allowed(self) -> list[str]:
        values = self.values() if callable(self.values) else self.values
        return [str(value) for value in values]

    def check(self, name: str, value: str) -> None:
        if value not in self.allowed():
            raise BadParameter(f"unknown {name}: {value[:50]}")

    def schema(self) -> dict[str, Any]:
        item: dict[str, Any] = {"type": "string"}
        if self.enumerate_in_schema and not callable(self.values):
            item["enum"] = self.allowed()
        return {"type": "array", "items": item} if self.repeat else item


Rule = Text | Integer | OneOf


def check(args: MultiDict, rules: Mapping[str, Rule]) -> None:
    """Raise BadParameter for an unknown parameter, a repeated single one, or a value outside its rule."""
    for name in args:
        rule = rules.get(name)
        if rule is None:
            raise BadParameter(f"unknown parameter {name[:50]}")
        values = args.getlist(name)
        if len(values) > 1 and not rule.repeat:
            raise BadParameter(f"{name} may be given only once")
        for value in values:
            rule.check(name, value)


def openapi(rules: Mapping[str, Rule]) -> list[dict[str, Any]]:
    """OpenAPI parameter objects describing exactly what `check` accepts."""
    parameters = []
    for name, rule in rules.items():
        parameter: dict[str, Any] = {"name": name, "in": "query", "required": False, "schema": rule.schema()}
        if rule.description:
            parameter["description"] = rule.description
        if rule.repeat:
            parameter |= {"style": "form", "explode": True}
        parameters.append(parameter)
    return parameters
