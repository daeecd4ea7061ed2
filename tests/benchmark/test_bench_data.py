"""`flask bench-data`: the scale it promises, made by the rules the services enforce."""

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from consultations import sanitize
from consultations.accounts.models import User
from consultations.benchmark.data import BENCH_PASSWORD, Scale
from consultations.clock import as_utc, now
from consultations.comments.models import Comment
from consultations.comments.services import comment_fingerprint
from consultations.consultation.models import Consultation
from consultations.extensions import db
from consultations.plans.models import Commitment, Milestone, ProgressUpdate

from helpers import login

FACTOR = 0.002


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def fill(runner):
    result = runner.invoke(args=["bench-data", "--scale", str(FACTOR)])
    assert result.exit_code == 0, result.output
    return result


def test_fills_every_table_to_the_requested_scale(runner, app_ctx):
    fill(runner)
    scale = Scale.fraction(FACTOR)
    assert count(User) == scale.users
    assert count(Commitment) == scale.commitments
    assert count(Milestone) == scale.commitments * scale.milestones_each
    assert count(ProgressUpdate) == scale.commitments * scale.updates_each
    assert count(Consultation) == scale.consultations
    assert count(Comment) == scale.comments
    big = db.session.scalar(select(Consultation).where(Consultation.slug == "bench-consultation-1"))
    on_big = select(func.count()).where(Comment.consultation_id == big.id)
    assert db.session.scalar(on_big) == scale.big_consultation_comments


def test_comments_follow_the_rules_of_the_comment_service(runner, app_ctx):
    fill(runner)
    parent = aliased(Comment)
    replies = db.session.execute(
        select(Comment, parent).join(parent, Comment.parent_id == parent.id)
    ).all()
    assert replies, "some comments are replies"
    for reply, original in replies:
        assert reply.consultation_id == original.consultation_id
        assert reply.section_id == original.section_id
        assert reply.depth == original.depth + 1 <= 3
    moment = now()
    for comment in db.session.scalars(select(Comment)):
        consultation = db.session.get(Consultation, comment.consultation_id)
        written = as_utc(comment.created_at)
        assert (
            as_utc(consultation.opens_at) <= written <= min(as_utc(consultation.closes_at), moment)
        )
        assert comment.body_html == sanitize.comment_html(comment.body_text)
        assert comment.fingerprint == comment_fingerprint(comment.body_text)


def test_the_big_consultation_and_a_benchmark_account_work_on_the_site(runner, client, app_ctx):
    fill(runner)
    page = client.get("/en/consultations/bench-consultation-1")
    assert page.status_code == 200
    assert "Consultation 1 on the draft plan" in page.get_data(as_text=True)
    last = client.get("/en/consultations/bench-consultation-1?page=3")
    assert last.status_code == 200
    reader = db.session.scalar(select(User).order_by(User.id.desc()))
    assert login(client, reader, password=BENCH_PASSWORD).status_code == 302


def test_refuses_a_database_that_already_has_content(runner, app_ctx, make_user):
    make_user()
    result = runner.invoke(args=["bench-data", "--scale", str(FACTOR)])
    assert result.exit_code != 0
    assert "only into an empty one" in result.output
    assert count(User) == 1 and count(Commitment) == 0
