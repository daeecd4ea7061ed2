"""Where document files live: a folder on this machine or an S3-compatible bucket.

Files are stored under their SHA-256, so an identical file is kept once and a stored file
can be checked against its record. `STORAGE_URL` chooses the backend: empty for
instance/documents, `file:///path` (or a plain path) for another folder, `s3://bucket/prefix`
for a bucket, reached at `S3_ENDPOINT_URL` with `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import urlsplit

from flask import Flask, current_app

from ..config import ConfigurationError

_EXTENSION = "documents_storage"


def key_for(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


@dataclass(frozen=True)
class StoredBlob:
    key: str
    modified: datetime


class Storage(Protocol):
    def put(self, key: str, path: Path) -> None:
        """Store the file at `path` under `key`, whole or not at all."""

    def open(self, key: str) -> BinaryIO:
        """The stored file for reading; FileNotFoundError when it is missing."""

    def exists(self, key: str) -> bool: ...

    def blobs(self) -> Iterator[StoredBlob]:
        """Every stored file."""

    def delete(self, key: str) -> None: ...


class LocalStorage:
    """A folder; each file is written beside its place and renamed into it at once."""

    def __init__(self, root: Path):
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key

    def put(self, key: str, path: Path) -> None:
        target = self._path(key)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out, path.open("rb") as source:
                shutil.copyfileobj(source, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def blobs(self) -> Iterator[StoredBlob]:
        if not self.root.exists():
            return
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
                yield StoredBlob(path.relative_to(self.root).as_posix(), modified)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class S3Storage:
    """A bucket of an S3-compatible service; an object appears whole or not at all."""

    def __init__(self, bucket: str, prefix: str, endpoint_url: str | None = None):
        import boto3  # only deployments that store in a bucket need it

        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint_url or None,
            aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID"),
            aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY"),
            region_name=os.environ.get("AWS_REGION", "us-east-1"),
        )

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, path: Path) -> None:
        if not self.exists(key):
            self.client.upload_file(str(path), self.bucket, self._key(key))

    def open(self, key: str) -> BinaryIO:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"]
        except self.client.exceptions.NoSuchKey:
            raise FileNotFoundError(key) from None

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return False
            raise
        return True

    def blobs(self) -> Iterator[StoredBlob]:
        start = f"{self.prefix}/" if self.prefix else ""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=start
        )
        for page in pages:
            for item in page.get("Contents", []):
                yield StoredBlob(item["Key"][len(start) :], item["LastModified"])

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))


def storage_from_url(url: str, instance_path: Path) -> Storage:
    """The backend a `STORAGE_URL` names."""
    if not url:
        return LocalStorage(instance_path / "documents")
    parts = urlsplit(url)
    if parts.scheme == "s3":
        if not parts.netloc:
            raise ConfigurationError("STORAGE_URL s3://… must name a bucket")
        return S3Storage(parts.netloc, parts.path, os.environ.get("S3_ENDPOINT_URL"))
    if parts.scheme == "file":
        return LocalStorage(Path(parts.path))
    if parts.scheme == "":
        return LocalStorage(Path(url))
    raise ConfigurationError("STORAGE_URL must be a folder, file:///folder or s3://bucket/prefix")


def init_storage(app: Flask) -> None:
    app.extensions[_EXTENSION] = storage_from_url(
        app.config["STORAGE_URL"], Path(app.instance_path)
    )


def storage() -> Storage:
    return current_app.extensions[_EXTENSION]
