# SPDX-License-Identifier: EUPL-1.2
"""Every page of the site, opened in Dutch as a visitor, a coordinator and programme staff, reads as Dutch.

The pages are those the browser tests visit (``tests/browser/pages.py`` and ``tests/browser/areas``),
opened here with Django's test client on the demo data that the browser tests' site loads. Of each
page the visible text is taken (no scripts, styles or attributes; no ``<code>``, which shows
machine text such as column names and JSON) and checked for English words that never occur in
correct Dutch, for a plural noun after "1" and "gemeente(n)"-like forms, for capitalised month
abbreviations ("16 Mrt 2014"), for "u hebt", for large numbers without their thousands separator
and for ISO dates.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from lxml import html
from tests.browser.pages import ANONYMOUS, COORDINATOR, ROLES, STAFF, all_pages
from tests.browser.seeding import seed
from tests.browser.server import DATA_COMMANDS

# English that correct Dutch text never holds, as whole words (case-sensitive where Dutch has the
# word in lower case, e.g. "Edit" but not the Dutch "edit" of "editie").
ENGLISH = [
    r"the",
    r"The",
    r"and",
    r"of the",
    r"with",
    r"from",
    r"your",
    r"Save",
    r"Cancel",
    r"Delete",
    r"Edit",
    r"Search",
    r"Submit",
    r"Show",
    r"Yes",
    r"None",
    r"True",
    r"False",
    r"rounded",
    r"Derived",
    r"Business",
    r"Application",
    r"Technology",
]
# Forms of Dutch that the site does not use.
NOT_OUR_DUTCH = [
    r"status\(sen\)",
    r"bouwsteen/bouwstenen",
    r"\w+\((s|en|n)\)",  # "gemeente(n)": a plural is chosen with ngettext
    r"\b1 (gemeenten|bouwstenen|statussen|stappen|dagen|maanden|inwoners|elementen|regels|ideeën|stemmen|vragen|"
    r"reacties|meldingen|applicaties|niveaus)\b",
    r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec) \d{4}",  # Django's "M": "16 Mrt 2014"
    r"[Uu] hebt\b",  # the site says "u heeft"
    r"Financien",
    r"(?<![\w.,/:-])[1-9]\d{4,}(?![\w.,/:-])",  # 12345: a number of five digits or more is grouped ("12.345")
]
ISO_DATE = r"\b(19|20)\d\d-[01]\d(-[0-3]\d)?\b"  # a day or a month ("2014-03") written the ISO way

# Names that are right as they are: the GEMMA release is called by its date, like its address; an
# element's folder in the model file (Archi's top folders are English); the keys of the impact
# analysis' rules are JSON, in examples and in the rules' own field.
ALLOWED = [
    r"GEMMA(-release)? \d{4}-\d\d-\d\d",
    r"\b[Rr]elease \d{4}-\d\d-\d\d",
    r"\b(Strategy|Business|Application|Technology|Motivation|Implementation|Other|Relations|Views)/",
    r"The Open Group",
    r"\b(ISO|NEN|RFC|EN) ?\d+",  # the numbers of standards
    r'"(relation|direction|from|to)": "[^"]*"',
]
# The audit log shows what each change recorded, as recorded (staff only).
RECORDS = {"audit"}

FAULTS = re.compile("|".join(rf"\b(?:{word})\b" for word in ENGLISH) + "|" + "|".join(NOT_OUR_DUTCH))

# Pages not in the browser tests' list whose text the checks should see too: a municipality formed
# after 2022 (its population is derived from its predecessors').
EXTRA = [reverse("organisations:municipality-detail", args=["GM1992"])]

# The browser tests' ids are those of a fresh database; here they are looked up in order of creation.
# The prefixes are literal: they are matched against the literal paths of the browser tests' list.
NUMBERED = [
    ("/cocreatie/ideeen/", "cocreation", "Idea"),
    ("/cocreatie/raadplegingen/", "cocreation", "Consultation"),
    ("/kennis/vragen/", "knowledge", "Question"),
    ("/kennis/behandelen/", "knowledge", "Question"),
    ("/kennis/reacties/", "knowledge", "Comment"),
    ("/kennis/themas/", "knowledge", "Theme"),
    ("/impactanalyse/", "impact", "ImpactScenario"),
    ("/rapportages/gateway-reviews/operatie-nup/", "reports", "GatewayReview"),
    ("/leveranciers/afspraken/", "suppliers", "Agreement"),
    ("/leveranciers/", "suppliers", "Supplier"),
    ("/taken/", "core", "Job"),
]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo data of every part of the site and what the browser tests add to it (``seeding.py``),
    loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        for command in DATA_COMMANDS:
            if command != "load_reference_data":  # the session's database has it already
                # --force: the demo commands refuse to run with DEBUG off, as in tests
                call_command(command, verbosity=0, **({"force": True} if command.startswith("load_demo") else {}))
        seed(fresh_database=False)
        yield
        transaction.set_rollback(True)


def _path(path: str) -> str:
    from django.apps import apps

    for prefix, app, model in NUMBERED:
        found = re.match(rf"^{re.escape(prefix)}(\d+)/", path)
        if found:
            pks = list(apps.get_model(app, model).objects.order_by("pk").values_list("pk", flat=True))
            number = int(found.group(1))
            return f"{prefix}{pks[number - 1]}/{path[found.end() :]}"
    return path


def visible_text(content: bytes) -> str:
    document = html.fromstring(content)
    # Text marked as English (an English description beside the Dutch one, the API's own description) is right.
    english = "//*[@lang and starts-with(@lang, 'en')]"
    for hidden in document.xpath(f"//script | //style | //template | //code | //*[@hidden] | {english}"):
        hidden.drop_tree()
    return " ".join(" ".join(document.itertext()).split())  # cells and labels apart, not run together


def faults(text: str) -> list[str]:
    for allowed in ALLOWED:
        text = re.sub(allowed, " ", text)
    found = [match.group(0) for match in FAULTS.finditer(text)]
    found += [f"ISO date {match.group(0)}" for match in re.finditer(ISO_DATE, text)]
    return [f"{item!r} in …{_around(text, item)}…" for item in dict.fromkeys(found)]


def _around(text: str, item: str) -> str:
    needle = item.removeprefix("ISO date ")
    found = re.search(rf"\b{re.escape(needle)}\b", text) or re.search(re.escape(needle), text)
    index = found.start() if found else 0
    return text[max(index - 50, 0) : index + len(needle) + 50]


def test_the_checks_find_what_they_look_for():
    page = (
        b"<html><body><p>1 gemeenten \xc2\xb7 16 Mrt 2014 \xc2\xb7 2014-03-16 \xc2\xb7 Save \xc2\xb7 147500</p>"
        b"<code>2014-03-16 the</code><script>var the = 1;</script><p title='the'>GEMMA 2026-06-30</p></body></html>"
    )
    found = faults(visible_text(page))
    assert [item.split(" in ")[0] for item in found] == [
        "'1 gemeenten'",
        "'16 Mrt 2014'",
        "'Save'",
        "'147500'",
        "'ISO date 2014-03-16'",
    ]
    correct = "<p>De status van 1 gemeente · 16 mrt 2014 · 16 maart 2014 · € 147.500 · ISO 20022 · GM0363</p>"
    assert faults(visible_text(correct.encode())) == []


@pytest.mark.django_db
def test_every_page_reads_as_dutch(demo_site):
    users = get_user_model().objects
    clients = {ANONYMOUS: Client()}
    for role in (COORDINATOR, STAFF):
        clients[role] = Client()
        clients[role].force_login(users.get(email=ROLES[role]))
    problems, checked = [], 0
    pages = [(spec.name, spec.path, spec.roles, spec.status) for spec in all_pages() if spec.language == "nl"]
    pages += [(path, path, (ANONYMOUS,), 200) for path in EXTRA]
    for name, path, roles, status in pages:
        if name in RECORDS:
            continue
        path = _path(path)
        for role, client in clients.items():
            response = client.get(path)
            if role in roles:
                assert response.status_code == status, f"{name} as {role}: {response.status_code}"
            if response.status_code >= 300 and response.status_code < 400:
                continue
            assert response["Content-Language"] == "nl", name
            checked += 1
            problems += [f"{name} [{role or 'anonymous'}]: {fault}" for fault in faults(visible_text(response.content))]
    assert checked > 150
    assert problems == [], "\n".join(problems)
