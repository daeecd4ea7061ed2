"""Every model, imported in one place so Alembic and the tests see the whole schema."""

from .accounts.models import RoleGrant, User  # noqa: F401
from .agencies.models import Agency, AgencyText  # noqa: F401
from .audit.models import AuditEvent  # noqa: F401
from .comments.models import Comment, Flag  # noqa: F401
from .consultation.models import (  # noqa: F401
    Consultation,
    ConsultationText,
    Section,
    SectionRevision,
    SectionText,
)
from .documents.models import Document, DocumentText, LinkArchive  # noqa: F401
from .follows.models import DigestSent, Follow, Notification  # noqa: F401
from .forum.models import (  # noqa: F401
    Attendance,
    Forum,
    ForumMember,
    ForumRules,
    Meeting,
    MemberProposal,
)
from .mail.models import OutboxMail  # noqa: F401
from .plans.amendment_models import (  # noqa: F401
    PlanRefresh,
    PlanRefreshText,
    Revision,
    RevisionText,
)
from .plans.models import (  # noqa: F401
    ActionPlan,
    ActionPlanText,
    AgencyMapping,
    Assessment,
    AssessmentText,
    Commitment,
    CommitmentText,
    DesignAssessment,
    DesignAssessmentText,
    Milestone,
    MilestoneText,
    ProgressUpdate,
    ProgressUpdateText,
)
from .proposals.models import (  # noqa: F401
    CoCreationChange,
    CoCreationStage,
    CoCreationStageText,
    CoCreationTimeline,
    Proposal,
    ProposalAnswer,
    ProposalComment,
    ProposalFlag,
    ProposalSupport,
)
from .quality.models import QualityMonth, ServiceStandard  # noqa: F401
from .receipts.models import Receipt  # noqa: F401
from .reports.models import SelfAssessmentReport, SelfAssessmentReportText  # noqa: F401
from .responses.models import AnsweredComment, Response, ResponseText  # noqa: F401
from .satisfaction.models import ExpectationAnswer, SatisfactionAnswer  # noqa: F401
from .search.models import SearchDocument  # noqa: F401
from .staff.models import StaffDigestSent  # noqa: F401
from .versions import table_versions  # noqa: F401
