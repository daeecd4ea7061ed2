"""What follows hands to "download my data" and to account deletion."""

from __future__ import annotations

from consultations.extensions import db
from consultations.follows import services
from consultations.follows.models import Follow, Notification
from consultations.plans import services as plans
from consultations.plans.models import Completion


def test_personal_data_and_erase(world, make_user, runner):
    person, other = make_user(), make_user()
    for who in (person, other):
        who.notification_frequency = "immediate"
        services.follow(who, world.commitment)
    services.follow(person, world.consultation)
    plans.publish_update(
        world.coordinator,
        world.commitment,
        status=Completion.LIMITED,
        percent_complete=10,
        milestone_states={},
        narratives={"en": "x"},
        evidence="",
    )
    runner.invoke(args=["notify"])
    data = services.personal_data(person)
    assert data["notification_frequency"] == "immediate"
    assert [(f["type"], f["reference"]) for f in data["follows"]] == [
        ("commitment", "IL0024"),
        ("consultation", "open-data"),
    ]
    (notice,) = data["notifications"]
    assert notice["event"] == "update" and notice["delivery"] == "mail"

    services.erase(person)
    db.session.commit()
    remaining = db.session.scalars(db.select(Follow.user_id)).all()
    assert remaining == [other.id]
    assert db.session.scalars(db.select(Notification.user_id)).all() == [other.id]
