# SPDX-License-Identifier: EUPL-1.2
import datetime

import factory
from django.utils import timezone

from bouwplaats.knowledge.models import Answer, Article, Question, QuestionStatus, Theme
from bouwplaats.monitor.tests.factories import (  # noqa: F401  (re-exported for the knowledge tests)
    ApprovedMembershipFactory,
    BuildingBlockFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StaffFactory,
    UserFactory,
    ladder,
)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    lead = "Een gemeente vertelt."
    body = "De **tekst** van het artikel."
    author_name = "een i-adviseur van een middelgrote gemeente"
    publication_date = datetime.date(2013, 5, 1)
    is_published = True


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    title = factory.Sequence(lambda n: f"Vraag {n} over de aansluiting")
    body = "Hoe pakken andere gemeenten dit aan?"
    asker = factory.SubFactory(UserFactory)
    status = QuestionStatus.NEW
    created_at = factory.LazyFunction(timezone.now)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    body = "Zo doe je dat."
