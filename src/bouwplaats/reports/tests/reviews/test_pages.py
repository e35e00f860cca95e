# SPDX-License-Identifier: EUPL-1.2
"""Gateway review pages: readable by everyone in Dutch and English, editable by programme staff only,
forms that show every message and write nothing when submitted unchanged, constant query counts."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from bouwplaats.accounts.management_links import management_links
from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.tests.factories import ProgrammeFactory
from bouwplaats.core.testing import in_english, warmed_query_count
from bouwplaats.reports.models import GatewayReview
from bouwplaats.reports.reviews import services

from .conftest import SECOND_DAY

pytestmark = pytest.mark.django_db


def _url(name: str, *args) -> str:
    return reverse(f"reports:reviews:{name}", args=args)


def _main(response) -> str:
    assert response.status_code == 200, response.status_code
    page = lxml_html.fromstring(response.content.decode())
    return " ".join(page.xpath("//main")[0].text_content().split())


def _edit_urls(review) -> list[str]:
    slug = review.programme.slug
    return [
        _url("create", slug),
        _url("edit", slug, review.pk),
        _url("ratings", slug, review.pk),
        _url("recommendation-create", slug, review.pk),
        _url("recommendation-edit", slug, review.pk, 1),
    ]


# --- reading -------------------------------------------------------------------------------------


def test_the_review_page_shows_what_changed_since_the_previous_review(client, programme, second_review):
    response = client.get(_url("detail", programme.slug, second_review.pk))
    text = _main(response)
    assert "Eindreview" in text and "Gateway review of" in text
    assert "Compared with the Tussentijdse review of 15 March 2021:" in text
    assert "1 result agreement improved" in text
    assert "1 result agreement got worse" in text
    assert "0 result agreements kept their status" in text
    assert "1. Aansluiten red amber ↑ improved" in text
    assert "2. Gebruiken amber red ↓ worse" in text
    assert "3. Terugmelden green not rated – not rated this time" in text
    # The previous review's recommendations, with their follow-up.
    assert "Recommendations of the previous review and their follow-up" in text
    assert "Behoud de machinerie. Programmateam 15 Mar 2021 open overdue" in text
    assert "Borg de aanpak." in text


def test_a_status_is_shown_with_its_colour_an_icon_and_its_name(client, programme, first_review):
    page = lxml_html.fromstring(client.get(_url("detail", programme.slug, first_review.pk)).content.decode())
    badges = page.xpath("//main//span[contains(@class, 'rag ')]")
    assert {badge.get("class") for badge in badges} >= {"rag rag--red", "rag rag--amber", "rag rag--green"}
    for badge in badges:
        if "rag--none" not in badge.get("class"):
            [icon] = badge.xpath("./*[local-name()='svg']")
            assert icon.get("aria-hidden") == "true"
        assert badge.text_content().strip() in {"red", "amber", "green", "not rated"}


def test_the_review_page_in_dutch(programme, second_review):
    text = _main(Client().get(_url("detail", programme.slug, second_review.pk)))
    assert "Sinds de vorige review" in text
    assert "Vergeleken met de Tussentijdse review van 15 maart 2021:" in text
    assert "1 resultaatafspraak verbeterd" in text
    assert "0 resultaatafspraken hebben dezelfde status" in text
    assert "1. Aansluiten rood oranje ↑ verbeterd" in text
    assert "2. Gebruiken oranje rood ↓ verslechterd" in text
    assert "Aanbevelingen van de vorige review en hun opvolging" in text
    assert "open te laat" in text


def test_an_earlier_review_says_that_a_later_one_followed(client, programme, first_review, second_review):
    text = _main(client.get(_url("detail", programme.slug, first_review.pk)))
    assert "This is an earlier review. It was followed by the Eindreview of 1 June 2022." in text
    assert "This is the first Gateway review of the programme" in text


def test_the_lists_of_reviews(client, programme, first_review, second_review):
    index = _main(client.get(_url("index")))
    assert f"{programme.name} 2 1 June 2022 green" in index
    listing = _main(client.get(_url("list", programme.slug)))
    assert "Eindreview 1 June 2022 green 1 red, 1 amber, 0 green 1 recommendation, 1 not yet done" in listing
    assert (
        "Tussentijdse review 15 March 2021 amber 1 red, 1 amber, 1 green 2 recommendations, 2 not yet done" in listing
    )


def test_a_programme_without_reviews(client, programme):
    assert "This programme has had no Gateway review yet." in _main(client.get(_url("list", programme.slug)))
    assert client.get(_url("list", "no-such-programme")).status_code == 404


def test_demo_reviews_say_so(client, programme, first_review):
    GatewayReview.objects.filter(pk=first_review.pk).update(is_demo=True)
    for url in (_url("list", programme.slug), _url("detail", programme.slug, first_review.pk)):
        assert "Demo data:" in _main(client.get(url))


def test_a_review_is_found_under_its_own_programme_only(client, staff, programme, first_review):
    other = ProgrammeFactory()
    assert client.get(_url("detail", other.slug, first_review.pk)).status_code == 404
    client.force_login(staff)
    assert client.get(_url("edit", other.slug, first_review.pk)).status_code == 404
    assert client.post(_url("ratings", other.slug, first_review.pk), {}).status_code == 404
    assert client.get(_url("recommendation-edit", programme.slug, first_review.pk, 9)).status_code == 404


def test_only_staff_see_the_edit_links(client, staff, coordinator, programme, first_review):
    url = _url("detail", programme.slug, first_review.pk)
    edit = _url("edit", programme.slug, first_review.pk)
    assert edit not in client.get(url).content.decode()
    client.force_login(coordinator)
    assert edit not in client.get(url).content.decode()
    client.force_login(staff)
    body = client.get(url).content.decode()
    assert all(link in body for link in _edit_urls(first_review)[1:])


def test_the_review_pages_take_the_same_number_of_queries_whatever_their_size(
    client, staff, programme, agreements, first_review, second_review, django_assert_max_num_queries
):
    detail = _url("detail", programme.slug, second_review.pk)
    listing = _url("list", programme.slug)
    index = _url("index")
    before = [warmed_query_count(client, url) for url in (detail, listing, index)]
    for number in range(5):
        services.recommendation_create(
            actor=staff, review=first_review, text=f"Extra {number}", owner="KING", due_date=SECOND_DAY
        )
    services.gateway_review_create(
        actor=staff,
        programme=programme,
        title="Nog een",
        review_date=datetime.date(2022, 12, 1),
        reviewers="X",
        overall_status="red",
        overall_reason="Y",
    )
    assert [warmed_query_count(client, url) for url in (detail, listing, index)] == before
    # Programme, the reviews, their ratings and recommendations (two), the agreements; the list and index one each.
    assert before == [5, 2, 1]


# --- editing ------------------------------------------------------------------------------------------


def test_the_edit_pages_are_for_programme_staff(client, coordinator, first_review):
    for url in _edit_urls(first_review):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login")), url
    client.force_login(coordinator)
    audited = AuditEntry.objects.count()
    for url in _edit_urls(first_review):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Anders"}).status_code == 403, url
    assert AuditEntry.objects.count() == audited


def test_staff_enter_a_review_through_the_pages(client, staff, programme, agreements):
    client.force_login(staff)
    response = client.post(
        _url("create", programme.slug),
        {
            "title": "Tussentijdse review",
            "review_date": "15-03-2021",
            "reviewers": "Voorzitter\r\nLid",
            "overall_status": "amber",
            "overall_reason": "Redelijk op koers.",
            "summary": "",
        },
    )
    review = GatewayReview.objects.get(programme=programme)
    assert response.status_code == 302 and response.url == _url("ratings", programme.slug, review.pk)
    assert (review.review_date, review.reviewers) == (datetime.date(2021, 3, 15), "Voorzitter\nLid")

    response = client.post(
        _url("ratings", programme.slug, review.pk),
        {"agreement-1-status": "green", "agreement-1-reason": "Klaar.", "agreement-2-status": ""},
    )
    assert response.status_code == 302
    assert response.url == _url("detail", programme.slug, review.pk) + "#review-agreements"
    assert list(review.ratings.values_list("agreement_number", "status")) == [(1, "green")]

    client.post(
        _url("recommendation-create", programme.slug, review.pk),
        {"text": "Behoud de machinerie.", "owner": "VNG", "due_date": "2021-07-01"},
    )
    response = client.post(
        _url("recommendation-edit", programme.slug, review.pk, 1),
        {
            "text": "Behoud de machinerie.",
            "owner": "VNG",
            "due_date": "2021-07-01",
            "follow_up": "done",
            "follow_up_note": "Besloten.",
        },
    )
    assert response.url == _url("detail", programme.slug, review.pk) + "#review-recommendations"
    assert review.recommendations.get().follow_up == "done"
    text = _main(client.get(_url("detail", programme.slug, review.pk)))
    assert "Behoud de machinerie. VNG 1 Jul 2021 done Besloten." in text


def test_the_forms_show_every_message_at_its_field(client, staff, programme, first_review):
    client.force_login(staff)
    page = lxml_html.fromstring(
        client.post(_url("create", programme.slug), {"review_date": "2099-01-01"}).content.decode()
    )
    summary = " ".join(page.xpath("//div[@class='error-summary']")[0].text_content().split())
    assert "Title: This field is required." in summary
    assert "Overall status: This field is required." in summary
    # The service's rules, after the form's: the date, and a reason for each status.
    response = client.post(
        _url("edit", programme.slug, first_review.pk),
        {
            "title": "T",
            "review_date": "2099-01-01",
            "reviewers": "R",
            "overall_status": "red",
            "overall_reason": "O",
        },
    )
    assert "it cannot be in the future" in _main(response)
    response = client.post(
        _url("ratings", programme.slug, first_review.pk),
        {"agreement-1-status": "green", "agreement-1-reason": "", "agreement-2-reason": "Zomaar"},
    )
    page = lxml_html.fromstring(response.content.decode())
    links = {a.get("href"): " ".join(a.text_content().split()) for a in page.xpath("//div[@class='error-summary']//a")}
    assert links == {
        "#id_agreement-1-reason": "1. Reason: Give the reason for this status.",
        "#id_agreement-2-status_0": "2. Status: Choose red, amber or green, or leave the reason empty.",
    }
    assert list(first_review.ratings.order_by("agreement_number").values_list("status", flat=True)) == [
        "red",
        "amber",
        "green",
    ]


def _as_the_browser_sends(form) -> dict[str, str]:
    """The form's values as a browser submits them: checked choices by their value (also an empty one),
    line breaks in texts as CRLF."""
    values = {}
    for field in form.xpath(".//input[@name] | .//textarea[@name] | .//select[@name]"):
        name = field.get("name")
        if field.tag == "textarea":
            values[name] = (field.text or "").replace("\n", "\r\n")
        elif field.tag == "select":
            values[name] = (field.xpath(".//option[@selected]/@value") or [""])[0]
        elif field.get("type") in ("radio", "checkbox"):
            if field.get("checked") is not None:
                values[name] = field.get("value", "on")
        else:
            values[name] = field.get("value", "")
    return values


@pytest.mark.parametrize("language", ["nl", "en"])
def test_edit_forms_submitted_unchanged_write_nothing(staff, programme, first_review, second_review, language):
    client = in_english(Client()) if language == "en" else Client()
    client.force_login(staff)
    services.recommendation_update(
        actor=staff,
        recommendation=first_review.recommendations.get(number=2),
        follow_up="dropped",
        follow_up_note="Niet meer nodig,\nzie het verslag.",
    )
    slug = programme.slug
    forms = [
        _url("edit", slug, first_review.pk),
        _url("ratings", slug, first_review.pk),
        _url("ratings", slug, second_review.pk),
        _url("recommendation-edit", slug, first_review.pk, 2),
        _url("recommendation-edit", slug, second_review.pk, 1),
    ]
    audited = AuditEntry.objects.count()
    for url in forms:
        page = lxml_html.fromstring(client.get(url).content.decode())
        [form] = page.xpath("//main//form[@method='post']")
        response = client.post(url, _as_the_browser_sends(form))
        assert response.status_code == 302, f"{url}: {_main(response)[:500]}"
    assert AuditEntry.objects.count() == audited


def test_staff_find_the_reviews_on_the_management_menus(staff, coordinator):
    target = ("Gateway reviews", _url("index"))
    assert target in [(str(label), url) for label, url in management_links(staff)]
    assert target not in [(str(label), url) for label, url in management_links(coordinator)]
