"""Every address of the site, for every role, with hostile values: never a server error.

The walk visits each registered route twice over: with real objects in its path (so the
view runs and its form is parsed) and with hostile path values (numbers past 64 bits,
overlong and odd text); each with a hostile query string and, for POST, three hostile
bodies built from the field names of the forms the site itself shows. One value set per
kind of parameter keeps it to a few thousand requests.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

import pytest
from werkzeug.routing import IntegerConverter, PathConverter

from consultations.accounts.models import RoleGrant
from consultations.extensions import db
from consultations.plans.models import MilestoneStatus

from helpers import PASSWORD, add_account, login

ROLES = ("anonymous", "citizen", "coordinator", "monitor", "moderator", "admin")
HUGE = str(2**64)  # past a signed 64-bit integer
LARGEST = str(2**31 - 1)  # the largest identifier, and the int converter
LONG = "ש'\"<>&%;" + "x" * 10_000
CONTROLS = "a\x00b\x01\x1b\x7fc"
HOSTILE_QUERY = {
    "page": HUGE,
    "responses_page": "-1",
    "per_page": "9" * 5000,  # more digits than Python reads as a number
    "q": LONG,
    "sort": "';--",
    "order": "0",
    "state": "\u202e",
    "status": HUGE,
    "kind": "../x",
    "section": LONG[:300],
    "stance": "[]",
    "agency": HUGE,
    "target_type": "x" * 300,
    "target_id": HUGE,
    "updated_since": "9999-12-31T23:59:59-23:59",
    "next": "//evil.example/",
}
HOSTILE_PATH = "../" * 50 + "x"
# The last routes: each ends the session it runs in.
LAST = ("accounts.logout", "privacy.delete")


class FormFields(HTMLParser):
    """The names of the fields of every form on a page, by the path the form posts to."""

    def __init__(self, page_path: str, forms: dict[str, set[str]]):
        super().__init__()
        self.page_path = page_path
        self.forms = forms
        self.action: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.action = urlsplit(attrs.get("action") or "").path or self.page_path
        elif self.action and attrs.get("name") and tag in ("input", "select", "textarea"):
            self.forms[self.action].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.action = None


@pytest.fixture
def world(make_agency, make_user, make_plan, make_commitment, make_update, make_assessment,
          make_consultation, make_comment):  # fmt: skip
    from consultations.plans.models import PlanStatus

    agency = make_agency()
    people = {
        "citizen": make_user(),
        "coordinator": make_user(roles=("coordinator",), agency=agency),
        "monitor": make_user(roles=("monitor",)),
        "moderator": make_user(roles=("moderator",)),
        "admin": make_user(roles=("admin",)),
    }
    plan = make_plan(status=PlanStatus.CONSULTATION, agency=agency)
    commitment = make_commitment(
        plan, milestones=((date.today() + timedelta(days=30), MilestoneStatus.IN_PROGRESS),)
    )
    update = make_update(commitment)
    assessment = make_assessment(commitment)
    consultation = make_consultation(plan=plan, commitment=commitment)
    comment = make_comment(consultation, author=people["citizen"])
    grant = db.session.scalars(db.select(RoleGrant).filter_by(user_id=people["coordinator"].id))
    ids = {
        "user_id": people["citizen"].id,
        "grant_id": grant.first().id,
        "agency_id": agency.id,
        "plan_id": plan.id,
        "reference": commitment.reference,
        "milestone_id": commitment.milestones[0].id,
        "update_id": update.id,
        "assessment_id": assessment.id,
        "anchor": consultation.sections[0].anchor,
        "comment_id": comment.id,
        "response_id": 1,
        "event_id": 1,
        "token": "not-a-token",
        "kind": "plan",
        "target_id": plan.id,
        "object_id": comment.id,
        "name": "commitments",
        "filename": "css/main.css",
        "document_id": 1,
        "country": "il",
        # Records this world does not hold: their routes answer 404, never a server error.
        "month": "2026-11",
        "report_id": 1,
        "proposal_id": 1,
        "version": 1,
        "meeting_id": 1,
        "member_id": 1,
    }
    slugs = {"plan": plan.slug, "agency": agency.slug, "consultation": consultation.slug}
    return people, ids, slugs, {"update": update.id, "assessment": assessment.id}


def _real_value(rule, name: str, world) -> str:
    _people, ids, slugs, corrected = world
    if name == "slug":
        for kind in ("plan", "agency"):
            if kind in rule.endpoint or f"/{kind}s/<slug>" in rule.rule:
                return slugs[kind]
        return slugs["consultation"]
    if name == "corrects_id":
        return str(corrected[rule.endpoint.split(".")[1]])
    return str(ids[name])


def _urls(rule, world) -> list[str]:
    """The route with real values, then with hostile ones, each with a hostile query."""
    query = "?" + urlencode(HOSTILE_QUERY)
    urls = []
    for make in (lambda name: _real_value(rule, name, world), lambda name: _hostile(rule, name)):
        urls.append(_path(rule, make) + query)
    return list(dict.fromkeys(urls))  # once for a route without parameters


def _path(rule, make) -> str:
    """The rule's path with each parameter's value from `make(name)` (English pages)."""
    path = rule.rule
    for name in rule._converters:  # noqa: SLF001
        value = "en" if name == "lang" else make(name)
        path = re.sub(rf"<([^:>]+:)?{name}>", quote(value, safe="/"), path)
    return path


def _hostile(rule, name: str) -> str:
    converter = rule._converters[name]  # noqa: SLF001
    if isinstance(converter, IntegerConverter):
        return LARGEST
    return HOSTILE_PATH if isinstance(converter, PathConverter) else LONG[:2000]


def _routes(app):
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    return sorted(rules, key=lambda rule: (rule.endpoint in LAST, rule.rule))


def _bodies(names: set[str]) -> list[dict]:
    names = names or {"email", "password", "body", "note", "reason", "q"}
    numbers = (HUGE, "9" * 5000, "-" + HUGE)  # past 64 bits, past what Python reads, negative
    return [
        {name: numbers[index % 3] for index, name in enumerate(sorted(names))},
        dict.fromkeys(names, LONG),
        dict.fromkeys(names, CONTROLS),
    ]


def walk(app, client, world, failures: list, role: str) -> None:
    forms: dict[str, set[str]] = defaultdict(set)
    rules = _routes(app)
    for rule in rules:  # every page first, to learn the forms the site shows
        if "GET" in rule.methods:
            for url in _urls(rule, world):
                response = client.get(url)
                _check(failures, role, "GET", url, response)
                if response.mimetype == "text/html":
                    FormFields(urlsplit(url).path, forms).feed(response.get_data(as_text=True))
    for rule in rules:
        if "POST" not in rule.methods:
            continue
        for url in _urls(rule, world):
            for body in _bodies(forms.get(urlsplit(url).path, set())):
                _check(failures, role, "POST", url, client.post(url, data=body))


def _check(failures: list, role: str, method: str, url: str, response) -> None:
    if response.status_code >= 500:
        failures.append(f"{role} {method} {url[:160]} → {response.status_code}")


def test_no_address_answers_any_role_with_a_server_error(app, client, world):
    people = world[0]
    failures: list[str] = []
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            login(client, people[role])
        walk(app, client, world, failures, role)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/plans?page=" + "9" * 5000,
        "/api/v1/comments?per_page=" + "9" * 5000,
        "/en/plans?page=" + "9" * 5000,
        "/en/staff/users/" + "9" * 5000,
        "/api/v1/comments/" + "9" * 5000,
    ],
)
def test_numbers_longer_than_python_reads_are_refused(client, path):
    assert client.get(path).status_code in (200, 400, 404)


@pytest.mark.parametrize(
    "path",
    [
        "/en/plans/%00",
        "/en/plans?page=%00",
        "/en/search?q=a%01b",
        "/en/consultations/x%1b",
        "/en/%7f",
        "/api/v1/plans?q=%00",
        "/api/v1/plans/a%00b",
    ],
)
def test_control_characters_in_an_address_are_a_bad_request(client, path):
    response = client.get(path)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert "control characters" in response.get_json()["error"]["message"]
    else:
        page = response.get_data(as_text=True)
        assert "This address holds characters that no address on this site has." in page


def test_hostile_form_tokens_are_refused_when_forms_are_protected(make_app):
    """As deployed, with CSRF on: a hostile token is the expired-form page, signed in or not."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        add_account("reader@example.org")
    anonymous, signed_in = app.test_client(), app.test_client()
    page = signed_in.get("/en/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    signed = signed_in.post(
        "/en/login",
        data={"email": "reader@example.org", "password": PASSWORD, "csrf_token": token},
    )
    assert signed.status_code == 302
    failures: list[str] = []
    for client in (anonymous, signed_in):
        for rule in _routes(app):
            if "POST" not in rule.methods:
                continue
            path = _path(rule, lambda name, rule=rule: _hostile(rule, name))
            for value in (HUGE, LONG, CONTROLS):
                response = client.post(path, data={"csrf_token": value, "body": value})
                _check(failures, "csrf", "POST", path, response)
                assert response.status_code in (400, 404), (path, response.status_code)
    assert not failures, "\n".join(failures)
