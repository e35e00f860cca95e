# SPDX-License-Identifier: EUPL-1.2
"""What some pages of the browser tests need besides the demo data, made once with the site's database.

- an account whose sign-in asks for a code from an app (role ``second_factor`` in ``pages.py``): the
  two-factor code page opens only for a session that still owes one;
- a finished background job of the demo administrator: the job's progress page needs a job.

Run by ``server.prepare_database`` through ``manage.py shell``, after the demo data commands, and by
``ui/tests/test_dutch_pages.py`` after the same commands.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from bouwplaats.accounts import services
from bouwplaats.core.models import Job, JobState
from bouwplaats.reports.apps import REPORT_PDF
from tests.browser.pages import DEMO_PASSWORD, ROLES, SECOND_FACTOR, SEEDED_JOB_ID, STAFF

# The app's key, fixed so that a test can compute its codes.
SECOND_FACTOR_KEY = "3132333435363738393031323334353637383930"


def seed(*, fresh_database: bool = True) -> None:
    """Add the account and the job. In a fresh database (the browser tests' site) the job must get
    the id that ``pages.py`` visits; a test that seeds a database used before looks it up instead."""
    user_model = get_user_model()
    member = user_model.objects.create_user(
        email=ROLES[SECOND_FACTOR], password=DEMO_PASSWORD, full_name="Demo met tweestapsverificatie"
    )
    code = f"{totp(bytes.fromhex(SECOND_FACTOR_KEY)):06d}"
    services.second_factor_enable(actor=member, key=SECOND_FACTOR_KEY, token=code)
    job = Job.objects.create(
        kind=REPORT_PDF,
        title="Rapportage Operatie NUP (bestuur) als pdf",
        owner=user_model.objects.get(email=ROLES[STAFF]),
        state=JobState.DONE,
        message="Klaar.",
        result_url=reverse("reports:index"),
        finished_at=timezone.now(),
    )
    if fresh_database and job.pk != SEEDED_JOB_ID:
        raise RuntimeError(f"The seeded job got id {job.pk}, where the browser tests visit {SEEDED_JOB_ID}.")
