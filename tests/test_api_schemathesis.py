"""The open data API keeps the promises of its own schema (issue 16): schemathesis loads
`/api/v1/schema/` from a live server on PostgreSQL, with published reviews, regional reports and
inputs, stakeholder inputs and pledges behind it, and runs every operation with data that fits
the schema (which must be accepted) and data that does not (which must be refused with a 4xx),
checking each answer: never a server error, a status code, content type, headers and body that
the schema declares.

The run is reproducible (`derandomize`): a failure in CI is the same failure on a laptop."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import publishing
from tests.regional import publishing as regional_publishing
from tests.stakeholders import inputs, pledging

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
]
EXAMPLES_PER_OPERATION = 25
RUN = {"operations": set(), "examples": 0}


@pytest.fixture
def published_data(reference_data, settings, tmp_path):
    """Something published of every kind the API lists, so that lists and details have rows."""
    settings.MEDIA_ROOT = tmp_path
    publishing.published_review("MEX", objectives={6: ("under_way", "Fair recruitment.")})
    publishing.published_review("GHA", language="fr")
    regional_publishing.published_report("ECE", objectives=(1, 6))
    regional_publishing.published_input("ECE")
    inputs.published_input()
    pledging.published_pledge("GHA")


def _run(operation, mode) -> str | None:
    """Run one operation in one mode; the failure's report, or None."""

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: each failure is reported as found
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        RUN["examples"] += 1
        case.call_and_validate(checks=CHECKS)

    try:
        run()
    except (Exception, BaseExceptionGroup) as error:  # collected, reported together
        return f"{operation.label} ({mode.value}): {error}"
    return None


@pytest.mark.django_db(transaction=True)
def test_the_api_keeps_the_promises_of_its_schema(published_data, live_server):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        RUN["operations"].add(operation.label)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures.append(_run(operation, mode))
    failures = [f for f in failures if f]
    print(f"schemathesis: {len(RUN['operations'])} operations, {RUN['examples']} examples")
    assert len(RUN["operations"]) == 20
    assert not failures, "\n\n".join(failures)


FILTERED_BY_OBJECTIVE = ["/api/v1/reviews/", "/api/v1/objective-entries/", "/api/v1/pledges/"]


def _parameters(schema, path) -> dict:
    return {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}


@pytest.mark.django_db
def test_the_schema_bounds_the_objective_and_the_api_refuses_what_it_excludes(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in FILTERED_BY_OBJECTIVE:
        objective = _parameters(schema, path)["objective"]
        assert objective["anyOf"][0] == {"type": "integer", "minimum": 1, "maximum": 23}, path
        assert "400" in schema["paths"][path]["get"]["responses"], path
        response = client.get(f"{path}?objective=0")
        assert response.status_code == 400, path
        assert list(response.json()) == ["objective"], path
        assert client.get(f"{path}?objective=23").status_code == 200, path
        assert client.get(f"{path}?objective=").status_code == 200, path  # empty: no filter


@pytest.mark.django_db
def test_every_operation_documents_404_and_429_and_every_list_400(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operations = [
        (path, operation)
        for path, methods in schema["paths"].items()
        for operation in methods.values()
    ]
    assert len(operations) == 20
    for path, operation in operations:
        responses = operation["responses"]
        assert {"200", "404", "429"} <= set(responses), path
        assert responses["429"]["headers"]["Retry-After"]["required"] is True, path
        assert ("400" in responses) == (not path.endswith("}/")), path
        assert responses["200"]["content"]["text/csv"] == {"schema": {"type": "string"}}, path


@pytest.mark.django_db
def test_page_size_and_yes_no_filters_refuse_what_the_schema_excludes(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    page_size = _parameters(schema, "/api/v1/states/")["page_size"]["anyOf"][0]
    assert (page_size["minimum"], page_size["maximum"]) == (1, 500)
    assert _parameters(schema, "/api/v1/states/")["is_sids"]["anyOf"][0]["type"] == "boolean"
    for query in ["page_size=0", "page_size=501", "page_size=ten", "format=csv&page_size=0"]:
        assert client.get(f"/api/v1/states/?{query}").status_code == 400, query
    assert len(client.get("/api/v1/states/?page_size=500").json()["results"]) == 193
    assert client.get("/api/v1/states/?format=csv&page=zero").status_code == 404
    response = client.get("/api/v1/states/?is_sids=maybe")
    assert response.status_code == 400
    assert list(response.json()) == ["is_sids"]
    assert client.get("/api/v1/states/?is_sids=true").json()["count"] == 37
