"""What every template can use: permission predicates, formatters and role names."""

from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, format_percent

from .permissions import TEMPLATE_PREDICATES


def init_templating(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(TEMPLATE_PREDICATES, url_for_page=url_for_page)
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        number=format_decimal,
        percent=format_percent,
    )

    @app.context_processor
    def role_names():
        from .admin.forms import role_label

        return {"role_label": role_label, "site_name": app.config["SITE_NAME"]}


def url_for_page(number: int) -> str:
    """This page's address with another page number, keeping every filter."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)
