# SPDX-License-Identifier: EUPL-1.2
import datetime

import factory

from bouwplaats.accounts.models import Membership, MembershipStatus, Role, User
from bouwplaats.organisations.models import Municipality, Province

PASSWORD = "a-Long-test-passw0rd"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="nl_NL")
    role = Role.MEMBER
    preferred_language = "nl"
    is_active = True
    password = factory.django.Password(PASSWORD)


class StaffFactory(UserFactory):
    role = Role.STAFF


class AdminFactory(UserFactory):
    role = Role.ADMIN
    is_staff = True
    is_superuser = True


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = "PV27"
    name = "Noord-Holland"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code", "valid_from"]

    code = factory.Sequence(lambda n: f"GM9{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    province = factory.SubFactory(ProvinceFactory)
    valid_from = datetime.date(1990, 1, 1)
    valid_to = None


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    status = MembershipStatus.PENDING
    motivation = "I am the information manager."


def municipality(code: str, name: str) -> Municipality:
    """The current period of a real municipality, or a stand-in when reference data is absent."""
    found = Municipality.objects.filter(code=code).order_by("-valid_from").first()
    return found or MunicipalityFactory(code=code, name=name)
