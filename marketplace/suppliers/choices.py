"""Answer lists for the profile questions, in the council's words."""

from __future__ import annotations

from marketplace.suppliers import reference, sizing, validation

LEGAL_FORMS = {
    "sole-trader": "Sole trader",
    "partnership": "Partnership",
    "ltd": "Private limited company (Ltd)",
    "plc": "Public limited company (PLC)",
    "llp": "Limited liability partnership (LLP)",
    "cic": "Community interest company (CIC)",
    "cio": "Charitable incorporated organisation (CIO)",
    "charitable-company": "Charitable company",
    "co-operative": "Co-operative or community benefit society",
    "unincorporated-association": "Unincorporated association or community group",
}

IDENTIFIER_SCHEMES = {
    "none": "None of these",
    **{code: label for code, (label, _, _) in validation.IDENTIFIER_SCHEMES.items()},
}

DECLARATIONS = {
    "vcse": "A voluntary, community or social enterprise (VCSE): we are not run for private profit and reinvest "
    "surpluses in social, environmental or cultural aims",
    "supported_employment": "A supported employment provider: most of our workers are disabled or disadvantaged",
    "public_service_mutual": "A public service mutual: we left the public sector and our staff have a big say in "
    "how we are run",
}
NONE_OF_THESE = "none"

AREAS_BEYOND_WARDS = {
    "whole-borough": "Across the whole borough",
    "neighbouring": "Neighbouring boroughs",
    "london": "Across London",
    "national": "Across the UK",
}


def staff_bands() -> dict[str, str]:
    return {key: label for key, (label, _) in sizing.STAFF_BANDS.items()}


def turnover_bands() -> dict[str, str]:
    return {key: label for key, (label, _) in sizing.TURNOVER_BANDS.items()}


def areas() -> dict[str, str]:
    return {
        "whole-borough": AREAS_BEYOND_WARDS["whole-borough"],
        **reference.wards(),
        **{k: v for k, v in AREAS_BEYOND_WARDS.items() if k != "whole-borough"},
    }
