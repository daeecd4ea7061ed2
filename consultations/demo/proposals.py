"""The Israeli draft plan's co-creation: a timeline published well ahead, proposals from
residents and organisations in Hebrew and English, supports, and the government's answers
(included, merged, not included with reasons) published together and linked to the draft
commitments they shaped. Made through the services; a second load adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..agencies.models import Agency
from ..extensions import db
from ..plans.models import ActionPlan, Commitment
from ..proposals import discussion, services
from ..proposals.models import Outcome, Proposal, Stage

PLAN = "il-2026-2029"
COORDINATOR = "coordinator@example.org"

# Days from the load: proposals are still taken for a week while drafting has begun; the
# answers to the first proposals are already published, the latest one awaits its answer.
STAGES = {
    Stage.AWARENESS: (-70, -51),
    Stage.PROPOSALS: (-50, 7),
    Stage.DRAFTING: (-20, 10),
    Stage.CONSULTATION: (11, 40),
    Stage.ADOPTION: (41, 60),
}
PUBLISHED = -90

WAYS = {
    Stage.AWARENESS: {
        "he": "מפגשי היכרות בירושלים, בבאר שבע ובחיפה, ודף התוכנית באתר זה.",
        "en": (
            "Introductory meetings in Jerusalem, Beersheba and Haifa, "
            "and the plan's page on this site."
        ),
    },
    Stage.PROPOSALS: {
        "he": "הצעת התחייבות באתר זה, או בטופס נייר בלשכות הפנייה הציבורית.",
        "en": (
            "Propose a commitment on this site, or on a paper form at the public enquiry offices."
        ),
    },
    Stage.DRAFTING: {
        "he": "הפורום הרב־מגזרי דן בטיוטות; פרוטוקולים מתפרסמים באתר.",
        "en": (
            "The multi-stakeholder forum discusses the drafts; minutes are published on this site."
        ),
    },
    Stage.CONSULTATION: {
        "he": "היוועצות ציבורית על הטיוטה באתר זה, סעיף אחר סעיף.",
        "en": "Public consultation on the draft on this site, section by section.",
    },
    Stage.ADOPTION: {
        "he": "הממשלה מאמצת את התוכנית ומפרסמת את תשובותיה.",
        "en": "The government adopts the plan and publishes its answers.",
    },
}


@dataclass(frozen=True)
class DemoProposal:
    author: str  # e-mail
    day: int  # days from the load
    lead: str | None  # agency slug
    title: str
    problem: str
    solution: str
    values: tuple[str, ...]
    language: str
    organisation: str = ""
    supporters: tuple[str, ...] = ()
    # (outcome, commitment reference or index of the proposal merged into, reasons)
    answer: tuple = field(default=())


# Made after the answers were published: it waits for its answer.
LATE = DemoProposal(
    "shira@example.org",
    -2,
    "prime-ministers-office",
    "Open the Knesset committees' draft bills",
    "Drafts discussed in committee are published only after the vote.",
    "Publish every draft bill a committee discusses, a week before the discussion.",
    ("access_to_information", "civic_participation"),
    "en",
    supporters=("noam@example.org",),
)

# Comments on the latest proposal, while the proposals stage is still open.
LATE_COMMENTS = (
    (
        "avi@example.org",
        "he",
        "כדאי לפרסם גם את חוות הדעת של הייעוץ המשפטי לוועדה יחד עם הטיוטה.",
        -1,
    ),
    (
        "tamar@example.org",
        "en",
        "A week is short for a long bill; two weeks would let organisations read it properly.",
        0,
    ),
)

PROPOSALS = [
    DemoProposal(
        "tzofe@example.org",
        -48,
        "ict-authority",
        "מרשם פתוח של אלגוריתמים בשירות הממשלה",
        "תושבים אינם יודעים אילו החלטות מתקבלות בעזרת מערכות ממוחשבות.",
        "לפרסם מרשם של כל מערכת אלגוריתמית המשפיעה על זכויות, עם מטרתה והגוף האחראי.",
        ("access_to_information", "public_accountability"),
        "he",
        organisation="המרכז לשקיפות אזרחית",
        supporters=("avi@example.org", "miriam@example.org", "rana@example.org"),
        answer=(Outcome.INCLUDED, "IL9030", "ההצעה אומצה כלשונה והיא הבסיס להתחייבות IL9030."),
    ),
    DemoProposal(
        "david@example.org",
        -45,
        "ict-authority",
        "Publish the code of public algorithms",
        "People affected by automated decisions cannot check how they were made.",
        (
            "Publish the source code and test data of algorithmic systems, "
            "with a register entry for each."
        ),
        ("access_to_information", "technology"),
        "en",
        supporters=("tamar@example.org",),
        answer=(
            Outcome.MERGED,
            0,
            "Merged into the proposal for a public register, which covers the same systems; "
            "publishing code is listed there as a later milestone.",
        ),
    ),
    DemoProposal(
        "yossi@example.org",
        -40,
        "prime-ministers-office",
        "מענה מנומק לכל הערה על טיוטת תקנות",
        "הערות הציבור על טיוטות תקנות נעלמות בלי תשובה.",
        "לחייב כל משרד לפרסם מענה מנומק לכל הערה לפני שהתקנה נחתמת.",
        ("civic_participation", "public_accountability"),
        "he",
        supporters=("noam@example.org", "shira@example.org"),
        answer=(
            Outcome.PARTLY_INCLUDED,
            "IL9031",
            "נכלל בהתחייבות IL9031 לגבי תקנות; חקיקה ראשית נותרה מחוץ לתוכנית הזו.",
        ),
    ),
    DemoProposal(
        "eli@example.org",
        -30,
        None,
        "Free public transport data in real time",
        "Bus arrival data is sold to a few companies and unavailable to small developers.",
        "Open the real-time transport feed to everyone under an open licence.",
        ("access_to_information", "technology"),
        "en",
        supporters=("roni@example.org",),
        answer=(
            Outcome.NOT_INCLUDED,
            None,
            "The real-time feed is already being opened under the transport ministry's own "
            "programme this year, so it does not need a commitment in this plan.",
        ),
    ),
    DemoProposal(
        "rana@example.org",
        -25,
        None,
        "תרגום מסמכי התוכנית לערבית",
        "דוברי ערבית אינם יכולים להשתתף כשהמסמכים בעברית בלבד.",
        "לפרסם כל מסמך של התוכנית, כולל הטיוטות, גם בערבית.",
        ("civic_participation",),
        "he",
        supporters=("avi@example.org", "tamar@example.org"),
        answer=(
            Outcome.NOT_INCLUDED,
            None,
            "זו חובה של האתר עצמו ולא התחייבות: מסמכי התוכנית יתורגמו לערבית החל מהשלב הבא.",
        ),
    ),
]


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def load_proposals(loaded_at: datetime) -> Iterator[str]:
    """The draft plan's timeline, proposals, supports and published answers."""
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.slug == PLAN))
    if plan is None:
        return
    coordinator = _user(COORDINATOR)
    today = loaded_at.date()
    if services.timeline_of(plan) is None:
        stages = {
            stage: (
                today + timedelta(days=start),
                today + timedelta(days=end),
                {lang: {"ways_to_take_part": text} for lang, text in WAYS[stage].items()},
            )
            for stage, (start, end) in STAGES.items()
        }
        published = loaded_at + timedelta(days=PUBLISHED)
        services.save_timeline(coordinator, plan, stages, moment=published)
        services.publish_timeline(coordinator, plan, moment=published)
    made = [_propose(plan, spec, loaded_at) for spec in PROPOSALS]
    for spec, proposal in zip(PROPOSALS, made, strict=True):
        if proposal.public_answer is None:
            _answer(coordinator, proposal, spec, made)
    if any(proposal.public_answer is None for proposal in made):
        services.publish_answers(coordinator, plan)
    late = _propose(plan, LATE, loaded_at)
    for email, language, text, days in LATE_COMMENTS:
        discussion.add_comment(
            _user(email), late, text, language=language, moment=loaded_at + timedelta(days=days)
        )
    count = db.session.scalar(select(db.func.count(Proposal.id)).where(Proposal.plan_id == plan.id))
    yield f"Co-creation of {plan.slug}: a published timeline and {count} proposals"


def _propose(plan: ActionPlan, spec: DemoProposal, loaded_at: datetime) -> Proposal:
    proposal = services.propose(
        _user(spec.author),
        plan,
        title=spec.title,
        problem=spec.problem,
        solution=spec.solution,
        language=spec.language,
        lead_agency_id=_agency_id(spec.lead),
        values=spec.values,
        organisation=spec.organisation,
        moment=loaded_at + timedelta(days=spec.day),
    )
    for email in spec.supporters:
        supporter = _user(email)
        if proposal.public_answer is None and proposal.author_id != supporter.id:
            services.support(supporter, proposal)
    return proposal


def _agency_id(slug: str | None) -> int | None:
    if slug is None:
        return None
    return db.session.scalar(select(Agency.id).where(Agency.slug == slug))


def _answer(coordinator: User, proposal: Proposal, spec: DemoProposal, made: list) -> None:
    outcome, target, reasons = spec.answer
    commitment_id = merged_into_id = None
    if outcome in (Outcome.INCLUDED, Outcome.PARTLY_INCLUDED):
        commitment_id = db.session.scalar(
            select(Commitment.id).where(Commitment.reference == target)
        )
    elif outcome == Outcome.MERGED:
        merged_into_id = made[target].id
    services.answer_proposal(
        coordinator,
        proposal,
        outcome=outcome,
        reasons=reasons,
        language=spec.language,
        commitment_id=commitment_id,
        merged_into_id=merged_into_id,
    )
