# SPDX-License-Identifier: EUPL-1.2
import datetime

import factory

from bouwplaats.accounts.models import Membership, MembershipStatus
from bouwplaats.catalogue.tests.factories import (  # noqa: F401  (re-exported for the monitor tests)
    BuildingBlockFactory,
    CoordinatorFactory,
    ProgrammeFactory,
    StaffFactory,
    UserFactory,
    ladder,
)
from bouwplaats.organisations.tests.factories import MunicipalityFactory


class ApprovedMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(CoordinatorFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    status = MembershipStatus.APPROVED
    decided_at = factory.LazyFunction(lambda: datetime.datetime(2014, 1, 1, tzinfo=datetime.UTC))
