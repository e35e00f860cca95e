# SPDX-License-Identifier: EUPL-1.2
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.views.decorators.http import require_GET

from bouwplaats.core.fragments import cached_fragment

from . import api_docs


@require_GET
def api_reference(request):
    """The API documentation: every endpoint and type of the OpenAPI schema, as an ordinary page.

    The long list of operations and types is the same for everyone: it is rendered once per
    language and schema and then taken from the cache.
    """
    reference = api_docs.reference()
    content = cached_fragment(
        "ui.api_reference",
        (reference.digest, get_script_prefix()),
        lambda: render_to_string("ui/_api_reference_content.html", {"reference": reference}),
    )
    return render(request, "ui/api_reference.html", {"reference": reference, "content": content})
