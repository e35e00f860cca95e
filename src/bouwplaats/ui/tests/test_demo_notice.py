# SPDX-License-Identifier: EUPL-1.2
"""The "Demo data" banner appears at most once per page, however many parts of the page have demo data."""

from django.template import engines
from django.test import RequestFactory

PAGE = (
    "{% load ui %}"
    "{% demo_notice 'generated progress' when=first %}"
    "{% for item in items %}{% demo_notice 'a generated round' when=item %}{% endfor %}"
    "{% include 'monitor/surveys/_demo_round.html' with survey_round=round %}"
)


def render(**context) -> str:
    return engines["django"].from_string(PAGE).render(context)


def test_one_banner_for_several_parts_with_demo_data():
    html = render(first=True, items=[True, True], round={"is_demo": True})
    assert html.count('class="notice demo-notice') == 1
    assert "generated progress" in html and "a generated round" not in html


def test_the_first_part_with_demo_data_shows_it_and_none_without():
    html = render(first=False, items=[False, True], round={"is_demo": True})
    assert html.count('class="notice demo-notice') == 1 and "a generated round" in html
    assert render(first=False, items=[False], round={"is_demo": False}).count("demo-notice") == 0


def test_a_part_rendered_on_its_own_for_the_same_request_shows_no_second_banner():
    request = RequestFactory().get("/")
    template = engines["django"].from_string("{% load ui %}{% demo_notice 'x' %}")
    assert "demo-notice" in template.render({}, request)
    assert "demo-notice" not in template.render({}, request)
    assert "demo-notice" in template.render({}, RequestFactory().get("/"))  # another request
