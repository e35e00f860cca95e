import pytest

from bouwplaats.monitor import extensions
from bouwplaats.monitor.tests.test_views import progress_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def column():
    seen = []

    def cells(municipality, building_blocks):
        seen.append((municipality.code, [block.code for block in building_blocks]))
        first = building_blocks[0]
        return {first.pk: extensions.Cell("3 of 4", f"/elders/{first.code}/")}

    column = extensions.ProgressColumn(key="test.column", label="Extra column", cells=cells)
    extensions.register_progress_column(column)
    yield seen
    extensions._columns.pop(column.key)


def test_a_registered_column_shows_next_to_the_status(client, staff, town_a, blocks, column):
    client.force_login(staff)
    html = client.get(progress_url(town_a.code)).content.decode()
    assert '<th scope="col">Extra column</th>' in html
    assert f'<a href="/elders/{blocks[0].code}/">3 of 4</a>' in html
    assert column == [(town_a.code, [block.code for block in sorted(blocks, key=lambda b: b.code)])]
