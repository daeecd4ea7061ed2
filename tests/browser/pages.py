"""Every page the browser gate checks; adding a page to the gate is one line in PAGES.

`path` is formatted with `lang` and the demo ids the live server provides
(`coordinator_id`, `agency_id`, `reset_token`; the first `milestone_id` of IL9030,
`update_id` of IL9024, `assessment_id` of HU9006, the published `report_id`). `role` logs in
as that demo account first. `form` turns the visit into a POST of those fields, to check a
page's error state; `files` (field -> file name and text) sends the POST as
multipart/form-data with those uploads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from consultations.config import SHIPPED_LANGUAGES, parse_languages

from helpers import ROOT

# Every shipped language, so both directions and every catalog are checked; LANGUAGES
# narrows the gate to one deployment's set (the live server offers the same).
LANGUAGES = parse_languages(os.environ.get("LANGUAGES") or ",".join(SHIPPED_LANGUAGES))
# The languages each page is visited in: all of them unless BROWSER_LANGUAGES names fewer.
# CI's PostgreSQL pass names one language of each direction: the templates, catalogs and
# markup it checks are the SQLite pass's; what the database changes is each page's data.
VISIT_LANGUAGES = [
    lang
    for lang in parse_languages(os.environ.get("BROWSER_LANGUAGES") or ",".join(LANGUAGES))
    if lang in LANGUAGES
]
# The documented example, led by the Israeli draft plan's coordinating body: staff import
# only agencies of the plan's country.
SAMPLE_CSV = (
    "plan.csv",
    (ROOT / "docs" / "sample-plan-import.csv")
    .read_text(encoding="utf-8")
    .replace("LV09", "IL09")
    .replace("smart-administration-ministry", "ict-authority")
    .replace("state-chancellery", "ict-authority")
    .replace("Iepirkumu uzraudzības birojs", "ict-authority"),
)
# A line the import refuses: a malformed reference, no title, an agency that does not exist.
BAD_CSV = (
    "plan.csv",
    "Commitment Unique Identifier,Commitment Title,Lead Institution\nIL30,,nobody\n",
)


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    role: str | None = None
    form: dict[str, str] | None = field(default=None, hash=False)
    files: dict[str, tuple[str, str]] | None = field(default=None, hash=False)
    status: int = 200

    def url(self, base: str, lang: str, ids: dict[str, object]) -> str:
        return base + self.path.format(lang=lang, **ids)

    def multipart(self) -> dict:
        """The form fields and uploads, as Playwright's `multipart=` takes them."""
        uploads = {
            name: {"name": filename, "mimeType": "text/csv", "buffer": text.encode()}
            for name, (filename, text) in (self.files or {}).items()
        }
        return {**(self.form or {}), **uploads}


PAGES = [
    Page("home", "/{lang}/"),
    Page("terms", "/{lang}/terms"),
    Page("privacy", "/{lang}/privacy"),
    Page("accessibility", "/{lang}/accessibility"),
    Page("audit-log", "/{lang}/audit"),
    Page("register", "/{lang}/register"),
    Page("register-errors", "/{lang}/register", form={"email": "not-an-address"}, status=422),
    Page("login", "/{lang}/login"),
    Page("login-errors", "/{lang}/login", form={"email": "", "password": ""}, status=422),
    Page("reset-request", "/{lang}/reset"),
    Page("reset-password", "/{lang}/reset/{reset_token}"),
    Page("account", "/{lang}/account", role="citizen"),
    Page("account-errors", "/{lang}/account/password", role="citizen", form={}, status=422),
    Page("staff-today-coordinator", "/{lang}/staff", role="coordinator"),
    Page("staff-today-moderator", "/{lang}/staff", role="moderator"),
    Page("staff-today-monitor", "/{lang}/staff", role="monitor"),
    Page("staff-today-admin", "/{lang}/staff", role="admin"),
    Page("plan-timeline", "/{lang}/plans/il-2026-2029/timeline"),
    Page("proposals", "/{lang}/plans/il-2026-2029/proposals"),
    Page("proposal", "/{lang}/proposals/{proposal_id}"),
    Page("propose", "/{lang}/plans/il-2026-2029/proposals/new", role="citizen"),
    Page("proposal-open", "/{lang}/proposals/{open_proposal_id}", role="citizen"),
    Page(
        "proposal-comment-errors",
        "/{lang}/proposals/{open_proposal_id}/comments",
        role="citizen",
        form={"body": "", "language": "en"},
        status=422,
    ),
    Page("proposal-flag", "/{lang}/proposals/{open_proposal_id}/flag", role="citizen"),
    Page(
        "proposal-flag-errors",
        "/{lang}/proposals/{open_proposal_id}/flag",
        role="citizen",
        form={},
        status=422,
    ),
    Page(
        "proposal-comment-flag",
        "/{lang}/proposal-comments/{proposal_comment_id}/flag",
        role="citizen",
    ),
    Page("moderation-proposals", "/{lang}/moderation/proposals", role="moderator"),
    Page("track-proposal-comment", "/{lang}/track/{proposal_comment_reference}"),
    Page(
        "propose-errors",
        "/{lang}/plans/il-2026-2029/proposals/new",
        role="citizen",
        form={"title": ""},
        status=422,
    ),
    Page(
        "staff-proposal-answer",
        "/{lang}/staff/proposals/{open_proposal_id}/answer",
        role="coordinator",
    ),
    Page("staff-plan-timeline", "/{lang}/staff/plans/il-2026-2029/timeline", role="coordinator"),
    Page("staff-users", "/{lang}/staff/users", role="admin"),
    Page("staff-user", "/{lang}/staff/users/{coordinator_id}", role="admin"),
    Page("staff-agencies", "/{lang}/staff/agencies", role="admin"),
    Page("staff-agency-new", "/{lang}/staff/agencies/new", role="admin"),
    Page("staff-agency-errors", "/{lang}/staff/agencies/new", role="admin", form={}, status=422),
    Page("staff-agency-edit", "/{lang}/staff/agencies/{agency_id}", role="admin"),
    Page("staff-plans", "/{lang}/staff/plans", role="admin"),
    Page("staff-plan-new", "/{lang}/staff/plans/new", role="admin"),
    Page("staff-plan-errors", "/{lang}/staff/plans/new", role="admin", form={}, status=422),
    Page("staff-commitments", "/{lang}/staff/commitments", role="coordinator"),
    Page(
        "staff-commitment-new",
        "/{lang}/staff/plans/il-2026-2029/commitments/new",
        role="coordinator",
    ),
    Page(
        "staff-commitment-errors",
        "/{lang}/staff/plans/il-2026-2029/commitments/new",
        role="coordinator",
        form={"reference": "IL30", "start_date": "2027-01-01", "end_date": "2026-01-01"},
        status=422,
    ),
    Page("staff-commitment-edit", "/{lang}/staff/commitments/IL9030", role="coordinator"),
    Page(
        "staff-milestone-new", "/{lang}/staff/commitments/IL9030/milestones/new", role="coordinator"
    ),
    Page(
        "staff-milestone-errors",
        "/{lang}/staff/commitments/IL9030/milestones/new",
        role="coordinator",
        form={"start_date": "2027-05-01", "due_date": "2027-01-01"},
        status=422,
    ),
    Page(
        "staff-milestone-edit",
        "/{lang}/staff/commitments/IL9030/milestones/{milestone_id}",
        role="coordinator",
    ),
    Page("staff-import", "/{lang}/staff/plans/il-2026-2029/import", role="admin"),
    Page(
        "staff-import-errors",
        "/{lang}/staff/plans/il-2026-2029/import",
        role="admin",
        form={},
        status=422,
    ),
    Page(
        "staff-import-checked",
        "/{lang}/staff/plans/il-2026-2029/import",
        role="admin",
        form={"check": "y"},
        files={"file": SAMPLE_CSV},
    ),
    Page(
        "staff-import-problems",
        "/{lang}/staff/plans/il-2026-2029/import",
        role="admin",
        form={"check": "y"},
        files={"file": BAD_CSV},
        status=422,
    ),
    Page("staff-update", "/{lang}/staff/commitments/IL9024/updates/new", role="coordinator"),
    Page(
        "staff-update-errors",
        "/{lang}/staff/commitments/IL9024/updates/new",
        role="coordinator",
        form={"percent_complete": "101", "evidence": "javascript:alert(1)"},
        status=422,
    ),
    Page(
        "staff-update-correction",
        "/{lang}/staff/commitments/IL9024/updates/{update_id}/correction",
        role="coordinator",
    ),
    Page(
        "staff-update-file-refused",
        "/{lang}/staff/commitments/IL9024/updates/new",
        role="coordinator",
        form={"status": "limited", "percent_complete": "40", "narrative_en": "Done."},
        files={"files": ("page.pdf", "<!DOCTYPE html><html><script>alert(1)</script></html>")},
        status=422,
    ),
    Page("staff-plan-documents", "/{lang}/staff/plans/lv-2022-2025/documents", role="admin"),
    Page(
        "staff-plan-documents-errors",
        "/{lang}/staff/plans/lv-2022-2025/documents",
        role="admin",
        form={},
        status=422,
    ),
    Page("document", "/{lang}/documents/{document_id}"),
    Page("staff-assessments", "/{lang}/staff/assessments", role="monitor"),
    Page("staff-assessment", "/{lang}/staff/commitments/LV9040/assessments/new", role="monitor"),
    Page(
        "staff-assessment-errors",
        "/{lang}/staff/commitments/LV9040/assessments/new",
        role="monitor",
        form={"evidence": "ftp://example.org/file"},
        status=422,
    ),
    Page(
        "staff-assessment-correction",
        "/{lang}/staff/commitments/HU9006/assessments/{assessment_id}/correction",
        role="monitor",
    ),
    Page("staff-design-assessments", "/{lang}/staff/design-assessments", role="monitor"),
    Page(
        "staff-design-assessment",
        "/{lang}/staff/commitments/IL9030/design-assessments/new",
        role="monitor",
    ),
    Page(
        "staff-design-assessment-errors",
        "/{lang}/staff/commitments/IL9030/design-assessments/new",
        role="monitor",
        form={"evidence": "ftp://example.org/file"},
        status=422,
    ),
    Page("plans", "/{lang}/plans"),
    Page("plan", "/{lang}/plans/lv-2022-2025"),
    Page("plan-filtered", "/{lang}/plans/il-2017-2019?status=complete&sort=percent&order=desc"),
    Page("plan-gaps", "/{lang}/plans/lv-2022-2025/gaps?sort=agency&order=asc"),
    Page("self-assessment-report", "/{lang}/plans/il-2017-2019/reports/{report_id}"),
    Page(
        "staff-self-assessment",
        "/{lang}/staff/plans/il-2017-2019/self-assessment",
        role="coordinator",
    ),
    Page("commitment", "/{lang}/commitments/IL9024"),
    Page("commitment-gap", "/{lang}/commitments/LV9041"),
    Page("commitment-corrected", "/{lang}/commitments/LV9045"),
    Page("commitment-amended", "/{lang}/commitments/LV9040"),
    Page("commitment-revisions", "/{lang}/commitments/LV9040/revisions"),
    Page("commitment-added-at-refresh", "/{lang}/commitments/LV9047/revisions"),
    Page("staff-amend", "/{lang}/staff/commitments/LV9040/amend", role="admin"),
    Page(
        "staff-amend-errors",
        "/{lang}/staff/commitments/LV9040/amend",
        role="admin",
        form={"title_lv": "Publisko iepirkumu līgumu atklātība"},
        status=422,
    ),
    Page("staff-amend-milestone", "/{lang}/staff/commitments/LV9040/milestones/add", role="admin"),
    Page("staff-refresh", "/{lang}/staff/plans/lv-2022-2025/refresh", role="admin"),
    Page(
        "staff-refresh-errors",
        "/{lang}/staff/plans/lv-2022-2025/refresh",
        role="admin",
        form={"refreshed_on": ""},
        status=422,
    ),
    Page(
        "staff-refresh-commitment",
        "/{lang}/staff/plans/lv-2022-2025/refresh/commitments/new",
        role="admin",
    ),
    Page("plan-draft", "/{lang}/plans/il-2026-2029"),
    Page("plan-standards", "/{lang}/plans/il-2017-2019/standards"),
    Page("standards-every-plan", "/{lang}/quality/co-creation"),
    Page("plan-standards-draft", "/{lang}/plans/il-2026-2029/standards"),
    Page("plan-repository", "/{lang}/plans/lv-2022-2025/repository"),
    Page("commitment-draft", "/{lang}/commitments/IL9030"),
    Page("agencies", "/{lang}/agencies"),
    Page("agency", "/{lang}/agencies/state-chancellery"),
    Page("consultations", "/{lang}/consultations"),
    Page("consultations-upcoming", "/{lang}/consultations?phase=upcoming"),
    Page("consultations-closed", "/{lang}/consultations?phase=closed"),
    Page("consultation-open", "/{lang}/consultations/il-2026-2029-draft"),
    Page(
        "consultation-filtered",
        "/{lang}/consultations/il-2026-2029-draft?section=section-2&stance=oppose&order=newest",
    ),
    Page("consultation-citizen", "/{lang}/consultations/il-2026-2029-draft", role="citizen"),
    Page("consultation-moderator", "/{lang}/consultations/il-2026-2029-draft", role="moderator"),
    Page("consultation-closed", "/{lang}/consultations/il9030-register-principles"),
    Page("consultation-upcoming", "/{lang}/consultations/il9031-comment-periods"),
    Page(
        "comment-errors",
        "/{lang}/consultations/il-2026-2029-draft/comments",
        role="citizen",
        form={"body": ""},
        status=422,
    ),
    Page(
        "survey-errors",
        "/{lang}/consultations/il-2026-2029-draft/survey",
        role="citizen",
        form={"satisfaction": "9"},
        status=422,
    ),
    Page("section-history", "/{lang}/consultations/il-2026-2029-draft/sections/section-4/history"),
    Page("comment-reply", "/{lang}/comments/{comment_id}/reply", role="citizen"),
    Page(
        "comment-reply-errors",
        "/{lang}/comments/{comment_id}/reply",
        role="citizen",
        form={"body": ""},
        status=422,
    ),
    Page("comment-remove", "/{lang}/comments/{own_comment_id}/remove", role="citizen"),
    Page("rules", "/{lang}/rules"),
    Page("flag", "/{lang}/comments/{flaggable_comment_id}/flag", role="citizen"),
    Page(
        "flag-errors",
        "/{lang}/comments/{flaggable_comment_id}/flag",
        role="citizen",
        form={},
        status=422,
    ),
    Page("moderation-queue", "/{lang}/moderation", role="moderator"),
    Page("moderation-hidden", "/{lang}/moderation?state=hidden", role="moderator"),
    Page("moderation-comment", "/{lang}/moderation/comments/{hidden_comment_id}", role="moderator"),
    Page(
        "moderation-hide-errors",
        "/{lang}/moderation/comments/{flaggable_comment_id}/hide",
        role="moderator",
        form={},
        status=422,
    ),
    Page("moderation-user", "/{lang}/moderation/users/{citizen_id}", role="moderator"),
    Page("track", "/{lang}/track"),
    Page("track-errors", "/{lang}/track?reference=", status=422),
    Page("track-unknown", "/{lang}/track/C-0000-0000", status=404),
    Page("track-published", "/{lang}/track/{published_reference}"),
    Page("track-held", "/{lang}/track/{held_reference}"),
    Page("track-hidden", "/{lang}/track/{hidden_reference}"),
    Page("track-proposal-open", "/{lang}/track/{open_proposal_reference}"),
    Page("track-proposal-answered", "/{lang}/track/{answered_proposal_reference}"),
    Page("track-answered", "/{lang}/track/{answered_reference}"),
    Page(
        "moderation-user-errors",
        "/{lang}/moderation/users/{citizen_id}",
        role="moderator",
        form={"action": "suspend"},
        status=422,
    ),
    Page("staff-consultations", "/{lang}/staff/consultations", role="coordinator"),
    Page("staff-consultation-new", "/{lang}/staff/consultations/new", role="coordinator"),
    Page(
        "staff-consultation-errors",
        "/{lang}/staff/consultations/new",
        role="coordinator",
        form={"slug": "Bad slug", "opens_on": "2027-01-10", "closes_on": "2027-01-01"},
        status=422,
    ),
    Page(
        "staff-consultation-edit",
        "/{lang}/staff/consultations/il-2026-2029-draft",
        role="coordinator",
    ),
    Page(
        "staff-consultation-edit-errors",
        "/{lang}/staff/consultations/il-2026-2029-draft",
        role="coordinator",
        form={"title_en": ""},
        status=422,
    ),
    Page(
        "staff-consultation-section",
        "/{lang}/staff/consultations/il-2026-2029-draft/sections/section-1",
        role="coordinator",
    ),
    Page(
        "staff-consultation-add-section",
        "/{lang}/staff/consultations/il9031-comment-periods/sections/new",
        role="coordinator",
    ),
    Page("quality", "/{lang}/quality"),
    Page("quality-country", "/{lang}/quality/il"),
    Page("quality-agency", "/{lang}/quality/agencies/ict-authority"),
    Page("quality-month", "/{lang}/quality/2026-11"),
    Page("quality-standards", "/{lang}/quality/standards"),
    Page("staff-quality-standards", "/{lang}/quality/standards/edit", role="admin"),
    Page(
        "staff-quality-standards-errors",
        "/{lang}/quality/standards/edit",
        role="admin",
        form={"median_days": "0"},
        status=422,
    ),
    Page("expectations-survey", "/{lang}/consultations/il-2026-2029-draft", role="moderator"),
    Page(
        "expectations-survey-errors",
        "/{lang}/consultations/il-2026-2029-draft/expectations",
        role="moderator",
        form={"outcome": "everything"},
        status=422,
    ),
    Page("consultation-report", "/{lang}/consultations/il9030-register-principles/report"),
    Page("consultation-report-pending", "/{lang}/consultations/il-2026-2029-draft/report"),
    Page(
        "staff-responses",
        "/{lang}/staff/consultations/il-2026-2029-draft/responses",
        role="coordinator",
    ),
    Page(
        "staff-responses-errors",
        "/{lang}/staff/consultations/il-2026-2029-draft/responses",
        role="coordinator",
        form={"reasons_he": "x"},
        status=422,
    ),
    Page(
        "staff-response-edit",
        "/{lang}/staff/consultations/il9030-register-principles/responses/{response_id}",
        role="coordinator",
    ),
    Page("not-found", "/{lang}/no-such-page", status=404),
    Page("forbidden", "/{lang}/staff/users", role="citizen", status=403),
]

# Pages of the open-data features, one list per feature.
OPENDATA_PAGES: list[Page] = [Page("open-data", "/{lang}/data")]
FEEDS_PAGES: list[Page] = []
FOLLOWS_PAGES: list[Page] = [
    Page("follows-button", "/{lang}/commitments/IL9024", role="citizen"),
    Page("follows-notifications", "/{lang}/account/notifications", role="citizen"),
    Page(
        "follows-notifications-errors",
        "/{lang}/account/notifications",
        role="citizen",
        form={"frequency": "hourly"},
        status=422,
    ),
    Page("follows-unsubscribe", "/{lang}/unsubscribe/{unsubscribe_token}"),
    Page("follows-unsubscribe-invalid", "/{lang}/unsubscribe/not-a-valid-link", status=400),
    # Last: it turns the demo citizen's notification e-mail off (harmless to other pages).
    Page("follows-unsubscribed", "/{lang}/unsubscribe/{unsubscribe_token}", form={"scope": "all"}),
]
SEARCH_PAGES: list[Page] = [
    Page("search", "/{lang}/search"),
    Page("search-results", "/{lang}/search?q=transparency"),
    Page("search-results-hebrew", "/{lang}/search?q=בשקיפות"),
    Page("search-results-accents", "/{lang}/search?q=atklatibas"),
    Page("search-filtered", "/{lang}/search?q=the&kind=update"),
    Page("search-no-results", "/{lang}/search?q=zzqxj"),
    Page("search-page-2", "/{lang}/search?q=the&page=2"),
]
PRIVACY_PAGES: list[Page] = [
    Page("privacy-data", "/{lang}/account/data", role="citizen"),
    Page("privacy-delete", "/{lang}/account/delete", role="citizen"),
    # Error states only: a POST that succeeded would delete the gate's citizen.
    Page(
        "privacy-delete-no-choice",
        "/{lang}/account/delete",
        role="citizen",
        form={"password": "not-the-password"},
        status=422,
    ),
    Page(
        "privacy-delete-wrong-password",
        "/{lang}/account/delete",
        role="citizen",
        form={"comments": "keep", "password": "not-the-password"},
        status=422,
    ),
    Page("privacy-delete-staff", "/{lang}/account/delete", role="moderator"),
]
FORUM_PAGES: list[Page] = [
    Page("forum", "/{lang}/forum/IL"),
    Page("forum-meeting", "/{lang}/forum/IL/meetings/{meeting_id}"),
    Page("forum-members", "/{lang}/forum/IL/members"),
    Page("forum-rules", "/{lang}/forum/IL/rules/1"),
    Page("forum-propose", "/{lang}/forum/IL/propose", role="citizen"),
    Page("forum-propose-errors", "/{lang}/forum/IL/propose", role="citizen", form={}, status=422),
    Page("forum-staff", "/{lang}/staff/forum/IL", role="secretariat"),
    Page("forum-staff-meeting", "/{lang}/staff/forum/IL/meetings/{meeting_id}", role="secretariat"),
    Page("forum-staff-proposals", "/{lang}/staff/forum/IL/proposals", role="secretariat"),
    Page(
        "forum-staff-member-errors",
        "/{lang}/staff/forum/IL/members",
        role="secretariat",
        form={"name": ""},
        status=422,
    ),
]
PAGES += OPENDATA_PAGES + FEEDS_PAGES + FORUM_PAGES + FOLLOWS_PAGES + SEARCH_PAGES + PRIVACY_PAGES

# Each page in each language, with a readable test id such as "register-errors-he".
PAGE_VISITS = [(page, lang) for page in PAGES for lang in VISIT_LANGUAGES]
VISIT_IDS = [f"{page.name}-{lang}" for page, lang in PAGE_VISITS]
