"""The two personal-data forms refuse a POST without the form's CSRF token."""

from __future__ import annotations

from consultations.extensions import db

from helpers import add_account


def test_download_and_delete_need_the_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        user = add_account("csrf@example.org", "Csrf Person")
        user_id = user.id
    client = app.test_client()
    page = client.get("/en/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post(
        "/en/login",
        data={
            "email": "csrf@example.org",
            "password": "sturdy-lantern-orchard-42",
            "csrf_token": token,
        },
    )
    assert client.get("/en/account/data").status_code == 200
    assert client.post("/en/account/data").status_code == 400
    response = client.post(
        "/en/account/delete", data={"comments": "remove", "password": "sturdy-lantern-orchard-42"}
    )
    assert response.status_code == 400
    with app.app_context():
        from consultations.accounts.models import User

        assert db.session.get(User, user_id).deleted_at is None
