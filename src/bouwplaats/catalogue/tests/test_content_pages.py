# SPDX-License-Identifier: EUPL-1.2
"""The catalogue's content from the reference data on the pages, in the API and in the staff forms."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.models import BuildingBlock, ResultAgreement
from bouwplaats.core.testing import in_english

pytestmark = pytest.mark.django_db

SLUG = "operatie-nup"


def block_url(code: str) -> str:
    return reverse("catalogue:building-block-detail", args=[SLUG, code])


def dutch_client() -> Client:
    return Client()  # no language cookie: the site's default, Dutch


def test_block_page_in_dutch_shows_description_duty_agreement_and_sources():
    block = BuildingBlock.objects.get(programme__slug=SLUG, code="WEBRICHTLIJNEN")
    html = dutch_client().get(block_url("WEBRICHTLIJNEN")).content.decode()
    assert f'<p class="lead" lang="nl">{escape(block.description)}</p>' in html
    assert f'<a href="{block.description_source}" rel="external">Bron van deze beschrijving</a>' in html
    assert "<dt>Wat de gemeente moet doen</dt><dd>Invoeren in de eigen organisatie</dd>" in html
    agreement = ResultAgreement.objects.get(programme__slug=SLUG, number=1)
    assert f"1. {agreement.title}</a></h3>" in html
    assert '<span class="badge">parafrase</span> <span class="muted">niet de officiële tekst</span>' in html
    assert (
        '<time datetime="2015-01-01">1 januari 2015</time> <span class="muted">(tussenstap 31 december 2012)</span>'
        in html
    )
    assert '<span class="badge badge--source">bron</span>' in html
    assert f'<a href="{agreement.source_url}" rel="external">Bron' in html
    assert "officiële tekst</span>" not in html.replace("niet de officiële tekst</span>", "")


def test_block_page_in_english_shows_the_english_description():
    block = BuildingBlock.objects.get(programme__slug=SLUG, code="AVB")
    html = in_english(Client()).get(block_url("AVB")).content.decode()
    assert f'<p class="lead" lang="en">{escape(block.description_en)}</p>' in html
    assert block.description not in html
    assert "<dt>What the municipality must do</dt><dd>Connect to the facility</dd>" in html
    assert '<span class="badge badge--inferred">inferred</span>' in html
    assert "Likely, but no public source confirms this agreement." in html
    assert '<span class="badge">wording not found</span>' in html
    # The agreement's deadline is not known: said so, with the source's words.
    assert 'not known <span class="muted">(niet gevonden)</span>' in html


def test_english_page_falls_back_to_the_dutch_description_marked_as_dutch():
    BuildingBlock.objects.filter(programme__slug=SLUG, code="BRK").update(description_en="")
    block = BuildingBlock.objects.get(programme__slug=SLUG, code="BRK")
    html = in_english(Client()).get(block_url("BRK")).content.decode()
    assert f'<p class="lead" lang="nl">{block.description}</p>' in html


def test_result_agreement_page_says_how_many_are_missing(django_assert_max_num_queries):
    url = reverse("catalogue:result-agreement-list", args=[SLUG])
    client = dutch_client()
    client.get(url)
    with django_assert_max_num_queries(8):
        html = client.get(url).content.decode()
    assert "Van de 19 resultaatafspraken van het programma zijn er 13 nog niet ingevoerd." in html
    assert html.count('<span class="badge badge--source">bron</span>') == 5
    assert html.count('<span class="badge badge--inferred">afgeleid</span>') == 1
    assert html.count('<span class="badge">parafrase</span>') == 2
    assert html.count('<span class="badge">tekst niet gevonden</span>') == 4
    assert "officiële tekst</span>" not in html.replace("niet de officiële tekst</span>", "")
    english = in_english(Client()).get(url).content.decode()
    assert "Of the programme's 19 result agreements, 13 have not been entered yet." in english
    ResultAgreement.objects.filter(programme__slug=SLUG).exclude(number=1).delete()
    html = client.get(url).content.decode()
    assert "zijn er 18 nog niet ingevoerd." in html


def test_api_gives_the_texts_and_the_evidence(api_client):
    block = api_client.get(reverse("building-block-list"), {"programme": SLUG, "search": "NHR"}).json()["results"][0]
    assert block["description"].startswith("Het Handelsregister")
    assert block["description_en"].startswith("The Handelsregister")
    assert block["description_source"] == "https://www.vngrealisatie.nl/producten/handelsregister-hr"
    assert block["municipality_role"] == "afnemer"
    rows = api_client.get(reverse("result-agreement-list"), {"programme": SLUG}).json()["results"]
    eherkenning = next(row for row in rows if row["number"] == 3)
    assert eherkenning["deadline"] is None
    assert eherkenning["deadline_note"].startswith("niet gevonden")
    assert (eherkenning["evidence"], eherkenning["wording"]) == ("source", "not_found")
    assert eherkenning["source_url"] == "https://adoc.pub/impactanalyse-eherkenning-versie-10.html"
    assert eherkenning["building_blocks"] == ["EHERKENNING"]
    programme = api_client.get(reverse("programme-detail", args=[SLUG])).json()
    assert programme["result_agreement_total"] == 19


class _FormValues(HTMLParser):
    """The values a browser would send for the page's edit form (``form.form``), unchanged."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None
        self._done = self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("class") == "form" and not self._done:
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value", "on")))
            elif kind != "submit":
                self.values.append((name, attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [name, ""]
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.values.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def unchanged_form(html: str) -> dict[str, list[str]]:
    parser = _FormValues()
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return data


@pytest.mark.parametrize("number", [1, 3])
def test_submitting_the_agreement_form_unchanged_changes_nothing(staff, number):
    client = dutch_client()
    client.force_login(staff)
    url = reverse("catalogue:result-agreement-edit", args=[SLUG, number])
    agreement = ResultAgreement.objects.get(programme__slug=SLUG, number=number)
    before = (ResultAgreement.objects.filter(pk=agreement.pk).values().get(), list(agreement.building_blocks.all()))
    response = client.post(url, unchanged_form(client.get(url).content.decode()))
    assert response.status_code == 302, response.content.decode()
    after = (ResultAgreement.objects.filter(pk=agreement.pk).values().get(), list(agreement.building_blocks.all()))
    assert after == before
    assert not AuditEntry.objects.filter(action="catalogue.result_agreement.update").exists()


def test_submitting_the_block_form_unchanged_changes_nothing(staff):
    client = dutch_client()
    client.force_login(staff)
    url = reverse("catalogue:building-block-edit", args=[SLUG, "DIGIMELDING"])
    block = BuildingBlock.objects.filter(programme__slug=SLUG, code="DIGIMELDING")
    before = block.values().get()
    response = client.post(url, unchanged_form(client.get(url).content.decode()))
    assert response.status_code == 302, response.content.decode()
    assert block.values().get() == before
    assert not AuditEntry.objects.filter(action="catalogue.building_block.update").exists()


def test_staff_correct_an_agreement_through_the_form(staff):
    client = dutch_client()
    client.force_login(staff)
    url = reverse("catalogue:result-agreement-edit", args=[SLUG, 5])
    data = unchanged_form(client.get(url).content.decode())
    data.update(deadline=["01-01-2015"], deadline_note=[""], wording=["summary"], criterion=["Aangesloten."])
    assert client.post(url, data).status_code == 302
    agreement = ResultAgreement.objects.get(programme__slug=SLUG, number=5)
    assert (str(agreement.deadline), agreement.deadline_note, agreement.wording) == ("2015-01-01", "", "summary")
    entry = AuditEntry.objects.filter(action="catalogue.result_agreement.update").first()
    assert entry.changes["wording"] == ["not_found", "summary"]
