"""The admin report: applications by status and lot, and the share from SMEs, VCSEs and in-borough suppliers."""

from __future__ import annotations

from dataclasses import dataclass, field

from marketplace.downloads import csv_text
from marketplace.frameworks import display, queries
from marketplace.frameworks.models import SUBMITTED, Framework, FrameworkApplication
from marketplace.template_helpers import london_datetime

GROUPS = (("sme", "SMEs"), ("vcse", "VCSEs"), ("in_borough", "Based in the borough"))


@dataclass
class Share:
    label: str
    applied: int
    awarded: int
    applied_total: int
    awarded_total: int

    @property
    def applied_percent(self) -> str:
        return _percent(self.applied, self.applied_total)

    @property
    def awarded_percent(self) -> str:
        return _percent(self.awarded, self.awarded_total)


@dataclass
class LotRow:
    name: str
    applied: int
    awarded: int


@dataclass
class Report:
    by_status: dict[str, int] = field(default_factory=dict)
    by_result: dict[str, int] = field(default_factory=dict)
    lots: list[LotRow] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    total: int = 0


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def facts(application: FrameworkApplication) -> dict[str, bool]:
    """SME, VCSE and in-borough as declared when submitted (the profile now, if never submitted)."""
    profile = (application.submission or {}).get("profile") or {}
    organisation = application.organisation
    source = (
        profile
        if profile
        else {
            "is_sme": organisation.is_sme,
            "is_vcse": organisation.is_vcse,
            "based_in_borough": organisation.based_in_borough,
        }
    )
    return {
        "sme": bool(source.get("is_sme")),
        "vcse": bool(source.get("is_vcse")),
        "in_borough": bool(source.get("based_in_borough")),
    }


def build(framework: Framework) -> Report:
    definition = framework.definition
    applications = queries.list_applications(framework.id)
    submitted = [a for a in applications if a.status == SUBMITTED]
    awarded = [a for a in submitted if a.awarded_lots]
    report = Report(total=len(applications))
    for application in applications:
        label = display.APPLICATION_STATUS.get(application.status, application.status)
        report.by_status[label] = report.by_status.get(label, 0) + 1
    for application in submitted:
        label = display.result_label(application.result)
        report.by_result[label] = report.by_result.get(label, 0) + 1
    for lot in definition.lots:
        applied = sum(1 for a in submitted if lot.slug in (a.submission or {}).get("lots", []))
        won = sum(1 for a in awarded if lot.slug in a.awarded_lots)
        report.lots.append(LotRow(lot.name, applied, won))
    applied_facts = [facts(a) for a in submitted]
    awarded_facts = [facts(a) for a in awarded]
    for key, label in GROUPS:
        report.shares.append(
            Share(
                label,
                sum(f[key] for f in applied_facts),
                sum(f[key] for f in awarded_facts),
                len(submitted),
                len(awarded),
            )
        )
    return report


CSV_COLUMNS = [
    "Reference",
    "Organisation",
    "Status",
    "Submitted",
    "Lots applied for",
    "Result",
    "Lots awarded",
    "Agreement accepted",
    "SME",
    "VCSE",
    "Based in the borough",
]


def to_csv(framework: Framework) -> str:
    """Every application as CSV; `csv_text` writes every cell as text, never as a spreadsheet formula."""
    return csv_text(CSV_COLUMNS, (_csv_row(framework, a) for a in queries.list_applications(framework.id)))


def _csv_row(framework: Framework, application: FrameworkApplication) -> list:
    definition = framework.definition
    flags = facts(application)
    submitted = application.status == SUBMITTED
    return [
        application.reference,
        application.organisation.name,
        display.APPLICATION_STATUS.get(application.status, application.status),
        london_datetime(application.submitted_at),
        "; ".join(display.lot_names(definition, (application.submission or {}).get("lots", []) if submitted else [])),
        display.result_label(application.result) if submitted else "",
        "; ".join(display.lot_names(definition, application.awarded_lots)),
        london_datetime(application.agreement_accepted_at),
        "Yes" if flags["sme"] else "No",
        "Yes" if flags["vcse"] else "No",
        "Yes" if flags["in_borough"] else "No",
    ]
