"""pytest fixtures for a real S3 API: moto's server on 127.0.0.1, one per test session.

Load with `pytest_plugins = ["tests.plugins.s3"]` in tests/conftest.py (or `-p tests.plugins.s3`).
moto does not check signatures, so authorisation is tested in the app, not here.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any, NamedTuple

import boto3
import pytest
from botocore.config import Config

REGION = "eu-west-2"

# Dummy credentials, and nothing that could make boto3 look elsewhere for real ones:
# no shared config files, no instance metadata service, no proxy between us and moto.
_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
    "NO_PROXY": "127.0.0.1,localhost",
    "no_proxy": "127.0.0.1,localhost",
}
_UNSET = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE")


class S3Bucket(NamedTuple):
    endpoint_url: str
    bucket: str


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "s3: needs the moto S3 server")


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """The endpoint URL of a moto S3 server on 127.0.0.1, with dummy AWS credentials set."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"moto[server] is required in CI but cannot be imported: {exc}", pytrace=False)
        pytest.skip("moto[server] not installed: S3 tests skipped")
    with pytest.MonkeyPatch.context() as env:
        for name, value in _ENVIRONMENT.items():
            env.setenv(name, value)
        for name in _UNSET:
            env.delenv(name, raising=False)
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        try:
            yield f"http://{host}:{port}"
        finally:
            server.stop()


@pytest.fixture(scope="session")
def s3_client(s3_server: str) -> Any:
    """A boto3 S3 client for the moto server, for setting up and inspecting buckets."""
    config = Config(signature_version="s3v4", s3={"addressing_style": "path"})
    return boto3.session.Session().client("s3", region_name=REGION, endpoint_url=s3_server, config=config)


@pytest.fixture
def s3_bucket(s3_server: str, s3_client: Any) -> S3Bucket:
    """A new, empty bucket in eu-west-2; unique names keep tests apart without a reset."""
    name = f"test-{uuid.uuid4().hex}"
    s3_client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    return S3Bucket(s3_server, name)
