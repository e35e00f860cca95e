# SPDX-License-Identifier: EUPL-1.2
"""The "Gateway review" section of the Gateway review report: the latest review on or before the report's
date compared with the one before it, on the page, in the PDF, the XLSX and the API."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from bouwplaats.reports import selectors
from bouwplaats.reports.review_models import FollowUp
from bouwplaats.reports.reviews import services
from bouwplaats.reports.sections import ALV, BESTUUR, GATEWAY_REVIEW, GATEWAY_REVIEWS, TEMPLATES, sections_for

from .conftest import FIRST_DAY, SECOND_DAY

pytestmark = pytest.mark.django_db

BETWEEN = datetime.date(2021, 12, 31)
AFTER = datetime.date(2022, 12, 31)


def compute(programme, on, template=GATEWAY_REVIEW):
    return selectors.report(programme=programme, template=TEMPLATES[template], on=on, details_visible=False)


def rows(report, index):
    return [list(row) for row in report.section(GATEWAY_REVIEWS).tables[index].rows]


def url(programme, name, on, template=GATEWAY_REVIEW):
    return reverse(f"reports:report-{name}", args=[programme.slug, template]) + f"?peildatum={on.isoformat()}"


def test_the_section_is_in_the_gateway_review_report_only():
    assert GATEWAY_REVIEWS in [section.key for section in sections_for(GATEWAY_REVIEW)]
    assert GATEWAY_REVIEWS not in [section.key for section in sections_for(ALV)]
    assert GATEWAY_REVIEWS not in [section.key for section in sections_for(BESTUUR)]


def test_without_a_review_by_the_date_the_section_has_no_tables(programme, first_review):
    section = compute(programme, FIRST_DAY - datetime.timedelta(days=1)).section(GATEWAY_REVIEWS)
    assert (section.tables, section.detail) == ([], None)


def test_the_first_review_has_nothing_to_compare_with(programme, first_review):
    report = compute(programme, BETWEEN)
    assert report.section(GATEWAY_REVIEWS).detail.review == first_review
    reason = "De basis staat, de stelselvoorzieningen lopen achter."
    assert rows(report, 0) == [["This review", "Tussentijdse review", FIRST_DAY, "amber", reason]]
    assert rows(report, 1) == [
        ["1. Aansluiten", "not rated", "red", "rated for the first time", "Reden 1"],
        ["2. Gebruiken", "not rated", "amber", "rated for the first time", "Reden 2"],
        ["3. Terugmelden", "not rated", "green", "rated for the first time", "Reden 3"],
    ]
    assert rows(report, 2) == [
        [1, "Behoud de machinerie.", "Programmateam", FIRST_DAY, "open", ""],
        [2, "Maak afspraken met leveranciers.", "Programmateam", FIRST_DAY, "open", ""],
    ]
    assert len(report.section(GATEWAY_REVIEWS).tables) == 3  # no previous review's recommendations


def test_the_latest_review_is_compared_with_the_one_before(staff, programme, first_review, second_review):
    services.recommendation_update(
        actor=staff,
        recommendation=first_review.recommendations.get(number=2),
        follow_up=FollowUp.DONE,
        follow_up_note="Convenant getekend.",
    )
    report = compute(programme, AFTER)
    assert [row[:4] for row in rows(report, 0)] == [
        ["This review", "Eindreview", SECOND_DAY, "green"],
        ["Previous review", "Tussentijdse review", FIRST_DAY, "amber"],
    ]
    assert [row[:4] for row in rows(report, 1)] == [
        ["1. Aansluiten", "red", "amber", "improved"],
        ["2. Gebruiken", "amber", "red", "worse"],
        ["3. Terugmelden", "green", "not rated", "not rated this time"],
    ]
    assert rows(report, 2) == [[1, "Borg de aanpak.", "Programmateam", SECOND_DAY, "open", ""]]
    assert [row[0:2] + row[4:] for row in rows(report, 3)] == [
        [1, "Behoud de machinerie.", "open", ""],
        [2, "Maak afspraken met leveranciers.", "done", "Convenant getekend."],
    ]
    # As of a date between the two reviews, the first one is the latest.
    assert compute(programme, BETWEEN).section(GATEWAY_REVIEWS).detail.review == first_review


def test_the_page_shows_the_review_and_its_comparison(client, programme, first_review, second_review):
    body = client.get(url(programme, "page", AFTER)).content.decode()
    assert 'id="gateway-reviews"' in body
    assert "The latest Gateway review on or before 31 December 2022, compared with the review before it." in body
    assert "<caption>Overall status in this review and the previous one</caption>" in body
    # The review itself, through the reviews' own template, its headings below the section's.
    assert '<h3 id="report-review-agreements">Status per result agreement</h3>' in body
    assert "Compared with the <a href=" in body and "Tussentijdse review</a> of 15 March 2021" in body
    assert "1 result agreement improved" in body and "1 result agreement got worse" in body
    assert "Borg de aanpak." in body and "Maak afspraken met leveranciers." in body
    # Not a link to edit: the report is read by everyone.
    assert reverse("reports:reviews:ratings", args=[programme.slug, second_review.pk]) not in body


def test_the_page_in_dutch(programme, first_review, second_review):
    body = Client().get(url(programme, "page", AFTER)).content.decode()
    assert "De laatste Gateway review op of vóór 31 december 2022, vergeleken met de review daarvoor." in body
    assert "Totaaloordeel in deze review en de vorige" in body


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "There was no Gateway review of this programme on or before 31 December 2022."),
        ("nl", "Er was op of vóór 31 december 2022 nog geen Gateway review van dit programma."),
    ],
)
def test_without_a_review_the_page_says_so(client, programme, language, text):
    reader = client if language == "en" else Client()
    body = reader.get(url(programme, "page", AFTER)).content.decode()
    assert text in body


def test_the_xlsx_holds_the_ratings_and_recommendations(client, programme, first_review, second_review):
    response = client.get(url(programme, "xlsx", AFTER))
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert "Gateway review" in workbook.sheetnames
    values = [list(row) for row in workbook["Gateway review"].iter_rows(values_only=True)]
    texts = [[value for value in row if value is not None] for row in values]
    assert ["Overall status in this review and the previous one"] in texts
    assert any(row[:4] == ["1. Aansluiten", "red", "amber", "improved"] for row in texts)
    assert any(row[:3] == [1, "Borg de aanpak.", "Programmateam"] for row in texts)
    assert ["Recommendations of the previous review"] in texts


def test_the_api_gives_the_same_tables(api_client, programme, first_review, second_review):
    address = reverse("api-programme-report-detail", args=[GATEWAY_REVIEW])
    response = api_client.get(address, {"programme": programme.slug, "date": AFTER.isoformat()})
    section = next(section for section in response.json()["sections"] if section["key"] == GATEWAY_REVIEWS)
    assert section["title"] == "Gateway review"
    assert [table["caption"] for table in section["tables"]] == [
        "Overall status in this review and the previous one",
        "Status per result agreement in the previous review and in this one",
        "Recommendations of this review",
        "Recommendations of the previous review",
    ]
    assert section["tables"][0]["rows"][0][:4] == ["This review", "Eindreview", "2022-06-01", "green"]
    alv = api_client.get(reverse("api-programme-report-detail", args=[ALV]), {"programme": programme.slug})
    assert GATEWAY_REVIEWS not in [section["key"] for section in alv.json()["sections"]]


def test_the_pdf_shows_the_review(client, programme, first_review, second_review):
    response = client.get(url(programme, "pdf", AFTER))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Overall status in this review and the previous one" in text
    assert "Borg de aanpak." in text and "Status per result agreement" in text


def test_a_change_to_a_review_renews_the_cached_report(client, staff, programme, first_review):
    address = url(programme, "page", BETWEEN)
    assert "Convenant getekend." not in client.get(address).content.decode()
    services.recommendation_update(
        actor=staff,
        recommendation=first_review.recommendations.get(number=2),
        follow_up=FollowUp.DONE,
        follow_up_note="Convenant getekend.",
    )
    assert "Convenant getekend." in client.get(address).content.decode()


def test_the_section_reads_the_reviews_in_a_fixed_number_of_queries(
    staff, programme, agreements, first_review, second_review, django_assert_num_queries
):
    scope = selectors.ReportScope(
        programme=programme, template=TEMPLATES[GATEWAY_REVIEW], on=AFTER, today=AFTER, details_visible=False
    )
    section = next(section for section in sections_for(GATEWAY_REVIEW) if section.key == GATEWAY_REVIEWS)
    # The reviews, their ratings, their recommendations, the result agreements.
    with django_assert_num_queries(4):
        section.figures(scope)
        section.detail(scope)
    for number in range(5):
        services.recommendation_create(
            actor=staff, review=second_review, text=f"Extra {number}", owner="Team", due_date=SECOND_DAY
        )
    scope = selectors.ReportScope(
        programme=programme, template=TEMPLATES[GATEWAY_REVIEW], on=AFTER, today=AFTER, details_visible=False
    )
    with django_assert_num_queries(4):
        section.figures(scope)
        section.detail(scope)
