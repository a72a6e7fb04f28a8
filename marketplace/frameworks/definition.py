"""A framework's definition — dates, lots, declaration sections and questions — as data.

Read from a YAML or JSON file (or an admin's edit), validated (definition_checks) into frozen dataclasses,
stored as a numbered version in the database. Views and forms only ever read a `Definition`:
there is no framework-specific code anywhere else.

Dates are written in Europe/London local time ("2026-05-01 12:00") and held in UTC; a local
time the clocks skip or repeat (the BST/GMT changes) is refused rather than guessed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from marketplace.frameworks.times import LOCAL_FORMAT, london_text, parse_london_time  # noqa: F401  (part of this API)

QUESTION_TYPES = {
    "yes_no": "Yes or no",
    "single_choice": "One option",
    "multiple_choice": "Several options",
    "short_text": "Short text",
    "long_text": "Long text",
    "number": "Number",
    "date": "Date",
}
CHOICE_TYPES = {"yes_no", "single_choice", "multiple_choice"}
YES_NO_OPTIONS = (("yes", "Yes"), ("no", "No"))
DATE_KEYS = {
    "applications_open": "applications_open_at",
    "questions_close": "questions_close_at",
    "applications_close": "applications_close_at",
    "results_published": "results_at",
    "live_from": "live_from",
    "expires": "expires_at",
}
# What a question may depend on from the profile (never asked again in the application).
PROFILE_FACTS = {"turnover_band", "staff_band", "size_band", "legal_form", "is_vcse", "is_sme", "based_in_borough"}
# Light by design: the most a supplier can be asked beyond the profile (lot choice and statements included).
MAX_QUESTIONS = 12
RESERVED_IDS = {"csrf_token", "submit", "lots"}


class DefinitionError(Exception):
    """The definition is not valid; `errors` says every problem found, with where it is."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    exclusive: bool = False


@dataclass(frozen=True)
class Rule:
    """`must_be`: accepted values (or at_least/at_most for numbers), else `otherwise` (fail or discretionary).
    `discretionary`: every answer goes to a person."""

    discretionary: bool = False
    must_be: tuple[str, ...] = ()
    at_least: int | None = None
    at_most: int | None = None
    otherwise: str = "fail"
    fail_reason: str | None = None


@dataclass(frozen=True)
class Condition:
    lots: tuple[str, ...] = ()
    profile: tuple[tuple[str, tuple[Any, ...]], ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    label: str
    required: bool = True
    guidance: str | None = None
    error: str | None = None
    options: tuple[Option, ...] = ()
    word_limit: int | None = None
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    suffix: str | None = None
    rule: Rule | None = None
    applies_if: Condition | None = None

    def option_label(self, value: str) -> str:
        return next((option.label for option in self.options if option.value == value), value)

    def applies_to_lot(self, lot: str) -> bool:
        return self.applies_if is None or not self.applies_if.lots or lot in self.applies_if.lots


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    description: str | None
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Lot:
    slug: str
    name: str
    description: str
    statement_word_limit: int
    statement_guidance: str | None = None


@dataclass(frozen=True)
class Dates:
    applications_open_at: datetime
    questions_close_at: datetime
    applications_close_at: datetime
    results_at: datetime
    live_from: datetime
    expires_at: datetime

    def as_dict(self) -> dict[str, datetime]:
        return {attribute: getattr(self, attribute) for attribute in DATE_KEYS.values()}


@dataclass(frozen=True)
class Agreement:
    title: str
    text: str


@dataclass(frozen=True)
class Definition:
    slug: str
    name: str
    short_name: str
    kind: str
    summary: str
    description: str | None
    dates: Dates
    lots: tuple[Lot, ...]
    sections: tuple[Section, ...]
    agreement: Agreement
    data: dict = field(compare=False, repr=False, default_factory=dict)

    @property
    def questions(self) -> list[Question]:
        return [question for section in self.sections for question in section.questions]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def section(self, slug: str) -> Section | None:
        return next((s for s in self.sections if s.slug == slug), None)

    def lot(self, slug: str) -> Lot | None:
        return next((lot for lot in self.lots if lot.slug == slug), None)

    def lot_id(self, slug: str) -> str:
        return f"{self.slug}/{slug}"

    def lot_label(self, slug: str) -> str:
        lot = self.lot(slug)
        return f"{self.short_name}: {lot.name if lot else slug}"

    def most_questions_asked(self) -> int:
        """Every declaration question, the lot choice and a statement for every lot that asks for one."""
        return len(self.questions) + 1 + sum(1 for lot in self.lots if lot.statement_word_limit)

    def applicable(self, question: Question, lots: list[str], profile: dict[str, Any]) -> bool:
        condition = question.applies_if
        if condition is None:
            return True
        if condition.lots and not set(condition.lots) & set(lots):
            return False
        return all(profile.get(fact) in values for fact, values in condition.profile)

    def applicable_questions(self, lots: list[str], profile: dict[str, Any]) -> list[Question]:
        return [q for q in self.questions if self.applicable(q, lots, profile)]

    @property
    def checksum(self) -> str:
        return _sha256(self.data)

    @property
    def questions_checksum(self) -> str:
        """What applications depend on: lots and questions, leaving out guidance and descriptions."""
        lots = [
            {k: v for k, v in lot.items() if k not in {"description", "statement_guidance"}}
            for lot in self.data["lots"]
        ]
        sections = [
            {"slug": s["slug"], "questions": [{k: v for k, v in q.items() if k != "guidance"} for q in s["questions"]]}
            for s in self.data["sections"]
        ]
        return _sha256({"lots": lots, "sections": sections})

    def to_yaml(self) -> str:
        return yaml.dump(self.data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as readable `|` blocks."""


def _represent_text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def _sha256(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# Reading ------------------------------------------------------------------------------------------


def load_file(path: str | Path) -> Definition:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DefinitionError([f"Cannot read {path.name}: {error}"]) from None
    return parse_text(text, json_only=path.suffix.lower() == ".json")


def parse_text(text: str, *, json_only: bool = False) -> Definition:
    try:
        raw = json.loads(text) if json_only else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        where = getattr(error, "problem_mark", None)
        line = f" (line {where.line + 1})" if where is not None else ""
        raise DefinitionError(
            [
                f"The definition is not valid {'JSON' if json_only else 'YAML'}{line}: "
                f"{getattr(error, 'problem', None) or error}"
            ]
        ) from None
    return validate(raw)


_cache: dict[str, Definition] = {}


def parsed(key: str) -> Definition | None:
    """A stored definition this process has parsed already (`from_stored`), by its checksum."""
    return _cache.get(key)


def from_stored(data: dict, key: str | None = None) -> Definition:
    """A stored (already validated) definition. Versions never change, so each is parsed once,
    keyed by its checksum (the content, not a database id, which differs between databases)."""
    key = key or _sha256(data)
    if key not in _cache:
        _cache[key] = validate(data)
    return _cache[key]


# Writing back -------------------------------------------------------------------------------------


def normalised(definition: Definition) -> dict:
    """The definition as plain data in the file's own shape (stored, edited by admins, re-validated)."""
    return _drop_empty(
        {
            "slug": definition.slug,
            "name": definition.name,
            "short_name": definition.short_name,
            "kind": definition.kind,
            "summary": definition.summary,
            "description": definition.description,
            "dates": {key: london_text(getattr(definition.dates, attribute)) for key, attribute in DATE_KEYS.items()},
            "lots": [_drop_empty(dict(lot.__dict__)) for lot in definition.lots],
            "sections": [
                _drop_empty(
                    {
                        "slug": s.slug,
                        "title": s.title,
                        "description": s.description,
                        "questions": [_question_data(q) for q in s.questions],
                    }
                )
                for s in definition.sections
            ],
            "agreement": {"title": definition.agreement.title, "text": definition.agreement.text},
        }
    )


def _question_data(question: Question) -> dict:
    rule = question.rule
    rule_data = None
    if rule is not None:
        if rule.discretionary:
            rule_data = _drop_empty({"discretionary": True, "fail_reason": rule.fail_reason})
        else:
            bounds = _drop_empty({"at_least": rule.at_least, "at_most": rule.at_most})
            must_be = bounds or (rule.must_be[0] if len(rule.must_be) == 1 else list(rule.must_be))
            rule_data = _drop_empty({"must_be": must_be, "otherwise": rule.otherwise, "fail_reason": rule.fail_reason})
    condition = question.applies_if
    applies_if = None
    if condition is not None:
        applies_if = _drop_empty(
            {"lots": list(condition.lots), "profile": {fact: list(values) for fact, values in condition.profile}}
        )
    options = (
        [_drop_empty({"value": o.value, "label": o.label, "exclusive": o.exclusive or None}) for o in question.options]
        if question.type != "yes_no"
        else None
    )
    return _drop_empty(
        {
            "id": question.id,
            "type": question.type,
            "question": question.text,
            "label": question.label,
            "required": question.required,
            "guidance": question.guidance,
            "error": question.error,
            "options": options,
            "word_limit": question.word_limit,
            "max_length": question.max_length,
            "min": question.minimum,
            "max": question.maximum,
            "suffix": question.suffix,
            "rule": rule_data,
            "applies_if": applies_if,
        }
    )


def _drop_empty(data: dict) -> dict:
    return {
        key: value
        for key, value in data.items()
        if value not in (None, [], {}, "") and not (key == "statement_word_limit" and value == 0)
    }


def validate(raw: Any) -> Definition:
    """Check raw data (from a file or an admin) and build the Definition; raises DefinitionError."""
    from marketplace.frameworks.definition_checks import validate as check

    return check(raw)
