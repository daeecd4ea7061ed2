"""Storage for the documents tests: a folder per test, or a bucket on a real S3 server."""

from __future__ import annotations

import uuid

import pytest
from documents import seaweed

from consultations.documents.storage import LocalStorage, S3Storage


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    process, endpoint = seaweed.start(tmp_path_factory.mktemp("seaweedfs"))
    yield endpoint
    seaweed.stop(process)


def _use(app, storage):
    previous = app.extensions["documents_storage"]
    app.extensions["documents_storage"] = storage
    return previous


@pytest.fixture
def local_storage(app, tmp_path):
    storage = LocalStorage(tmp_path / "documents")
    previous = _use(app, storage)
    yield storage
    app.extensions["documents_storage"] = previous


@pytest.fixture(params=["local", "s3"])
def any_storage(request, app, tmp_path, monkeypatch):
    """The same test against both backends."""
    if request.param == "local":
        storage = LocalStorage(tmp_path / "documents")
    else:
        endpoint = request.getfixturevalue("s3_endpoint")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
        storage = S3Storage(seaweed.BUCKET, f"run-{uuid.uuid4().hex}", endpoint)
    previous = _use(app, storage)
    yield storage
    app.extensions["documents_storage"] = previous
