"""What every template can use: permission predicates, formatters and role names."""

from flask import Flask, request, url_for

from .formatting import format_day, format_moment, format_number, format_share, zone_name
from .permissions import TEMPLATE_PREDICATES


def init_templating(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(
        TEMPLATE_PREDICATES, url_for_page=url_for_page, zone_name=zone_name
    )
    app.jinja_env.filters.update(
        date=format_day,
        datetime=format_moment,
        number=format_number,
        percent=format_share,
    )

    @app.context_processor
    def role_names():
        from .admin.forms import role_label

        return {"role_label": role_label}


def url_for_page(number: int) -> str:
    """This page's address with another page number, keeping every filter."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)
