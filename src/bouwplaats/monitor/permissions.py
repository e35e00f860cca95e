# SPDX-License-Identifier: EUPL-1.2
"""Who may read and report a municipality's detailed status (design.md §7)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.accounts.permissions import is_authenticated, is_coordinator_of, is_programme_staff, require

from .constants import COORDINATOR_SOURCES, STAFF_SOURCES, Source


def can_view_every_municipality_status(user, programme) -> bool:
    """Whether ``user`` sees the status of every municipality of ``programme``: when the programme's
    setting makes it public today, and programme staff always."""
    return bool(programme.municipality_status_is_public() or is_programme_staff(user))


def can_view_municipality_status(user, municipality, programme) -> bool:
    """Public when the programme's setting makes it public today; otherwise programme staff and the
    municipality's coordinators. Pages, their links and exports ask this one function."""
    return can_view_every_municipality_status(user, programme) or is_coordinator_of(user, municipality)


def can_view_evidence_file(user, event) -> bool:
    """An event's evidence file: whom its history page shows it to (``core.private_media``)."""
    return can_view_municipality_status(user, event.municipality, event.building_block.programme)


def can_view_municipality_risk(user, municipality) -> bool:
    """A municipality's own deadline risk, with its reasons: programme staff and its coordinators.

    The risk of every municipality is for programme staff only (the deadline-risk list); the public
    sees the numbers per building block. Unlike the status, this does not follow the programme's
    visibility setting: a forecast is a signal for support, not a published judgement. The same people
    may report its status.
    """
    return can_report_status(user, municipality)


def why_municipality_status_hidden(programme) -> str:
    """The sentence that tells a visitor why a municipality's own progress is not shown to them
    (written by the template ``monitor/_status_hidden.html``, which pages also include)."""
    return render_to_string("monitor/_status_hidden.html", {"programme": programme})


def can_report_status(user, municipality) -> bool:
    return is_programme_staff(user) or is_coordinator_of(user, municipality)


def coordinated_codes(user) -> list[str]:
    """CBS codes of the municipalities ``user`` is an approved member of (none when anonymous)."""
    if not is_authenticated(user):
        return []
    return list(user.memberships.filter(status=MembershipStatus.APPROVED).values_list("municipality__code", flat=True))


def default_source(user) -> str:
    return Source.STAFF if is_programme_staff(user) else Source.SELF_REPORT


def require_status_reporter(user, municipality, source: str, *, survey_round=None) -> None:
    """Programme staff report for any municipality (as staff, survey or import); a coordinator only
    for their own municipality and only as a self-report, or as the answer to a survey round."""
    if survey_round is not None:
        require(
            can_report_status(user, municipality),
            _("Only programme staff and the coordinators of %(name)s may answer a survey round for it.")
            % {"name": municipality.name},
        )
        return
    if is_programme_staff(user):
        require(
            source in STAFF_SOURCES,
            _("Programme staff report with the source staff, survey round or import."),
        )
        return
    require(
        is_coordinator_of(user, municipality),
        _("Only programme staff and the coordinators of %(name)s may report its status.") % {"name": municipality.name},
    )
    require(source in COORDINATOR_SOURCES, _("A coordinator reports the status as a self-report."))
