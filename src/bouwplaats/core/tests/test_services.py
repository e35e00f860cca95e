# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwplaats.audit.models import AuditEntry
from bouwplaats.core.services import model_update

pytestmark = pytest.mark.django_db

FIELDS = ("name",)


def _update(group, data, **options):
    return model_update(group, data, fields=FIELDS, actor=None, action="test.group.update", **options)


@pytest.fixture
def group():
    return Group.objects.create(name="Redactie")


def _entries():
    return AuditEntry.objects.filter(action="test.group.update")


def test_an_unchanged_row_is_neither_saved_nor_audited(group):
    with CaptureQueriesContext(connection) as captured:
        result = _update(group, {"name": "Redactie"})
    assert result.name == "Redactie"
    assert not [query for query in captured if query["sql"].startswith(("UPDATE", "INSERT"))]
    assert not _entries().exists()


def test_a_change_is_saved_with_one_audit_entry_of_the_diff(group):
    result = _update(group, {"name": "Beheer"})
    group.refresh_from_db()
    assert result.name == group.name == "Beheer"
    entry = _entries().get()
    assert entry.action == "test.group.update"
    assert entry.object_id == str(group.pk)
    assert entry.changes == {"name": ["Redactie", "Beheer"]}


def test_an_invalid_row_writes_nothing_and_names_the_field(group):
    with pytest.raises(ValidationError) as raised:
        _update(group, {"name": ""})
    assert list(raised.value.message_dict) == ["name"]
    group.refresh_from_db()
    assert group.name == "Redactie"
    assert not _entries().exists()


def test_the_extra_check_adds_to_the_model_messages(group):
    def clean(row, errors):
        if row.name.islower():
            errors.add("name", "Begin with a capital.")

    with pytest.raises(ValidationError) as raised:
        _update(group, {"name": "x" * 200}, clean=clean)
    assert len(raised.value.message_dict["name"]) == 2
    assert not _entries().exists()


def test_links_to_many_count_in_the_diff_and_are_replaced_with_the_save(group):
    change, view = Permission.objects.filter(codename__in=["view_group", "change_group"]).order_by("codename")
    group.permissions.set([view])
    saved = []
    result = _update(
        group,
        {"name": "Redactie"},
        many={"permissions": [view, change]},
        label=lambda p: p.codename,
        after_save=saved.append,
    )
    assert saved == [result]
    assert sorted(group.permissions.values_list("codename", flat=True)) == ["change_group", "view_group"]
    assert _entries().get().changes == {"permissions": [["view_group"], ["change_group", "view_group"]]}


def test_links_to_many_left_out_are_unchanged(group):
    _update(group, {"name": "Redactie"}, many={"permissions": None})
    assert not _entries().exists()


def test_unknown_fields_are_a_programming_error(group):
    with pytest.raises(TypeError):
        _update(group, {"permissions": []})
