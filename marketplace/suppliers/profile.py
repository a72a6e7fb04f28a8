"""The profile's sections, their status and what publishing needs: derived from the data, never stored."""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.suppliers.models import Organisation

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"
SUMMARY_WORD_LIMIT = 40


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    endpoint: str
    anchor: str
    required: bool
    status: str
    missing: tuple[str, ...] = ()


def _status(filled: list[bool]) -> str:
    if all(filled):
        return COMPLETED
    return IN_PROGRESS if any(filled) else NOT_STARTED


def _missing(pairs: list[tuple[bool, str]]) -> tuple[str, ...]:
    return tuple(label for filled, label in pairs if not filled)


def _declarations_answered(org: Organisation) -> bool:
    return org.is_vcse is not None and org.supported_employment is not None and org.public_service_mutual is not None


def _areas(org: Organisation) -> bool:
    return (
        bool(org.wards)
        or org.serves_whole_borough
        or org.serves_neighbouring
        or org.serves_london
        or org.serves_national
    )


def sections(org: Organisation) -> list[Section]:
    organisation = [
        (bool(org.name), "organisation name"),
        (bool(org.legal_form), "legal form"),
        (bool(org.postcode), "postcode"),
    ]
    size = [(bool(org.staff_band), "number of staff"), (bool(org.turnover_band), "annual turnover")]
    declarations = [(_declarations_answered(org), "declarations")]
    work = [(bool(org.categories), "categories"), (bool(org.summary), "summary")]
    where = [(_areas(org), "where you work")]
    return [
        Section(
            "organisation",
            "Organisation details",
            "suppliers.about",
            "organisation",
            True,
            _status([f for f, _ in organisation]),
            _missing(organisation),
        ),
        Section("size", "Size", "suppliers.about", "size", True, _status([f for f, _ in size]), _missing(size)),
        Section(
            "declarations",
            "Declarations",
            "suppliers.about",
            "declarations",
            True,
            _status([f for f, _ in declarations]),
            _missing(declarations),
        ),
        Section("what", "What you do", "suppliers.work", "what", True, _status([f for f, _ in work]), _missing(work)),
        Section(
            "where", "Where you work", "suppliers.work", "where", True, _status([f for f, _ in where]), _missing(where)
        ),
        Section(
            "experience",
            "Experience (case studies)",
            "suppliers.case_studies",
            "",
            False,
            COMPLETED if org.case_studies else NOT_STARTED,
        ),
        Section(
            "social_value",
            "Social value commitments",
            "suppliers.social_value",
            "",
            False,
            COMPLETED if org.commitments else NOT_STARTED,
        ),
        Section("documents", "Documents", "suppliers.documents", "", False, NOT_STARTED),
    ]


def missing_for_publish(org: Organisation) -> list[str]:
    return [label for section in sections(org) if section.required for label in section.missing]


def completeness(org: Organisation) -> int:
    """Percentage of required sections completed (for the dashboard)."""
    required = [section for section in sections(org) if section.required]
    done = sum(1 for section in required if section.status == COMPLETED)
    return round(100 * done / len(required))


def word_count(text: str | None) -> int:
    return len((text or "").split())
