"""Human wording for stored profile values, used by templates (`profile_labels`)."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup

from marketplace.suppliers import choices, reference, sizing


def size(band: str | None) -> str:
    return f"{sizing.SIZE_LABELS.get(band, '')} organisation" if band else ""


def legal_form(value: str | None) -> str:
    return choices.LEGAL_FORMS.get(value or "", "Not given")


def identifier(organisation) -> str:
    scheme = organisation.identifier_scheme
    if not scheme or scheme == "none" or not organisation.identifier_number:
        return "Not registered"
    return f"{choices.IDENTIFIER_SCHEMES.get(scheme, scheme)}: {organisation.identifier_number}"


def categories(organisation) -> str:
    return ", ".join(reference.category_label(c.code) for c in organisation.categories) or "None given"


def areas(organisation) -> str:
    names = [
        label
        for area, label in choices.AREAS_BEYOND_WARDS.items()
        if getattr(organisation, f"serves_{area.replace('-', '_')}", False)
    ]
    wards = reference.wards()
    names += [wards.get(w.ward, w.ward) for w in organisation.wards]
    return ", ".join(names) or "None given"


def main_base(organisation) -> str:
    """Where a supplier based in the borough has its main base: its ward, when it has said."""
    ward = reference.wards().get(organisation.base_ward or "")
    return f"{ward} ward, in the borough" if ward else "In the borough (ward not given)"


def contact(organisation) -> str:
    parts = [organisation.contact_name, organisation.contact_email, organisation.contact_phone]
    return ", ".join(part for part in parts if part) or "Not given"


def theme(slug: str) -> str:
    return reference.social_value_themes().get(slug, {}).get("name", slug)


def quantity(commitment) -> str:
    amount = commitment.quantity
    text = f"{amount.normalize():f}" if isinstance(amount, Decimal) else str(amount)
    return f"{text} {commitment.unit}"


def evidence_link(commitment) -> Markup:
    if not commitment.evidence_url:
        return Markup("None given")
    return Markup(
        '<a class="govuk-link" href="{}" rel="noopener noreferrer nofollow">Evidence<span '
        'class="govuk-visually-hidden"> for {}</span></a>'
    ).format(commitment.evidence_url, commitment.measure)
