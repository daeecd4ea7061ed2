"""Every page the browser gate checks; adding a page to the gate is one line in PAGES.

`path` is formatted with `lang` and the demo ids the live server provides
(`coordinator_id`, `agency_id`, `reset_token`). `role` logs in as that demo account
first. `form` turns the visit into a POST of those fields, to check a page's error state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("he", "lv", "hu", "en")


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    role: str | None = None
    form: dict[str, str] | None = field(default=None, hash=False)
    status: int = 200

    def url(self, base: str, lang: str, ids: dict[str, object]) -> str:
        return base + self.path.format(lang=lang, **ids)


PAGES = [
    Page("home", "/{lang}/"),
    Page("terms", "/{lang}/terms"),
    Page("privacy", "/{lang}/privacy"),
    Page("audit-log", "/{lang}/audit"),
    Page("register", "/{lang}/register"),
    Page("register-errors", "/{lang}/register", form={"email": "not-an-address"}, status=422),
    Page("login", "/{lang}/login"),
    Page("login-errors", "/{lang}/login", form={"email": "", "password": ""}, status=422),
    Page("reset-request", "/{lang}/reset"),
    Page("reset-password", "/{lang}/reset/{reset_token}"),
    Page("account", "/{lang}/account", role="citizen"),
    Page("account-errors", "/{lang}/account/password", role="citizen", form={}, status=422),
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
    Page("staff-update", "/{lang}/staff/commitments/IL0024/updates/new", role="coordinator"),
    Page(
        "staff-update-errors",
        "/{lang}/staff/commitments/IL0024/updates/new",
        role="coordinator",
        form={"percent_complete": "101", "evidence": "javascript:alert(1)"},
        status=422,
    ),
    Page("staff-assessments", "/{lang}/staff/assessments", role="monitor"),
    Page("staff-assessment", "/{lang}/staff/commitments/LV0040/assessments/new", role="monitor"),
    Page(
        "staff-assessment-errors",
        "/{lang}/staff/commitments/LV0040/assessments/new",
        role="monitor",
        form={"evidence": "ftp://example.org/file"},
        status=422,
    ),
    Page("plans", "/{lang}/plans"),
    Page("plan", "/{lang}/plans/lv-2022-2025"),
    Page("plan-filtered", "/{lang}/plans/il-2017-2019?status=complete&sort=percent&order=desc"),
    Page("commitment", "/{lang}/commitments/IL0024"),
    Page("commitment-gap", "/{lang}/commitments/LV0041"),
    Page("commitment-corrected", "/{lang}/commitments/LV0045"),
    Page("agency", "/{lang}/agencies/state-chancellery"),
    Page("not-found", "/{lang}/no-such-page", status=404),
    Page("forbidden", "/{lang}/staff/users", role="citizen", status=403),
]

# Each page in each language, with a readable test id such as "register-errors-he".
PAGE_VISITS = [(page, lang) for page in PAGES for lang in LANGUAGES]
VISIT_IDS = [f"{page.name}-{lang}" for page, lang in PAGE_VISITS]
