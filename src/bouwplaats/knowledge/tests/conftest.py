# SPDX-License-Identifier: EUPL-1.2
import pytest

from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)

from .factories import (
    ApprovedMembershipFactory,
    ArticleFactory,
    BuildingBlockFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StaffFactory,
    ThemeFactory,
    UserFactory,
    ladder,
)


@pytest.fixture
def staff(db):
    return StaffFactory(full_name="Medewerker Kenniscentrum")


@pytest.fixture
def member(db):
    return UserFactory(full_name="Lid Een")


@pytest.fixture
def other_member(db):
    return UserFactory(full_name="Lid Twee")


@pytest.fixture
def article(db):
    return ArticleFactory(title="Podium: de kracht van samen", slug="podium-samen")


@pytest.fixture
def draft_article(db):
    return ArticleFactory(title="Concept", slug="concept", is_published=False)


@pytest.fixture
def programme(db):
    from bouwplaats.catalogue.models import Programme

    Programme.objects.update(is_current=False)
    import datetime

    return ProgrammeFactory(is_current=True, reference_date=datetime.date(2022, 1, 1))


@pytest.fixture
def levels(programme):
    return ladder(programme, names=("niet gestart", "oriëntatie", "implementatie", "in gebruik"))


@pytest.fixture
def blocks(programme, levels):
    a = BuildingBlockFactory(programme=programme, code="AAA", name="Alfa")
    b = BuildingBlockFactory(programme=programme, code="BBB", name="Bravo")
    return a, b


@pytest.fixture
def themes(db):
    return ThemeFactory(name="Dienstverlening", slug="dienstverlening"), ThemeFactory(
        name="Basisregistraties", slug="basisregistraties"
    )


@pytest.fixture
def town_a(db):
    return MunicipalityFactory(code="GM9901", name="Aadorp")


@pytest.fixture
def town_b(db):
    return MunicipalityFactory(code="GM9902", name="Beedorp")


@pytest.fixture
def coordinator_a(town_a):
    return ApprovedMembershipFactory(municipality=town_a).user
