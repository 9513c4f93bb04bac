"""The open-data API's OpenAPI schema (drf-spectacular): title, description, what it documents."""

OPENAPI_SETTINGS = {
    "TITLE": "GCM Review Portal open data",
    "DESCRIPTION": (
        "Read-only data of the GCM Review Portal: published voluntary GCM reviews, their entries "
        "on the 23 objectives, Member States, objectives and review cycles. Only published "
        "revisions are ever exposed. Every list accepts the filters of its web page and "
        "`format=csv` for a CSV export of the whole filtered list."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Errors (400, 404, 429), bounded parameters and CSV as text: gcm_portal/api_schema.py.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gcm_portal.api_schema.complete_the_api_schema",
    ],
}
