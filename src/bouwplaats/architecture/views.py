# SPDX-License-Identifier: EUPL-1.2
"""Architecture pages: the models and their releases, element search, element pages, import, download."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.audit.selectors import data_version
from bouwplaats.core.fragments import cached_fragment
from bouwplaats.core.jobs import job_start

from . import selectors
from .forms import AUTO, ElementSearchForm, ModelImportForm
from .gemma import GEMMA_MODEL_NAME, gemma_online_url
from .importers import ModelFileError, detect_upload_format, export_ameff
from .importers.ameff import SUFFIX
from .importers.notes import describe as describe_notes
from .jobs import MODEL_IMPORT
from .models import Layer, SourceFormat
from .permissions import can_import_models, require_model_importer

PAGE_SIZE = 50


def _model(name: str, release: str):
    model = selectors.model_by_release(name, release)
    if model is None:
        raise Http404(_("There is no release %(release)s of the model %(name)s.") % {"release": release, "name": name})
    return model


@require_http_methods(["GET", "HEAD"])
def model_list(request):
    """Cached under the data version: every import is audited, so a new release shows at once (ADR 6)."""
    can_import = can_import_models(request.user)

    def render_parts() -> dict:
        context = {"models": selectors.models_list(), "can_import": can_import}
        return {
            "title": _("Architecture models"),
            "breadcrumbs": _breadcrumbs(),
            "content": render_to_string("architecture/_model_list_content.html", context),
        }

    page = cached_fragment("architecture.models", [data_version(request), can_import], render_parts)
    return render(request, "architecture/page.html", {"page": page})


@require_http_methods(["GET", "HEAD"])
def model_current(request, name):
    """``/architectuur/GEMMA/``: the newest release of a model."""
    model = selectors.current_model(name)
    if model is None:
        raise Http404(_("There is no model called %(name)s.") % {"name": name})
    return redirect(model)


def _layer_rows(model) -> list[dict]:
    """Counts per layer, each with its types, in the order of the layers."""
    labels = dict(Layer.choices)
    rows: dict[str, dict] = {}
    for row in selectors.counts_per_layer_and_type(model):
        layer = rows.setdefault(
            row["layer"],
            {"layer": row["layer"], "label": labels.get(row["layer"], row["layer"]), "count": 0, "types": []},
        )
        layer["count"] += row["count"]
        layer["types"].append(row)
    order = [value for value, _label in Layer.choices]
    return sorted(rows.values(), key=lambda row: order.index(row["layer"]) if row["layer"] in order else len(order))


def _release_page(request, model, name: str, render_parts, *, data_version_too: bool = False):
    """A page of one release, its title, breadcrumbs and content cached (ADR 7).

    A release never changes, so its pages are keyed by the release (id and content digest), the
    path and the query string; a page that also lists other releases adds the data version.
    """
    parts = [model.pk, model.content_digest, request.path, request.META.get("QUERY_STRING", "")]
    if data_version_too:
        parts.append(data_version(request))
    page = cached_fragment(f"architecture.{name}", parts, render_parts)
    return render(request, "architecture/page.html", {"page": page})


def _breadcrumbs(**context) -> str:
    return render_to_string("architecture/_breadcrumbs.html", context)


@require_http_methods(["GET", "HEAD"])
def model_detail(request, name, release):
    model = _model(name, release)

    def render_parts() -> dict:
        context = {
            "model": model,
            "layers": _layer_rows(model),
            "relation_types": selectors.relation_counts_per_type(model),
            "releases": selectors.releases_of(model.name),
            "is_gemma": model.name == GEMMA_MODEL_NAME,
            "import_notes": describe_notes(model.import_notes),
        }
        return {
            "title": f"{model.name} {model.release}",
            "breadcrumbs": _breadcrumbs(model=model),
            "content": render_to_string("architecture/_model_detail_content.html", context),
        }

    return _release_page(request, model, "model", render_parts, data_version_too=True)


@require_http_methods(["GET", "HEAD"])
def element_list(request, name, release):
    model = _model(name, release)

    def render_parts() -> dict:
        choices = selectors.filter_choices(model)
        form = ElementSearchForm(request.GET or None, types=choices["types"], gemma_types=choices["gemma_types"])
        filters = form.filters() if form.is_bound else {}
        page = Paginator(selectors.search_elements(model, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "request": request,  # for its path and query string only: both are part of the cache key
            "model": model,
            "form": form,
            "filtered": bool(filters),
            "page_obj": page,
            "elements": page.object_list,
        }
        return {
            "title": _("Elements of %(name)s %(release)s") % {"name": model.name, "release": model.release},
            "breadcrumbs": _breadcrumbs(model=model, elements=True),
            "content": render_to_string("architecture/_element_list_content.html", context),
        }

    return _release_page(request, model, "elements", render_parts)


def _grouped(relations, other_end: str) -> list[dict]:
    """Relations grouped by type: ``[{"type", "label", "relations": [(relation, element or None, identifier)]}]``."""
    groups: dict[str, dict] = {}
    for relation in relations:
        group = groups.setdefault(
            relation.type, {"type": relation.type, "label": relation.type.removesuffix(SUFFIX), "relations": []}
        )
        # The other end's identifier too: a relation may end on a relation, which has no element.
        group["relations"].append(
            (relation, getattr(relation, other_end), getattr(relation, f"{other_end}_identifier"))
        )
    return list(groups.values())


@require_http_methods(["GET", "HEAD"])
def element_detail(request, name, release, identifier):
    model = _model(name, release)

    def render_parts() -> dict:
        element = selectors.element_detail(model, identifier)
        if element is None:
            raise Http404(_("This model has no element %(identifier)s.") % {"identifier": identifier})
        properties = sorted(
            (key, value if isinstance(value, list) else [value]) for key, value in element.properties.items()
        )
        context = {
            "model": model,
            "element": element,
            "properties": properties,
            "outgoing": _grouped(element.outgoing.all(), "target"),
            "incoming": _grouped(element.incoming.all(), "source"),
            "views": element.views.all(),
            "gemma_url": gemma_online_url(element.object_id) if model.name == GEMMA_MODEL_NAME else "",
        }
        label = element.name or element.identifier
        return {
            "title": f"{label} · {model.name} {model.release}",
            "breadcrumbs": _breadcrumbs(model=model, elements=True, current=label),
            "content": render_to_string("architecture/_element_detail_content.html", context),
        }

    return _release_page(request, model, "element", render_parts)


@require_http_methods(["GET", "HEAD"])
def model_download(request, name, release):
    """The release as an AMEFF file, written once: a release never changes after its import, and a
    large model takes long to write. A release removed and imported again has a new id."""
    model = _model(name, release)
    content = cached_fragment("architecture.ameff", [model.pk, model.content_digest], lambda: export_ameff(model))
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{model.name}-{model.release}.xml"'.replace(" ", "_")
    return response


def _check_identity(form, format: str) -> None:
    """CSV files carry no name or release: ask for them before the file is queued."""
    if format != SourceFormat.CSV:
        return
    if not form.cleaned_data["name"]:
        form.add_error("name", _("The file does not say its name; please give one."))
    if not form.cleaned_data["release"]:
        form.add_error("release", _("The file has no Release property; please give the release."))


@permission_required_by(require_model_importer)
@require_http_methods(["GET", "HEAD", "POST"])
def model_import(request):
    """The upload's size, format and (for CSV) name and release are checked here; the file is read,
    checked and stored by a background job, whose progress page the user follows."""
    form = ModelImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        format = form.cleaned_data["format"]
        try:
            if format == AUTO:
                format = detect_upload_format(upload)
        except ModelFileError as error:
            form.add_error("file", str(error))
        else:
            _check_identity(form, format)
        if not form.errors:
            job = job_start(
                owner=request.user,
                kind=MODEL_IMPORT,
                title=_("Import of %(file)s") % {"file": upload.name},
                arguments={
                    "format": format,
                    "name": form.cleaned_data["name"],
                    "release": form.cleaned_data["release"],
                    "source_name": upload.name,
                },
                input_file=upload,
            )
            return redirect("core:job-detail", pk=job.pk)
    return render(request, "architecture/model_import.html", {"form": form})
