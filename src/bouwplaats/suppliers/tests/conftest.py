# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest

from bouwplaats.accounts.models import Role
from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)

from .factories import (
    BuildingBlockFactory,
    ProductFactory,
    ProductVersionFactory,
    ProgrammeFactory,
    SupplierFactory,
    UserFactory,
    representative,
)


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def blocks(programme):
    """Two building blocks of the test programme: Alfa and Bravo."""
    return (
        BuildingBlockFactory(programme=programme, code="AAA", name="Alfa"),
        BuildingBlockFactory(programme=programme, code="BBB", name="Bravo"),
    )


@pytest.fixture
def supplier(db):
    return SupplierFactory(name="Acme Software")


@pytest.fixture
def other_supplier(db):
    return SupplierFactory(name="Beta Systemen")


@pytest.fixture
def product(supplier):
    return ProductFactory(supplier=supplier, name="Acme Zaken")


@pytest.fixture
def version(product):
    return ProductVersionFactory(product=product, version="2013.1", release_date=datetime.date(2013, 1, 1))


@pytest.fixture
def other_version(other_supplier):
    product = ProductFactory(supplier=other_supplier, name="Beta Burgerzaken")
    return ProductVersionFactory(product=product, version="5.0", release_date=datetime.date(2013, 1, 1))


@pytest.fixture
def rep(supplier):
    """The representative of Acme Software."""
    return representative(supplier, full_name="Rita Rep", email="rita@acme.example")


@pytest.fixture
def other_rep(other_supplier):
    return representative(other_supplier, full_name="Bob Beta", email="bob@beta.example")


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.STAFF, full_name="Sam Staff", email="sam@example.org")


@pytest.fixture
def coordinator(db):
    return UserFactory(role=Role.COORDINATOR, full_name="Cora Coordinator", email="cora@example.org")


@pytest.fixture
def member(db):
    return UserFactory(role=Role.MEMBER, full_name="Mo Member", email="mo@example.org")


@pytest.fixture
def new_entries(db):
    """``new_entries()``: the audit entries recorded since the test began (the session holds the reference data's)."""
    from bouwplaats.audit.models import AuditEntry

    mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return lambda: AuditEntry.objects.filter(id__gt=mark)
