"""The document types the marketplace searches.

Supplier document contract (a plain dict built by the application):

    id: str                      name: str               trading_name: str | None
    summary: str (<= 40 words)   description: str        services: list[str]
    categories: list[{"code", "label"}]   CPV division/group codes ("45", "451")
    case_studies: str            framework_lots: list[{"id", "label"}]
    size_band: "micro" | "small" | "medium" | "large"    is_sme: bool
    declarations: list[str] (vcse, supported_employment, public_service_mutual)
    wards: list[str] (ward slugs, "whole-borough", "neighbouring", "london", "national")
    based_in_borough: bool       social_value_themes: list[str]
    updated_at: datetime (UTC)

Category and lot *labels* are searchable text as well as their codes being
filters: the UK Digital Marketplace lost two-thirds of its results for lot
names because it only indexed lot ids.
"""

from __future__ import annotations

from marketplace.search.schema import DocType, FacetField, SortField, TextField

SUPPLIER = DocType(
    name="supplier",
    # Boosts: name > summary > categories/lots > description/services > case
    # studies.  Short fields get less length normalisation (b) so a one-word
    # name is not over-rewarded against a four-word one.
    text_fields=(
        TextField("name", ("name", "trading_name"), boost=6.0, b=0.3),
        TextField("summary", ("summary",), boost=3.5, b=0.5),
        TextField("taxonomy", ("categories.label", "framework_lots.label"), boost=2.5, b=0.4),
        TextField("body", ("description", "services"), boost=1.5, b=0.75),
        TextField("case_studies", ("case_studies",), boost=1.0, b=0.75),
    ),
    facet_fields=(
        FacetField("categories", "categories.code", hierarchical=True),
        FacetField("framework_lots", "framework_lots.id"),
        FacetField("size_band", "size_band"),
        FacetField("is_sme", "is_sme"),
        FacetField("declarations", "declarations"),
        FacetField("wards", "wards"),
        FacetField("based_in_borough", "based_in_borough"),
        FacetField("social_value_themes", "social_value_themes"),
    ),
    sort_fields=(
        SortField("name", "name", kind="text"),
        SortField("updated", "updated_at", kind="datetime", descending=True),
    ),
    stored_fields=(
        "name",
        "trading_name",
        "summary",
        "description",
        "services",
        "case_studies",
        "categories.label",
        "framework_lots.label",
    ),
    highlight_fields=(
        "name",
        "trading_name",
        "summary",
        "services",
        "description",
        "categories.label",
        "framework_lots.label",
        "case_studies",
    ),
    fallback_field="summary",
    title_fields=("name", "trading_name"),
)

DOCTYPES: dict[str, DocType] = {SUPPLIER.name: SUPPLIER}
