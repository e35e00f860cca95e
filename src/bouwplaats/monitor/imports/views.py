# SPDX-License-Identifier: EUPL-1.2
"""Import pages (programme staff): upload and dry run, the per-row report, applying, the history of
imports; the mergers of the programme with carrying their status over; and the history of a
municipality that merged away, linked from a carried-over status."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.catalogue.selectors import current_programme
from bouwplaats.catalogue.shortcuts import programme_or_404
from bouwplaats.core import tabular
from bouwplaats.core.errors import submit_form
from bouwplaats.core.jobs import job_start
from bouwplaats.organisations.models import Municipality

from ..models import ImportStatus
from ..permissions import can_view_municipality_status
from . import jobs, mergers, selectors, services
from .checking import Kind
from .columns import COLUMNS
from .forms import ImportUploadForm, MergerBlockForm, ReportFilterForm

LIST_PAGE_SIZE = 50
REPORT_PAGE_SIZE = 200
HISTORY_PAGE_SIZE = 100
EXAMPLE_CSV = (
    "gemeentecode;bouwsteen;niveau;geldig_vanaf;geplande_datum;belemmeringen;opmerking\r\n"
    "GM0363;BRP;in-gebruik;2014-01-06;;;\r\n"
)


def _batch(pk: int):
    batch = selectors.import_batch(pk)
    if batch is None:
        raise Http404(_("There is no import with this number."))
    return batch


@permission_required_by(services.require_importer)
@require_http_methods(["GET", "HEAD"])
def import_list(request):
    page = Paginator(selectors.import_batches(), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitor/imports/import_list.html", {"page_obj": page, "batches": page.object_list})


@permission_required_by(services.require_importer)
@require_http_methods(["GET", "HEAD", "POST"])
def import_new(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None, programme=current_programme())
    batch = submit_form(request, form, services.import_check, actor=request.user)
    if batch is not None:
        return redirect("monitor:import-detail", pk=batch.pk)
    columns = [(name, aliases) for name, aliases in COLUMNS.items()]
    return render(request, "monitor/imports/import_new.html", {"form": form, "columns": columns})


@permission_required_by(services.require_importer)
@require_http_methods(["GET", "HEAD"])
def import_example(request):
    return tabular.file_response(EXAMPLE_CSV, "voorbeeld-import.csv", tabular.CONTENT_TYPES[tabular.CSV])


@permission_required_by(services.require_importer)
@require_http_methods(["GET", "HEAD"])
def import_detail(request, pk):
    batch = _batch(pk)
    form = ReportFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_bound and form.is_valid() else ""
    page = Paginator(selectors.report_rows(batch, kind=kind), REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "monitor/imports/import_detail.html",
        {
            "batch": batch,
            "report": batch.report,
            "counts": selectors.report_counts(batch),
            "form": form,
            "kind": kind,
            "page_obj": page,
            "rows": page.object_list,
            "can_apply": batch.status == ImportStatus.CHECKED,
            "writes": sum(batch.report.get("counts", {}).get(kind, 0) for kind in Kind.WRITES),
        },
    )


@permission_required_by(services.require_importer)
@require_POST
def import_apply(request, pk):
    """A large import is applied by a background job (``jobs.in_background``), a small one at once."""
    batch = _batch(pk)
    if jobs.in_background(batch):
        job = job_start(
            owner=request.user,
            kind=jobs.IMPORT_APPLY,
            title=_("Applying the import of %(file)s") % {"file": batch.file_name},
            arguments={"batch": batch.pk},
        )
        return redirect("core:job-detail", pk=job.pk)
    try:
        result = services.import_apply(actor=request.user, batch=batch)
    except services.ImportNotApplicable as refused:
        messages.error(request, str(refused))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, jobs.applied_message(result.events))
    return redirect("monitor:import-detail", pk=batch.pk)


@require_http_methods(["GET", "HEAD"])
def merger_history(request, code, block_code):
    """The status history of a municipality (code) for a block, also after it merged away."""
    programme = programme_or_404()
    periods = selectors.predecessor_periods(code)
    block = BuildingBlock.objects.filter(programme=programme, code=block_code).first()
    if not periods or block is None:
        raise Http404(_("There is no such municipality or building block."))
    if not selectors.can_view_predecessor_history(request.user, periods, programme):
        raise PermissionDenied(
            _("The detailed status in %(programme)s is visible to programme staff and coordinators only.")
            % {"programme": programme.name}
        )
    page = Paginator(selectors.predecessor_history(code=code, building_block=block), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    latest = periods[-1]
    return render(
        request,
        "monitor/imports/merger_history.html",
        {
            "programme": programme,
            "municipality": latest,
            "successor": latest.merged_into,
            # Linked only when it exists in the programme and the visitor may open it (no link to a 403).
            "successor_in_programme": latest.merged_into is not None
            and latest.merged_into.exists_on(programme.reference_date)
            and can_view_municipality_status(request.user, latest.merged_into, programme),
            "building_block": block,
            "page_obj": page,
            "events": page.object_list,
            "has_demo": any(event.is_demo for event in page.object_list),
        },
    )


@permission_required_by(services.require_importer)
@require_http_methods(["GET", "HEAD"])
def merger_list(request):
    programme = programme_or_404()
    blocks = list(BuildingBlock.objects.filter(programme=programme).order_by("name"))
    form = MergerBlockForm(request.GET or None, blocks=blocks)
    rows = list(selectors.programme_mergers(programme))
    return render(
        request,
        "monitor/imports/merger_list.html",
        {
            "programme": programme,
            "mergers": rows,
            "block_count": len(blocks),
            "pending": sum(1 for row in rows if row.predecessors_reported and not row.carried_over),
            "form": form,
            "history_block": form.block(),
        },
    )


@permission_required_by(services.require_importer)
@require_POST
def merger_carry_over(request):
    """Carry over for one merged municipality (``municipality``: its code) or, without it, for all."""
    programme = programme_or_404()
    code = request.POST.get("municipality", "").strip().upper()
    try:
        results = mergers.carry_over_by_code(actor=request.user, programme=programme, code=code)
    except Municipality.DoesNotExist:
        raise Http404(_("There is no merged municipality with this code in the programme.")) from None
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        carried = sum(len(result.events) for result in results)
        if carried:
            messages.success(
                request,
                ngettext("%(count)d status carried over.", "%(count)d statuses carried over.", carried)
                % {"count": carried},
            )
        else:
            messages.info(request, _("Nothing to carry over: every status had been carried over already."))
    return redirect("monitor:import-mergers")
