# SPDX-License-Identifier: EUPL-1.2
"""The programme's own budget, loaded by load_reference_data from data/programmes/."""

from decimal import Decimal

import pytest
from django.conf import settings

from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.seed import load_reference_data
from bouwplaats.organisations.reference_data import Problems, ReferenceDataError
from bouwplaats.reports.models import BudgetKind, ProgrammeBudget
from bouwplaats.reports.reference import BUDGET_FILE, apply_budgets, read_budgets

pytestmark = pytest.mark.django_db
HEADER = "programme,code,kind,amount,description,description_en,source_url\n"
SOURCE = "https://www.gemeente.nu/dienstverlening/e-overheid/operatie-nup-van-start/"


def test_operatie_nup_budget_and_loan_with_their_source():
    budgets = ProgrammeBudget.objects.filter(programme__slug="operatie-nup").order_by("position")
    assert [(b.code, b.kind, b.amount) for b in budgets] == [
        ("programmabudget", BudgetKind.CONTRIBUTION, Decimal("26400000.00")),
        ("kasschuif", BudgetKind.LOAN, Decimal("104000000.00")),
    ]
    assert all(budget.source_url == SOURCE for budget in budgets)
    assert "BZK" in budgets[1].description and "kasschuif" in budgets[1].description


def test_loading_again_changes_nothing():
    counts = load_reference_data(data_dir=settings.REFERENCE_DATA_DIR)
    assert counts["programme budgets"] == {"created": 0, "kept": 2}


def write(tmp_path, rows: str):
    path = tmp_path / BUDGET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + rows, encoding="utf-8")


def test_every_problem_of_the_file_is_reported(tmp_path):
    write(
        tmp_path,
        f"operatie-nup,a,gift,10,Een,,{SOURCE}\n"
        f"operatie-nup,b,loan,-5,Twee,,{SOURCE}\n"
        f"operatie-nup,c,loan,1.234,Drie,,geen-adres\n"
        f"operatie-nup,d,loan,12,Vier,,{SOURCE}\n"
        f"operatie-nup,d,loan,12,Vijf,,{SOURCE}\n",
    )
    problems = Problems()
    read_budgets(tmp_path, problems)
    assert [(problem.line, problem.field) for problem in problems] == [
        (2, "kind"),
        (3, "amount"),
        (4, "amount"),
        (4, "source_url"),
        (6, "code"),
    ]


def test_an_unknown_programme_writes_nothing(tmp_path):
    write(tmp_path, f"onbekend,a,loan,10,Een,,{SOURCE}\n")
    rows = read_budgets(tmp_path, Problems())
    before = ProgrammeBudget.objects.count()
    with pytest.raises(ReferenceDataError, match="onbekend"):
        apply_budgets(rows)
    assert ProgrammeBudget.objects.count() == before


def test_a_corrected_line_is_kept(tmp_path):
    budget = ProgrammeBudget.objects.get(programme__slug="operatie-nup", code="kasschuif")
    ProgrammeBudget.objects.filter(pk=budget.pk).update(amount=Decimal("100"))
    write(tmp_path, f"operatie-nup,kasschuif,loan,104000000,Lening,,{SOURCE}\n")
    assert apply_budgets(read_budgets(tmp_path, Problems())) == {"programme budgets": {"created": 0, "kept": 1}}
    assert ProgrammeBudget.objects.get(pk=budget.pk).amount == Decimal("100")
    assert Programme.objects.filter(slug="operatie-nup").exists()
