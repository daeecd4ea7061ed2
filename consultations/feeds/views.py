"""Atom feeds of the site, each action plan, commitment and consultation, in each language."""

from __future__ import annotations

from flask import Blueprint, abort, make_response, render_template, request

from ..forum.feed import forum_feed
from ..forum.queries import forum_for_country
from . import atom, queries

bp = Blueprint("feeds", __name__, url_prefix="/<lang:lang>")

ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _atom(feed: atom.Feed):
    """The feed as Atom XML, answered with 304 when the reader already has this version."""
    response = make_response(render_template("feeds/feed.xml", feed=feed))
    response.content_type = ATOM_TYPE
    response.last_modified = feed.updated
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/feeds/site.atom")
def site():
    """Everything newly published on the site, newest first."""
    return _atom(atom.site_feed())


@bp.get("/plans/<slug>/feed.atom")
def plan(slug: str):
    """What is new in one action plan."""
    found = queries.get_plan(slug) or abort(404)
    return _atom(atom.plan_feed(found))


@bp.get("/commitments/<reference>/feed.atom")
def commitment(reference: str):
    """What is new about one commitment."""
    found = queries.get_commitment(reference) or abort(404)
    return _atom(atom.commitment_feed(found))


@bp.get("/consultations/<slug>/feed.atom")
def consultation(slug: str):
    """One consultation's opening, closing and reasoned responses."""
    found = queries.get_consultation(slug) or abort(404)
    return _atom(atom.consultation_feed(found))


@bp.get("/quality/feed.atom")
def quality():
    """Each month's service-quality report, once the month's figures are kept."""
    from .quality import quality_feed

    return _atom(quality_feed())


@bp.get("/forum/<country>/feed.atom")
def forum(country: str):
    """A forum's agendas and minutes, as they are published."""
    found = forum_for_country(country) or abort(404)
    return _atom(forum_feed(found))
