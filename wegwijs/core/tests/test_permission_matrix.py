"""The permission matrix: every URL against every role and against another organisation's objects.

Generated, not listed: the URL patterns come from walking the URLconf
(``get_resolver()``), the methods of API endpoints from the committed OpenAPI
schema. For each pattern the test

1. looks up the expected access in ``ACCESS`` (one declarative table keyed by
   URL name: public, authenticated, a capability, the admin site);
2. fills the pattern's arguments from ``BUILDERS`` (object builders keyed by
   URL name or argument name), once with objects of the actors' own
   organisation and once with another organisation's;
3. calls it as anonymous, supporter, coordinator, municipality and
   administrator (session for pages, token for the API) and compares what
   happened (allowed, or refused: 401, 403, 404, a redirect to the login)
   with what the table says. Another organisation's objects are refused to
   everyone unless the rule says the object is public.

A new URL without an entry in ``ACCESS`` or without a builder for its
arguments fails with a message that says what to add, so nobody has to
remember to cover it.
"""

import copy
import fnmatch
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.accounts.permissions import ROLE_CAPABILITIES, Capability

pytestmark = pytest.mark.django_db

# --- What is expected: one table ---------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Who may reach a URL. ``scoped``: another organisation's object is refused to all."""

    kind: str  # "public", "authenticated", "capability", "admin", "any"
    capabilities: frozenset[Capability] = frozenset()
    scoped: bool = True
    # Roles with one of these may also reach another organisation's objects.
    across: frozenset[Capability] = frozenset()
    why: str = ""

    def allows(self, role: Role | None) -> bool | None:
        """True or False; None when either outcome is acceptable (``ANY``)."""
        if self.kind == "any":
            return None
        if self.kind == "public":
            return True
        if role is None:
            return False
        if self.kind == "authenticated":
            return True
        if self.kind == "admin":
            return role == Role.ADMINISTRATOR
        # Any one of the capabilities is enough.
        return bool(self.capabilities & ROLE_CAPABILITIES[role])


PUBLIC = Rule("public")
NOBODY = Rule("capability", why="refused to every role by design")
PUBLIC_OBJECT = Rule("public", scoped=False)
AUTHENTICATED = Rule("authenticated")
ADMIN_SITE = Rule("admin")


def needs(
    *capabilities: Capability, scoped: bool = True, across: tuple[Capability, ...] = ()
) -> Rule:
    """A role with any one of ``capabilities``."""
    return Rule(
        "capability",
        capabilities=frozenset(capabilities),
        scoped=scoped,
        across=frozenset(across),
    )


def any_outcome(why: str) -> Rule:
    """Only "no server error": for steps inside a flow (a login in progress)."""
    return Rule("any", why=why)


# Keyed by URL name ("namespace:name"); shell-style wildcards allowed. The
# first matching key wins, so put exceptions before wildcards.
ACCESS: dict[str, Rule] = {
    # Infrastructure and language.
    "health-live": PUBLIC,
    "health-ready": PUBLIC,
    "set_language": PUBLIC,
    # allauth: public entry points, the rest needs a signed-in user.
    "account_login": PUBLIC,
    "account_signup": PUBLIC,
    "account_inactive": PUBLIC,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_logout": any_outcome("shows a confirmation or sends the anonymous visitor home"),
    "account_reset_password_from_key": any_outcome("an invalid key shows 'link not valid'"),
    "account_confirm_email": any_outcome("e-mail verification is off; an invalid key"),
    "account_confirm_login_code": any_outcome("only inside a login by code, which is off"),
    "account_request_reauthentication_code": any_outcome("login by code is off"),
    "account_confirm_reauthentication_code": any_outcome("login by code is off"),
    "mfa_authenticate": any_outcome("only inside a login, after the password"),
    "account_*": AUTHENTICATED,
    "mfa_*": AUTHENTICATED,
    # The Django admin: the administrator only.
    "admin:logout": any_outcome("anyone may log out"),
    "admin:login": any_outcome("sends everyone to the one login; 403 when signed in"),
    "admin:autocomplete": any_outcome("refused without the parameters of a form field"),
    "admin:view_on_site": any_outcome("the admin has no object with a public page"),
    "admin:beheer/(?P<url>.*)$": any_outcome("unknown admin paths: 404 or the login"),
    # Codes are the contract of imports and the API: deactivated, never deleted.
    **{
        f"admin:reference_{code_list}_delete": NOBODY
        for code_list in (
            "activity",
            "channel",
            "outcome",
            "referraldeclinereason",
            "referralstatus",
            "targetgroup",
            "topic",
        )
    },
    # The audit log and unrouted requests are read-only, also in the admin.
    "admin:core_auditentry_add": NOBODY,
    "admin:core_auditentry_delete": NOBODY,
    "admin:intake_unroutedrequest_add": NOBODY,
    "admin:intake_unroutedrequest_delete": NOBODY,
    "admin:*": ADMIN_SITE,
    # API wiring.
    "api:schema": PUBLIC,
    "api:docs": PUBLIC,
    "api:me": AUTHENTICATED,
    "api:reference-*": AUTHENTICATED,
    "api:deadlines-compute": PUBLIC,
    # A client's complete file: who sees all of the organisation's cases.
    "api:client-dossier": needs(
        Capability.SEE_ALL_ORGANISATION_CASES, Capability.MANAGE_ORGANISATION
    ),
    "api:client*": needs(Capability.WORK_WITH_CLIENTS),
    "api:case*": needs(Capability.WORK_WITH_CLIENTS),
    "api:contact-moment*": needs(Capability.WORK_WITH_CLIENTS),
    "api:requests": needs(Capability.TRIAGE_REQUESTS),
    "api:request": needs(Capability.TRIAGE_REQUESTS),
    "api:referral-accept": needs(Capability.HANDLE_INCOMING_REFERRALS),
    "api:referral-decline": needs(Capability.HANDLE_INCOMING_REFERRALS),
    "api:referral*": needs(Capability.REFER),
    "api:registrations-*": needs(Capability.IMPORT_REGISTRATIONS),
    "api:monitoring-summary": needs(Capability.VIEW_MONITORING, Capability.VIEW_OWN_FIGURES),
    # Open Referral HSDS: the public directory as data.
    "hsds:*": PUBLIC_OBJECT,
    # Directory: public pages; its staff pages for the organisation's coordinator,
    # and for the administrator across organisations.
    "directory:finder": PUBLIC,
    "directory:finder-answer": PUBLIC,
    "directory:search": PUBLIC,
    "directory:organisation": PUBLIC_OBJECT,
    "directory:service": PUBLIC_OBJECT,
    "directory:manage": needs(Capability.MANAGE_ORGANISATION, Capability.MANAGE_CONFIGURATION),
    "directory:*": needs(
        Capability.MANAGE_ORGANISATION,
        Capability.MANAGE_CONFIGURATION,
        across=(Capability.MANAGE_CONFIGURATION,),
    ),
    # Intake: the form and the receipt (its token is the key) are public.
    "intake:request": PUBLIC,
    "intake:receipt": PUBLIC_OBJECT,
    "intake:*": needs(Capability.TRIAGE_REQUESTS),
    # Referrals.
    "referrals:incoming-list": needs(Capability.HANDLE_INCOMING_REFERRALS),
    "referrals:referral-accept": needs(Capability.HANDLE_INCOMING_REFERRALS),
    "referrals:referral-decline": needs(Capability.HANDLE_INCOMING_REFERRALS),
    "referrals:*": needs(Capability.REFER),
    # The uniform registration format.
    "registrations:*": needs(Capability.IMPORT_REGISTRATIONS),
    # Monitoring: totals for the municipality, exact own figures for a coordinator.
    "monitoring:open-data": needs(Capability.VIEW_MONITORING),
    "monitoring:settings": needs(Capability.MANAGE_CONFIGURATION),
    "monitoring:survey-invite": needs(Capability.WORK_WITH_CLIENTS),
    "monitoring:survey-thanks": PUBLIC,
    "monitoring:survey": PUBLIC_OBJECT,  # a single-use link; its token is the key
    # A table's name, not an organisation's object: each viewer gets their own figures.
    "monitoring:download": needs(
        Capability.VIEW_MONITORING, Capability.VIEW_OWN_FIGURES, scoped=False
    ),
    "monitoring:*": needs(Capability.VIEW_MONITORING, Capability.VIEW_OWN_FIGURES),
    # Portal.
    "portal:public-home": PUBLIC,
    "portal:accessibility": PUBLIC,
    "portal:home": AUTHENTICATED,
    "portal:my-work": needs(Capability.WORK_WITH_CLIENTS),
    "portal:my-organisation": needs(Capability.MANAGE_ORGANISATION),
    "portal:case-visibility": needs(Capability.MANAGE_ORGANISATION),
    # The municipality's totals; a coordinator's own organisation's exact figures.
    "portal:monitoring": needs(Capability.VIEW_MONITORING, Capability.VIEW_OWN_FIGURES),
    "portal:configuration": needs(Capability.MANAGE_CONFIGURATION),
    # Case register.
    "cases:client-dossier-*": needs(
        Capability.SEE_ALL_ORGANISATION_CASES, Capability.MANAGE_ORGANISATION
    ),
    "cases:client-destroy": needs(Capability.MANAGE_ORGANISATION),
    # Requests to destroy a client's file and their three-month term (AVG art. 17).
    "cases:destruction-requests": needs(Capability.MANAGE_ORGANISATION),
    "cases:*": needs(Capability.WORK_WITH_CLIENTS),
    # Deadlines.
    "deadlines:public-bezwaar": PUBLIC,
    # The secret token in the URL is the key, whoever holds it.
    "deadlines:feed": PUBLIC_OBJECT,
    "deadlines:*": needs(Capability.WORK_WITH_CLIENTS),
}


def rule_for(name: str) -> Rule | None:
    for pattern, rule in ACCESS.items():
        if fnmatch.fnmatchcase(name, pattern):
            return rule
    return None


# --- The world the URLs are called in ----------------------------------------


@dataclass
class World:
    """Accounts per role in one organisation, and objects of it and of another organisation."""

    users: dict[Role, Any]
    tokens: dict[Role, str]
    own: dict[str, Any] = field(default_factory=dict)
    other: dict[str, Any] = field(default_factory=dict)


def _objects_of(supporter: Any) -> dict[str, Any]:
    from wegwijs.cases import services as case_services
    from wegwijs.cases.constants import ConsentSubject
    from wegwijs.cases.tests import factories as case_factories
    from wegwijs.deadlines import services as deadline_services

    today = timezone.localdate()
    client = case_factories.client(supporter)
    case = case_factories.case(supporter, client_obj=client)
    moment = case_factories.contact_moment(supporter, case_obj=case)
    appointment = case_services.appointment_plan(
        actor=supporter,
        case=case,
        starts_at=timezone.now() + timedelta(days=3),
        channel_code="telefoon",
    )
    consent = case_services.consent_record(
        actor=supporter,
        client=client,
        subject=ConsentSubject.SHARE_REFERRAL,
        given_on=today,
    )
    deadline = deadline_services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=today - timedelta(days=2)
    )
    feed = deadline_services.calendar_feed_renew(user=supporter)
    return {
        **_directory_objects(supporter.organisation),
        **_intake_objects(supporter.organisation),
        **_referral_objects(supporter, case),
        **_registration_objects(supporter),
        **_monitoring_objects(supporter),
        "organisation": supporter.organisation,
        "supporter": supporter,
        "client": client,
        "case": case,
        "contact_moment": moment,
        "appointment": appointment,
        "consent": consent,
        "deadline": deadline,
        "feed": feed,
    }


def _directory_objects(organisation: Any) -> dict[str, Any]:
    from wegwijs.directory.hsds import mapping
    from wegwijs.directory.tests import factories as directory_factories

    service = directory_factories.service(organisation)
    location = directory_factories.location(organisation)
    return {
        "service": service,
        "location": location,
        "schedule": directory_factories.schedule(location),
        "service_at_location": directory_factories.service_at_location(service, location),
        "taxonomy_id": mapping.SCHEDULE_TAXONOMY_ID,
        "taxonomy_term_id": mapping.WALK_IN_TERM_ID,
    }


def _intake_objects(organisation: Any) -> dict[str, Any]:
    from wegwijs.intake.tests import factories as intake_factories

    return {
        "help_request": intake_factories.help_request(preferred_organisation_slug=organisation.slug)
    }


def _referral_objects(supporter: Any, case: Any) -> dict[str, Any]:
    from wegwijs.referrals.tests import factories as referral_factories

    # A third organisation on the other side of each referral.
    third = referral_factories.side()
    return {
        "outgoing_referral": referral_factories.referral(
            supporter, case=case, to=third.organisation
        ),
        "incoming_referral": referral_factories.referral(
            third.supporter,
            case=referral_factories.sender_case(third.supporter),
            to=supporter.organisation,
        ),
    }


def _registration_objects(supporter: Any) -> dict[str, Any]:
    from wegwijs.registrations.models import ImportJob

    job = ImportJob.objects.create(
        organisation=supporter.organisation, created_by=supporter, file_name="registraties.csv"
    )
    return {"import_job": job}


def _monitoring_objects(supporter: Any) -> dict[str, Any]:
    from wegwijs.monitoring import services as monitoring_services

    offer = monitoring_services.survey_offer_create(
        supporter=supporter,
        organisation_id=supporter.organisation.pk,
        closed_on=timezone.localdate(),
    )
    assert offer is not None
    token = monitoring_services.survey_invite(
        actor=supporter, offer_id=offer.pk, client_consents=True
    )
    return {"survey_token": token}


@pytest.fixture
def world(db) -> World:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from wegwijs.accounts.services import api_token_create
    from wegwijs.accounts.tests import factories

    own = factories.organisation("eigen-organisatie")
    other = factories.organisation("andere-organisatie")
    users = {
        Role.SUPPORTER: factories.user(Role.SUPPORTER, organisation_slug=own.slug),
        Role.COORDINATOR: factories.user(Role.COORDINATOR, organisation_slug=own.slug),
        Role.MUNICIPALITY: factories.user(Role.MUNICIPALITY),
        Role.ADMINISTRATOR: factories.user(Role.ADMINISTRATOR),
    }
    tokens = {role: api_token_create(email=user.email) for role, user in users.items()}
    for user in users.values():
        # With two-factor authentication set up, as production requires.
        TOTP.activate(user, generate_totp_secret())
        RecoveryCodes.activate(user)
    other_supporter = factories.user(Role.SUPPORTER, organisation_slug=other.slug)
    return World(
        users=users,
        tokens=tokens,
        own=_objects_of(users[Role.SUPPORTER]),
        other=_objects_of(other_supporter),
    )


# --- How a pattern's arguments are filled: the builder registry --------------

Builder = Callable[[dict[str, Any]], dict[str, Any]]


def _pk(key: str, argument: str = "pk") -> Builder:
    return lambda objects: {argument: objects[key].pk}


# Keyed by URL name (wildcards allowed) or, failing that, by "*:<argument>" for
# every URL with that argument. A builder takes the objects of one
# organisation (``World.own`` or ``World.other``) and returns the URL's kwargs.
BUILDERS: dict[str, Builder] = {
    "cases:client-*": _pk("client"),
    "cases:case-open": _pk("client"),
    "cases:consent-record": _pk("client"),
    "cases:consent-withdraw": lambda o: {"pk": o["client"].pk, "consent_pk": o["consent"].pk},
    "cases:case-*": _pk("case"),
    "cases:contact-moment-register": _pk("case"),
    "cases:appointment-plan": _pk("case"),
    "cases:contact-moment-update": _pk("contact_moment"),
    "cases:appointment-*": _pk("appointment"),
    "api:client*": _pk("client"),
    "api:case*": _pk("case"),
    "api:contact-moment*": _pk("contact_moment"),
    "deadlines:deadline-add": _pk("case", "case_pk"),
    "deadlines:deadline-*": _pk("deadline"),
    "deadlines:feed": lambda o: {"token": o["feed"].token},
    "*:case_pk": _pk("case", "case_pk"),
    "directory:organisation": lambda o: {"slug": o["organisation"].slug},
    "directory:service": _pk("service"),
    "directory:service-edit": lambda o: {"slug": o["organisation"].slug, "pk": o["service"].pk},
    "directory:service-delete": lambda o: {"slug": o["organisation"].slug, "pk": o["service"].pk},
    "directory:location-new": lambda o: {"slug": o["organisation"].slug},
    "directory:location-*": lambda o: {"slug": o["organisation"].slug, "pk": o["location"].pk},
    "directory:schedule-add": lambda o: {"slug": o["organisation"].slug, "pk": o["location"].pk},
    "directory:schedule-delete": lambda o: {
        "slug": o["organisation"].slug,
        "pk": o["schedule"].pk,
    },
    "directory:*": lambda o: {"slug": o["organisation"].slug},
    "hsds:service": lambda o: {"pk": str(o["service"].pk)},
    "hsds:organization": lambda o: {"pk": str(o["organisation"].uuid)},
    "hsds:service-at-location": lambda o: {"pk": str(o["service_at_location"].pk)},
    "hsds:taxonomy": lambda o: {"pk": o["taxonomy_id"]},
    "hsds:taxonomy-term": lambda o: {"pk": o["taxonomy_term_id"]},
    "intake:receipt": lambda o: {"token": o["help_request"].receipt_token},
    "intake:*": lambda o: {"reference": o["help_request"].reference},
    "api:request": lambda o: {"reference": o["help_request"].reference},
    "referrals:referral-accept": _pk("incoming_referral"),
    "referrals:referral-decline": _pk("incoming_referral"),
    "referrals:refer": _pk("case", "case_pk"),
    "referrals:*": _pk("outgoing_referral"),
    "api:referral-accept": _pk("incoming_referral"),
    "api:referral-decline": _pk("incoming_referral"),
    "api:referral*": _pk("outgoing_referral"),
    "registrations:job": _pk("import_job"),
    "monitoring:download": lambda o: {"table": "kerncijfers", "fmt": "csv"},
    "monitoring:survey": lambda o: {"token": o["survey_token"]},
    "account_confirm_email": lambda o: {"key": "ongeldige-sleutel"},
    "account_reset_password_from_key": lambda o: {"uidb36": "1", "key": "ongeldige-sleutel"},
}


def build_kwargs(name: str, arguments: list[str], objects: dict[str, Any]) -> dict[str, Any]:
    if not arguments:
        return {}
    for key, builder in BUILDERS.items():
        if fnmatch.fnmatchcase(name, key):
            return builder(objects)
    kwargs: dict[str, Any] = {}
    for argument in arguments:
        by_argument = BUILDERS.get(f"*:{argument}")
        if by_argument is None:
            raise LookupError(argument)
        kwargs.update(by_argument(objects))
    return kwargs


# --- Walking the URLconf -----------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str  # "namespace:name", or the route for an unnamed pattern
    route: str
    arguments: tuple[str, ...]
    is_api: bool
    is_admin: bool

    def __str__(self) -> str:
        return self.name


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Endpoint]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            if not name and route.startswith("beheer/"):
                name = f"admin:{route}"
            yield Endpoint(
                name=name or route,
                route=route,
                arguments=tuple(pattern.pattern.regex.groupindex),
                is_api=route.startswith("api/"),
                is_admin=route.startswith("beheer/"),
            )


ENDPOINTS = sorted(_walk(get_resolver().url_patterns), key=lambda e: e.route)
OTHER_ENDPOINTS = [e for e in ENDPOINTS if not e.is_admin]

SCHEMA = yaml.safe_load((Path(settings.BASE_DIR) / "schema" / "openapi.yaml").read_text())
SCHEMA_METHODS = {
    path: [m for m in operations if m in ("get", "post", "put", "patch", "delete")]
    for path, operations in SCHEMA["paths"].items()
}


def _schema_path(path: str) -> str | None:
    """The schema's path template that ``path`` (a concrete URL) matches."""
    for template in SCHEMA_METHODS:
        regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(regex, path):
            return template
    return None


# --- Calling and judging -----------------------------------------------------

ALLOWED, REFUSED = "allowed", "refused"
LOGIN_PATHS = ("/account/login/", "/beheer/login/")


def outcome(response: Any) -> str:
    status = response.status_code
    assert status < 500, f"server error {status}"
    if status in (401, 403, 404):
        return REFUSED
    if status in (301, 302, 303, 307) and urlsplit(response["Location"]).path in LOGIN_PATHS:
        return REFUSED
    return ALLOWED


def call(client: Client, path: str, methods: list[str], *, api: bool) -> list[tuple[str, str]]:
    """Call ``path`` with each method; a page that refuses GET (405) is posted to."""
    results = []
    for method in methods:
        if method == "get":
            response = client.get(path)
            if response.status_code == 405 and not api:
                response = client.post(path, {})
                method = "post"
        elif api:
            response = getattr(client, method)(path, data={}, content_type="application/json")
        else:
            response = client.post(path, {})
        results.append((method.upper(), outcome(response)))
    return results


ACTORS: list[Role | None] = [None, *Role]


class Actors:
    """A signed-in browser and an API client per role, and anonymous ones."""

    def __init__(self, world: World) -> None:
        self.pages: dict[Role | None, Client] = {None: Client()}
        self.api: dict[Role | None, Client] = {None: Client()}
        for role in Role:
            page = Client()
            page.force_login(world.users[role], backend="django.contrib.auth.backends.ModelBackend")
            self.pages[role] = page
            api = Client()
            api.defaults["HTTP_AUTHORIZATION"] = f"Token {world.tokens[role]}"
            self.api[role] = api


class Rollback(Exception):
    pass


def check(
    world: World,
    actors: Actors,
    endpoint: Endpoint,
    *,
    path_of: Callable[[dict[str, Any]], str],
) -> list[str]:
    """Call ``endpoint`` as every actor; return what differs from ``ACCESS``."""
    rule = rule_for(endpoint.name)
    if rule is None:
        return [
            f"No expected access for URL {endpoint.name!r} ({endpoint.route}). Add it to "
            "ACCESS in wegwijs/core/tests/test_permission_matrix.py: PUBLIC, AUTHENTICATED, "
            "needs(Capability.…) or ADMIN_SITE."
        ]
    variants = [("own", world.own)]
    if endpoint.arguments:
        variants.append(("other", world.other))
    try:
        paths = {variant: path_of(objects) for variant, objects in variants}
    except NoReverseMatch as error:
        return [
            f"The builder for URL {endpoint.name!r} ({endpoint.route}) gives the wrong "
            f"arguments: {error}. Fix its entry in BUILDERS."
        ]
    except LookupError as missing:
        return [
            f"No builder for URL {endpoint.name!r} ({endpoint.route}): cannot fill argument "
            f"{missing.args[0]!r}. Add an entry for {endpoint.name!r} (or '*:{missing.args[0]}') "
            "to BUILDERS in wegwijs/core/tests/test_permission_matrix.py, building the object "
            "in _objects_of for World.own and World.other."
        ]
    methods = ["get"]
    if endpoint.is_api:
        template = _schema_path(paths["own"])
        if template is not None:
            methods = SCHEMA_METHODS[template]

    wrong = []
    for variant, path in paths.items():
        for role in ACTORS:
            expected = rule.allows(role)
            if variant == "other" and rule.scoped and expected:
                expected = role is not None and bool(rule.across & ROLE_CAPABILITIES[role])
            client = (actors.api if endpoint.is_api else actors.pages)[role]
            cookies = copy.deepcopy(client.cookies)
            try:
                # Whatever the call changes is undone, so every call meets the same world.
                with transaction.atomic():
                    results = call(client, path, methods, api=endpoint.is_api)
                    raise Rollback
            except Rollback:
                pass
            except AssertionError as error:
                wrong.append(f"{endpoint.name}: {path} as {role or 'anonymous'}: {error}")
                continue
            finally:
                # A logout or a new login changes the session cookie; keep the actor's own.
                client.cookies = cookies
            for method, got in results:
                if expected is not None and (got == ALLOWED) != expected:
                    who = role.value if role else "anonymous"
                    wrong.append(
                        f"{endpoint.name}: {method} {path} as {who} ({variant} organisation): "
                        f"{got}, expected {ALLOWED if expected else REFUSED}"
                    )
    return wrong


def _group(endpoint: Endpoint) -> str:
    if endpoint.is_admin:
        return "admin"
    return endpoint.name.split(":")[0] if ":" in endpoint.name else "site"


GROUPS = sorted({_group(e) for e in ENDPOINTS})


def _path_of(endpoint: Endpoint) -> Callable[[dict[str, Any]], str]:
    if endpoint.is_admin:
        return lambda objects: _admin_path(endpoint, objects)

    def path_of(objects: dict[str, Any]) -> str:
        kwargs = build_kwargs(endpoint.name, list(endpoint.arguments), objects)
        return reverse(endpoint.name, kwargs=kwargs or None)

    return path_of


@pytest.mark.parametrize("group", GROUPS)
def test_every_url_against_every_role(world, group):
    """One world per group of URLs; each URL's calls are rolled back afterwards."""
    actors = Actors(world)
    wrong = []
    for endpoint in ENDPOINTS:
        if _group(endpoint) != group:
            continue
        if endpoint.is_admin:
            # Filled from the route (_admin_path): the own variant only.
            endpoint = Endpoint(endpoint.name, endpoint.route, (), is_api=False, is_admin=True)
        wrong += check(world, actors, endpoint, path_of=_path_of(endpoint))
    assert not wrong, f"{len(wrong)} differences from ACCESS:\n" + "\n".join(wrong)


# The admin's URLs follow one scheme: fill them from the model in the route.
ADMIN_MODEL = re.compile(r"^beheer/(?P<app>[a-z_]+)/(?P<model>[a-z_]+)/")


def _admin_path(endpoint: Endpoint, objects: dict[str, Any]) -> str:
    from django.apps import apps

    route = endpoint.route
    if "(?P<url>" in route:
        return "/beheer/bestaat-niet/"
    if "(?P<app_label>" in route:
        return "/beheer/accounts/"
    if "<path:content_type_id>" in route or "<int:content_type_id>" in route:
        return "/beheer/r/1/1/"
    match = ADMIN_MODEL.match(route)
    for placeholder in ("<path:object_id>", "<id>"):
        if placeholder in route:
            assert match, route
            model = apps.get_model(match["app"], match["model"])
            instance = model._default_manager.order_by("pk").first()
            route = route.replace(placeholder, str(instance.pk) if instance else "0")
    return "/" + route


def test_every_api_url_is_in_the_committed_schema():
    documented = set(SCHEMA_METHODS)
    missing = []
    for endpoint in OTHER_ENDPOINTS:
        if not endpoint.route.startswith("api/v1/") or endpoint.name in ("api:schema", "api:docs"):
            continue
        template = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", endpoint.route)
        template = template.replace("{pk}", "{id}")
        if template not in documented and _schema_path(template) is None:
            missing.append(f"{endpoint.name} ({template})")
    assert not missing, (
        "API URLs missing from schema/openapi.yaml (run `make schema` and commit it):\n"
        + "\n".join(missing)
    )


def test_the_table_has_no_stale_entries():
    names = [endpoint.name for endpoint in ENDPOINTS]
    stale = [key for key in ACCESS if not any(fnmatch.fnmatchcase(n, key) for n in names)]
    assert not stale, f"ACCESS entries that match no URL any more: {stale}"
