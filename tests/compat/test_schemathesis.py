"""Schemathesis against the Content and Admin APIs and the comments API of a real ``inkwell
serve`` (SQLite and PostgreSQL): for every operation of Inkwell's OpenAPI document, random valid
requests (random filters, parameters, ids, bodies, uploads) never get a 500, and every answer
keeps the document's schema, status codes and content type.

Each operation gets ``INKWELL_SCHEMATHESIS_EXAMPLES`` examples (15 unless set), which keeps the
whole file to a few minutes. Under CI Hypothesis derandomizes (its ``ci`` profile), yet the answers
depend on what earlier examples stored, so a rare failure may still show up on one run only: run
with ``INKWELL_SCHEMATHESIS_EXAMPLES=300`` before trusting a change to the API's input handling.
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
from typing import Any

import jwt
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from inkwell.ghost_api.openapi import openapi_document
from tests.compat.conftest import Site

pytestmark = pytest.mark.xdist_group("compat-fuzz")

EXAMPLES = int(os.environ.get("INKWELL_SCHEMATHESIS_EXAMPLES", "15"))
DOCUMENT = openapi_document("http://127.0.0.1")
SCHEMA = schemathesis.openapi.from_dict(DOCUMENT)
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
OPERATIONS = [
    (method.upper(), path)
    for path, operations in DOCUMENT["paths"].items()
    if path.startswith(("/ghost/api/content/", "/ghost/api/admin/", "/api/comments"))
    for method in operations
]


def admin_token(admin_key: str) -> str:
    """A token as @tryghost/admin-api makes one: HS256, kid, aud /admin/, 5 minutes."""
    key_id, secret = admin_key.split(":")
    now = int(time.time())
    payload = {"iat": now, "exp": now + 300, "aud": "/admin/"}
    return jwt.encode(payload, bytes.fromhex(secret), algorithm="HS256", headers={"kid": key_id})


def _credentials(site: Site, path: str) -> dict[str, Any]:
    if path.startswith("/api/comments"):
        return {}  # guests need no key; edit tokens come with each comment
    if path.startswith("/ghost/api/content/"):
        return {"params": {"key": site.content_key}}
    return {"headers": {"Authorization": f"Ghost {admin_token(site.admin_key)}"}}


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_server_error_and_the_documented_schema(fuzz_site: Site, method: str, path: str) -> None:
    operation = SCHEMA[path][method]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case: schemathesis.Case) -> None:
        response = case.call(base_url=fuzz_site.base, **_credentials(fuzz_site, path))
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text}"
        case.validate_response(response, checks=CHECKS)

    check()


def test_the_document_is_served_with_the_sites_address(fuzz_site: Site) -> None:
    with urllib.request.urlopen(fuzz_site.base + "/ghost/api/openapi.json", timeout=10) as answer:
        served = json.loads(answer.read())
    assert served["servers"] == [{"url": fuzz_site.base}]
    assert served["paths"] == json.loads(json.dumps(DOCUMENT["paths"]))
