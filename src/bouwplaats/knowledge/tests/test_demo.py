# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.management import call_command

from bouwplaats.accounts.demo import demo_accounts_load
from bouwplaats.knowledge.models import Article, Comment, Guide, Question, QuestionStatus, StepCompletion
from bouwplaats.knowledge.questions import selectors
from bouwplaats.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_demo_is_plausible_labelled_and_idempotent(settings):
    settings.DEBUG = True
    demo_accounts_load(allowed=True)
    call_command("load_demo_knowledge", verbosity=0)
    counts = (Question.objects.count(), Guide.objects.count(), Article.objects.count(), Comment.objects.count())
    assert counts[0] == 60 and counts[1] >= 3 and counts[2] == 3 and counts[3] >= 3
    assert not Question.objects.filter(is_demo=False).exists()
    assert Question.objects.filter(status=QuestionStatus.PUBLISHED).count() >= 30
    years = {q.created_at.year for q in Question.objects.all()}
    assert years == {2012, 2013, 2014}
    assert StepCompletion.objects.exists()
    assert selectors.faq(text="aansluitaanvraag").exists()  # the index was filled
    told = Notification.objects.filter(recipient__email="coordinator.amsterdam@bouwplaats.example")
    answered = Question.objects.filter(
        asker__email="coordinator.amsterdam@bouwplaats.example", answered_at__isnull=False
    )
    assert told.count() == answered.count() > 0
    assert told.filter(read_at__isnull=True).count() == 1 and not told.filter(emailed_at__isnull=True).exists()
    call_command("load_demo_knowledge", verbosity=0)
    assert counts == (Question.objects.count(), Guide.objects.count(), Article.objects.count(), Comment.objects.count())
    assert told.count() == answered.count()


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo_knowledge", verbosity=0)
