# SPDX-License-Identifier: EUPL-1.2
"""Demo accounts for development sites: an administrator, programme staff, the coordinator of
Amsterdam, a supplier representative and a member with a pending request for Utrecht.

``demo_accounts_load`` creates the ones that are missing (run by ``load_demo_data``) with a fixed
password that the command prints, and is audited as written by the system.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bouwplaats.audit import services as audit
from bouwplaats.organisations.models import Municipality

from .models import Membership, MembershipStatus, Role, User
from .permissions import require

DEMO_PASSWORD = "bouwplaats-demo"  # noqa: S105 - printed on purpose, demo data only


# --- loading ------------------------------------------------------------------------------

DEMO_ACCOUNTS = [
    # (email, full name, role, organisation)
    ("admin@bouwplaats.example", "Demo Administrator", Role.ADMIN, ""),
    ("programma@bouwplaats.example", "Demo Programme Staff", Role.STAFF, ""),
    ("coordinator.amsterdam@bouwplaats.example", "Demo Coordinator Amsterdam", Role.MEMBER, ""),
    ("leverancier@bouwplaats.example", "Demo Supplier Representative", Role.SUPPLIER, "Demo Software B.V."),
    ("lid.utrecht@bouwplaats.example", "Demo Member Utrecht", Role.MEMBER, ""),
]
DEMO_MEMBERSHIPS = [
    # (email, municipality code, status)
    ("coordinator.amsterdam@bouwplaats.example", "GM0363", MembershipStatus.APPROVED),
    ("lid.utrecht@bouwplaats.example", "GM0344", MembershipStatus.PENDING),
]


def _current_period(code: str) -> Municipality | None:
    return Municipality.objects.filter(code=code).order_by("-valid_from").first()


@transaction.atomic
def demo_accounts_load(*, allowed: bool) -> dict:
    """Create the demo accounts and memberships that are missing (system actor, demo only).

    ``allowed`` is the caller's confirmation that this is not a production site. Returns
    what was created and which memberships had to be skipped for lack of reference data.
    """
    require(allowed, _("Demo data may only be loaded on a development site."))
    created_users, created_memberships, skipped = [], [], []
    users = {}
    for email, full_name, role, organisation in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=full_name,
                role=role,
                organisation_name=organisation,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
                preferred_language="nl",
            )
            created_users.append(email)
        users[email] = user
    staff = users["programma@bouwplaats.example"]
    for email, code, status in DEMO_MEMBERSHIPS:
        municipality = _current_period(code)
        if municipality is None:
            skipped.append(code)
            continue
        user = users[email]
        if user.memberships.filter(municipality__code=code, status__in=[MembershipStatus.PENDING, status]).exists():
            continue
        membership = Membership(user=user, municipality=municipality, status=status)
        membership.motivation = _("Demo request: I coordinate the implementation for %(municipality)s.") % {
            "municipality": municipality.name
        }
        if status == MembershipStatus.APPROVED:
            membership.decided_at = timezone.now()
            membership.decided_by = staff
            membership.decision_note = _("Demo data.")
            if user.role == Role.MEMBER:
                user.role = Role.COORDINATOR
                user.save(update_fields=["role"])
        membership.save()
        created_memberships.append(f"{email} {code} {status}")
    result = {"users": created_users, "memberships": created_memberships, "skipped_municipalities": skipped}
    if created_users or created_memberships:
        audit.record(actor=None, action="accounts.demo_data.loaded", object_type="accounts.demo", changes=result)
    return result
