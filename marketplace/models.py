"""Imports every domain's models, so Alembic and the app see the whole schema."""

from marketplace.accounts.models import BuyerEmailDomain, SignInThrottle, User  # noqa: F401
from marketplace.audit.models import AuditEvent  # noqa: F401
from marketplace.evaluation.models import (  # noqa: F401
    AssessmentSummary,
    AwardDecision,
    ConflictDeclaration,
    ConsensusScore,
    Contract,
    Exclusion,
    OutcomeReminder,
    PanelMember,
    Score,
    StandstillExtension,
    StandstillQuestion,
)
from marketplace.events.models import Event, EventMaterial, Registration  # noqa: F401
from marketplace.frameworks.models import AnswerEvaluation, Framework, FrameworkApplication, FrameworkVersion  # noqa: F401
from marketplace.guides.models import (  # noqa: F401
    Guide,
    GuideAttachment,
    GuideEditor,
    GuideFeedback,
    GuidePlacement,
    GuideVersion,
    GuideView,
)
from marketplace.insight.models import InsightSnapshot  # noqa: F401
from marketplace.mail.models import OutboxEmail  # noqa: F401
from marketplace.notices.models import (  # noqa: F401
    AlertSubscription,
    Interest,
    Mission,
    Notice,
    NoticeCategory,
    NoticeChange,
    NoticeDocument,
    NoticeOutcome,
    NoticeWard,
)
from marketplace.opportunities.bids.models import (  # noqa: F401
    Bid,
    BidAnswer,
    BidCommitment,
    BidDocument,
    BidEligibility,
    BidMember,
    BidRate,
)
from marketplace.opportunities.models import (  # noqa: F401
    AwardCriterion,
    Opportunity,
    OpportunityCategory,
    OpportunityChange,
    OpportunityDocument,
    OpportunityInvitation,
    OpportunityOutcome,
    OpportunityWard,
    Requirement,
)
from marketplace.questions.models import ClarificationQuestion  # noqa: F401
from marketplace.search.models import SearchChange  # noqa: F401
from marketplace.shortlists.models import SavedSearch, Shortlist, ShortlistEntry  # noqa: F401
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
from marketplace.worker.models import WorkerLease  # noqa: F401
