"""Checking a framework definition: every problem found at once, each with where it is."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from marketplace.frameworks.definition import (
    CHOICE_TYPES,
    DATE_KEYS,
    MAX_QUESTIONS,
    PROFILE_FACTS,
    QUESTION_TYPES,
    RESERVED_IDS,
    YES_NO_OPTIONS,
    Agreement,
    Condition,
    Dates,
    Definition,
    DefinitionError,
    Lot,
    Option,
    Question,
    Rule,
    Section,
    normalised,
)
from marketplace.frameworks.times import parse_london_time

_SLUG = re.compile(r"^[a-z][a-z0-9-]{1,59}$")
_LOT_SLUG = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_OPTION_VALUE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class _Problems:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}" if where else message)

    def text(self, data: dict, key: str, where: str, *, required: bool = True, limit: int = 200) -> str | None:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(where, f"'{key}' is required")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.add(where, f"'{key}' must be text")
            return None
        value = str(value).strip()
        if len(value) > limit:
            self.add(where, f"'{key}' must be {limit} characters or fewer")
        return value

    def whole_number(self, data: dict, key: str, where: str, *, low: int, high: int) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(where, f"'{key}' must be a whole number from {low} to {high}")
            return None
        return value

    def unknown_keys(self, data: dict, allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.add(where, f"unknown key '{key}' (expected one of: {', '.join(sorted(allowed))})")


def validate(raw: Any) -> Definition:
    problems = _Problems()
    if not isinstance(raw, dict):
        raise DefinitionError(["The definition must be a mapping with slug, name, dates, lots and sections"])
    problems.unknown_keys(
        raw,
        {"slug", "name", "short_name", "kind", "summary", "description", "dates", "lots", "sections", "agreement"},
        "",
    )
    slug = problems.text(raw, "slug", "", limit=60)
    if slug and not _SLUG.match(slug):
        problems.add("slug", "use lower-case letters, digits and hyphens, like estates-dps")
    name = problems.text(raw, "name", "")
    short_name = problems.text(raw, "short_name", "", limit=80)
    kind = problems.text(raw, "kind", "", limit=60) or "framework"
    summary = problems.text(raw, "summary", "", limit=500)
    description = problems.text(raw, "description", "", required=False, limit=10000)
    dates = _dates(raw.get("dates"), problems)
    lots = _lots(raw.get("lots"), problems)
    sections = _sections(raw.get("sections"), {lot.slug for lot in lots}, problems)
    agreement = _agreement(raw.get("agreement"), problems)
    if problems.errors:
        raise DefinitionError(problems.errors)
    # A missing required text added an error above, so past this point each one is set.
    assert slug is not None and name is not None and short_name is not None and summary is not None
    definition = Definition(
        slug, name, short_name, kind, summary, description, dates, tuple(lots), tuple(sections), agreement
    )
    asked = definition.most_questions_asked()
    if asked > MAX_QUESTIONS:
        raise DefinitionError(
            [
                f"A supplier could be asked {asked} questions (declaration questions, lot choice and lot statements): "
                f"light frameworks ask at most {MAX_QUESTIONS}"
            ]
        )
    return Definition(**{**definition.__dict__, "data": normalised(definition)})


def _dates(raw: Any, problems: _Problems) -> Dates:
    placeholder = datetime(2000, 1, 1, tzinfo=UTC)
    if not isinstance(raw, dict):
        problems.add("dates", f"give {', '.join(DATE_KEYS)} (London times, like 2026-05-01 12:00)")
        return Dates(*[placeholder] * 6)
    problems.unknown_keys(raw, set(DATE_KEYS), "dates")
    values: dict[str, datetime] = {}
    for key, attribute in DATE_KEYS.items():
        if key not in raw:
            problems.add("dates", f"'{key}' is required")
            continue
        try:
            values[attribute] = parse_london_time(raw[key])
        except ValueError as error:
            problems.add(f"dates.{key}", str(error))
    if len(values) == len(DATE_KEYS):
        order = list(DATE_KEYS.items())
        for (earlier_key, earlier), (later_key, later) in zip(order, order[1:]):
            strictly = earlier_key in {"applications_open", "live_from"}
            if values[later] < values[earlier] or (strictly and values[later] == values[earlier]):
                problems.add("dates", f"'{later_key}' must be after '{earlier_key}'")
    return Dates(**{attribute: values.get(attribute, placeholder) for attribute in DATE_KEYS.values()})


def _lots(raw: Any, problems: _Problems) -> list[Lot]:
    if not isinstance(raw, list) or not raw:
        problems.add("lots", "give at least one lot")
        return []
    lots: list[Lot] = []
    for index, item in enumerate(raw):
        where = f"lots[{index}]"
        if not isinstance(item, dict):
            problems.add(where, "each lot needs slug, name and description")
            continue
        problems.unknown_keys(
            item, {"slug", "name", "description", "statement_word_limit", "statement_guidance"}, where
        )
        slug = problems.text(item, "slug", where, limit=40) or ""
        if slug and not _LOT_SLUG.match(slug):
            problems.add(where, "'slug' must be lower-case letters, digits and hyphens")
        if slug in {lot.slug for lot in lots}:
            problems.add(where, f"lot '{slug}' appears twice")
        limit = item.get("statement_word_limit", 0)
        if limit and problems.whole_number(item, "statement_word_limit", where, low=10, high=500) is None:
            limit = 0
        lots.append(
            Lot(
                slug=slug,
                name=problems.text(item, "name", where, limit=80) or "",
                description=problems.text(item, "description", where, limit=1000) or "",
                statement_word_limit=int(limit or 0),
                statement_guidance=problems.text(item, "statement_guidance", where, required=False, limit=500),
            )
        )
    return lots


def _sections(raw: Any, lot_slugs: set[str], problems: _Problems) -> list[Section]:
    if not isinstance(raw, list) or not raw:
        problems.add("sections", "give at least one section of questions")
        return []
    sections: list[Section] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        where = f"sections[{index}]"
        if not isinstance(item, dict):
            problems.add(where, "each section needs slug, title and questions")
            continue
        problems.unknown_keys(item, {"slug", "title", "description", "questions"}, where)
        slug = problems.text(item, "slug", where, limit=40) or ""
        if slug and not _LOT_SLUG.match(slug):
            problems.add(where, "'slug' must be lower-case letters, digits and hyphens")
        if slug in {s.slug for s in sections}:
            problems.add(where, f"section '{slug}' appears twice")
        questions = item.get("questions")
        if not isinstance(questions, list) or not questions:
            problems.add(where, "give at least one question")
            questions = []
        parsed = [_question(q, f"{where}.questions[{i}]", lot_slugs, seen, problems) for i, q in enumerate(questions)]
        sections.append(
            Section(
                slug,
                problems.text(item, "title", where, limit=100) or "",
                problems.text(item, "description", where, required=False, limit=2000),
                tuple(q for q in parsed if q),
            )
        )
    return sections


def _question(raw: Any, where: str, lot_slugs: set[str], seen: set[str], problems: _Problems) -> Question | None:
    if not isinstance(raw, dict):
        problems.add(where, "each question needs id, type and question")
        return None
    allowed = {
        "id",
        "type",
        "question",
        "label",
        "required",
        "guidance",
        "error",
        "options",
        "word_limit",
        "max_length",
        "min",
        "max",
        "suffix",
        "rule",
        "applies_if",
    }
    problems.unknown_keys(raw, allowed, where)
    question_id = problems.text(raw, "id", where, limit=40) or ""
    where = f"{where} ({question_id})" if question_id else where
    if question_id and (
        not _QUESTION_ID.match(question_id) or question_id in RESERVED_IDS or question_id.startswith("statement_")
    ):
        problems.add(where, "'id' must be lower-case letters, digits and underscores, and not a reserved name")
    if question_id in seen:
        problems.add(where, f"question id '{question_id}' appears twice")
    seen.add(question_id)
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        problems.add(where, f"'type' must be one of: {', '.join(QUESTION_TYPES)}")
        return None
    required = raw.get("required", True)
    if not isinstance(required, bool):
        problems.add(where, "'required' must be true or false")
        required = True
    options = _options(raw, kind, where, problems)
    text = problems.text(raw, "question", where, limit=500) or ""
    question = Question(
        id=question_id,
        type=kind,
        text=text,
        label=problems.text(raw, "label", where, required=False, limit=80) or text[:80],
        required=required,
        guidance=problems.text(raw, "guidance", where, required=False, limit=2000),
        error=problems.text(raw, "error", where, required=False, limit=200),
        options=options,
        word_limit=problems.whole_number(raw, "word_limit", where, low=1, high=1000),
        max_length=problems.whole_number(raw, "max_length", where, low=1, high=500),
        minimum=problems.whole_number(raw, "min", where, low=-(10**12), high=10**12),
        maximum=problems.whole_number(raw, "max", where, low=-(10**12), high=10**12),
        suffix=problems.text(raw, "suffix", where, required=False, limit=20),
    )
    if kind == "long_text" and question.word_limit is None:
        problems.add(where, "long text questions need a 'word_limit'")
    if kind != "long_text" and question.word_limit is not None:
        problems.add(where, "'word_limit' is only for long text questions")
    if kind != "short_text" and question.max_length is not None:
        problems.add(where, "'max_length' is only for short text questions")
    if kind != "number" and (question.minimum is not None or question.maximum is not None or question.suffix):
        problems.add(where, "'min', 'max' and 'suffix' are only for number questions")
    if question.minimum is not None and question.maximum is not None and question.minimum > question.maximum:
        problems.add(where, "'min' must not be more than 'max'")
    rule = _rule(raw.get("rule"), question, where, problems)
    applies_if = _condition(raw.get("applies_if"), lot_slugs, where, problems)
    return Question(**{**question.__dict__, "rule": rule, "applies_if": applies_if})


def _option_value(value: Any) -> str:
    if isinstance(value, bool):  # YAML reads yes/no as booleans
        return "yes" if value else "no"
    return str(value).strip()


def _options(raw: dict, kind: str, where: str, problems: _Problems) -> tuple[Option, ...]:
    if kind == "yes_no":
        if "options" in raw:
            problems.add(where, "yes/no questions have their own options")
        return tuple(Option(value, label) for value, label in YES_NO_OPTIONS)
    if kind not in CHOICE_TYPES:
        if "options" in raw:
            problems.add(where, "'options' are only for choice questions")
        return ()
    items = raw.get("options")
    if not isinstance(items, list) or len(items) < 2:
        problems.add(where, "choice questions need at least 2 options")
        return ()
    options: list[Option] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or "value" not in item or "label" not in item:
            problems.add(f"{where}.options[{index}]", "each option needs a value and a label")
            continue
        problems.unknown_keys(item, {"value", "label", "exclusive"}, f"{where}.options[{index}]")
        value = _option_value(item["value"])
        if not _OPTION_VALUE.match(value):
            problems.add(f"{where}.options[{index}]", "'value' must be lower-case letters, digits and hyphens")
        if value in {o.value for o in options}:
            problems.add(f"{where}.options[{index}]", f"option '{value}' appears twice")
        exclusive = item.get("exclusive", False) is True
        if exclusive and kind != "multiple_choice":
            problems.add(f"{where}.options[{index}]", "'exclusive' is only for multiple choice options")
        options.append(
            Option(value, problems.text(item, "label", f"{where}.options[{index}]", limit=300) or "", exclusive)
        )
    return tuple(options)


def _rule(raw: Any, question: Question, where: str, problems: _Problems) -> Rule | None:
    if raw is None:
        return None
    where = f"{where}.rule"
    if raw == "discretionary":
        return Rule(discretionary=True)
    if not isinstance(raw, dict):
        problems.add(
            where, "give 'must_be: VALUE' (with optional 'otherwise' and 'fail_reason') or 'discretionary: true'"
        )
        return None
    problems.unknown_keys(raw, {"must_be", "otherwise", "fail_reason", "discretionary"}, where)
    fail_reason = problems.text(raw, "fail_reason", where, required=False, limit=500)
    if raw.get("discretionary") is True:
        if "must_be" in raw:
            problems.add(where, "a rule is either 'must_be' or 'discretionary', not both")
        return Rule(discretionary=True, fail_reason=fail_reason)
    if "must_be" not in raw:
        problems.add(where, "give 'must_be' or 'discretionary: true'")
        return None
    otherwise = raw.get("otherwise", "fail")
    if otherwise not in {"fail", "discretionary"}:
        problems.add(where, "'otherwise' must be fail or discretionary")
    expected = raw["must_be"]
    if question.type == "number":
        if not isinstance(expected, dict) or not set(expected) <= {"at_least", "at_most"} or not expected:
            problems.add(where, "for a number, 'must_be' takes at_least and/or at_most")
            return None
        bounds = {
            key: problems.whole_number(expected, key, where, low=-(10**12), high=10**12)
            for key in ("at_least", "at_most")
        }
        return Rule(
            at_least=bounds["at_least"], at_most=bounds["at_most"], otherwise=otherwise, fail_reason=fail_reason
        )
    if question.type not in CHOICE_TYPES:
        problems.add(where, f"{QUESTION_TYPES[question.type].lower()} questions can only be discretionary")
        return None
    values = tuple(_option_value(v) for v in (expected if isinstance(expected, list) else [expected]))
    known = {option.value for option in question.options}
    for value in values:
        if value not in known:
            problems.add(where, f"'{value}' is not one of the question's options ({', '.join(sorted(known))})")
    return Rule(must_be=values, otherwise=otherwise, fail_reason=fail_reason)


def _condition(raw: Any, lot_slugs: set[str], where: str, problems: _Problems) -> Condition | None:
    if raw is None:
        return None
    where = f"{where}.applies_if"
    if not isinstance(raw, dict) or not raw:
        problems.add(where, "give 'lots: [...]' and/or 'profile: {fact: [values]}'")
        return None
    problems.unknown_keys(raw, {"lots", "profile"}, where)
    lots = raw.get("lots") or []
    if not isinstance(lots, list) or any(lot not in lot_slugs for lot in lots):
        problems.add(where, f"'lots' must list lots of this framework ({', '.join(sorted(lot_slugs))})")
        lots = []
    profile = raw.get("profile") or {}
    facts: list[tuple[str, tuple[Any, ...]]] = []
    if not isinstance(profile, dict):
        problems.add(where, "'profile' must map profile facts to accepted values")
        profile = {}
    for fact, values in profile.items():
        if fact not in PROFILE_FACTS:
            problems.add(where, f"'{fact}' is not a profile fact ({', '.join(sorted(PROFILE_FACTS))})")
            continue
        facts.append((fact, tuple(values if isinstance(values, list) else [values])))
    return Condition(tuple(lots), tuple(facts))


def _agreement(raw: Any, problems: _Problems) -> Agreement:
    if not isinstance(raw, dict):
        problems.add("agreement", "give the agreement's title and text")
        return Agreement("", "")
    problems.unknown_keys(raw, {"title", "text"}, "agreement")
    return Agreement(
        problems.text(raw, "title", "agreement") or "", problems.text(raw, "text", "agreement", limit=20000) or ""
    )
