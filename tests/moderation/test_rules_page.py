"""The public participation rules page: every rule with an anchor, and how moderation works."""

from __future__ import annotations

import pytest

from consultations.moderation.rules import RULES


@pytest.mark.parametrize("lang", ["he", "lv", "hu", "en"])
def test_rules_page_answers_in_every_language(client, lang):
    response = client.get(f"/{lang}/rules")
    assert response.status_code == 200
    assert f'lang="{lang}"' in response.get_data(as_text=True)


def test_each_rule_has_a_heading_with_its_key_as_id(client):
    page = client.get("/en/rules").get_data(as_text=True)
    for key, (title, description) in RULES.items():
        assert f'<h2 id="{key}">{title}</h2>' in page
        assert str(description) in page


def test_rules_page_explains_the_hold_threshold_and_the_placeholder(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "FLAG_HOLD_THRESHOLD", 5)
    page = client.get("/en/rules").get_data(as_text=True)
    assert "A comment flagged by 5 people is held for a moderator&#39;s review" in page or (
        "A comment flagged by 5 people is held for a moderator's review" in page
    )
    assert "leaves a public note in its place saying which rule it broke" in page
    assert "told by e-mail" in page
