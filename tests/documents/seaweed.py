"""A real S3-compatible server for the storage tests: SeaweedFS's `weed`, from its pip package."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

BUCKET = "documents"


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "weed"
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("weed")


def _free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def unavailable(reason: str) -> None:
    """Skip, or fail where the environment promises every tool (CI)."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def start(directory: Path):
    """Start `weed server` with S3 on free ports; return (process, endpoint)."""
    binary = weed_binary()
    if binary is None:
        unavailable("SeaweedFS's weed binary is not installed (pip install -e '.[test]')")
    try:
        import boto3  # noqa: F401
    except ImportError:
        unavailable("boto3 is not installed (pip install -e '.[test]')")
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = _free_ports(8)
    command = [
        binary,
        "server",
        f"-dir={directory}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-master.port={master}",
        f"-master.port.grpc={master_grpc}",
        "-master.volumeSizeLimitMB=32",
        "-master.telemetry=false",
        f"-volume.port={volume}",
        f"-volume.port.grpc={volume_grpc}",
        "-volume.max=4",
        "-filer",
        f"-filer.port={filer}",
        f"-filer.port.grpc={filer_grpc}",
        "-s3",
        f"-s3.port={s3}",
        f"-s3.port.grpc={s3_grpc}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
    ]
    log = (directory / "weed.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{s3}"
    try:
        _wait_for_bucket(process, endpoint, directory)
    except BaseException:
        stop(process)
        raise
    return process, endpoint


def _wait_for_bucket(process, endpoint: str, directory: Path) -> None:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with closing(socket.socket()) as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))) != 0:
                time.sleep(0.3)
                continue
        try:
            client.create_bucket(Bucket=BUCKET)
            return
        except Exception:  # the server answers before its volumes are ready
            time.sleep(0.5)
    log = (directory / "weed.log").read_text(errors="replace")[-2000:]
    pytest.fail(f"SeaweedFS did not start an S3 endpoint at {endpoint}:\n{log}")


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
