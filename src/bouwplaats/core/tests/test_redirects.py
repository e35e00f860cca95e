# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.test import RequestFactory

from bouwplaats.core.redirects import safe_next_url

FALLBACK = "notifications:list"

# The paths here are literal on purpose: safe_next_url judges any path or address a form sends,
# whether or not this site has such a page, so what is tested is the literal text itself.


def _request(*, secure: bool = False):
    return RequestFactory().post("/meldingen/gelezen/", secure=secure)


def test_a_path_on_this_site_is_kept():
    assert safe_next_url(_request(), "/kennisbank/vragen/12/?pagina=2#reacties", FALLBACK) == (
        "/kennisbank/vragen/12/?pagina=2#reacties"
    )


def test_a_full_address_on_this_host_is_kept():
    assert safe_next_url(_request(), "http://testserver/monitor/", FALLBACK) == "http://testserver/monitor/"


@pytest.mark.parametrize(
    "candidate",
    ["https://evil.example/", "//evil.example/monitor/", "http://testserver.evil.example/", "javascript:alert(1)"],
)
def test_another_host_or_scheme_is_refused(candidate):
    assert safe_next_url(_request(), candidate, FALLBACK) == FALLBACK


def test_a_secure_site_refuses_plain_http_on_its_own_host():
    assert safe_next_url(_request(secure=True), "http://testserver/monitor/", FALLBACK) == FALLBACK
    assert (
        safe_next_url(_request(secure=True), "https://testserver/monitor/", FALLBACK) == "https://testserver/monitor/"
    )
    assert safe_next_url(_request(secure=True), "/monitor/", FALLBACK) == "/monitor/"


@pytest.mark.parametrize("candidate", ["", None])
def test_no_candidate_gives_the_fallback(candidate):
    assert safe_next_url(_request(), candidate, FALLBACK) == FALLBACK
