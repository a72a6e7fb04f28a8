"""The API does what its OpenAPI document says: schemathesis generates requests from the document (valid and
invalid) and runs every check on the answers — no server errors, only documented statuses, content types and
headers, bodies matching their schemas, invalid input refused, valid input accepted, `Allow` on 405s.

Bounded (a few examples per operation) so it stays quick; the seeded data gives the responses real content."""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks

from marketplace import clock, create_app
from marketplace.extensions import db
from marketplace.search.services import close_index

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone

MAX_EXAMPLES = 8
load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())


@pytest.fixture(scope="module")
def api_app(sqlite_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("api-contract")
    database = folder / "marketplace.sqlite3"
    shutil.copyfile(sqlite_template, database)
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}",
        INSTANCE_PATH=str(folder / "instance"),
        STORAGE_LOCAL_PATH=str(folder / "uploads"),
        SEARCH_INDEX_PATH=str(folder / "search-index"),
    )
    with app.app_context():
        from tests.factories import create_organisation
        from tests.notices.factories import create_notice

        create_organisation(published=True, name="Kentish Town Cleaning CIC")
        create_notice(title="Estate repairs in Gospel Oak")
        db.session.remove()
    yield app
    close_index(app)
    clock.freeze(None)


def _failures(operation, mode: GenerationMode, calls: list) -> list[str]:
    found: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        calls.append(case)
        try:
            case.call_and_validate(checks=ALL_CHECKS)
        except Exception as failure:  # every check's failure, reported together at the end
            found.append(f"{operation.label} ({mode.value}): {str(failure).strip()[:1500]}")
            if len(found) >= 3:
                raise

    try:
        run()
    except Exception:
        pass
    return found


def test_the_api_does_what_its_document_says(api_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app)
    failures: list[str] = []
    calls: list = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures += _failures(operation, mode, calls)
    assert not failures, "\n\n".join(failures)
    assert len(operations) >= 10 and len(calls) >= 8 * len(operations)  # it really ran
