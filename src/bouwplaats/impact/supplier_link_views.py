# SPDX-License-Identifier: EUPL-1.2
"""The staff's review of the landscapes' supplier texts: each matched to a supplier of the register, confirmed
by a person in one post (``services.application_suppliers_link``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from . import permissions, selectors, services
from .forms import chosen_links, supplier_link_formset


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def supplier_links(request):
    permissions.require_supplier_linker(request.user)
    matches = selectors.supplier_text_matches()
    suppliers = selectors.linkable_suppliers()
    formset = supplier_link_formset(request.POST or None, matches=matches, suppliers=suppliers)
    if request.method == "POST" and formset.is_valid():
        try:
            count = services.application_suppliers_link(actor=request.user, links=chosen_links(formset))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d application was linked to its supplier.",
                    "%(count)d applications were linked to their supplier.",
                    count,
                )
                % {"count": count},
            )
            return redirect("impact:supplier-links")
    rows = list(zip(matches, formset.forms, strict=False)) if len(formset.forms) == len(matches) else []
    if request.method == "POST" and not rows:
        messages.error(request, _("The supplier texts changed while you reviewed them; check them again."))
        formset = supplier_link_formset(matches=matches, suppliers=suppliers)
        rows = list(zip(matches, formset.forms, strict=True))
    return render(request, "impact/supplier_links.html", {"formset": formset, "rows": rows})
