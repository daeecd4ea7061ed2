"""What every template can use: permission predicates, formatters and role names."""

import re
from collections import ChainMap
from urllib.parse import quote

from flask import Flask, g, request, url_for
from flask.templating import Environment

from .formatting import (
    format_day,
    format_moment,
    format_money,
    format_number,
    format_share,
    zone_name,
)
from .permissions import TEMPLATE_PREDICATES


class TemplateGlobals(ChainMap):
    """A template's globals over the environment's, as Jinja makes them, whose `keys()` is a
    plain set: Jinja subtracts it from the importing template's globals on every
    `{% from … import %}`, and a ChainMap's key view answers that one name at a time in
    Python (some 400 calls an import, 4,000 on a consultation page)."""

    def keys(self):
        return set().union(*self.maps)


class TemplateEnvironment(Environment):
    """Flask's template environment with `TemplateGlobals`; set as the app's
    `jinja_environment` before anything reads `app.jinja_env`."""

    def make_globals(self, d):
        return TemplateGlobals({} if d is None else d, self.globals)


def init_templating(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(
        TEMPLATE_PREDICATES, url_for_page=url_for_page, zone_name=zone_name, row_url=row_url
    )
    app.jinja_env.filters.update(
        date=format_day,
        datetime=format_moment,
        money=format_money,
        number=format_number,
        percent=format_share,
    )

    from .admin.forms import role_label  # here: admin's forms import this package's parts

    app.jinja_env.globals["role_label"] = role_label


def url_for_page(number: int) -> str:
    """This page's address with another page number, keeping every filter."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


# Built once per request with this stand-in, then the row's own value put in its place.
_STAND_IN = 7_391_586_204_193
_PLAIN = re.compile(r"[A-Za-z0-9._~-]+")


def row_url(endpoint: str, name: str, value: str | int) -> str:
    """url_for(endpoint, name=value) for one row of many: Flask builds the address once per
    request and endpoint, and each row only puts its value in (about a tenth of the calls).
    A value that would need quoting goes through url_for itself."""
    text = str(value)
    if not _PLAIN.fullmatch(text):
        return url_for(endpoint, **{name: value})
    shapes = g.get("_row_urls")
    if shapes is None:
        shapes = g._row_urls = {}
    shape = shapes.get((endpoint, name))
    if shape is None:
        built = url_for(endpoint, **{name: _STAND_IN})
        shape = shapes[endpoint, name] = built.split(quote(str(_STAND_IN)), 1)
    return text.join(shape) if len(shape) == 2 else url_for(endpoint, **{name: value})
