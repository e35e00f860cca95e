# SPDX-License-Identifier: EUPL-1.2
"""Evidence files and uploaded imports are private: stored outside MEDIA_ROOT, served after a permission check."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.monitor import services
from bouwplaats.monitor.models import ImportBatch, StatusEvent

from ..factories import ApprovedMembershipFactory

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 the signed processing agreement"
migration = importlib.import_module("bouwplaats.monitor.migrations.0007_private_files")


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)


@pytest.fixture
def event(roots, coordinator_a, town_a, blocks, levels):
    return services.status_report(
        actor=coordinator_a,
        municipality=town_a,
        building_block=blocks[0],
        level=levels[1],
        evidence_file=SimpleUploadedFile("verwerkersovereenkomst.pdf", CONTENT),
    )


def test_an_evidence_file_is_stored_outside_the_public_media_root(event, roots):
    media, private = roots
    assert (private / event.evidence_file.name).read_bytes() == CONTENT
    assert not media.exists() or not any(media.rglob("*.pdf"))
    assert event.evidence_file.url == reverse("private-file", kwargs={"name": event.evidence_file.name})


def test_the_coordinator_and_staff_get_the_file(client, event, coordinator_a, staff):
    for user in (coordinator_a, staff):
        client.force_login(user)
        response = client.get(event.evidence_file.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == CONTENT
        assert response["Content-Disposition"] == 'attachment; filename="verwerkersovereenkomst.pdf"'
        assert response["Cache-Control"] == "private, no-store"


def test_others_get_404_while_the_status_is_not_public(client, event, town_b, member):
    url = event.evidence_file.url
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(ApprovedMembershipFactory(municipality=town_b).user)  # another municipality's coordinator
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404


def test_the_file_follows_the_page_when_the_status_is_public(client, event, programme):
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    programme.save()
    assert client.get(event.evidence_file.url).status_code == 200


def test_the_history_page_links_the_protected_view(client, event, coordinator_a, town_a, blocks):
    client.force_login(coordinator_a)
    response = client.get(reverse("monitor:block-history", args=[town_a.code, blocks[0].code]))
    assert f'href="{event.evidence_file.url}"' in response.content.decode()
    assert "/media/" not in response.content.decode()


def test_the_api_links_the_protected_view(client, event, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get(reverse("status-event-list"), {"municipality": event.municipality.code})
    links = [row["evidence_file"] for row in response.json()["results"] if row["evidence_file"]]
    assert links == [f"http://testserver{event.evidence_file.url}"]


def test_a_file_nobody_links_or_outside_the_root_is_not_served(client, event, staff, roots):
    _media, private = roots
    (private / "stray.pdf").write_bytes(b"not linked")
    client.force_login(staff)
    assert client.get(reverse("private-file", kwargs={"name": "stray.pdf"})).status_code == 404
    assert client.get("/bestanden/../../etc/passwd").status_code == 404
    assert client.get(reverse("private-file", kwargs={"name": "monitor/../../etc/passwd"})).status_code == 404


def test_the_web_server_may_send_the_file(client, event, staff, settings, roots):
    _media, private = roots
    client.force_login(staff)
    settings.PRIVATE_MEDIA_SERVE = "x-accel-redirect"
    response = client.get(event.evidence_file.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/private-media/" + event.evidence_file.name
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment;")
    settings.PRIVATE_MEDIA_SERVE = "django"
    # The name it is saved under, written as Django writes it when it sends the file itself.
    assert response["Content-Disposition"] == client.get(event.evidence_file.url)["Content-Disposition"]

    settings.PRIVATE_MEDIA_SERVE = "x-sendfile"
    response = client.get(event.evidence_file.url)
    assert response["X-Sendfile"] == str((private / event.evidence_file.name).resolve())
    assert response.content == b""


def test_an_uploaded_import_is_private_and_for_importers_only(client, roots, programme, staff, coordinator_a):
    _media, private = roots
    batch = ImportBatch(programme=programme, file_name="statussen.csv", sha256="0" * 64, uploaded_by=staff)
    batch.file.save("statussen.csv", ContentFile(b"gemeente;bouwsteen\n"), save=True)
    assert (private / batch.file.name).exists()
    assert client.get(batch.file.url).status_code == 404
    client.force_login(coordinator_a)
    assert client.get(batch.file.url).status_code == 404
    client.force_login(staff)
    response = client.get(batch.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"gemeente;bouwsteen\n"


def test_the_migration_moves_existing_files_and_keeps_their_names(event, roots):
    media, private = roots
    old_name = "monitor/evidence/2021/03/besluit.pdf"
    StatusEvent.objects.filter(pk=event.pk).update(evidence_file=old_name)
    (media / old_name).parent.mkdir(parents=True)
    (media / old_name).write_bytes(b"old evidence")
    (media / "monitor/evidence/2021/03/unrelated.pdf").write_bytes(b"no event names this")

    migration.to_private(apps, None)
    assert (private / old_name).read_bytes() == b"old evidence"
    assert not (media / old_name).exists()
    assert (media / "monitor/evidence/2021/03/unrelated.pdf").exists()  # only the files the models name
    event.refresh_from_db()
    assert event.evidence_file.name == old_name
    assert event.evidence_file.open("rb").read() == b"old evidence"

    # Again: nothing changes; a copy left behind by an interrupted move is cleared.
    (media / old_name).write_bytes(b"old evidence")
    migration.to_private(apps, None)
    assert (private / old_name).read_bytes() == b"old evidence"
    assert not (media / old_name).exists()
    migration.to_private(apps, None)
    assert (private / old_name).read_bytes() == b"old evidence"

    # Backwards, the files go back where they were.
    migration.to_public(apps, None)
    assert (media / old_name).read_bytes() == b"old evidence"
    assert not (private / old_name).exists()


def test_the_file_view_asks_a_fixed_number_of_queries(client, event, coordinator_a, django_assert_num_queries):
    client.force_login(coordinator_a)
    # The user, the events holding the file with their municipality and programme, the memberships.
    with django_assert_num_queries(3):
        response = client.get(event.evidence_file.url)
    assert response.status_code == 200
