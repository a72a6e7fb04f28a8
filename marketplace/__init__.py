"""Council Supplier Marketplace: the application factory."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from marketplace.config import INSTANCE_PATH, PROJECT_ROOT, load_config

TEMPLATE_FOLDER = PROJECT_ROOT / "templates"
STATIC_FOLDER = PROJECT_ROOT / "static"


def create_app(config_name: str | None = None, **overrides) -> Flask:
    from marketplace.template_helpers import App

    app = App(
        __name__,
        template_folder=str(TEMPLATE_FOLDER),
        static_folder=str(STATIC_FOLDER),
        instance_path=str(Path(overrides.pop("INSTANCE_PATH", INSTANCE_PATH))),
        instance_relative_config=False,
    )
    app.config.from_object(load_config(config_name))
    app.config.update(overrides)
    _check_settings(app)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

    from marketplace import converters

    converters.init_app(app)  # before any blueprint adds a rule
    _init_templates(app)
    _init_extensions(app)
    _register_blueprints(app)
    _fill_slots(app)
    _register_cli(app)
    _register_jobs(app)
    return app


def _check_settings(app: Flask) -> None:
    """Production refuses unsafe settings; behind reverse proxies, believe exactly the configured number."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from marketplace.config import check_production

    if app.config.get("ENV_NAME") == "production" and not (app.debug or app.testing):
        check_production(app.config)
    proxies = int(app.config.get("TRUSTED_PROXY_COUNT") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0, x_port=0)  # type: ignore[method-assign]


def _init_templates(app: Flask) -> None:
    from govuk_frontend_wtf.main import WTFormsHelpers

    from marketplace import template_helpers

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(TEMPLATE_FOLDER)),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)
    template_helpers.init_app(app)


def _init_extensions(app: Flask) -> None:
    from marketplace import (
        models,  # noqa: F401  - every model registered before migrations look
        security,
    )
    from marketplace.accounts.queries import get_user
    from marketplace.errors import register_error_handlers
    from marketplace.extensions import csrf, db, limiter, login_manager, migrate
    from marketplace.health import database_check, register_check
    from marketplace.mail.hooks import init_app as init_mail_hooks
    from marketplace.storage import init_app as init_storage
    from marketplace.worker import init_app as init_worker

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = "Sign in to continue"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(session_id: str):
        user_id, _, version = session_id.partition(":")
        user = get_user(int(user_id)) if user_id.isdigit() else None
        if user is None or str(user.session_version) != version:
            return None
        return user

    security.init_app(app)
    storage = init_storage(app)
    register_check(app, "storage", storage.healthcheck)
    init_worker(app)
    init_mail_hooks(app)
    register_error_handlers(app)
    register_check(app, "database", database_check)
    _init_search(app)


def _init_search(app: Flask) -> None:
    """Which document types the index holds, where they come from, and catching up after writes."""
    from marketplace.guides import search_documents as guide_documents
    from marketplace.notices import search_documents as notice_documents
    from marketplace.opportunities import search_documents as opportunity_documents
    from marketplace.search import services as search_services
    from marketplace.suppliers import search_documents as supplier_documents

    supplier_documents.register()
    notice_documents.register()
    opportunity_documents.register()
    guide_documents.register()
    search_services.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from marketplace.accounts import bp as accounts_bp
    from marketplace.accounts import views as _accounts_views  # noqa: F401
    from marketplace.admin import bp as admin_bp
    from marketplace.admin import views as _admin_views  # noqa: F401
    from marketplace.api import bp as api_bp
    from marketplace.api import insight as _api_insight  # noqa: F401
    from marketplace.api import openapi as _openapi  # noqa: F401
    from marketplace.api import suppliers as _api_suppliers  # noqa: F401
    from marketplace.events import bp as events_bp
    from marketplace.events import routes as _events_routes  # noqa: F401
    from marketplace.health import bp as health_bp
    from marketplace.mail import bp as mail_bp
    from marketplace.mail import views as _mail_views  # noqa: F401
    from marketplace.notices import bp as notices_bp
    from marketplace.notices import routes as _notices_routes  # noqa: F401
    from marketplace.pages import bp as pages_bp
    from marketplace.pages import dashboards as _dashboards  # noqa: F401
    from marketplace.pages import views as _pages_views  # noqa: F401
    from marketplace.shortlists import bp as shortlists_bp
    from marketplace.shortlists import views as _shortlists_views  # noqa: F401
    from marketplace.suppliers import bp as suppliers_bp
    from marketplace.suppliers import routes as _suppliers_routes  # noqa: F401
    from marketplace.suppliers.search import bp as search_bp
    from marketplace.suppliers.search import views as _search_views  # noqa: F401

    for blueprint in (
        pages_bp,
        accounts_bp,
        admin_bp,
        mail_bp,
        health_bp,
        suppliers_bp,
        search_bp,
        shortlists_bp,
        api_bp,
    ):
        app.register_blueprint(blueprint)
    app.register_blueprint(notices_bp)
    app.register_blueprint(events_bp)

    from marketplace.frameworks import admin_bp as frameworks_admin_bp
    from marketplace.frameworks import admin_views as _frameworks_admin_views  # noqa: F401
    from marketplace.frameworks import bp as frameworks_bp
    from marketplace.frameworks import views as _frameworks_views  # noqa: F401

    app.register_blueprint(frameworks_bp)
    app.register_blueprint(frameworks_admin_bp)

    from marketplace.opportunities import routes as opportunities

    opportunities.init_app(app)
    from marketplace.evaluation import routes as evaluation

    evaluation.init_app(app)
    from marketplace.guides import routes as guides

    guides.init_app(app)
    from marketplace.insight import bp as insight_bp
    from marketplace.insight import routes as _insight_routes  # noqa: F401

    app.register_blueprint(insight_bp)


def _fill_slots(app: Flask) -> None:
    """Higher domains fill slots on lower domains' pages (see marketplace/slots.py); the order is the page order."""
    from marketplace.evaluation import slots as evaluation_slots
    from marketplace.events import slots as event_slots
    from marketplace.frameworks import slots as framework_slots
    from marketplace.guides import slots as guide_slots
    from marketplace.opportunities import slots as opportunity_slots

    framework_slots.register(app)
    event_slots.register(app)
    opportunity_slots.register(app)
    evaluation_slots.register(app)
    guide_slots.register(app)


def _register_jobs(app: Flask) -> None:
    """Each domain's scheduled jobs, run by `flask worker` (see marketplace/worker/__init__.py)."""
    from marketplace.evaluation.jobs import register_jobs as register_evaluation_jobs
    from marketplace.frameworks.jobs import register_jobs as register_framework_jobs
    from marketplace.guides.jobs import register_jobs as register_guide_jobs
    from marketplace.insight.jobs import register_jobs as register_insight_jobs
    from marketplace.notices.jobs import register_jobs as register_notice_jobs
    from marketplace.opportunities.jobs import register_jobs as register_opportunity_jobs

    register_notice_jobs(app)
    register_framework_jobs(app)
    register_opportunity_jobs(app)
    register_evaluation_jobs(app)
    register_guide_jobs(app)
    register_insight_jobs(app)


def _register_cli(app: Flask) -> None:
    from marketplace import backup
    from marketplace.accounts.cli import seed, users_cli
    from marketplace.cli import register_commands
    from marketplace.demo.cli import demo_cli
    from marketplace.frameworks.cli import frameworks_cli

    register_commands(app)
    backup.register(app)
    for command in (users_cli, seed, demo_cli, frameworks_cli):
        app.cli.add_command(command)
