"""Both storage backends keep files by hash, whole or not at all; verify finds any change."""

from __future__ import annotations

import io
import os
from datetime import timedelta

import pytest
from documents import samples
from sqlalchemy import func, select

from consultations.documents import services
from consultations.documents.checks import CHUNK
from consultations.documents.models import Document
from consultations.documents.storage import LocalStorage, key_for
from consultations.extensions import db
from consultations.plans.models import PlanStatus


def count_documents() -> int:
    return db.session.scalar(select(func.count()).select_from(Document))


@pytest.fixture
def plan_and_admin(make_plan, make_user):
    return make_plan(status=PlanStatus.ADOPTED), make_user(roles=("admin",))


def upload(owner, actor, content: bytes = samples.PDF, name: str = "plan.pdf", titles=None):
    received = services.receive(io.BytesIO(content), name)
    return services.upload_documents(actor, "plan", owner, [received], titles or {})


def test_a_stored_file_reads_back_whole_and_identical_files_are_kept_once(
    any_storage, plan_and_admin
):
    plan, admin = plan_and_admin
    first = upload(plan, admin)[0]
    second = upload(plan, admin, name="copy.pdf")[0]
    assert first.storage_key == second.storage_key == key_for(first.sha256)
    with any_storage.open(first.storage_key) as stored:
        assert stored.read() == samples.PDF
    assert [blob.key for blob in any_storage.blobs()] == [first.storage_key]
    assert count_documents() == 2


def test_a_missing_file_is_reported_as_missing(any_storage):
    assert not any_storage.exists(key_for("0" * 64))
    with pytest.raises(FileNotFoundError):
        any_storage.open(key_for("0" * 64))


def test_a_failed_storage_write_leaves_neither_record_nor_file(
    any_storage, plan_and_admin, monkeypatch, tmp_path
):
    plan, admin = plan_and_admin
    put = any_storage.put

    def fail_midway(key, path):
        half = tmp_path / "half"
        half.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        put(key + ".partial-source", half)  # something reached storage before the failure
        raise OSError("disk full")

    monkeypatch.setattr(any_storage, "put", fail_midway)
    with pytest.raises(OSError):
        upload(plan, admin)
    db.session.rollback()
    assert count_documents() == 0
    assert not any_storage.exists(key_for(services.receive(io.BytesIO(samples.PDF), "x").sha256))


def test_a_record_is_not_kept_when_its_transaction_fails_and_the_file_is_an_orphan(
    any_storage, plan_and_admin, monkeypatch
):
    plan, admin = plan_and_admin

    def fail(*_args, **_kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", fail)
    with pytest.raises(RuntimeError):
        upload(plan, admin)
    monkeypatch.undo()
    db.session.rollback()
    assert count_documents() == 0
    # The file arrived first and no record names it: an orphan, removed once it is old enough.
    assert services.collect_orphans(remove=True) == []
    monkeypatch.setattr(services, "ORPHAN_GRACE", timedelta(seconds=-60))
    key = key_for(services.receive(io.BytesIO(samples.PDF), "x").sha256)
    assert services.collect_orphans(remove=True) == [key]
    assert not any_storage.exists(key)


def test_local_writes_go_through_a_temporary_file_renamed_into_place(tmp_path):
    storage = LocalStorage(tmp_path / "store")
    source = tmp_path / "source"
    source.write_bytes(samples.PNG)
    storage.put("ab/cd/abcd", source)
    assert (tmp_path / "store/ab/cd/abcd").read_bytes() == samples.PNG
    assert os.listdir(tmp_path / "store/ab/cd") == ["abcd"]


def overwrite(storage, key: str, content: bytes) -> None:
    """Change a stored file behind the site's back, as a failing disk or an intruder would."""
    if isinstance(storage, LocalStorage):
        (storage.root / key).write_bytes(content)
    else:
        storage.client.put_object(Bucket=storage.bucket, Key=storage._key(key), Body=content)


def test_verify_reports_an_altered_and_a_missing_file_and_exits_1(
    any_storage, plan_and_admin, runner
):
    plan, admin = plan_and_admin
    result = runner.invoke(args=["documents", "verify"])
    assert result.exit_code == 0, result.output
    altered = upload(plan, admin)[0]
    missing = upload(plan, admin, samples.PNG, "chart.png")[0]
    assert runner.invoke(args=["documents", "verify"]).exit_code == 0
    overwrite(any_storage, altered.storage_key, samples.PDF + b"%changed")
    any_storage.delete(missing.storage_key)
    result = runner.invoke(args=["documents", "verify"])
    assert result.exit_code == 1
    assert f"Document {altered.id}: its file {altered.storage_key} is altered." in result.output
    assert f"Document {missing.id}: its file {missing.storage_key} is missing." in result.output


def test_verify_with_orphans_removes_files_no_record_names(
    local_storage, plan_and_admin, runner, tmp_path, monkeypatch
):
    stray = tmp_path / "stray"
    stray.write_bytes(b"left behind")
    local_storage.put("ff/ff/ffff", stray)
    monkeypatch.setattr(services, "ORPHAN_GRACE", timedelta(seconds=-60))
    result = runner.invoke(args=["documents", "verify", "--orphans"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 stored file(s)" in result.output
    assert not local_storage.exists("ff/ff/ffff")


class CountingReader:
    """A stored file that notes how much of it has been read."""

    def __init__(self, stored):
        self.stored, self.read_so_far = stored, 0

    def read(self, size=-1):
        chunk = self.stored.read(size)
        self.read_so_far += len(chunk)
        return chunk

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.stored.close()


def test_a_large_download_is_streamed_a_chunk_at_a_time(
    any_storage, plan_and_admin, client, monkeypatch
):
    plan, admin = plan_and_admin
    size = 16 * CHUNK
    document = upload(plan, admin, b"a" * size, "large.txt")[0]
    readers = []
    opened = any_storage.open

    def counted(key):
        readers.append(CountingReader(opened(key)))
        return readers[-1]

    monkeypatch.setattr(any_storage, "open", counted)
    response = client.get(f"/documents/{document.id}/file", buffered=False)
    assert response.is_streamed and response.headers["Content-Length"] == str(size)
    chunks = iter(response.response)
    first = next(chunks)
    # The worker holds a chunk, not the file: the rest is read as the client takes it.
    assert readers[0].read_so_far <= 2 * CHUNK
    assert len(first) + sum(len(chunk) for chunk in chunks) == size
    response.close()
    assert readers[0].read_so_far == size
