# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

from bouwplaats.audit.models import AuditEntry
from bouwplaats.monitor import services as monitor_services
from bouwplaats.monitor.constants import Source
from bouwplaats.monitor.models import CurrentStatus, StatusEvent, SurveyReminder, SurveyRound
from bouwplaats.monitor.surveys import selectors, services, tasks

from ..factories import BuildingBlockFactory, ProgrammeFactory
from .data import answer, small_programme

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def data(staff):
    return small_programme(today=TODAY, staff=staff)


@pytest.fixture
def mail_on_commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


# --- opening, changing and closing rounds --------------------------------------------------------


def create(actor, data, **overrides):
    values = {
        "programme": data.programme,
        "name": "Najaarsuitvraag",
        "building_blocks": data.blocks[:2],
        "opens_on": TODAY,
        "closes_on": TODAY + datetime.timedelta(days=14),
        "introduction": "Graag voor de ALV.",
    }
    return services.survey_round_create(actor=actor, **{**values, **overrides})


def test_staff_create_a_round_with_an_audit_entry(staff, data):
    survey_round = create(staff, data)
    assert set(survey_round.building_blocks.values_list("code", flat=True)) == {"XXX", "YYY"}
    assert survey_round.created_by == staff
    entry = AuditEntry.objects.get(action="survey_round.create", object_id=str(survey_round.pk))
    assert entry.changes["building_blocks"] == ["XXX", "YYY"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"closes_on": TODAY - datetime.timedelta(days=1)}, "closes_on"),
        ({"building_blocks": []}, "building_blocks"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 151}, "name"),
    ],
)
def test_create_validation(staff, data, overrides, field):
    with pytest.raises(ValidationError) as error:
        create(staff, data, **overrides)
    assert field in error.value.message_dict
    assert SurveyRound.objects.filter(programme=data.programme).count() == 1


def test_blocks_must_belong_to_the_programme(staff, data):
    foreign = BuildingBlockFactory(programme=ProgrammeFactory(), code="VREEMD", name="Vreemd")
    with pytest.raises(ValidationError) as error:
        create(staff, data, building_blocks=[data.blocks[0], foreign])
    assert "Vreemd" in error.value.message_dict["building_blocks"][0]


def test_coordinator_and_member_cannot_create_or_change(data, member):
    coordinator = data.coordinators["N1"][0]
    for user in (coordinator, member):
        with pytest.raises(PermissionDenied):
            create(user, data)
        with pytest.raises(PermissionDenied):
            services.survey_round_update(actor=user, survey_round=data.survey_round, name="Anders")
        with pytest.raises(PermissionDenied):
            services.survey_round_close(actor=user, survey_round=data.survey_round)
    data.survey_round.refresh_from_db()
    assert data.survey_round.name == "Uitvraag voorjaar"


def test_update_keeps_what_is_left_out_and_validates(staff, data):
    survey_round = services.survey_round_update(
        actor=staff, survey_round=data.survey_round, name="Voorjaar", building_blocks=[data.blocks[2]]
    )
    assert survey_round.name == "Voorjaar"
    assert list(survey_round.building_blocks.values_list("code", flat=True)) == ["ZZZ"]
    assert survey_round.closes_on == TODAY + datetime.timedelta(days=5)
    with pytest.raises(ValidationError):
        services.survey_round_update(
            actor=staff, survey_round=survey_round, opens_on=survey_round.closes_on + datetime.timedelta(days=1)
        )
    entry = AuditEntry.objects.filter(action="survey_round.update").latest("pk")
    assert entry.changes["name"] == ["Uitvraag voorjaar", "Voorjaar"]


def test_close_ends_the_round_and_refuses_answers(staff, data):
    services.survey_round_close(actor=staff, survey_round=data.survey_round)
    data.survey_round.refresh_from_db()
    assert data.survey_round.closes_on == TODAY - datetime.timedelta(days=1)
    assert selectors.round_state(data.survey_round) == "closed"
    with pytest.raises(ValidationError, match="Only an open survey round"):
        services.survey_round_close(actor=staff, survey_round=data.survey_round)
    with pytest.raises(ValidationError, match="closed on"):
        answer(data, "N1")


# --- answering -----------------------------------------------------------------------------------


def test_answer_marks_the_municipality_responded(data):
    assert selectors.round_response(data.survey_round).overall.responded == 0
    result = answer(data, "N1")
    event = result.events[0]
    assert event.survey_round == data.survey_round
    assert event.source == Source.SURVEY
    assert event.author == data.coordinators["N1"][0]
    assert (
        CurrentStatus.objects.get(municipality=data.towns["N1"], building_block=data.blocks[0]).level
        == (data.levels[1])
    )
    assert selectors.round_response(data.survey_round).overall.responded == 1
    assert data.towns["N1"] not in selectors.non_responders(data.survey_round)
    entry = AuditEntry.objects.filter(action="status.report_many").latest("pk")
    assert entry.changes["survey_round"] == data.survey_round.pk


def test_confirming_no_change_records_an_event_that_counts(data):
    coordinator = data.coordinators["N1"][0]
    block = data.blocks[0]
    monitor_services.status_report(
        actor=coordinator, municipality=data.towns["N1"], building_block=block, level=data.levels[1]
    )
    same = {"building_block": block, "level": data.levels[1], "expected_version": 1}
    # Without confirmation an unchanged report writes nothing and does not count as an answer.
    result = services.survey_round_answer(
        actor=coordinator, survey_round=data.survey_round, municipality=data.towns["N1"], changes=[same]
    )
    assert result.events == [] and result.unchanged == [block]
    assert data.towns["N1"] in selectors.non_responders(data.survey_round)
    result = services.survey_round_answer(
        actor=coordinator,
        survey_round=data.survey_round,
        municipality=data.towns["N1"],
        changes=[{**same, "confirm": True}],
    )
    assert len(result.events) == 1
    event = result.events[0]
    assert (event.level, event.source, event.survey_round) == (data.levels[1], Source.SURVEY, data.survey_round)
    current = CurrentStatus.objects.get(municipality=data.towns["N1"], building_block=block)
    assert current.version == 2 and current.level == data.levels[1]
    assert data.towns["N1"] not in selectors.non_responders(data.survey_round)
    assert AuditEntry.objects.filter(action="status.report_many").latest("pk").changes["confirmed"] == ["XXX"]


def test_confirm_also_works_on_the_plain_one_page_report(data):
    """The ``confirm`` flag of status_report_many is not tied to survey rounds."""
    coordinator = data.coordinators["N1"][0]
    change = {"building_block": data.blocks[0], "level": data.levels[0], "confirm": True}
    result = monitor_services.status_report_many(actor=coordinator, municipality=data.towns["N1"], changes=[change])
    assert len(result.events) == 1 and result.events[0].source == Source.SELF_REPORT
    assert result.events[0].survey_round is None


def test_closed_and_upcoming_rounds_refuse_answers(data):
    data.survey_round.closes_on = TODAY - datetime.timedelta(days=1)
    data.survey_round.opens_on = TODAY - datetime.timedelta(days=10)
    data.survey_round.save()
    with pytest.raises(ValidationError, match="can no longer be answered"):
        answer(data, "N1")
    data.survey_round.opens_on = TODAY + datetime.timedelta(days=1)
    data.survey_round.closes_on = TODAY + datetime.timedelta(days=9)
    data.survey_round.save()
    with pytest.raises(ValidationError, match="cannot be answered yet"):
        answer(data, "N1")
    assert not StatusEvent.objects.filter(survey_round=data.survey_round).exists()


def test_single_report_with_a_closed_round_is_refused(data):
    data.survey_round.closes_on = TODAY - datetime.timedelta(days=1)
    data.survey_round.opens_on = TODAY - datetime.timedelta(days=3)
    data.survey_round.save()
    with pytest.raises(ValidationError, match="closed on"):
        monitor_services.status_report(
            actor=data.coordinators["N1"][0],
            municipality=data.towns["N1"],
            building_block=data.blocks[0],
            level=data.levels[1],
            survey_round=data.survey_round,
        )
    assert not StatusEvent.objects.exists() or not StatusEvent.objects.filter(survey_round=data.survey_round).exists()


def test_answer_only_for_the_rounds_blocks_and_own_municipality(data):
    with pytest.raises(ValidationError, match="does not ask about Zulu"):
        answer(data, "N1", blocks=[data.blocks[2]])
    with pytest.raises(PermissionDenied):
        answer(data, "N2", actor=data.coordinators["N1"][0])
    with pytest.raises(ValidationError):
        services.survey_round_answer(
            actor=data.coordinators["N1"][0], survey_round=data.survey_round, municipality=data.towns["N1"], changes=[]
        )
    assert not StatusEvent.objects.filter(survey_round=data.survey_round).exists()


def test_coordinator_still_cannot_report_as_survey_without_a_round(data):
    with pytest.raises(PermissionDenied):
        monitor_services.status_report(
            actor=data.coordinators["N1"][0],
            municipality=data.towns["N1"],
            building_block=data.blocks[0],
            level=data.levels[1],
            source=Source.SURVEY,
        )


def test_staff_answer_on_behalf(staff, data):
    result = answer(data, "U2", actor=staff)
    assert result.events[0].source == Source.SURVEY and result.events[0].author == staff


# --- response rates ------------------------------------------------------------------------------


def test_response_rate_per_province_and_size_class(staff, data):
    answer(data, "N1")
    answer(data, "U2", actor=staff, blocks=data.blocks[:2])
    response = selectors.round_response(data.survey_round)
    assert (response.overall.responded, response.overall.total, response.overall.rate) == (2, 5, 40.0)
    provinces = {rate.key: (rate.label, rate.responded, rate.total, rate.rate) for rate in response.by_province}
    assert provinces == {"PV27": ("Noord-Holland", 1, 2, 50.0), "PV26": ("Utrecht", 1, 3, 33.3)}
    sizes = {rate.key: (rate.responded, rate.total) for rate in response.by_size_class}
    assert sizes == {"1": (1, 2), "4": (0, 1), "8": (1, 1), "": (0, 1)}
    assert [rate.key for rate in response.by_size_class] == ["1", "4", "8", ""]
    assert [m.code for m in selectors.non_responders(data.survey_round)] == ["GM9812", "GM9823", "GM9821"]  # by name


def test_round_list_rates_and_groups(staff, data):
    answer(data, "N1")
    SurveyRound.objects.create(
        programme=data.programme, name="Later", opens_on=TODAY + datetime.timedelta(days=3), closes_on=TODAY
    )
    groups = selectors.grouped_rounds(today=TODAY)
    mine = next(r for r in groups.open if r.pk == data.survey_round.pk)
    assert (mine.response.responded, mine.response.total, mine.response.rate) == (1, 5, 20.0)
    assert "Later" in [r.name for r in groups.upcoming]


def test_response_queries_do_not_grow(staff, data, django_assert_max_num_queries):
    answer(data, "N1")
    with django_assert_max_num_queries(2):
        selectors.round_response(data.survey_round)
    with django_assert_max_num_queries(4):
        selectors.grouped_rounds(today=TODAY)


# --- reminders -----------------------------------------------------------------------------------


def test_reminders_go_to_the_coordinators_of_non_responders_only(data, mail_on_commit):
    answer(data, "N1")
    with mail_on_commit():
        counts = services.survey_round_remind(
            survey_round=data.survey_round, today=TODAY, base_url="https://bouwplaats.test"
        )
    assert counts == {
        "municipalities": 2,  # N2 and U1; U2 and U3 have no approved coordinator
        "emails": 3,  # N2 in Dutch and in English, U1 in English
        "recipients": 3,
        "already_reminded_today": 0,
        "without_coordinator": 2,
    }
    addressed = sorted(address for message in mail.outbox for address in message.to)
    assert addressed == ["n2-en@example.org", "n2-nl@example.org", "u1@example.org"]
    assert set(SurveyReminder.objects.values_list("municipality__code", "recipients")) == {
        ("GM9812", 2),
        ("GM9821", 1),
    }
    body = next(message.body for message in mail.outbox if message.to == ["u1@example.org"])
    assert "Uitvraag voorjaar" in body
    assert "https://bouwplaats.test/voortgang/uitvragen/mijn/" in body
    assert data.survey_round.closes_on.strftime("%Y") in body
    entry = AuditEntry.objects.get(action="survey_round.remind")
    assert entry.actor_label == "system" and entry.changes["municipalities"] == 2


def test_reminders_in_each_recipients_language(data, mail_on_commit):
    with mail_on_commit():
        services.survey_round_remind(survey_round=data.survey_round, today=TODAY)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["n2-en@example.org"].subject.startswith("Reminder")
    assert "Dear coordinator of Noordtwee" in by_address["n2-en@example.org"].body
    dutch = by_address["n2-nl@example.org"]
    assert dutch.to == ["n2-nl@example.org"]
    # The text is rendered in the recipient's language (the close date shows it, whatever the catalogue holds).
    closes_on = data.survey_round.closes_on
    for language, message in (("nl", dutch), ("en", by_address["n2-en@example.org"])):
        with translation.override(language):
            assert date_format(closes_on, "j F Y") in message.body
    with translation.override("nl"):
        assert date_format(closes_on, "j F Y") not in by_address["n2-en@example.org"].body


def test_not_twice_on_one_day(data, mail_on_commit):
    with mail_on_commit():
        first = services.survey_round_remind(survey_round=data.survey_round, today=TODAY)
        second = services.survey_round_remind(survey_round=data.survey_round, today=TODAY)
    assert first["municipalities"] == 3 and second["municipalities"] == 0
    assert second["already_reminded_today"] == 3
    assert len(mail.outbox) == first["emails"] == 4
    with mail_on_commit():
        later = services.survey_round_remind(survey_round=data.survey_round, today=TODAY + datetime.timedelta(days=1))
    assert later["municipalities"] == 3
    assert SurveyReminder.objects.filter(survey_round=data.survey_round).count() == 6


def test_reminders_need_staff_and_an_open_round(data, mail_on_commit):
    with pytest.raises(PermissionDenied):
        services.survey_round_remind(survey_round=data.survey_round, actor=data.coordinators["N1"][0])
    with pytest.raises(ValidationError):
        services.survey_round_remind(survey_round=data.survey_round, today=TODAY + datetime.timedelta(days=30))
    assert not SurveyReminder.objects.exists()
    assert mail.outbox == []


def test_celery_task_runs_eagerly_for_open_rounds(data, mail_on_commit):
    SurveyRound.objects.create(
        programme=data.programme,
        name="Gesloten",
        opens_on=TODAY - datetime.timedelta(days=30),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    with mail_on_commit():
        result = tasks.send_survey_reminders.delay().get()
    assert result[str(data.survey_round.pk)]["municipalities"] == 3
    assert len(result) == SurveyRound.objects.filter(opens_on__lte=TODAY, closes_on__gte=TODAY).count()
    assert len(mail.outbox) == 4


def test_management_command(data, mail_on_commit, capsys):
    with mail_on_commit():
        call_command("send_survey_reminders", "--base-url", "https://bouwplaats.test")
    output = capsys.readouterr().out
    assert f"Survey round {data.survey_round.pk}: reminded 3 municipalities" in output
    assert all("https://bouwplaats.test/" in message.body for message in mail.outbox)
    with mail_on_commit():
        call_command("send_survey_reminders")
    assert "reminded 0 municipalities" in capsys.readouterr().out


def test_the_scheduled_job_run_twice_reminds_each_municipality_once(data, mail_on_commit, settings):
    from bouwplaats.celery import app

    job = app.tasks[settings.CELERY_BEAT_SCHEDULE["send-survey-reminders"]["task"]]
    with mail_on_commit():
        first = job.apply().get()
    with mail_on_commit():
        second = job.apply().get()
    assert first[str(data.survey_round.pk)]["municipalities"] == 3
    assert second[str(data.survey_round.pk)]["municipalities"] == 0
    assert len(mail.outbox) == first[str(data.survey_round.pk)]["emails"] == 4
