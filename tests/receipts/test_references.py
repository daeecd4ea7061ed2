"""Reference numbers: their shape, how typed numbers are read, and that no two are alike,
even when many are issued at the same moment."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from consultations.extensions import db
from consultations.receipts import services
from consultations.receipts.models import Receipt
from consultations.receipts.references import new_reference, normalise

SHAPE = re.compile(r"^C-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def test_a_reference_is_a_prefix_and_two_groups_of_unambiguous_characters():
    references = {new_reference("C") for _ in range(2000)}
    assert all(SHAPE.match(reference) for reference in references)
    assert len(references) == 2000  # random, not a sequence: no repeats among thousands
    assert not any(set(reference[2:]) & set("ILOU") for reference in references)
    assert new_reference("P").startswith("P-")


@pytest.mark.parametrize("prefix", ["", "c", "CC", "1", "Ä"])
def test_a_prefix_is_one_capital_letter(prefix):
    with pytest.raises(ValueError):
        new_reference(prefix)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("C-7K3Q-9M2P", "C-7K3Q-9M2P"),
        ("c-7k3q-9m2p", "C-7K3Q-9M2P"),
        (" c 7K3Q 9M2P ", "C-7K3Q-9M2P"),
        ("C7K3Q9M2P", "C-7K3Q-9M2P"),
        ("C-7K3Q-9MOP", "C-7K3Q-9M0P"),  # O read as zero, I and L as one
        ("C-IK3Q-9MLP", "C-1K3Q-9M1P"),
        ("C–7K3Q–9M2P", "C-7K3Q-9M2P"),  # en dashes, as word processors make them
    ],
)
def test_typed_references_are_read_the_way_people_mean_them(typed, read):
    assert normalise(typed) == read


@pytest.mark.parametrize(
    "typed", ["", "C", "C-7K3Q-9M2", "C-7K3Q-9M2PX", "C-7K3Q-9M2U", "7-7K3Q-9M2P", "C-7K3Q-9M2*"]
)
def test_malformed_references_are_refused(typed):
    assert normalise(typed) is None


def test_a_subject_gets_one_receipt_however_often_it_asks(app_ctx):
    first = services.issue_receipt("C", "comment", 7)
    db.session.commit()
    assert services.issue_receipt("C", "comment", 7).reference == first.reference
    assert db.session.scalar(select(func.count()).select_from(Receipt)) == 1
    assert services.find_receipt(first.reference.lower()).subject_id == 7


def test_the_database_refuses_a_second_receipt_with_the_same_number(app_ctx):
    db.session.add(
        Receipt(
            reference="C-AAAA-AAAA", subject_type="comment", subject_id=1, created_at=services.now()
        )
    )
    db.session.commit()
    db.session.add(
        Receipt(
            reference="C-AAAA-AAAA", subject_type="comment", subject_id=2, created_at=services.now()
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_number_already_taken_is_drawn_again(app_ctx, monkeypatch):
    draws = iter(["C-AAAA-AAAA", "C-AAAA-AAAA", "C-BBBB-BBBB"])
    monkeypatch.setattr(services, "new_reference", lambda prefix: next(draws))
    assert services.issue_receipt("C", "comment", 1).reference == "C-AAAA-AAAA"
    db.session.commit()
    assert services.issue_receipt("C", "comment", 2).reference == "C-BBBB-BBBB"
    db.session.commit()
    assert db.session.scalars(select(Receipt.reference).order_by(Receipt.id)).all() == [
        "C-AAAA-AAAA",
        "C-BBBB-BBBB",
    ]


def test_receipts_issued_at_the_same_moment_all_differ(app, monkeypatch):
    """Eight writers at once, each first drawing the same number: one keeps it, the others
    draw again, and every submission ends up with its own number."""
    writers, each = 8, 5
    first_draw = threading.local()

    def draw(prefix: str) -> str:
        if not getattr(first_draw, "done", False):
            first_draw.done = True
            return "C-SAME-0000"
        return new_reference(prefix)

    monkeypatch.setattr(services, "new_reference", draw)
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write(number: int) -> None:
        try:
            with app.app_context():
                start.wait(timeout=30)
                for index in range(each):
                    services.issue_receipt("C", "comment", number * 100 + index)
                    db.session.commit()
                db.session.remove()
        except BaseException as error:  # reported below, with the thread's own traceback
            failures.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    with app.app_context():
        references = db.session.scalars(select(Receipt.reference)).all()
        db.session.remove()
    assert len(references) == writers * each
    assert len(set(references)) == writers * each
    assert references.count("C-SAME-0000") == 1
    assert all(SHAPE.match(reference) for reference in references)
