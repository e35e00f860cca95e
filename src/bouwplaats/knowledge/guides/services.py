# SPDX-License-Identifier: EUPL-1.2
"""Writes for guides: staff publish a new version; coordinators tick the steps of their municipality;
a successor programme takes the guides of its predecessor over (``guides_copy``)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, prefetch_related_objects
from django.utils import translation
from django.utils.translation import gettext as _

from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme, StatusLevel
from bouwplaats.catalogue.rules import require_open
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
    require_open(building_block.programme_id)
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
    require_open(version.guide.building_block.programme_id)
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


def guides_copy(*, predecessor: Programme, successor: Programme, actor=None) -> int:
    """The current version of each guide of the predecessor's blocks, as version 1 of a guide for the
    successor's block of the same code (a part of a successor, registered with ``catalogue.succession``;
    it runs after the ladder and the blocks). Steps keep their place and take the level of the same
    code. Ticks stay with the predecessor: each municipality ticks the successor's steps anew. Runs
    inside ``successor_start``, which checks permission and audits. Returns the number of guides.
    """
    blocks = {block.code: block for block in BuildingBlock.objects.filter(programme=successor)}
    levels = {level.code: level for level in StatusLevel.objects.filter(programme=successor)}
    guides = Guide.objects.filter(building_block__programme=predecessor).select_related("building_block")
    latest: dict[int, GuideVersion] = {}
    for version in GuideVersion.objects.filter(guide__in=guides).order_by("guide_id", "-number"):
        latest.setdefault(version.guide_id, version)
    prefetch_related_objects(list(latest.values()), "steps__level")
    with translation.override(settings.LANGUAGE_CODE):
        change_note = _("Taken over from %(programme)s.") % {"programme": predecessor.name}
    copied = 0
    for guide in guides.order_by("building_block__code"):
        block, version = blocks.get(guide.building_block.code), latest.get(guide.pk)
        if block is None or version is None:
            continue
        new_guide = Guide.objects.create(building_block=block)
        new_version = GuideVersion.objects.create(
            guide=new_guide,
            number=1,
            introduction=version.introduction,
            change_note=change_note[:300],
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_demo=version.is_demo,
        )
        GuideStep.objects.bulk_create(
            GuideStep(
                version=new_version,
                position=step.position,
                title=step.title,
                description=step.description,
                level=levels[step.level.code],
            )
            for step in version.steps.all()
        )
        copied += 1
    return copied
