# SPDX-License-Identifier: EUPL-1.2
"""Who may check StUF messages for whom, and who may read a conformance report (design.md §7).

A report belongs to a supplier or to a municipality. Representatives of a supplier (an approved
supplier membership) check for their own supplier, coordinators (an approved membership of a
municipality) for their own municipality, programme staff for any. A report is read by whom may
check for its owner; a report that a supplier attached to its readiness as evidence is read by
everyone, as the readiness itself is.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.accounts.permissions import is_authenticated, is_coordinator_of, is_programme_staff, require
from bouwplaats.core.links import ShownLink
from bouwplaats.organisations.models import Municipality

from ..models import ConformanceReport, SupplierMembership


def is_representative_of(user, supplier) -> bool:
    if not is_authenticated(user) or supplier is None:
        return False
    return SupplierMembership.objects.filter(user=user, supplier=supplier, status=MembershipStatus.APPROVED).exists()


def can_check_for(user, *, supplier=None, municipality=None) -> bool:
    """Whether ``user`` may upload messages for the report of ``supplier`` or ``municipality``."""
    if is_programme_staff(user):
        return True
    if supplier is not None:
        return is_representative_of(user, supplier)
    if municipality is not None:
        return is_coordinator_of(user, municipality)
    return False


def may_check(user) -> bool:
    """Whether ``user`` may check for anyone: programme staff, representatives and coordinators."""
    if is_programme_staff(user):
        return True
    if not is_authenticated(user):
        return False
    return (
        user.supplier_memberships.filter(status=MembershipStatus.APPROVED).exists()
        or user.memberships.filter(status=MembershipStatus.APPROVED).exists()
    )


def can_read_report(user, report: ConformanceReport, *, is_evidence: bool | None = None) -> bool:
    """``is_evidence``: whether the report is attached to a readiness (asked when not given)."""
    if can_check_for(user, supplier=report.supplier, municipality=report.municipality):
        return True
    if is_evidence is None:
        is_evidence = report.readiness.exists()
    return is_evidence


def require_checker(user) -> None:
    """For the upload and list pages: only who may check for someone."""
    require(may_check(user), _("Only supplier representatives, coordinators and programme staff check StUF messages."))


def require_check_for(user, *, supplier=None, municipality=None) -> None:
    if supplier is not None:
        message = _("You may only check messages for the supplier you represent.")
    else:
        message = _("You may only check messages for a municipality you coordinate.")
    require(can_check_for(user, supplier=supplier, municipality=municipality), message)


def require_report_reader(user, report: ConformanceReport, *, is_evidence: bool | None = None) -> None:
    if not can_read_report(user, report, is_evidence=is_evidence):
        raise PermissionDenied(_("This conformance report belongs to another supplier or municipality."))


def municipality_check_links(user, code: str) -> list[ShownLink]:
    """On a municipality's page, for its coordinators and programme staff: check StUF messages for it."""
    if not is_authenticated(user):  # most visitors: no query
        return []
    if not can_check_for(user, municipality=Municipality.objects.filter(code=code).first()):
        return []
    address = f"{reverse('conformance:report-new')}?{urlencode({'gemeente': code})}"
    return [ShownLink(_("Check StUF messages for this municipality"), address)]
