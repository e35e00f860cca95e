# SPDX-License-Identifier: EUPL-1.2
"""The status forms of a municipality: the one-page form and the form of one building block.

The forms are posted as a browser would send them: the values parsed from the rendered HTML.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from bouwplaats.core.testing import in_english
from bouwplaats.monitor import services
from bouwplaats.monitor.models import CurrentStatus, StatusEvent

pytestmark = pytest.mark.django_db

UPDATE = reverse("monitor:municipality-update", args=["GM9901"])
PROGRESS = reverse("monitor:municipality-progress", args=["GM9901"])


def block_url(code):
    return reverse("monitor:block-update", args=["GM9901", code])


def history_url(code):
    return reverse("monitor:block-history", args=["GM9901", code])


class _FormValues(HTMLParser):
    """What a browser submits for the status form of a page: the form with class ``monitor-update``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: list[tuple[str, str]] = []
        self.in_form = False
        self.select: str | None = None
        self.select_options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""
        self.option: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "monitor-update" in (attrs.get("class") or "").split():
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "reset", "image") or "name" not in attrs:
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.values.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select, self.select_options = attrs.get("name"), []
        elif tag == "option" and self.select is not None:
            self.select_options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea":
            self.textarea, self.text = attrs.get("name"), ""

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.select_options if selected] or [self.select_options[0][0]]
            self.values.append((self.select, chosen[0]))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # Browsers drop the newline right after <textarea> and send line breaks as CRLF.
            text = self.text[1:] if self.text.startswith("\n") else self.text
            self.values.append((self.textarea, text.replace("\r\n", "\n").replace("\n", "\r\n")))
            self.textarea = None


def rendered_form_from(response) -> dict:
    """The status form of a response exactly as rendered, ready to post (the blockers as a list)."""
    parser = _FormValues()
    parser.feed(response.content.decode())
    data: dict = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return {name: values if name.endswith("-blockers") else values[0] for name, values in data.items()}


def rendered_form(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return rendered_form_from(response)


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def reported(staff, town_a, blocks, levels):
    """Every block reported, with planned dates, budgets, blockers and a two-line explanation."""
    planned = {
        "AAA": datetime.date(2014, 9, 1),
        "BBB": datetime.date(2015, 1, 1),
        "CCC": datetime.date(2014, 12, 31),
    }
    for block in blocks:
        services.status_report(
            actor=staff,
            municipality=town_a,
            building_block=block,
            level=levels[1],
            valid_from=datetime.date(2014, 3, 1),
            planned_date=planned[block.code],
            budget_planned="12500.50",
            blockers=["capacity", "budget"],
            blocker_note="Eerste regel\ntweede regel",
        )
    return planned


def dutch(user) -> Client:
    client = Client()  # Dutch, the default language
    client.force_login(user)
    return client


def english(user) -> Client:
    client = in_english(Client())
    client.force_login(user)
    return client


def planned_dates(town):
    return dict(CurrentStatus.objects.filter(municipality=town).values_list("building_block__code", "planned_date"))


@pytest.mark.parametrize("language", [dutch, english], ids=["nl", "en"])
@pytest.mark.parametrize("url", [UPDATE, block_url("BBB")], ids=["all blocks", "one block"])
def test_a_form_submitted_as_rendered_writes_nothing(language, url, reported, coordinator_a, town_a):
    client = language(coordinator_a)
    data = rendered_form(client, url)
    if url == UPDATE:
        assert data["AAA-planned_date"] == "2014-09-01" and data["AAA-budget_planned"] == "12500.50"
        assert data["AAA-blocker_note"] == "Eerste regel\r\ntweede regel"
    before = StatusEvent.objects.count()
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == PROGRESS
    assert StatusEvent.objects.count() == before
    expected = {
        dutch: "U heeft niets gewijzigd; er is niets aan de geschiedenis toegevoegd.",
        english: "Nothing was changed, so nothing was added to the history.",
    }[language]
    assert flash(response) == [expected]
    assert planned_dates(town_a) == reported


@pytest.mark.parametrize("language", [dutch, english], ids=["nl", "en"])
def test_changing_one_block_on_the_big_form_writes_one_event(language, reported, coordinator_a, town_a, levels):
    client = language(coordinator_a)
    data = rendered_form(client, UPDATE)
    data["BBB-level"] = str(levels[2].pk)
    before = StatusEvent.objects.count()
    response = client.post(UPDATE, data)
    assert response.status_code == 302
    [event] = StatusEvent.objects.order_by("-pk")[: StatusEvent.objects.count() - before]
    assert event.building_block.code == "BBB" and event.level == levels[2]
    assert event.author == coordinator_a and event.source == "self_report"
    assert planned_dates(town_a) == reported  # every planned date stays, the changed block's too
    assert event.blocker_note == "Eerste regel\ntweede regel"
    assert flash(response) == {dutch: ["Bravo bijgewerkt."], english: ["Bravo updated."]}[language]


@pytest.mark.parametrize(
    ("codes", "dutch_message", "english_message"),
    [
        (["AAA", "CCC"], "Alfa en Charlie bijgewerkt.", "Alfa and Charlie updated."),
        (["AAA", "BBB", "CCC"], "Alfa, Bravo en Charlie bijgewerkt.", "Alfa, Bravo and Charlie updated."),
    ],
)
def test_the_confirmation_names_the_updated_blocks(codes, dutch_message, english_message, reported, staff, levels):
    for client, message in ((dutch(staff), dutch_message), (english(staff), english_message)):
        data = rendered_form(client, UPDATE)
        for code in codes:
            current = data[f"{code}-level"]
            data[f"{code}-level"] = str(levels[2].pk if current != str(levels[2].pk) else levels[3].pk)
        response = client.post(UPDATE, data)
        assert response.status_code == 302
        assert flash(response) == [message]


def test_the_block_page_shows_and_saves_only_its_block(client, reported, coordinator_a, town_a, levels):
    client.force_login(coordinator_a)
    response = client.get(block_url("BBB"))
    assert response.status_code == 200
    assert [row["form"].building_block.code for row in response.context["rows"]] == ["BBB"]
    data = rendered_form(client, block_url("BBB"))
    assert {name.split("-")[0] for name in data} == {"csrfmiddlewaretoken", "BBB"}
    page = response.content.decode()
    assert "Update Bravo for Aadorp" in page and history_url("BBB") in page

    data.update({"BBB-level": str(levels[3].pk), "BBB-note": "Live sinds vandaag"})
    response = client.post(block_url("BBB"), data)
    assert response.status_code == 302 and flash(response) == ["Bravo updated."]
    event = StatusEvent.objects.latest("pk")
    assert (event.building_block.code, event.level, event.note) == ("BBB", levels[3], "Live sinds vandaag")
    assert planned_dates(town_a) == reported


def test_the_block_page_handles_a_conflict_like_the_big_form(
    client, reported, coordinator_a, other_coordinator_a, town_a, blocks, levels
):
    client.force_login(coordinator_a)
    stale = rendered_form(client, block_url("BBB"))
    services.status_report(
        actor=other_coordinator_a, municipality=town_a, building_block=blocks[1], level=levels[3], expected_version=1
    )
    stale["BBB-level"] = str(levels[2].pk)
    before = StatusEvent.objects.count()
    response = client.post(block_url("BBB"), stale)
    assert response.status_code == 409
    assert StatusEvent.objects.count() == before
    page = response.content.decode()
    assert "Someone else changed the status meanwhile" in page and "Changed meanwhile" in page
    form = response.context["rows"][0]["form"]
    assert form["level"].value() == str(levels[2].pk) and form["version"].value() == "2"
    assert client.post(block_url("BBB"), rendered_form_from(response)).status_code == 302
    assert CurrentStatus.objects.get(municipality=town_a, building_block=blocks[1]).level == levels[2]


def test_the_block_page_has_the_permissions_of_the_big_form(
    client, reported, coordinator_a, staff, member, town_a, town_b, levels
):
    assert client.get(block_url("AAA"))["Location"].startswith(reverse("accounts:account"))
    client.force_login(member)
    assert client.get(block_url("AAA")).status_code == 403
    assert client.post(block_url("AAA"), {"AAA-level": str(levels[2].pk), "AAA-version": "1"}).status_code == 403
    client.force_login(coordinator_a)
    assert client.get(block_url("AAA")).status_code == 200
    assert client.get(reverse("monitor:block-update", args=["GM9902", "AAA"])).status_code == 403
    assert client.get(block_url("NOPE")).status_code == 404
    client.force_login(staff)
    assert client.get(reverse("monitor:block-update", args=["GM9902", "CCC"])).status_code == 200
    assert StatusEvent.objects.count() == 3


def test_the_big_form_has_save_buttons_at_both_ends_and_opens_blocks_with_errors(client, reported, staff, levels):
    client.force_login(staff)
    page = client.get(UPDATE).content.decode()
    start = page.index('class="form form--wide monitor-update"')
    form = page[start : page.index("</form>", start)]
    assert form.count('<button type="submit" class="button">Save</button>') == 2
    first_block = form.index("<details")
    assert form.index("Save</button>") < first_block < form.rindex("Save</button>")
    assert form.count('<details id="block-') == 3 and "open>" not in form  # closed until opened
    assert f'href="{block_url("AAA")}"' in form

    data = rendered_form(client, UPDATE)
    data["CCC-budget_spent"] = "-1"
    response = client.post(UPDATE, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<details id="block-CCC" class="monitor-block-details" open>' in page
    assert '<details id="block-AAA" class="monitor-block-details">' in page


def test_links_to_the_block_page_only_for_those_who_may_report(client, programme, reported, coordinator_a, town_a):
    programme.municipality_status_public = True
    programme.save()
    client.force_login(coordinator_a)
    assert block_url("AAA") in client.get(PROGRESS).content.decode()
    assert block_url("AAA") in client.get(history_url("AAA")).content.decode()
    anonymous = in_english(Client())  # the cached part of the progress page holds no link for them
    assert block_url("AAA") not in anonymous.get(PROGRESS).content.decode()
    assert block_url("AAA") not in anonymous.get(history_url("AAA")).content.decode()


def test_the_form_pages_need_a_constant_number_of_queries(
    client, staff, town_a, blocks, levels, django_assert_max_num_queries
):
    client.force_login(staff)
    client.get(reverse("accounts:account"))  # the header's unread count is cached from here on

    def counts():
        with django_assert_max_num_queries(20) as every_block:
            assert client.get(UPDATE).status_code == 200
        with django_assert_max_num_queries(20) as one_block:
            assert client.get(block_url("AAA")).status_code == 200
        return len(every_block.captured_queries), len(one_block.captured_queries)

    for block in blocks:
        services.status_report(actor=staff, municipality=town_a, building_block=block, level=levels[1])
    before = counts()
    for i in range(5):
        for block in blocks:
            services.status_report(actor=staff, municipality=town_a, building_block=block, level=levels[i % 4])
    assert counts() == before
