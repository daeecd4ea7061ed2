"""The list endpoints and the schema each page of them follows."""

LISTS = {
    "/api/v1/plans": "PlanList",
    "/api/v1/agencies": "AgencyList",
    "/api/v1/commitments": "CommitmentList",
    "/api/v1/progress-updates": "ProgressUpdateList",
    "/api/v1/assessments": "AssessmentList",
    "/api/v1/consultations": "ConsultationList",
    "/api/v1/comments": "CommentList",
    "/api/v1/responses": "ResponseList",
    "/api/v1/audit-events": "AuditEventList",
    "/api/v1/documents": "DocumentList",
    "/api/v1/proposals": "ProposalList",
}
