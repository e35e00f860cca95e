# SPDX-License-Identifier: EUPL-1.2
import datetime

import factory

from bouwplaats.accounts.models import Role, User
from bouwplaats.catalogue.models import (
    BuildingBlock,
    DeadlineBasis,
    Evidence,
    MunicipalityRole,
    Programme,
    ResultAgreement,
    StatusLevel,
    StatusVisibility,
)

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    role = Role.MEMBER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, password=PASSWORD, **kwargs)


class StaffFactory(UserFactory):
    role = Role.STAFF


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR


class SupplierFactory(UserFactory):
    role = Role.SUPPLIER
    organisation_name = "Leverancier BV"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"testprogramma-{n}")
    name = factory.Sequence(lambda n: f"Testprogramma {n}")
    owner = "VNG"
    executor = "KING"
    start_date = datetime.date(2020, 1, 1)
    end_date = datetime.date(2023, 1, 1)
    reference_date = datetime.date(2022, 1, 1)
    is_current = False
    # Tests start from details hidden from the public (the ended test programme would otherwise be
    # public by the default "public after the end") and make them public where they test that.
    municipality_status_visibility = StatusVisibility.AGGREGATED


class StatusLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusLevel

    programme = factory.SubFactory(ProgrammeFactory)
    position = factory.LazyAttribute(lambda o: StatusLevel.objects.filter(programme=o.programme).count())
    code = factory.Sequence(lambda n: f"niveau-{n}")
    name = factory.Sequence(lambda n: f"niveau {n}")


class BuildingBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuildingBlock
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"BLOK-{n}")
    name = factory.Sequence(lambda n: f"Bouwsteen {n}")
    cluster = "Basisregistraties"
    owner = "BZK / Logius"
    municipality_role = MunicipalityRole.CONNECT
    deadline = datetime.date(2023, 1, 1)
    deadline_basis = DeadlineBasis.PROGRAMME_END
    evidence = Evidence.INFERRED

    @factory.post_generation
    def depends_on(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.depends_on.set(extracted)


class ResultAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultAgreement
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Resultaatafspraak {n}")
    text = "Alle gemeenten zijn aangesloten."
    deadline = datetime.date(2022, 7, 1)
    required_level = factory.SubFactory(StatusLevelFactory, programme=factory.SelfAttribute("..programme"))

    @factory.post_generation
    def building_blocks(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.building_blocks.set(extracted)


def ladder(programme, names=("niet gestart", "oriëntatie", "aangesloten")) -> list[StatusLevel]:
    """A small status ladder for ``programme``, lowest first."""
    return [
        StatusLevel.objects.create(programme=programme, position=i, code=f"stap-{i}", name=name)
        for i, name in enumerate(names)
    ]
