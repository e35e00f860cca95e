# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.urls import reverse

from bouwplaats.monitor import extensions

pytestmark = pytest.mark.django_db

# The page of another app that a column links to: any address will do, this site need not have it.
ELSEWHERE = "/elders/"


def progress_url(code):
    return reverse("monitor:municipality-progress", args=[code])


@pytest.fixture
def column():
    seen = []

    def cells(municipality, building_blocks):
        seen.append((municipality.code, [block.code for block in building_blocks]))
        first = building_blocks[0]
        return {first.pk: extensions.Cell("3 of 4", f"{ELSEWHERE}{first.code}/")}

    column = extensions.ProgressColumn(key="test.column", label="Extra column", cells=cells)
    extensions.register_progress_column(column)
    yield seen
    extensions._columns.pop(column.key)


def test_a_registered_column_shows_next_to_the_status(client, staff, town_a, blocks, column):
    client.force_login(staff)
    html = client.get(progress_url(town_a.code)).content.decode()
    assert '<th scope="col">Extra column</th>' in html
    assert f'<a href="{ELSEWHERE}{blocks[0].code}/">3 of 4</a>' in html
    assert column == [(town_a.code, [block.code for block in sorted(blocks, key=lambda b: b.code)])]


def test_a_column_links_only_for_whom_its_page_admits(client, staff, member, programme, town_a, blocks):
    from bouwplaats.catalogue.models import StatusVisibility

    programme.municipality_status_visibility = StatusVisibility.PUBLIC  # everyone sees the progress page
    programme.save()

    def cells(municipality, building_blocks):
        return {building_blocks[0].pk: extensions.Cell("3 of 4", ELSEWHERE)}

    column = extensions.ProgressColumn(
        key="test.guarded", label="Guarded", cells=cells, links_visible=lambda user, municipality: user == staff
    )
    extensions.register_progress_column(column)
    try:
        assert f'<a href="{ELSEWHERE}">3 of 4</a>' not in client.get(progress_url(town_a.code)).content.decode()
        client.force_login(member)
        html = client.get(progress_url(town_a.code)).content.decode()
        assert "3 of 4" in html and f'<a href="{ELSEWHERE}">' not in html  # the text without the link
        client.force_login(staff)  # the same data version: the page part is cached per set of links
        assert f'<a href="{ELSEWHERE}">3 of 4</a>' in client.get(progress_url(town_a.code)).content.decode()
    finally:
        extensions._columns.pop(column.key)
