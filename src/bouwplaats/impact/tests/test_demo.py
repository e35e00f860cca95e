# SPDX-License-Identifier: EUPL-1.2
"""Demo landscapes and scenarios: plausible, labelled, idempotent, removable."""

from django.core.management import call_command

from bouwplaats.impact import demo
from bouwplaats.impact.models import Application, ApplicationReference, ImpactScenario


def test_landscape_is_deterministic_and_sized():
    components = {"Burgerzakencomponent": "bz", "Inkomenscomponent": "ink", **{f"C{i}": f"c{i}" for i in range(150)}}
    realised = {"bz": ["std-1", "std-2"], "ink": ["std-3"]}
    fillers = sorted(components.values())
    small = demo.landscape(
        seed=1,
        municipality_code="GM0001",
        inhabitants=1_000,
        components=components,
        realised=realised,
        filler_components=fillers,
    )
    large = demo.landscape(
        seed=1,
        municipality_code="GM0002",
        inhabitants=800_000,
        components=components,
        realised=realised,
        filler_components=fillers,
    )
    again = demo.landscape(
        seed=1,
        municipality_code="GM0001",
        inhabitants=1_000,
        components=components,
        realised=realised,
        filler_components=fillers,
    )
    assert small == again
    assert demo.MIN_APPLICATIONS <= len(small) < len(large) <= demo.MAX_APPLICATIONS
    burgerzaken = next(app for app in small if "bz" in app.components)
    assert set(burgerzaken.standards) <= {"std-1", "std-2"}


def test_command_is_idempotent_and_removable(db, settings):
    settings.DEBUG = True
    call_command("load_demo_landscapes", verbosity=0)
    count = Application.objects.count()
    references = ApplicationReference.objects.count()
    assert Application.objects.values("municipality").distinct().count() == 403
    assert 403 * demo.MIN_APPLICATIONS <= count <= 403 * demo.MAX_APPLICATIONS
    assert not Application.objects.filter(is_demo=False).exists()
    assert set(ImpactScenario.objects.filter(is_demo=True).values_list("title", flat=True)) == {
        "DigiD",
        "Participatiewet",
    }
    call_command("load_demo_landscapes", verbosity=0)
    assert (Application.objects.count(), ApplicationReference.objects.count()) == (count, references)
    assert ImpactScenario.objects.count() == 2
    call_command("load_demo_landscapes", "--remove", verbosity=0)
    assert not Application.objects.exists()
    assert not ImpactScenario.objects.exists()
