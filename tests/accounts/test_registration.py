from helpers import link_in, outbox

from consultations.accounts.models import User
from consultations.extensions import db


def register(client, **overrides):
    data = {
        "display_name": "Miriam Peretz",
        "email": "miriam@example.org",
        "password": "quiet-harbour-violet-88",
        "language": "he",
        "accept_terms": "y",
        **overrides,
    }
    return client.post("/en/register", data=data)


def test_registration_creates_unverified_account_and_mails_a_link(client, app_ctx):
    response = register(client)
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "miriam@example.org"))
    assert user is not None and not user.is_verified
    assert user.language == "he"
    mails = outbox("miriam@example.org")
    assert len(mails) == 1 and mails[0].language == "he"

    verified = client.get(link_in(mails[0]))
    assert verified.status_code == 302
    db.session.refresh(user)
    assert user.is_verified
