# SPDX-License-Identifier: EUPL-1.2
"""Writes for survey rounds: opening, changing and closing a round, answering it, and reminders.

Answering goes through ``monitor.services.status_report_many`` with the round: every answer is a
status event with source "survey" and the round set. Reminders are rendered in each
coordinator's language while the service runs and sent once the transaction has committed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bouwplaats.accounts.models import Membership, MembershipStatus
from bouwplaats.accounts.permissions import is_programme_staff, require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.catalogue.rules import require_open
from bouwplaats.core.errors import Errors, clean_text
from bouwplaats.core.links import absolute
from bouwplaats.organisations.models import Municipality

from .. import services as monitor_services
from ..constants import MAX_TEXT_LENGTH
from ..models import SurveyReminder, SurveyRound
from . import selectors

NAME_MAX_LENGTH = SurveyRound._meta.get_field("name").max_length


def _require_survey_manager(actor) -> None:
    require(is_programme_staff(actor), _("Only programme staff may open and change survey rounds."))


def _clean(
    *,
    programme: Programme,
    name: str,
    building_blocks,
    opens_on: datetime.date | None,
    closes_on: datetime.date | None,
    introduction: str,
) -> tuple[str, list[BuildingBlock], str]:
    errors = Errors()
    name = " ".join((name or "").split())
    clean_text(
        name, field="name", max_length=NAME_MAX_LENGTH, required=_("Enter a name for the survey round."), errors=errors
    )
    blocks = list(building_blocks or [])
    if not blocks:
        errors.add("building_blocks", _("Choose at least one building block."))
    else:
        others = [block.name for block in blocks if block.programme_id != programme.pk]
        if others:
            errors.add(
                "building_blocks",
                _("These building blocks are not part of %(programme)s: %(blocks)s.")
                % {"programme": programme.name, "blocks": ", ".join(others)},
            )
    if opens_on is None:
        errors.add("opens_on", _("Enter the date on which the round opens."))
    if closes_on is None:
        errors.add("closes_on", _("Enter the date on which the round closes."))
    elif opens_on and closes_on < opens_on:
        errors.add("closes_on", _("The round cannot close before it opens."))
    introduction = clean_text(
        introduction, field="introduction", max_length=MAX_TEXT_LENGTH, required=False, errors=errors
    )
    errors.raise_if_any()
    return name, list({block.pk: block for block in blocks}.values()), introduction


def _audit_values(survey_round: SurveyRound, blocks: list[BuildingBlock]) -> dict:
    return {
        "programme": survey_round.programme.slug,
        "name": survey_round.name,
        "building_blocks": sorted(block.code for block in blocks),
        "opens_on": survey_round.opens_on,
        "closes_on": survey_round.closes_on,
        "introduction": survey_round.introduction,
    }


@transaction.atomic
def survey_round_create(
    *,
    actor,
    programme: Programme,
    name: str,
    building_blocks,
    opens_on: datetime.date,
    closes_on: datetime.date,
    introduction: str = "",
) -> SurveyRound:
    """Open a survey round of ``programme`` about some of its building blocks (programme staff)."""
    _require_survey_manager(actor)
    require_open(programme)
    name, blocks, introduction = _clean(
        programme=programme,
        name=name,
        building_blocks=building_blocks,
        opens_on=opens_on,
        closes_on=closes_on,
        introduction=introduction,
    )
    survey_round = SurveyRound.objects.create(
        programme=programme,
        name=name,
        opens_on=opens_on,
        closes_on=closes_on,
        introduction=introduction,
        created_by=actor,
    )
    survey_round.building_blocks.set(blocks)
    audit.record(
        actor=actor, action="survey_round.create", target=survey_round, changes=_audit_values(survey_round, blocks)
    )
    return survey_round


_UNSET = object()


@transaction.atomic
def survey_round_update(
    *,
    actor,
    survey_round: SurveyRound,
    name=_UNSET,
    building_blocks=_UNSET,
    opens_on=_UNSET,
    closes_on=_UNSET,
    introduction=_UNSET,
) -> SurveyRound:
    """Change a round; arguments left out keep their value. The programme does not change."""
    _require_survey_manager(actor)
    require_open(survey_round.programme_id)
    survey_round = SurveyRound.objects.select_for_update().select_related("programme").get(pk=survey_round.pk)
    before_blocks = list(survey_round.building_blocks.order_by("code"))
    before = _audit_values(survey_round, before_blocks)
    name, blocks, introduction = _clean(
        programme=survey_round.programme,
        name=survey_round.name if name is _UNSET else name,
        building_blocks=before_blocks if building_blocks is _UNSET else building_blocks,
        opens_on=survey_round.opens_on if opens_on is _UNSET else opens_on,
        closes_on=survey_round.closes_on if closes_on is _UNSET else closes_on,
        introduction=survey_round.introduction if introduction is _UNSET else introduction,
    )
    survey_round.name, survey_round.introduction = name, introduction
    if opens_on is not _UNSET:
        survey_round.opens_on = opens_on
    if closes_on is not _UNSET:
        survey_round.closes_on = closes_on
    changes = audit.diff(before, _audit_values(survey_round, blocks))
    if not changes:
        return survey_round
    survey_round.save()
    survey_round.building_blocks.set(blocks)
    audit.record(actor=actor, action="survey_round.update", target=survey_round, changes=changes)
    return survey_round


@transaction.atomic
def survey_round_close(*, actor, survey_round: SurveyRound, today: datetime.date | None = None) -> SurveyRound:
    """Close an open round now: it closes yesterday, so no answer is accepted from today on.

    A round that opened today is then reduced to yesterday (it took no answers before today).
    """
    _require_survey_manager(actor)
    require_open(survey_round.programme_id)
    today = today or timezone.localdate()
    survey_round = SurveyRound.objects.select_for_update().get(pk=survey_round.pk)
    if not selectors.is_open(survey_round, today):
        raise ValidationError(_("Only an open survey round can be closed."))
    before = {"opens_on": survey_round.opens_on, "closes_on": survey_round.closes_on}
    yesterday = today - datetime.timedelta(days=1)
    survey_round.closes_on = yesterday
    survey_round.opens_on = min(survey_round.opens_on, yesterday)
    survey_round.save(update_fields=["opens_on", "closes_on"])
    audit.record(
        actor=actor,
        action="survey_round.close",
        target=survey_round,
        changes=audit.diff(before, {"opens_on": survey_round.opens_on, "closes_on": survey_round.closes_on}),
    )
    return survey_round


def survey_round_answer(*, actor, survey_round: SurveyRound, municipality: Municipality, changes: list[dict]):
    """Answer a round for ``municipality``: report (or, with ``confirm``, confirm) the round's blocks.

    A thin entry point to ``monitor.services.status_report_many``, which checks the permission
    (programme staff, or a coordinator of the municipality), that the round is open and asks about
    each block, handles conflicts and records the audit entry (with the round).
    """
    if not changes:
        raise ValidationError(_("Change a status or confirm that it did not change for at least one building block."))
    return monitor_services.status_report_many(
        actor=actor, municipality=municipality, changes=changes, survey_round=survey_round
    )


# --- reminders ---------------------------------------------------------------------------------


def _reminded_today(survey_round: SurveyRound, today: datetime.date) -> set[int]:
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    return set(
        SurveyReminder.objects.filter(survey_round=survey_round, sent_at__gte=start, sent_at__lt=end).values_list(
            "municipality_id", flat=True
        )
    )


@transaction.atomic
def survey_round_remind(
    *, survey_round: SurveyRound, actor=None, today: datetime.date | None = None, base_url: str | None = None
) -> dict:
    """E-mail the approved coordinators of every municipality that has not answered ``survey_round``.

    One e-mail per municipality (per language: each coordinator reads it in their preferred
    language), at most one reminder per municipality per day (``SurveyReminder`` rows). ``actor``
    None is the system (the scheduled task); otherwise programme staff. Returns counts.
    """
    require(actor is None or is_programme_staff(actor), _("Only programme staff may send reminders."))
    today = today or timezone.localdate()
    survey_round = SurveyRound.objects.select_for_update().select_related("programme").get(pk=survey_round.pk)
    if not selectors.is_open(survey_round, today):
        raise ValidationError(_("Reminders can only be sent while the survey round is open."))
    base_url = getattr(settings, "SITE_BASE_URL", "") if base_url is None else base_url

    already = _reminded_today(survey_round, today)
    waiting = [m for m in selectors.non_responders(survey_round) if m.pk not in already]
    coordinators: dict[str, list] = defaultdict(list)
    memberships = (
        Membership.objects.filter(
            status=MembershipStatus.APPROVED,
            user__is_active=True,
            municipality__code__in=[m.code for m in waiting],
        )
        .select_related("user", "municipality")
        .order_by("user__email")
    )
    for membership in memberships:
        if membership.user not in coordinators[membership.municipality.code]:
            coordinators[membership.municipality.code].append(membership.user)

    todo_link = absolute(base_url, reverse("monitor:survey-todo"))
    now = timezone.now()
    if today != timezone.localdate():  # a run for another day (tests, catching up) is dated on that day
        now = timezone.make_aware(datetime.datetime.combine(today, timezone.localtime(now).time()))
    sent_at = now
    messages, reminders = [], []
    without_coordinator = 0
    for municipality in waiting:
        recipients = coordinators.get(municipality.code, [])
        if not recipients:
            without_coordinator += 1
            continue
        answer_link = absolute(
            base_url, reverse("monitor:survey-answer", kwargs={"pk": survey_round.pk, "code": municipality.code})
        )
        by_language = defaultdict(list)
        for user in recipients:
            by_language[user.preferred_language or settings.LANGUAGE_CODE].append(user)
        for language, users in sorted(by_language.items()):
            with translation.override(language):
                context = {
                    "site_name": settings.SITE_NAME,
                    "survey_round": survey_round,
                    "municipality": municipality,
                    "recipients": users,
                    "todo_link": todo_link,
                    "answer_link": answer_link,
                }
                subject = " ".join(render_to_string("monitor/surveys/email/reminder_subject.txt", context).split())
                body = render_to_string("monitor/surveys/email/reminder.txt", context)
            messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email for user in users]))
        reminders.append(
            SurveyReminder(
                survey_round=survey_round, municipality=municipality, sent_at=sent_at, recipients=len(recipients)
            )
        )
    SurveyReminder.objects.bulk_create(reminders)
    result = {
        "municipalities": len(reminders),
        "emails": len(messages),
        "recipients": sum(reminder.recipients for reminder in reminders),
        "already_reminded_today": len(already),
        "without_coordinator": without_coordinator,
    }
    audit.record(
        actor=actor,
        action="survey_round.remind",
        target=survey_round,
        changes={**result, "date": today, "municipalities_reminded": [r.municipality.code for r in reminders]},
    )
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(messages))
    return result
