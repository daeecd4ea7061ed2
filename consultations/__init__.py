"""Consultations: an open-government participation and accountability platform."""

from __future__ import annotations

import logging
from pathlib import Path
from types import FunctionType

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import check_languages, load_config
from .extensions import csrf, db, limiter, login_manager, migrate
from .security_log import init_security_log


class Application(Flask):
    """Flask, asking once per hook whether it is a coroutine function: Flask asks on every
    call, some 30 hooks and context processors a request (200 calls a page)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sync_functions: set[FunctionType] = set()

    def ensure_sync(self, func):
        if func in self._sync_functions:
            return func
        made = super().ensure_sync(func)
        # Plain functions only: they live as long as the app; bound methods are made anew.
        if made is func and isinstance(func, FunctionType):
            self._sync_functions.add(func)
        return made


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: config → extensions → i18n → blueprints → errors → CLI."""
    root = Path(__file__).parent.parent
    app = Application(
        __name__,
        instance_path=str(root / "instance"),
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
    )
    from .templating import TemplateEnvironment

    app.jinja_environment = TemplateEnvironment
    app.config.update(load_config(Path(app.instance_path)))
    if test_config:
        app.config.update(test_config)
        app.config["LANGUAGES"] = tuple(app.config["LANGUAGES"])
        check_languages(app.config["LANGUAGES"], app.config["DEFAULT_LANGUAGE"])
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    init_security_log()
    if app.config["TRUSTED_PROXIES"]:
        count = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    # Every write changes its tables' versions, whether or not this process keeps pages.
    from .versions import init_versions

    init_versions(app)
    # After the rate limiter (kept pages still count against limits), before every other
    # hook, so that its after_request hook sees the finished page.
    from .pagecache import init_page_cache

    init_page_cache(app)

    from . import i18n, models, security, templating  # noqa: F401  (models: the full schema)
    from .accounts.auth import init_login
    from .consultation.counters import init_counters
    from .content import init_plain_texts
    from .database import init_database
    from .documents.limits import init_documents
    from .errors import init_errors
    from .fragments import init_fragments
    from .mail.links import init_public_url_check
    from .search.sync import init_search

    i18n.init_i18n(app)
    init_login(app, login_manager)
    security.init_security(app)
    templating.init_templating(app)
    init_fragments(app)
    init_plain_texts(app)
    _register_blueprints(app)
    init_errors(app)
    init_search(app)  # the search index follows every write
    init_counters()  # and so do the comment counters
    init_database(app)
    init_documents(app)
    init_public_url_check(app)

    from .cli import register_cli

    register_cli(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from .accounts import bp as accounts_bp
    from .admin import bp as admin_bp
    from .api.views import bp as api_bp
    from .audit import bp as audit_bp
    from .comments.views import bp as comments_bp
    from .consultation.labels import init_consultation_labels
    from .consultation.manage import bp as consultation_staff_bp
    from .consultation.views import bp as consultation_bp
    from .documents.manage import bp as document_staff_bp
    from .documents.views import bp as documents_bp
    from .feeds.views import bp as feeds_bp
    from .follows.views import bp as follows_bp
    from .forum.labels import init_forum_labels
    from .forum.manage import bp as forum_staff_bp
    from .forum.views import bp as forum_bp
    from .main import bp as main_bp
    from .moderation.views import bp as moderation_bp
    from .opendata.views import bp as opendata_bp
    from .plans.amend_views import bp as amend_bp
    from .plans.importing import bp as importing_bp
    from .plans.labels import init_labels
    from .plans.manage import bp as staff_bp
    from .plans.views import bp as plans_bp
    from .privacy.views import bp as privacy_bp
    from .proposals.discussion_views import bp as proposal_comments_bp
    from .proposals.manage import bp as proposal_staff_bp
    from .proposals.views import bp as proposals_bp
    from .quality.views import bp as quality_bp
    from .receipts.views import bp as receipts_bp
    from .reports.manage import bp as report_staff_bp
    from .reports.views import bp as reports_bp
    from .repository.views import bp as repository_bp
    from .responses.views import bp as responses_bp
    from .satisfaction.views import bp as satisfaction_bp
    from .search.views import bp as search_bp
    from .staff import init_staff
    from .staff.views import bp as today_bp
    from .standards.views import bp as standards_bp

    blueprints = (
        main_bp,
        repository_bp,
        standards_bp,
        accounts_bp,
        admin_bp,
        plans_bp,
        staff_bp,
        importing_bp,
        amend_bp,
        audit_bp,
        consultation_bp,
        consultation_staff_bp,
        comments_bp,
        satisfaction_bp,
        moderation_bp,
        responses_bp,
        quality_bp,
        reports_bp,
        report_staff_bp,
        api_bp,
        opendata_bp,
        feeds_bp,
        follows_bp,
        search_bp,
        privacy_bp,
        documents_bp,
        document_staff_bp,
        today_bp,
        receipts_bp,
        proposals_bp,
        proposal_comments_bp,
        proposal_staff_bp,
        forum_bp,
        forum_staff_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    init_labels(app)
    init_consultation_labels(app)
    init_staff(app)
    init_forum_labels(app)
