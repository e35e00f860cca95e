# SPDX-License-Identifier: EUPL-1.2
"""Where to send the browser back to after a form post."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, candidate: str | None, fallback: str) -> str:
    """``candidate`` when it points into this site, else ``fallback``.

    A ``next`` field comes from the client, so an address on another host (or plain http on a
    secure site) is refused: the site must not become an open redirect.
    """
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback
