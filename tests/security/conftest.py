"""An application of its own with rate limits on, over its own SQLite file."""

from __future__ import annotations

import pytest

from consultations import create_app
from consultations.extensions import db, limiter

from helpers import settings_for


@pytest.fixture
def make_limited_app(tmp_path):
    """Build apps with rate limiting on; the shared limiter is switched off again afterwards."""

    def make(storage: str = "memory://", path=None):
        url = f"sqlite:///{path or tmp_path / 'limited.sqlite3'}"
        app = create_app(settings_for(url, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage))
        with app.app_context():
            db.create_all()
        return app

    yield make
    # The limiter is one object per process and the last app built decides whether it
    # counts; every other test app runs without limits.
    limiter.enabled = False


@pytest.fixture
def limited_app(make_limited_app):
    return make_limited_app()
