# SPDX-License-Identifier: EUPL-1.2
"""Who may see each municipality's progress: the programme setting, its one rule, its migration and API."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from bouwplaats.catalogue.models import Programme, StatusVisibility
from bouwplaats.core.testing import invalid_params

from .factories import ProgrammeFactory, StaffFactory

MANAGE = Path(__file__).resolve().parents[4] / "manage.py"
END = datetime.date(2015, 1, 1)
BEFORE_END = datetime.date(2014, 12, 31)


@pytest.mark.parametrize(
    ("visibility", "end_date", "on", "public"),
    [
        (StatusVisibility.PUBLIC, END, BEFORE_END, True),
        (StatusVisibility.PUBLIC, None, BEFORE_END, True),
        (StatusVisibility.AFTER_END, END, BEFORE_END, False),
        (StatusVisibility.AFTER_END, END, END, True),  # the programme has ended on its end date
        (StatusVisibility.AFTER_END, END, datetime.date(2026, 6, 1), True),
        (StatusVisibility.AFTER_END, None, datetime.date(2026, 6, 1), False),  # no end: never ends
        (StatusVisibility.AGGREGATED, END, BEFORE_END, False),
        (StatusVisibility.AGGREGATED, END, datetime.date(2026, 6, 1), False),
    ],
)
def test_is_public_by_setting_and_date(visibility, end_date, on, public):
    programme = Programme(municipality_status_visibility=visibility, end_date=end_date)
    assert programme.municipality_status_is_public(on) is public


def test_today_is_the_default_date(monkeypatch):
    from django.utils import timezone

    programme = Programme(municipality_status_visibility=StatusVisibility.AFTER_END, end_date=END)
    monkeypatch.setattr(timezone, "localdate", lambda: BEFORE_END)
    assert not programme.municipality_status_is_public()
    monkeypatch.setattr(timezone, "localdate", lambda: END)
    assert programme.municipality_status_is_public()


def test_new_programmes_are_public_after_their_end():
    assert Programme().municipality_status_visibility == StatusVisibility.AFTER_END


@pytest.mark.django_db
@pytest.mark.parametrize("on", [BEFORE_END, END, datetime.date(2026, 6, 1)])
def test_the_filter_agrees_with_the_rule(on):
    programmes = [
        ProgrammeFactory(municipality_status_visibility=visibility, end_date=end_date)
        for visibility in StatusVisibility.values
        for end_date in (END, None)
    ]
    ids = {programme.pk for programme in programmes}
    filtered = set(
        Programme.objects.filter(Programme.public_status_filter(on=on), pk__in=ids).values_list("pk", flat=True)
    )
    assert filtered == {programme.pk for programme in programmes if programme.municipality_status_is_public(on)}
    assert filtered  # "public" programmes are always among them


@pytest.mark.django_db
def test_the_reference_data_programme_is_public_after_its_end():
    """Operatie NUP (from data/programmes/operatie-nup.json) ended on 1 January 2015: its details are public."""
    nup = Programme.objects.filter(slug="operatie-nup").first()
    if nup is None:
        from django.core.management import call_command

        call_command("load_reference_data", verbosity=0)
        nup = Programme.objects.get(slug="operatie-nup")
    assert nup.end_date == END
    assert nup.municipality_status_visibility == StatusVisibility.AFTER_END
    assert nup.municipality_status_is_public(datetime.date(2026, 1, 1))
    assert not nup.municipality_status_is_public(BEFORE_END)


# --- the migration from the yes/no setting -------------------------------------------------------

MIGRATION_CHECK = """
from django.core.management import call_command
from django.db import connection

call_command("migrate", "catalogue", "0003", verbosity=0)
with connection.cursor() as cursor:
    for slug, public in (("open", True), ("closed", False), ("operatie-nup", False)):
        cursor.execute(
            "INSERT INTO catalogue_programme (slug, name, description, owner, executor, start_date, "
            "start_date_note, end_date, reference_date, is_current, municipality_status_public) "
            "VALUES (%s, %s, '', '', '', '2011-07-01', '', '2015-01-01', '2014-01-01', false, %s)",
            [slug, slug, public],
        )
call_command("migrate", "catalogue", "0005", verbosity=0)
with connection.cursor() as cursor:
    cursor.execute("SELECT slug, municipality_status_visibility FROM catalogue_programme ORDER BY slug")
    print("forwards", sorted(cursor.fetchall()))
call_command("migrate", "catalogue", "0004", verbosity=0)
with connection.cursor() as cursor:
    cursor.execute("SELECT slug, municipality_status_public FROM catalogue_programme ORDER BY slug")
    print("backwards", sorted((slug, bool(public)) for slug, public in cursor.fetchall()))
"""


def test_the_migration_keeps_who_sees_what(tmp_path):
    """Run on a database of its own (migrating the test database back and forth would empty it)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bouwplaats.conf.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'migration.sqlite3'}",
        "CACHE_URL": "locmemcache://",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, str(MANAGE), "shell", "--no-imports", "-c", MIGRATION_CHECK],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # "public" stays public; "not public" becomes "aggregated only": nothing hidden becomes visible,
    # except in Operatie NUP, which becomes public after its end (1 January 2015) like new programmes.
    assert "forwards [('closed', 'aggregated'), ('open', 'public'), ('operatie-nup', 'after_end')]" in result.stdout
    assert "backwards [('closed', False), ('open', True), ('operatie-nup', False)]" in result.stdout


# --- the API ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_shows_the_setting_and_whether_it_is_public_today(api_client):
    programme = ProgrammeFactory(
        slug="afgelopen",
        municipality_status_visibility=StatusVisibility.AFTER_END,
        start_date=datetime.date(2011, 7, 1),
        end_date=END,
    )
    data = api_client.get(reverse("programme-detail", args=[programme.slug])).json()
    assert data["municipality_status_visibility"] == "after_end"
    assert data["municipality_status_is_public"] is True

    api_client.force_authenticate(StaffFactory())
    response = api_client.patch(
        reverse("programme-detail", args=[programme.slug]),
        {"municipality_status_visibility": "aggregated"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["municipality_status_visibility"] == "aggregated"
    assert response.json()["municipality_status_is_public"] is False
    response = api_client.patch(
        reverse("programme-detail", args=[programme.slug]),
        {"municipality_status_visibility": "sometimes"},
        format="json",
    )
    assert response.status_code == 400 and "municipality_status_visibility" in invalid_params(response)
