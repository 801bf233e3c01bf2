"""The official HSDS 3.0 schemas from ``../shared/hsds-3.0/``, for validating what Wegwijs serves.

The tests that import this module are skipped, with a plain message, when the
folder is absent (a clone without the shared folder beside it).
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(settings.BASE_DIR).parent / "shared" / "hsds-3.0"
SPEC_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI_URI = "urn:openreferral:hsds-3.0:openapi"
DEFINITIONS_URI = f"{SPEC_BASE}service_with_definitions.json"
COMPILED = (
    "service",
    "service_list",
    "organization",
    "organization_list",
    "service_at_location",
    "service_at_location_list",
)


def require_schemas() -> None:
    if not (SCHEMA_DIR / "openapi.json").is_file():
        pytest.skip(
            "These tests need the HSDS 3.0 schemas in ../shared/hsds-3.0/ (beside the clone).",
            allow_module_level=True,
        )


def load(name: str) -> Any:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    """The schema files by the addresses the official OpenAPI file gives them."""
    resources = [
        (f"{SPEC_BASE}compiled/{name}.json", DRAFT202012.create_resource(load(f"{name}.json")))
        for name in COMPILED
    ]
    resources += [
        (DEFINITIONS_URI, DRAFT202012.create_resource(load("service_with_definitions.json"))),
        (OPENAPI_URI, DRAFT202012.create_resource(load("openapi.json"))),
    ]
    # taxonomy.json and taxonomy_term.json are not compiled; their definitions are.
    for name in ("taxonomy", "taxonomy_term"):
        resources.append(
            (
                f"{SPEC_BASE}{name}.json",
                Resource.from_contents(
                    {"$ref": f"{DEFINITIONS_URI}#/definitions/{name}"},
                    default_specification=DRAFT202012,
                ),
            )
        )
    return Registry().with_resources(resources)


def _pointer(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


def response_schema(path: str) -> dict[str, Any]:
    """The 200 answer of ``path`` in the official HSDS OpenAPI file."""
    return {
        "$ref": f"{OPENAPI_URI}#/paths/{_pointer(path)}/get/responses/200/content/"
        "application~1json/schema"
    }


def errors(instance: Any, schema: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    found = [
        f"{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(instance)
    ]
    return found + unknown_properties(instance, schema)


def _resolve(schema: dict[str, Any], resolver: Any) -> tuple[dict[str, Any], Any]:
    while "$ref" in schema and "properties" not in schema:
        resolved = resolver.lookup(schema["$ref"])
        resolver = resolved.resolver
        schema = resolved.contents
    return schema, resolver


def unknown_properties(
    instance: Any, schema: dict[str, Any], where: str = "", resolver: Any = None
) -> list[str]:
    """HSDS schemas allow any extra property; Wegwijs sends only the defined ones."""
    schema, resolver = _resolve(schema, resolver or registry().resolver())
    found: list[str] = []
    if isinstance(instance, dict):
        properties = {key: (value, resolver) for key, value in schema.get("properties", {}).items()}
        for part in schema.get("allOf", []):
            part, part_resolver = _resolve(part, resolver)
            for key, value in part.get("properties", {}).items():
                properties.setdefault(key, (value, part_resolver))
        if not properties:
            return found
        for key, value in instance.items():
            if key not in properties:
                found.append(f"{where}/{key}: not in the HSDS schema")
            else:
                sub, sub_resolver = properties[key]
                found += unknown_properties(value, sub, f"{where}/{key}", sub_resolver)
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(instance):
            found += unknown_properties(item, schema["items"], f"{where}/{index}", resolver)
    return found
