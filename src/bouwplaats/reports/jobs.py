# SPDX-License-Identifier: EUPL-1.2
"""A report's PDF written by a background job: WeasyPrint takes 10–20 s for the ALV report, too long
for a web request. The file is kept with the job and downloaded from its progress page. A shared job (no
owner, started for visitors who are not signed in) writes the report as everyone may see it."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from bouwplaats.catalogue.models import Programme
from bouwplaats.core.jobs import JobFailed, JobResult, Progress
from bouwplaats.core.models import Job

from . import pdf, selectors
from .permissions import can_view_details
from .sections import TEMPLATES
from .views import report_context, report_file_name


def run_report_pdf(job: Job, progress: Progress) -> JobResult:
    arguments = job.arguments
    programme = Programme.objects.filter(slug=arguments["programme"]).first()
    template = TEMPLATES.get(arguments["template"])
    if programme is None or template is None:
        raise JobFailed(_("This report no longer exists."))
    on = datetime.date.fromisoformat(arguments["on"])
    progress.update(0, 2, _("Computing the report."))
    # What the owner may see now, not when the job was queued; a shared job (no owner): what everyone may see.
    viewer = job.owner or AnonymousUser()
    report = selectors.report(
        programme=programme, template=template, on=on, details_visible=can_view_details(viewer, programme)
    )
    progress.update(1, 2, _("Writing the PDF."))
    content = pdf.pdf_bytes(report_context(report), base_url=arguments["base_url"])
    return JobResult(
        content=content, file_name=report_file_name(programme, template, on, "pdf"), message=_("The PDF is ready.")
    )
