# SPDX-License-Identifier: EUPL-1.2
"""Conformance check pages: one's reports, checking messages (upload), and a report."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.accounts.permissions import is_authenticated
from bouwplaats.core.errors import submit_form

from . import permissions, selectors, services
from .forms import ConformanceUploadForm
from .limits import MAX_MEMBERS, MAX_UNPACKED_BYTES, MAX_UPLOAD_BYTES, MB
from .uploads import limit_upload_size

LIST_PAGE_SIZE = 50


@permission_required_by(permissions.require_checker)
@require_http_methods(["GET", "HEAD"])
def report_list(request):
    page = Paginator(selectors.reports_for(request.user), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "suppliers/conformance/report_list.html", {"page_obj": page, "reports": page.object_list})


@csrf_exempt  # the token is checked by `_report_new`, once the upload's size limit is in place
@permission_required_by(permissions.require_checker)
@require_http_methods(["GET", "HEAD", "POST"])
def report_new(request):
    limit_upload_size(request)
    return _report_new(request)


@csrf_protect
def _report_new(request):
    standards = selectors.checkable_standards()
    chosen = request.GET.get("standaard", "")  # e.g. from a readiness form: the standard to check for
    form = ConformanceUploadForm(
        request.POST or None,
        request.FILES or None,
        standards=standards,
        owners=selectors.owners_for(request.user),
        initial={"standard": standards.filter(code=chosen).first() if chosen else None},
    )
    form.preselect_municipality(request.GET.get("gemeente", ""))  # from a municipality's page
    report = submit_form(request, form, services.conformance_report_create, actor=request.user)
    if report is not None:
        if report.passed:
            messages.success(request, _("Checked: every message conforms to the schemas."))
        else:
            messages.warning(request, _("Checked: not every message conforms to the schemas."))
        return redirect("conformance:report-detail", pk=report.pk)
    return render(
        request,
        "suppliers/conformance/report_new.html",
        {
            "form": form,
            "has_standards": standards.exists(),
            "limits": {
                "upload_mb": MAX_UPLOAD_BYTES // MB,
                "unpacked_mb": MAX_UNPACKED_BYTES // MB,
                "members": MAX_MEMBERS,
            },
        },
    )


@require_http_methods(["GET", "HEAD"])
def report_detail(request, pk):
    report = selectors.report_detail(pk)
    if report is None:
        raise Http404(_("There is no conformance report with this number."))
    owns = permissions.can_check_for(request.user, supplier=report.supplier, municipality=report.municipality)
    if not owns and not report.is_evidence:
        if not is_authenticated(request.user):
            return redirect_to_login(request.get_full_path())
        permissions.require_report_reader(request.user, report, is_evidence=False)
    results = selectors.report_messages(report)
    return render(
        request,
        "suppliers/conformance/report_detail.html",
        {
            "report": report,
            "results": results,
            "failed": [result for result in results if result.error_count],
            "ignored": [result for result in results if result.ignored],
            # The uploader's name and the list of reports are for the report's owners, not for readers of evidence.
            "is_owner": owns,
        },
    )
