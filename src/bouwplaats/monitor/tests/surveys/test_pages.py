# SPDX-License-Identifier: EUPL-1.2
import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.core.tests.ods import read_ods
from bouwplaats.monitor.constants import BLOCKERS, Source
from bouwplaats.monitor.imports import services as imports
from bouwplaats.monitor.models import CurrentStatus, ImportStatus, StatusEvent, SurveyReminder, SurveyRound
from bouwplaats.monitor.surveys import selectors

from .data import answer, small_programme

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LIST = reverse("monitor:survey-list")
CREATE = reverse("monitor:survey-create")
TODO = reverse("monitor:survey-todo")
PROGRESS = reverse("monitor:municipality-progress", args=["GM9901"])


def detail_url(survey_round):
    return reverse("monitor:survey-detail", args=[survey_round.pk])


def answer_url(survey_round, code):
    return reverse("monitor:survey-answer", args=[survey_round.pk, code])


def export_url(data, table, file_format):
    return reverse("monitor:survey-export", args=[data.survey_round.pk, table, file_format])


@pytest.fixture
def data(staff):
    return small_programme(today=TODAY, staff=staff)


def answer_form_data(client, url):
    """The answer form as the page renders it: every field's current value, ready to post."""
    response = client.get(url)
    assert response.status_code == 200
    values = {}
    for row in response.context["rows"]:
        form = row["form"]
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            values[form.add_prefix(name)] = value if isinstance(value, list) else str(value)
    return values


# --- permissions ---------------------------------------------------------------------------------


def test_staff_pages_refuse_coordinators_and_send_anonymous_to_login(client, data):
    round_id = data.survey_round.pk
    urls = [
        LIST,
        CREATE,
        detail_url(data.survey_round),
        reverse("monitor:survey-update", args=[round_id]),
        reverse("monitor:survey-export", args=[round_id, "niet-gereageerd", "csv"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url
    client.force_login(data.coordinators["N1"][0])
    for url in urls:
        assert client.get(url).status_code == 403, url
    for action in ("survey-remind", "survey-close"):
        assert client.post(reverse(f"monitor:{action}", args=[round_id])).status_code == 403
    assert not SurveyReminder.objects.exists()
    assert selectors.is_open(SurveyRound.objects.get(pk=round_id))


def test_coordinator_cannot_answer_for_another_municipality(client, data):
    client.force_login(data.coordinators["N1"][0])
    assert client.get(answer_url(data.survey_round, "GM9812")).status_code == 403
    values = answer_form_data(client, answer_url(data.survey_round, "GM9811"))
    values["XXX-confirm"] = "on"
    assert client.post(answer_url(data.survey_round, "GM9812"), values).status_code == 403
    assert client.get(answer_url(data.survey_round, "GM0000")).status_code == 404
    assert not StatusEvent.objects.filter(survey_round=data.survey_round).exists()


# --- staff pages ---------------------------------------------------------------------------------


def test_round_list_groups_and_rates(client, staff, data, django_assert_max_num_queries):
    answer(data, "N1")
    SurveyRound.objects.create(
        programme=data.programme,
        name="Herfstuitvraag",
        opens_on=TODAY + datetime.timedelta(days=10),
        closes_on=TODAY + datetime.timedelta(days=20),
    )
    closed = SurveyRound.objects.create(
        programme=data.programme,
        name="Winteruitvraag",
        opens_on=TODAY - datetime.timedelta(days=40),
        closes_on=TODAY - datetime.timedelta(days=20),
    )
    closed.building_blocks.set(data.blocks)
    client.force_login(staff)
    with django_assert_max_num_queries(6):
        response = client.get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Open survey rounds") < page.index("Uitvraag voorjaar") < page.index("Upcoming survey rounds")
    assert page.index("Upcoming survey rounds") < page.index("Herfstuitvraag") < page.index("Closed survey rounds")
    assert page.index("Closed survey rounds") < page.index("Winteruitvraag")
    assert "1 of 5" in page and "20.0%" in page


def test_round_list_query_count_does_not_grow(client, staff, data, django_assert_max_num_queries):
    client.force_login(staff)
    for index in range(6):
        extra = SurveyRound.objects.create(
            programme=data.programme, name=f"Ronde {index}", opens_on=TODAY, closes_on=TODAY
        )
        extra.building_blocks.set(data.blocks[:2])
    with django_assert_max_num_queries(6):
        assert client.get(LIST).status_code == 200


def test_create_a_round_on_its_page(client, staff, data):
    client.force_login(staff)
    url = f"{CREATE}?programma={data.programme.slug}"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="checkbox"' in page and "Xray" in page and "Zulu" in page
    response = client.post(
        url,
        {
            "name": "Zomeruitvraag",
            "building_blocks": [data.blocks[0].pk, data.blocks[2].pk],
            "opens_on": TODAY.isoformat(),
            "closes_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "The round cannot close before it opens." in response.content.decode()
    response = client.post(
        url,
        {
            "name": "Zomeruitvraag",
            "building_blocks": [data.blocks[0].pk, data.blocks[2].pk],
            "opens_on": TODAY.isoformat(),
            "closes_on": (TODAY + datetime.timedelta(days=7)).isoformat(),
        },
    )
    created = SurveyRound.objects.get(name="Zomeruitvraag")
    assert response.status_code == 302 and response["Location"] == detail_url(created)
    assert created.programme == data.programme
    assert set(created.building_blocks.values_list("code", flat=True)) == {"XXX", "ZZZ"}


def test_edit_a_round(client, staff, data):
    client.force_login(staff)
    url = reverse("monitor:survey-update", args=[data.survey_round.pk])
    response = client.get(url)
    assert response.status_code == 200 and 'value="Uitvraag voorjaar"' in response.content.decode()
    response = client.post(
        url,
        {
            "name": "Voorjaar 2",
            "building_blocks": [data.blocks[1].pk],
            "opens_on": data.survey_round.opens_on.isoformat(),
            "closes_on": data.survey_round.closes_on.isoformat(),
        },
    )
    assert response.status_code == 302
    data.survey_round.refresh_from_db()
    assert data.survey_round.name == "Voorjaar 2"
    assert list(data.survey_round.building_blocks.values_list("code", flat=True)) == ["YYY"]


def test_round_page_shows_rates_chart_and_non_responders(client, staff, data, django_assert_max_num_queries):
    answer(data, "N1")
    client.force_login(staff)
    with django_assert_max_num_queries(9):
        response = client.get(detail_url(data.survey_round))
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 of 5 municipalities have answered" in page
    assert page.count('role="img"') == 2  # a bar chart per province and per size class
    assert "<caption>Response per province</caption>" in page
    assert "Noord-Holland" in page and "50.0%" in page
    non_responders = [m.code for m in response.context["non_responders"]]
    assert non_responders == ["GM9812", "GM9823", "GM9821", "GM9822"]
    assert "Send reminders now" in page


def test_round_page_query_count_does_not_grow_with_answers(client, staff, data, django_assert_max_num_queries):
    client.force_login(staff)
    for key in ("N1", "N2", "U1"):
        answer(data, key, blocks=data.blocks[:2])
    with django_assert_max_num_queries(9):
        assert client.get(detail_url(data.survey_round)).status_code == 200


def test_non_responders_paginated_on_a_real_division(client, staff, programme, blocks, town_a):
    """The conftest programme runs on the real division of 2022 (345 municipalities + test towns)."""
    survey_round = SurveyRound.objects.create(
        programme=programme, name="Groot", opens_on=TODAY, closes_on=TODAY + datetime.timedelta(days=3)
    )
    survey_round.building_blocks.set(blocks)
    client.force_login(staff)
    response = client.get(detail_url(survey_round), {"page": 2})
    assert response.status_code == 200
    page_obj = response.context["page_obj"]
    assert page_obj.number == 2 and len(page_obj.object_list) == 50
    assert page_obj.paginator.count == selectors.division(programme).count()


def test_exports(client, staff, data):
    answer(data, "N1")
    client.force_login(staff)
    response = client.get(export_url(data, "niet-gereageerd", "csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("CBS code,Municipality,Province")
    assert [line.split(",")[0] for line in lines[1:]] == ["GM9812", "GM9823", "GM9821", "GM9822"]
    response = client.get(export_url(data, "respons", "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Group", "Name", "Responded", "Asked", "Response rate (%)")
    assert ("All municipalities", "All municipalities", 1, 5, 20) in rows
    ods = client.get(export_url(data, "respons", "ods"))
    assert ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert [tuple(row) for row in read_ods(ods.content)["Response"]] == [tuple(row) for row in rows]
    assert client.get(export_url(data, "respons", "pdf")).status_code == 404
    # The template to fill in comes in the formats the import reads.
    assert client.get(export_url(data, "sjabloon", "ods")).status_code == 404


def test_send_reminders_button(client, staff, data, django_capture_on_commit_callbacks):
    client.force_login(staff)
    assert client.get(reverse("monitor:survey-remind", args=[data.survey_round.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitor:survey-remind", args=[data.survey_round.pk]), follow=True)
    assert "Reminders sent to 3 municipalities (4 coordinators)" in response.content.decode()
    assert len(mail.outbox) == 4
    assert "http://testserver/voortgang/uitvragen/mijn/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitor:survey-remind", args=[data.survey_round.pk]), follow=True)
    assert "Already reminded today: 3" in response.content.decode()
    assert len(mail.outbox) == 4


def test_close_button(client, staff, data):
    client.force_login(staff)
    response = client.post(reverse("monitor:survey-close", args=[data.survey_round.pk]), follow=True)
    assert "has been closed" in response.content.decode()
    data.survey_round.refresh_from_db()
    assert selectors.round_state(data.survey_round) == "closed"


# --- coordinators --------------------------------------------------------------------------------


def test_todo_lists_open_rounds_per_municipality_with_status(client, data, django_assert_max_num_queries):
    from ..factories import ApprovedMembershipFactory

    coordinator = data.coordinators["N1"][0]
    ApprovedMembershipFactory(user=coordinator, municipality=data.towns["U2"])
    answer(data, "N1")  # block X only
    SurveyRound.objects.create(
        programme=data.programme,
        name="Gesloten ronde",
        opens_on=TODAY - datetime.timedelta(days=9),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(TODO)
    assert response.status_code == 200
    items = response.context["items"]
    assert [(item.survey_round.name, item.municipality.code) for item in items] == [
        ("Uitvraag voorjaar", "GM9811"),
        ("Uitvraag voorjaar", "GM9822"),
    ]
    n1, u2 = items
    assert [(b.building_block.code, b.answered) for b in n1.blocks] == [("XXX", True), ("YYY", False)]
    assert n1.answered and not n1.complete and not u2.answered
    page = response.content.decode()
    assert "partly answered: 1 of 2" in page and "not answered yet" in page
    assert answer_url(data.survey_round, "GM9822") in page
    assert "Gesloten ronde" not in page


def test_todo_for_someone_without_municipalities(client, member):
    client.force_login(member)
    response = client.get(TODO)
    assert response.status_code == 200
    assert "There are no open survey rounds for your municipalities." in response.content.decode()
    assert client.get(TODO.replace("mijn/", "")).status_code == 403


def test_answer_form_shows_only_the_rounds_blocks_and_records_answers(client, data, django_assert_max_num_queries):
    client.force_login(data.coordinators["N1"][0])
    url = answer_url(data.survey_round, "GM9811")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    page = response.content.decode()
    assert "Xray" in page and "Yankee" in page and "Zulu" not in page
    assert 'name="XXX-confirm"' in page
    values = answer_form_data(client, url)
    # Nothing changed and nothing confirmed: no answer.
    response = client.post(url, values)
    assert response.status_code == 200
    assert "confirm that it did not change" in response.content.decode()
    values["XXX-confirm"] = "on"
    values["YYY-level"] = str(data.levels[2].pk)
    response = client.post(url, values)
    assert response.status_code == 302 and response["Location"] == TODO
    events = StatusEvent.objects.filter(survey_round=data.survey_round).order_by("building_block__code")
    assert [(e.building_block.code, e.level, e.source) for e in events] == [
        ("XXX", data.levels[0], Source.SURVEY),
        ("YYY", data.levels[2], Source.SURVEY),
    ]


def test_answer_conflict_loses_nothing(client, data, staff):
    coordinator = data.coordinators["N1"][0]
    client.force_login(coordinator)
    url = answer_url(data.survey_round, "GM9811")
    values = answer_form_data(client, url)
    answer(data, "N1", actor=staff, level_index=2)  # someone else answers X meanwhile
    values["XXX-level"] = str(data.levels[1].pk)
    response = client.post(url, values)
    assert response.status_code == 409
    assert "Someone else changed the status meanwhile" in response.content.decode()
    assert StatusEvent.objects.filter(survey_round=data.survey_round).count() == 1
    # The form now carries the new version and keeps the coordinator's input: saving again works.
    form = response.context["rows"][0]["form"]
    assert form["level"].value() in (data.levels[1].pk, str(data.levels[1].pk))
    retry = answer_form_data_from(response)
    assert client.post(url, retry).status_code == 302
    assert StatusEvent.objects.filter(survey_round=data.survey_round).count() == 2


def answer_form_data_from(response):
    values = {}
    for row in response.context["rows"]:
        form = row["form"]
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            values[form.add_prefix(name)] = value if isinstance(value, list) else str(value)
    return values


def test_answer_page_of_a_closed_round(client, data):
    client.force_login(data.coordinators["N1"][0])
    url = answer_url(data.survey_round, "GM9811")
    values = answer_form_data(client, url)  # the form was loaded while the round was open
    data.survey_round.opens_on = TODAY - datetime.timedelta(days=9)
    data.survey_round.closes_on = TODAY - datetime.timedelta(days=1)
    data.survey_round.save()
    response = client.get(url)
    assert response.status_code == 200
    assert "This survey round is not open" in response.content.decode()
    assert 'name="XXX-confirm"' not in response.content.decode()
    response = client.post(url, {**values, "XXX-confirm": "on"})
    assert "can no longer be answered" in response.content.decode()
    assert not StatusEvent.objects.filter(survey_round=data.survey_round).exists()


def test_open_rounds_notice_on_the_progress_page(client, programme, blocks, levels, town_a, coordinator_a, staff):
    survey_round = SurveyRound.objects.create(
        programme=programme, name="Uitvraag Aadorp", opens_on=TODAY, closes_on=TODAY + datetime.timedelta(days=3)
    )
    survey_round.building_blocks.set(blocks)
    client.force_login(coordinator_a)
    page = client.get(PROGRESS).content.decode()
    assert "Open survey rounds" in page and "Uitvraag Aadorp" in page
    assert answer_url(survey_round, "GM9901") in page
    client.force_login(staff)  # programme staff follow the rounds on their own pages
    assert "Uitvraag Aadorp" not in client.get(PROGRESS).content.decode()
    client.logout()
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    programme.save()
    page = client.get(PROGRESS).content.decode()
    assert "Uitvraag Aadorp" not in page


def test_pages_render_in_dutch_with_one_h1_and_no_inline_style(staff, data):
    from django.test import Client

    client = Client()  # Dutch, the default language
    answer(data, "N1")
    client.force_login(staff)
    urls = [
        LIST,
        CREATE,
        detail_url(data.survey_round),
        reverse("monitor:survey-update", args=[data.survey_round.pk]),
        answer_url(data.survey_round, "GM9812"),
    ]
    client_coordinator = Client()
    client_coordinator.force_login(data.coordinators["N1"][0])
    for who, url in [(client, url) for url in urls] + [(client_coordinator, TODO)]:
        response = who.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert '<html lang="nl">' in page, url
        assert page.count("<h1") == 1, url
        assert "style=" not in page.replace("stylesheet", ""), url
        assert "<script" not in page, url


def test_a_demo_round_with_demo_progress_has_one_demo_banner(client, data):
    SurveyRound.objects.filter(pk=data.survey_round.pk).update(is_demo=True)
    StatusEvent.objects.update(is_demo=True)
    CurrentStatus.objects.update(is_demo=True)
    client.force_login(data.coordinators["N1"][0])
    page = client.get(answer_url(data.survey_round, "GM9811")).content.decode()
    assert page.count('class="notice demo-notice') == 1


def test_the_answers_template_has_a_row_per_block_and_explains_the_codes(client, staff, data):
    client.force_login(staff)
    page = client.get(detail_url(data.survey_round)).content.decode()
    url = export_url(data, "sjabloon", "csv")
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "gemeentecode;bouwsteen;niveau;geldig_vanaf;geplande_datum;belemmeringen;opmerking"
    assert [line.split(";")[1] for line in lines[1:3]] == ["XXX", "YYY"]  # the round's blocks, not ZZZ
    comments = [line for line in lines if line.startswith("# ")]
    for blocker in BLOCKERS:
        assert f"# {blocker.code} = {blocker.label}" in comments
    assert f"# {data.levels[0].code} = {data.levels[0].name}" in comments and "# XXX = Xray" in comments
    # Filled in, the template imports as it is: the comment rows are skipped.
    filled = text.replace(";XXX;;;;;", f"GM9811;XXX;{data.levels[1].code};;;capacity,budget;").replace(
        ";YYY;;;;;", f"GM9811;YYY;{data.levels[0].code};;;;"
    )
    upload = SimpleUploadedFile("antwoorden.csv", filled.encode("utf-8-sig"))
    batch = imports.import_check(actor=staff, programme=data.programme, file=upload)
    assert batch.status == ImportStatus.CHECKED, batch.report
    xlsx = client.get(export_url(data, "sjabloon", "xlsx"))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    rows, codes = (list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets)
    assert rows[0][:3] == ("gemeentecode", "bouwsteen", "niveau") and [row[1] for row in rows[1:]] == ["XXX", "YYY"]
    assert all((blocker.code, str(blocker.label)) in codes for blocker in BLOCKERS)
