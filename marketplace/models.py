"""Imports every domain's models, so Alembic and the app see the whole schema."""
from marketplace.accounts.models import BuyerEmailDomain, SignInThrottle, User  # noqa: F401
from marketplace.audit.models import AuditEvent  # noqa: F401
from marketplace.mail.models import OutboxEmail  # noqa: F401
from marketplace.suppliers.models import (  # noqa: F401
    CaseStudy,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationCategory,
    OrganisationWard,
    SocialValueCommitment,
    SupplierDocument,
)
