"""The forum in the API: every endpoint as its schema says, schemathesis-driven, bounded queries."""

from __future__ import annotations

from datetime import date

import pytest
import schemathesis
from forum.builders import days_ago, held, member
from hypothesis import HealthCheck, settings
from openapi_schema_validator import OAS31Validator

from consultations.api.openapi import document
from consultations.extensions import db
from consultations.forum import services

from helpers import LANGUAGES

LISTS = {
    "/api/v1/forums": "ForumList",
    "/api/v1/forums/IL/members": "ForumMemberList",
    "/api/v1/forums/IL/meetings": "ForumMeetingList",
    "/api/v1/forums/IL/rules": "ForumRulesList",
}


@pytest.fixture
def forum_world(forum, people):
    keeper = people["secretariat"]
    dana = member(forum, keeper, "Dana", sector="government", role="co_chair")
    services.change_member(
        keeper,
        dana,
        date(2025, 1, 1),
        name="Dana",
        is_seat=False,
        organisation="",
        sector="government",
        role="member",
        term_end=None,
    )
    member(forum, keeper, "Noa", sector="civil_society")
    services.publish_rules(keeper, forum, "Rules.", "en")
    meeting = held(forum, keeper, days_ago(10))
    services.publish_agenda(keeper, meeting, "Items")
    services.publish_minutes(keeper, meeting, "Minutes", "")
    services.schedule_meeting(keeper, forum, days_ago(-10), "", True, "en")
    return forum


def check(body, name: str, client) -> None:
    components = client.get("/api/v1/openapi.json").get_json()["components"]
    schema = {"$ref": f"#/components/schemas/{name}", "components": components}
    OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER).validate(body)


@pytest.mark.parametrize("path", LISTS)
def test_forum_lists_match_their_schemas(client, forum_world, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.get_json()
    check(body, LISTS[path], client)
    assert body["data"]


def test_forum_detail_is_the_listed_record_and_tells_the_rules_dates(client, forum_world):
    listed = {f["country"]: f for f in client.get("/api/v1/forums").get_json()["data"]}
    detail = client.get("/api/v1/forums/IL").get_json()
    check(detail, "Forum", client)
    assert detail == listed["IL"]
    assert detail["rules_version"] == 1 and detail["rules_first_published_at"]
    members = client.get("/api/v1/forums/IL/members").get_json()["data"]
    assert [(m["role"], m["ended_on"]) for m in members if m["name"] == "Dana"] == [
        ("co_chair", "2025-01-01"),
        ("member", None),
    ]


def test_unknown_forum_is_not_found(client, forum_world):
    for path in ("/api/v1/forums/HU", "/api/v1/forums/HU/members", "/api/v1/forums/XX/rules"):
        assert client.get(path).status_code == 404


def test_forum_api_query_counts_do_not_grow(client, forum_world, people, count_queries):
    def counts():
        found = {}
        for path in (*LISTS, "/api/v1/forums/IL"):
            db.session.remove()
            with count_queries() as counter:
                assert client.get(path + "?per_page=100").status_code == 200
            found[path] = counter.count
        return found

    before = counts()
    keeper = db.session.merge(people["secretariat"])
    forum = db.session.merge(forum_world)
    for n in range(5):
        member(forum, keeper, f"Member {n}")
        held(forum, keeper, days_ago(20 + n))
        services.publish_rules(keeper, forum, f"Rules {n}.", "en")
    assert counts() == before


schema = schemathesis.openapi.from_dict(document(LANGUAGES)).include(path_regex="^/forums")


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_forum_api_answers_as_documented(case, app, forum_world):
    case.call_and_validate(app=app)
