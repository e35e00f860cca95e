# SPDX-License-Identifier: EUPL-1.2
import datetime

import factory

from bouwplaats.organisations.models import Municipality, Population, Province


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = "PV26"
    name = "Utrecht"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    province = factory.SubFactory(ProvinceFactory)
    valid_from = datetime.date(2000, 1, 1)
    valid_to = None


class PopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Population

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2014
    inhabitants = 12_345
    source = "test"
