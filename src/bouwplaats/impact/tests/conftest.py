# SPDX-License-Identifier: EUPL-1.2
"""A small hand-made GEMMA-like model in the database, two municipalities of the 2014 division and users."""

import datetime

import pytest

from bouwplaats.accounts.models import Membership, MembershipStatus
from bouwplaats.architecture.models import ArchitectureModel, Element, Layer, Relation
from bouwplaats.catalogue.tests.factories import CoordinatorFactory, StaffFactory, UserFactory
from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)
from bouwplaats.impact import graph as graph_cache
from bouwplaats.impact.models import Application, ApplicationReference, ReferenceKind
from bouwplaats.impact.rules import preset_json
from bouwplaats.organisations.models import Municipality

# identifier, object id, type, GEMMA type, layer, name
ELEMENTS = [
    ("e-f", "obj-f", "ApplicationComponent", "Buitengemeentelijke voorziening", Layer.APPLICATION, "Inlogvoorziening"),
    ("e-s", "obj-s", "ApplicationService", "Buitengemeentelijke service", Layer.APPLICATION, "Inlogservice"),
    ("e-x", "obj-x", "Constraint", "Standaard", Layer.MOTIVATION, "Inlog koppelvlak"),
    ("e-v", "obj-v", "Constraint", "Standaardversie", Layer.MOTIVATION, "Inlog koppelvlak 2.0"),
    ("e-y", "obj-y", "Constraint", "Standaard", Layer.MOTIVATION, "Ander koppelvlak"),
    ("e-a", "obj-a", "ApplicationComponent", "Referentiecomponent", Layer.APPLICATION, "Aanvraagcomponent"),
    ("e-b", "obj-b", "ApplicationComponent", "Referentiecomponent", Layer.APPLICATION, "Burgerportaal"),
    ("e-c", "obj-c", "ApplicationComponent", "Referentiecomponent", Layer.APPLICATION, "Catalogus"),
    ("e-as", "obj-as", "ApplicationService", "", Layer.APPLICATION, "Aanvragen ontvangen"),
    ("e-bf", "obj-bf", "BusinessFunction", "Bedrijfsfunctie", Layer.BUSINESS, "Dienstverlening"),
]
# identifier, type, source, target
RELATIONS = [
    ("r1", "RealizationRelationship", "e-f", "e-s"),
    ("r2", "RealizationRelationship", "e-s", "e-x"),
    ("r3", "SpecializationRelationship", "e-v", "e-x"),
    ("r4", "RealizationRelationship", "e-a", "e-x"),
    ("r5", "RealizationRelationship", "e-b", "e-x"),
    ("r6", "RealizationRelationship", "e-a", "e-as"),
    ("r7", "ServingRelationship", "e-as", "e-bf"),
    ("r8", "RealizationRelationship", "e-c", "e-y"),  # not reached from the facility
]


@pytest.fixture(autouse=True)
def _fresh_graphs():
    graph_cache.forget()
    yield
    graph_cache.forget()


def build_model(name="GEMMA", release="test-1") -> ArchitectureModel:
    model = ArchitectureModel.objects.create(
        name=name, release=release, source_format="csv", content_digest=f"digest-{release}"
    )
    elements = {
        identifier: Element.objects.create(
            model=model,
            identifier=identifier,
            object_id=object_id,
            type=type_,
            gemma_type=gemma_type,
            layer=layer,
            name=element_name,
        )
        for identifier, object_id, type_, gemma_type, layer, element_name in ELEMENTS
    }
    for identifier, type_, source, target in RELATIONS:
        Relation.objects.create(
            model=model,
            identifier=identifier,
            type=type_,
            source_identifier=source,
            target_identifier=target,
            source=elements[source],
            target=elements[target],
        )
    model.element_count, model.relation_count = len(ELEMENTS), len(RELATIONS)
    model.save()
    return model


@pytest.fixture
def model(db):
    return build_model()


@pytest.fixture
def division_date():
    from bouwplaats.impact.analysis import division_date
    from bouwplaats.impact.models import ImpactScenario

    return division_date(ImpactScenario())


@pytest.fixture
def town_a(db, division_date):
    return Municipality.objects.on(division_date).get(code="GM0363")  # Amsterdam


@pytest.fixture
def town_b(db, division_date):
    return Municipality.objects.on(division_date).get(code="GM0014")  # Groningen


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def member(db):
    return UserFactory()


def coordinator_of(municipality):
    user = CoordinatorFactory()
    Membership.objects.create(
        user=user,
        municipality=municipality,
        status=MembershipStatus.APPROVED,
        decided_at=datetime.datetime(2014, 1, 1, tzinfo=datetime.UTC),
    )
    return user


@pytest.fixture
def coordinator_a(town_a):
    return coordinator_of(town_a)


@pytest.fixture
def coordinator_b(town_b):
    return coordinator_of(town_b)


def add_application(municipality, name, *, components=(), standards=(), supplier="Leverancier", is_demo=False):
    app = Application.objects.create(municipality=municipality, name=name, supplier=supplier, is_demo=is_demo)
    ApplicationReference.objects.bulk_create(
        [ApplicationReference(application=app, kind=ReferenceKind.COMPONENT, object_id=o) for o in components]
        + [ApplicationReference(application=app, kind=ReferenceKind.STANDARD, object_id=o) for o in standards]
    )
    return app


@pytest.fixture
def landscapes(model, town_a, town_b):
    """Amsterdam: A supporting version 2.0 of the standard, B without it. Groningen: only B, supporting it."""
    return {
        "a_portal": add_application(town_a, "Zaaksysteem", components=["obj-a"], standards=["obj-v"]),
        "a_burger": add_application(town_a, "Mijn Amsterdam", components=["obj-b"], supplier="Andere BV"),
        "b_burger": add_application(town_b, "Burgerloket", components=["obj-b"], standards=["obj-x"]),
    }


@pytest.fixture
def scenario(model, staff):
    from bouwplaats.impact.models import ImpactScenario

    return ImpactScenario.objects.create(
        title="Inlogvoorziening",
        model=model,
        start_object_ids=["obj-f"],
        rules=preset_json("facility"),
        max_depth=6,
        created_by=staff,
    )
