# SPDX-License-Identifier: EUPL-1.2
import datetime

import factory

from bouwplaats.accounts.models import MembershipStatus, Role
from bouwplaats.accounts.tests.factories import UserFactory
from bouwplaats.catalogue.tests.factories import BuildingBlockFactory, ProgrammeFactory
from bouwplaats.suppliers.models import (
    Agreement,
    AgreementKind,
    AgreementSignature,
    ConformanceReport,
    DeliveryCommitment,
    Product,
    ProductVersion,
    Readiness,
    ReadinessState,
    Standard,
    Supplier,
    SupplierMembership,
)


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    name = factory.Sequence(lambda n: f"Leverancier {n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    supplier = factory.SubFactory(SupplierFactory)
    name = factory.Sequence(lambda n: f"Pakket {n}")


class ProductVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVersion

    product = factory.SubFactory(ProductFactory)
    version = factory.Sequence(lambda n: f"1.{n}")
    release_date = datetime.date(2013, 1, 1)


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    code = factory.Sequence(lambda n: f"test-standaard-{n}")
    name = factory.Sequence(lambda n: f"Teststandaard {n}")


class ReadinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Readiness

    product_version = factory.SubFactory(ProductVersionFactory)
    building_block = factory.SubFactory(BuildingBlockFactory)
    state = ReadinessState.SUPPORTED
    date = datetime.date(2013, 6, 1)


class ConformanceReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConformanceReport

    standard = factory.SubFactory(StandardFactory)
    supplier = factory.SubFactory(SupplierFactory)
    file_name = "berichten.zip"
    sha256 = "0" * 64
    message_count = 3
    error_count = 0
    passed = True


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    kind = AgreementKind.ADDENDUM
    title = factory.Sequence(lambda n: f"Addendum {n}")

    @factory.post_generation
    def building_blocks(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.building_blocks.set(extracted)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementSignature

    agreement = factory.SubFactory(AgreementFactory)
    supplier = factory.SubFactory(SupplierFactory)
    signed_on = datetime.date(2012, 6, 1)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryCommitment

    signature = factory.SubFactory(SignatureFactory)
    building_block = factory.SubFactory(BuildingBlockFactory)
    due_date = datetime.date(2014, 1, 1)


class SupplierMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierMembership

    user = factory.SubFactory(UserFactory)
    supplier = factory.SubFactory(SupplierFactory)
    status = MembershipStatus.PENDING
    motivation = "Ik ben productmanager."


def representative(supplier: Supplier, **kwargs):
    """A user with the supplier role and an approved membership of ``supplier``."""
    user = UserFactory(role=Role.SUPPLIER, organisation_name=supplier.name, **kwargs)
    SupplierMembershipFactory(user=user, supplier=supplier, status=MembershipStatus.APPROVED)
    return user
