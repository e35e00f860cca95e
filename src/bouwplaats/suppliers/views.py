# SPDX-License-Identifier: EUPL-1.2
"""Supplier pages: the public list and supplier pages, the agreements, and the forms of programme staff and
supplier representatives. Views stay thin: they parse input, call a service to write and a selector to read.

Objects are looked up along the address: a product must belong to the supplier in the address, a version
to the product, a readiness to the version (another one gives 404), and the services refuse a user who may
not maintain that supplier (403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.audit.changes import readable_changes
from bouwplaats.core.errors import submit_form

from . import permissions, selectors, services
from .conformance.selectors import supplier_reports
from .extensions import staff_links, supplier_sections
from .forms import (
    CommitmentForm,
    MembershipDecisionForm,
    ProductForm,
    ProductVersionForm,
    ReadinessForm,
    RepresentationRequestForm,
    SignatureForm,
    SupplierForm,
    SupplierSearchForm,
)
from .history import action_label
from .models import (
    Agreement,
    AgreementSignature,
    DeliveryCommitment,
    MembershipStatus,
    Product,
    ProductVersion,
    Readiness,
    Supplier,
    SupplierMembership,
)

PAGE_SIZE = 50
HISTORY_ON_PAGE = 10


def _supplier(pk: int) -> Supplier:
    return get_object_or_404(Supplier, pk=pk)


def _product(supplier: Supplier, product_id: int) -> Product:
    product = get_object_or_404(Product, pk=product_id, supplier=supplier)
    product.supplier = supplier
    return product


def _version(product: Product, version_id: int) -> ProductVersion:
    version = get_object_or_404(ProductVersion, pk=version_id, product=product)
    version.product = product
    return version


def _require_maintainer(user, supplier: Supplier) -> None:
    """For the pages of the forms: the check the services make, before the form is shown."""
    permissions.require_maintainer(user, supplier)


def _history_rows(entries, *, show_who: bool) -> list[dict]:
    return [
        {
            "entry": entry,
            "action": action_label(entry.action),
            "changes": readable_changes(entry),
            "who": (entry.actor or _("the system")) if show_who else None,
        }
        for entry in entries
    ]


# --- public pages -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def supplier_list(request):
    form = SupplierSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.suppliers(today=timezone.localdate(), search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "suppliers/supplier_list.html",
        {
            "form": form,
            "search": search,
            "page_obj": page,
            "suppliers": page.object_list,
            "has_demo": any(supplier.is_demo for supplier in page.object_list),
            "can_manage": permissions.can_manage_suppliers(request.user),
            "staff_links": staff_links(request.user),
        },
    )


REPORTS_ON_PAGE = 10


@require_http_methods(["GET", "HEAD"])
def supplier_detail(request, pk):
    today = timezone.localdate()
    try:
        supplier = selectors.supplier_detail(pk=pk, today=today)
    except Supplier.DoesNotExist:
        raise Http404(_("No supplier with this number."))
    can_maintain = permissions.can_maintain(request.user, supplier)
    products = [(product, selectors.product_readiness(product)) for product in supplier.products.all()]
    overdue = [c for signature in supplier.signatures.all() for c in signature.commitments.all() if c.is_overdue]
    history = list(selectors.history(supplier)[: HISTORY_ON_PAGE + 1])
    return render(
        request,
        "suppliers/supplier_detail.html",
        {
            "supplier": supplier,
            "products": products,
            "overdue": overdue,
            "today": today,
            "can_maintain": can_maintain,
            # The representatives' own checks; a report attached to a readiness is public through it.
            "conformance_reports": list(supplier_reports(supplier)[:REPORTS_ON_PAGE]) if can_maintain else [],
            "can_manage": permissions.can_manage_suppliers(request.user),
            "can_request": permissions.can_request_representation(request.user),
            "own_membership": selectors.open_membership(request.user),
            "history": _history_rows(history[:HISTORY_ON_PAGE], show_who=can_maintain),
            "more_history": len(history) > HISTORY_ON_PAGE,
            "sections": supplier_sections(supplier, request.user),
        },
    )


@require_http_methods(["GET", "HEAD"])
def supplier_history(request, pk):
    supplier = _supplier(pk)
    show_who = permissions.can_see_who(request.user, supplier)
    page = Paginator(selectors.history(supplier), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "suppliers/supplier_history.html",
        {"supplier": supplier, "page_obj": page, "history": _history_rows(page.object_list, show_who=show_who)},
    )


@require_http_methods(["GET", "HEAD"])
def version_detail(request, pk, product_id, version_id):
    supplier = _supplier(pk)
    try:
        version = selectors.version_detail(supplier=supplier, product_id=product_id, version_id=version_id)
    except ProductVersion.DoesNotExist:
        raise Http404(_("This supplier has no such version."))
    return render(
        request,
        "suppliers/version_detail.html",
        {
            "supplier": supplier,
            "product": version.product,
            "version": version,
            "readiness": selectors.sorted_readiness(version),
            "can_maintain": permissions.can_maintain(request.user, supplier),
        },
    )


@require_http_methods(["GET", "HEAD"])
def agreement_list(request):
    return render(request, "suppliers/agreement_list.html", {"agreements": selectors.agreements()})


@require_http_methods(["GET", "HEAD", "POST"])
def agreement_detail(request, pk):
    """An agreement with its signatures and commitments; programme staff record a signature here (POST)."""
    today = timezone.localdate()
    try:
        agreement = selectors.agreement_detail(pk=pk, today=today)
    except Agreement.DoesNotExist:
        raise Http404(_("No supplier agreement with this number."))
    can_manage = permissions.can_manage_suppliers(request.user)
    form = SignatureForm(request.POST or None, agreement=agreement) if can_manage else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        permissions.require_agreement_manager(request.user)
        signature = submit_form(
            request, form, services.agreement_signature_create, actor=request.user, agreement=agreement
        )
        if signature is not None:
            messages.success(
                request, _("The signature of %(supplier)s has been recorded.") % {"supplier": signature.supplier.name}
            )
            return redirect("suppliers:agreement-detail", pk=agreement.pk)
    return render(
        request,
        "suppliers/agreement_detail.html",
        {
            "agreement": agreement,
            "signatures": agreement.signatures.all(),
            "has_demo": any(signature.is_demo for signature in agreement.signatures.all()),
            "can_manage": can_manage,
            "form": form,
            "today": today,
        },
        status=400 if form is not None and form.errors else 200,
    )


# --- programme staff: suppliers -------------------------------------------------------------------------


@permission_required_by(permissions.require_supplier_manager)
@require_http_methods(["GET", "POST"])
def supplier_create(request):
    form = SupplierForm(request.POST or None)
    supplier = submit_form(request, form, services.supplier_create, actor=request.user)
    if supplier is not None:
        messages.success(request, _("The supplier “%(name)s” has been added.") % {"name": supplier.name})
        return redirect("suppliers:supplier-detail", pk=supplier.pk)
    return render(request, "suppliers/supplier_form.html", {"form": form}, status=400 if form.errors else 200)


@permission_required_by(permissions.require_supplier_manager)
@require_http_methods(["GET", "POST"])
def supplier_edit(request, pk):
    supplier = _supplier(pk)
    form = SupplierForm(request.POST or None, instance=supplier)
    saved = submit_form(request, form, services.supplier_update, actor=request.user, supplier=supplier)
    if saved is not None:
        messages.success(request, _("The supplier “%(name)s” has been saved.") % {"name": saved.name})
        return redirect("suppliers:supplier-detail", pk=saved.pk)
    return render(
        request,
        "suppliers/supplier_form.html",
        {"form": form, "supplier": supplier},
        status=400 if form.errors else 200,
    )


# --- representatives and programme staff: products, versions, readiness -----------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request, pk):
    supplier = _supplier(pk)
    _require_maintainer(request.user, supplier)
    form = ProductForm(request.POST or None)
    product = submit_form(request, form, services.product_create, actor=request.user, supplier=supplier)
    if product is not None:
        messages.success(request, _("The product “%(name)s” has been added.") % {"name": product.name})
        return redirect(f"{reverse('suppliers:supplier-detail', args=[supplier.pk])}#pakket-{product.pk}")
    return render(
        request, "suppliers/product_form.html", {"form": form, "supplier": supplier}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, pk, product_id):
    supplier = _supplier(pk)
    _require_maintainer(request.user, supplier)
    product = _product(supplier, product_id)
    form = ProductForm(request.POST or None, instance=product)
    saved = submit_form(request, form, services.product_update, actor=request.user, product=product)
    if saved is not None:
        messages.success(request, _("The product “%(name)s” has been saved.") % {"name": saved.name})
        return redirect(f"{reverse('suppliers:supplier-detail', args=[supplier.pk])}#pakket-{saved.pk}")
    return render(
        request,
        "suppliers/product_form.html",
        {"form": form, "supplier": supplier, "product": product},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request, pk, product_id):
    supplier = _supplier(pk)
    _require_maintainer(request.user, supplier)
    product = _product(supplier, product_id)
    form = ProductVersionForm(request.POST or None)
    version = submit_form(request, form, services.product_version_create, actor=request.user, product=product)
    if version is not None:
        messages.success(request, _("Version %(version)s has been added.") % {"version": version.version})
        return redirect("suppliers:version-detail", pk=supplier.pk, product_id=product.pk, version_id=version.pk)
    return render(
        request,
        "suppliers/version_form.html",
        {"form": form, "supplier": supplier, "product": product},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request, pk, product_id, version_id):
    supplier = _supplier(pk)
    _require_maintainer(request.user, supplier)
    version = _version(_product(supplier, product_id), version_id)
    form = ProductVersionForm(request.POST or None, instance=version)
    saved = submit_form(request, form, services.product_version_update, actor=request.user, product_version=version)
    if saved is not None:
        messages.success(request, _("Version %(version)s has been saved.") % {"version": saved.version})
        return redirect("suppliers:version-detail", pk=supplier.pk, product_id=product_id, version_id=saved.pk)
    return render(
        request,
        "suppliers/version_form.html",
        {"form": form, "supplier": supplier, "product": version.product, "version": version},
        status=400 if form.errors else 200,
    )


def _version_url(supplier: Supplier, version: ProductVersion) -> str:
    return reverse("suppliers:version-detail", args=[supplier.pk, version.product_id, version.pk])


@login_required
@require_http_methods(["GET", "POST"])
def readiness_create(request, pk, product_id, version_id):
    supplier = _supplier(pk)
    _require_maintainer(request.user, supplier)
    version = _version(_product(supplier, product_id), version_id)
    form = ReadinessForm(request.POST or None, supplier=supplier)
    readiness = submit_form(request, form, services.readiness_create, actor=request.user, product_version=version)
    if readiness is not None:
        messages.success(
            request,
            _("The readiness for %(subject)s has been recorded.")
            % {"subject": readiness.building_block or readiness.standard},
        )
        return redirect(_version_url(supplier, version))
    return render(
        request,
        "suppliers/readiness_form.html",
        {"form": form, "supplier": supplier, "product": version.product, "version": version},
        status=400 if form.errors else 200,
    )


def _readiness(version: ProductVersion, readiness_id: int) -> Readiness:
    readiness = get_object_or_404(
        Readiness.objects.select_related("building_block", "standard"), pk=readiness_id, product_version=version
    )
    readiness.product_version = version
    return readiness


@login_required
@require_http_methods(["GET", "POST"])
def readiness_edit(request, pk, product_id, version_id, readiness_id):
    supplier = _supplier(pk)
    _require_maintainer(request.user, supplier)
    version = _version(_product(supplier, product_id), version_id)
    readiness = _readiness(version, readiness_id)
    form = ReadinessForm(request.POST or None, instance=readiness, supplier=supplier)
    if submit_form(request, form, services.readiness_update, actor=request.user, readiness=readiness) is not None:
        messages.success(
            request,
            _("The readiness for %(subject)s has been saved.")
            % {"subject": readiness.building_block or readiness.standard},
        )
        return redirect(_version_url(supplier, version))
    return render(
        request,
        "suppliers/readiness_form.html",
        {"form": form, "supplier": supplier, "product": version.product, "version": version, "readiness": readiness},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def readiness_delete(request, pk, product_id, version_id, readiness_id):
    supplier = _supplier(pk)
    _require_maintainer(request.user, supplier)
    version = _version(_product(supplier, product_id), version_id)
    readiness = _readiness(version, readiness_id)
    if request.method == "POST":
        services.readiness_delete(actor=request.user, readiness=readiness)
        messages.success(
            request,
            _("The readiness for %(subject)s has been deleted.")
            % {"subject": readiness.building_block or readiness.standard},
        )
        return redirect(_version_url(supplier, version))
    return render(
        request,
        "suppliers/readiness_confirm_delete.html",
        {"supplier": supplier, "product": version.product, "version": version, "readiness": readiness},
    )


# --- representatives: requests and decisions ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def representation_request(request, pk):
    supplier = _supplier(pk)
    permissions.require_representation_requester(request.user)
    form = RepresentationRequestForm(request.POST or None)
    # The form has only the motivation; a message about the supplier goes on top of the form.
    requested = submit_form(request, form, services.supplier_membership_request, actor=request.user, supplier=supplier)
    if requested is not None:
        messages.success(
            request,
            _("Your request to represent %(supplier)s has been sent to the programme staff.")
            % {"supplier": supplier.name},
        )
        return redirect("suppliers:supplier-detail", pk=supplier.pk)
    return render(
        request,
        "suppliers/representation_request.html",
        {"form": form, "supplier": supplier, "own_membership": selectors.open_membership(request.user)},
        status=400 if form.errors else 200,
    )


@permission_required_by(permissions.require_membership_decider)
@require_http_methods(["GET", "HEAD"])
def membership_requests(request):
    history = Paginator(selectors.decided_memberships(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "suppliers/membership_requests.html",
        {
            "pending": [
                (membership, MembershipDecisionForm(prefix=f"m{membership.pk}"))
                for membership in selectors.pending_memberships()
            ],
            "page_obj": history,
            "history": history.object_list,
        },
    )


@permission_required_by(permissions.require_membership_decider)
@require_POST
def membership_decide(request, membership_id):
    membership = get_object_or_404(SupplierMembership.objects.select_related("user", "supplier"), pk=membership_id)
    form = MembershipDecisionForm(request.POST, prefix=f"m{membership.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject for the request of %(user)s.") % {"user": membership.user})
        return redirect("suppliers:membership-requests")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.supplier_membership_decide(
            actor=request.user, membership=membership, approve=approve, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("Approved: %(user)s for %(supplier)s.") if approve else _("Rejected: %(user)s for %(supplier)s.")
        messages.success(request, text % {"user": membership.user, "supplier": membership.supplier.name})
    return redirect("suppliers:membership-requests")


@login_required
@require_POST
def membership_end(request, membership_id):
    membership = get_object_or_404(SupplierMembership.objects.select_related("supplier"), pk=membership_id)
    try:
        services.supplier_membership_end(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if membership.status == MembershipStatus.PENDING:
            text = _("Your request to represent %(supplier)s has been withdrawn.")
        else:
            text = _("The representation of %(supplier)s has ended.")
        messages.success(request, text % {"supplier": membership.supplier.name})
    if membership.user_id != request.user.pk:
        return redirect("suppliers:membership-requests")
    return redirect("suppliers:supplier-detail", pk=membership.supplier_id)


# --- programme staff: delivery commitments ------------------------------------------------------------------


@permission_required_by(permissions.require_agreement_manager)
@require_http_methods(["GET", "POST"])
def commitment_create(request, pk, signature_id):
    signature = get_object_or_404(
        AgreementSignature.objects.select_related("agreement__programme", "supplier"), pk=signature_id, agreement_id=pk
    )
    form = CommitmentForm(request.POST or None, agreement=signature.agreement)
    commitment = submit_form(
        request, form, services.delivery_commitment_create, actor=request.user, signature=signature
    )
    if commitment is not None:
        messages.success(
            request,
            _("The delivery date of %(block)s has been recorded for %(supplier)s.")
            % {"block": commitment.building_block.name, "supplier": signature.supplier.name},
        )
        return redirect("suppliers:agreement-detail", pk=pk)
    return render(
        request,
        "suppliers/commitment_form.html",
        {"form": form, "agreement": signature.agreement, "signature": signature},
        status=400 if form.errors else 200,
    )


@permission_required_by(permissions.require_agreement_manager)
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk, commitment_id):
    commitment = get_object_or_404(
        DeliveryCommitment.objects.select_related(
            "signature__agreement__programme", "signature__supplier", "building_block"
        ),
        pk=commitment_id,
        signature__agreement_id=pk,
    )
    signature = commitment.signature
    form = CommitmentForm(request.POST or None, instance=commitment, agreement=signature.agreement)
    saved = submit_form(request, form, services.delivery_commitment_update, actor=request.user, commitment=commitment)
    if saved is not None:
        messages.success(
            request,
            _("The delivery date of %(block)s has been saved for %(supplier)s.")
            % {"block": saved.building_block.name, "supplier": signature.supplier.name},
        )
        return redirect("suppliers:agreement-detail", pk=pk)
    return render(
        request,
        "suppliers/commitment_form.html",
        {"form": form, "agreement": signature.agreement, "signature": signature, "commitment": commitment},
        status=400 if form.errors else 200,
    )
