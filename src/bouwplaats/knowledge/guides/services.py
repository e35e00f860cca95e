"""Writes for guides: staff publish a new version; coordinators tick the steps of their municipality."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from bouwplaats.audit import services as audit
from bouwplaats.core.errors import Errors

from ..models import Guide, GuideStep, GuideVersion, StepCompletion
from ..permissions import require_guide_editor, require_step_ticker

MAX_STEPS = 50


def _check_steps(building_block, steps: list[dict]) -> None:
    errors = Errors()
    if not steps:
        errors.add("steps", _("A guide needs at least one step."))
    if len(steps) > MAX_STEPS:
        errors.add("steps", _("A guide has at most %(max)d steps.") % {"max": MAX_STEPS})
    for number, step in enumerate(steps, start=1):
        if not (step.get("title") or "").strip():
            errors.add("steps", _("Step %(number)d has no title.") % {"number": number})
        level = step.get("level")
        if level is None or level.programme_id != building_block.programme_id:
            errors.add(
                "steps",
                _("Step %(number)d needs a status level of %(programme)s.")
                % {"number": number, "programme": building_block.programme.name},
            )
    errors.raise_if_any()


@transaction.atomic
def guide_version_publish(
    *, actor, building_block, steps: list[dict], introduction: str = "", change_note: str = ""
) -> GuideVersion:
    """Publish a new version of the block's guide. Earlier versions, and ticks on their steps, stay."""
    require_guide_editor(actor)
    _check_steps(building_block, steps)
    guide, _created = Guide.objects.get_or_create(building_block=building_block)
    # Lock the guide so two editors publishing at once get consecutive numbers.
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    number = (guide.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = GuideVersion.objects.create(
        guide=guide,
        number=number,
        introduction=(introduction or "").strip(),
        change_note=(change_note or "").strip()[:300],
        published_by=actor,
    )
    GuideStep.objects.bulk_create(
        GuideStep(
            version=version,
            position=position,
            title=step["title"].strip()[:200],
            description=(step.get("description") or "").strip(),
            level=step["level"],
        )
        for position, step in enumerate(steps)
    )
    audit.record(
        actor=actor,
        action="guide.publish",
        target=version,
        changes={"building_block": building_block.code, "version": number, "steps": len(steps)},
    )
    return version


@transaction.atomic
def guide_steps_tick(*, actor, municipality, version: GuideVersion, step_ids) -> dict:
    """Make the ticked steps of ``version`` for ``municipality`` exactly ``step_ids``.

    Only the current version can be ticked: earlier versions keep the ticks they had.
    """
    require_step_ticker(actor, municipality)
    latest = GuideVersion.objects.filter(guide=version.guide_id).order_by("-number").first()
    if latest.pk != version.pk:
        raise ValidationError(_("This is not the current version of the guide; tick the steps of the current one."))
    steps = set(version.steps.values_list("pk", flat=True))
    wanted = {int(pk) for pk in step_ids}
    unknown = wanted - steps
    if unknown:
        raise ValidationError({"steps": _("These steps are not part of this guide version.")})
    done = set(
        StepCompletion.objects.filter(step__version=version, municipality=municipality).values_list(
            "step_id", flat=True
        )
    )
    added, removed = sorted(wanted - done), sorted(done - wanted)
    if not added and not removed:
        return {"ticked": [], "unticked": []}
    StepCompletion.objects.bulk_create(
        StepCompletion(step_id=pk, municipality=municipality, completed_by=actor) for pk in added
    )
    StepCompletion.objects.filter(step_id__in=removed, municipality=municipality).delete()
    audit.record(
        actor=actor,
        action="guide.tick",
        target=version,
        changes={"municipality": municipality.code, "ticked": added, "unticked": removed},
    )
    return {"ticked": added, "unticked": removed}
