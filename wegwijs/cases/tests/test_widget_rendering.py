"""The fast widget renderer writes exactly the HTML of Django's widget templates."""

from typing import Any

import pytest
from django import forms as django_forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe

from wegwijs.cases import forms
from wegwijs.cases.tests import factories
from wegwijs.portal.templatetags.wegwijs_tags import form_control

pytestmark = pytest.mark.django_db


def rendered(form: django_forms.Form) -> list[Any]:
    """Every field of ``form`` as the templates show it: whole, through form_control, per option."""
    form._bound_fields_cache.clear()  # type: ignore[attr-defined]
    return [
        (
            str(form[name]),
            form_control(form[name], has_help=True),
            [option.tag() for option in form[name].subwidgets],
        )
        for name in form.fields
    ]


def assert_same(form_class: Any, *args: Any, **kwargs: Any) -> None:
    form = form_class(*args, **kwargs)
    assert form.renderer is forms.FAST_WIDGET_RENDERER
    if form.is_bound:
        form.is_valid()
    fast = rendered(form)
    form.renderer = get_default_renderer()
    assert rendered(form) == fast


def test_every_case_form_renders_the_same(supporter):
    case = factories.case(supporter)
    moment = factories.contact_moment(supporter, case_obj=case)
    supporters = [supporter]
    organisation = supporter.organisation
    cases = [
        (forms.QuickRegistrationForm, (), {}),
        (forms.QuickRegistrationForm, ({"topic": "x", "minutes": "-1", "note": "<b>"},), {}),
        (forms.ClientSearchForm, ({"q": 'a "quote" & <tag>'},), {}),
        (forms.ClientForm, (), {"organisation": organisation}),
        (
            forms.ClientForm,
            ({"target_groups": ["x"], "email": "x"},),
            {"organisation": organisation},
        ),
        (forms.ConsentForm, (), {}),
        (forms.ClientDestroyForm, ({},), {}),
        (forms.CaseOpenForm, (), {}),
        (forms.CaseUpdateForm, ({"supporters": [supporter.pk]},), {"supporters": supporters}),
        (forms.CaseCloseForm, (), {"initial": {"version": 3}}),
        (forms.CaseCloseForm, ({"experienced_independent": "ja"},), {}),
        (forms.ContactMomentRegisterForm, (), {"prefix": "contact"}),
        (
            forms.ContactMomentUpdateForm,
            (),
            {"initial": forms.contact_moment_initial(moment)},
        ),
        (forms.AppointmentForm, ({"afspraak-channel": "nee"},), {"prefix": "afspraak"}),
        (forms.AppointmentCompleteForm, (), {}),
        (forms.CaseFilterForm, (), {"supporters": supporters}),
        (
            forms.CaseFilterForm,
            ({"status": "open", "ondersteuner": str(supporter.pk), "sorteer": "client"},),
            {"supporters": supporters},
        ),
    ]
    for form_class, args, kwargs in cases:
        assert_same(form_class, *args, **kwargs)


def test_unusual_values_render_the_same():
    class Unusual(forms.Form):
        grouped = django_forms.ChoiceField(
            choices=[("Groep <1>", [(1, "één"), (2, mark_safe("<i>twee</i>"))]), ("", "Geen")],
            widget=django_forms.Select(attrs={"data-x": 0, "hidden": True, "gone": False}),
        )
        numbered = django_forms.ChoiceField(choices=[(1, 10), (2, 20)])
        boxes = django_forms.MultipleChoiceField(
            choices=[("Groep", [("a", "A & B")]), ("c", "C")],
            widget=django_forms.CheckboxSelectMultiple(attrs={"class": "x"}),
        )
        text = django_forms.CharField(widget=django_forms.Textarea)
        flag = django_forms.BooleanField()

    for data in (None, {"grouped": "2", "boxes": ["a", "c"], "text": "<&>", "flag": "on"}):
        assert_same(Unusual, data)
