# SPDX-License-Identifier: EUPL-1.2
"""Two Gateway reviews of Operatie NUP for demonstrations (always marked ``is_demo``).

No public source gives the content of a Gateway review of Operatie NUP: no date, advice or status
of one was found. Everything below is made up to show the pages, and the pages say so. A midterm
review (2013) advises to keep "the implementation machinery" for the second half of the programme;
a review in the final year follows up on it. Reviewers are described, not named.

The ratings go to the programme's result agreements by number; numbers the catalogue lacks are
left out. A programme that has demo reviews already, or a review on one of the demo dates, is left
alone.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from bouwplaats.accounts.permissions import require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import Programme, ResultAgreement

from .review_models import AgreementRating, FollowUp, GatewayReview, Rag, Recommendation

PROGRAMME_SLUG = "operatie-nup"

REVIEWERS = (
    "Reviewteam (fictief, demodata):\n"
    "voorzitter: oud-programmadirecteur bij het Rijk\n"
    "lid: informatiemanager van een middelgrote gemeente\n"
    "lid: adviseur van een leveranciersvereniging"
)

REVIEWS = [
    {
        "title": "Tussentijdse Gateway review",
        "review_date": datetime.date(2013, 4, 11),
        "overall_status": Rag.AMBER,
        "overall_reason": (
            "De basis staat: bijna alle gemeenten zijn met de bouwstenen begonnen en de ondersteuning "
            "(i-coaches, voortgangsmonitor, kennisplatform) werkt. Het aansluiten op de stelselvoorzieningen "
            "loopt achter en hangt sterk af van de leveranciers."
        ),
        "summary": (
            "De reviewers adviseren de implementatiemachinerie van het programma voor de tweede helft te "
            "behouden en te versterken, en de afspraken met leveranciers per voorziening concreet te maken."
        ),
        # result agreement number: (status, reason)
        "ratings": {
            1: (
                Rag.AMBER,
                "Veel gemeenten hebben het waarmerk voor niveau A nog niet; de eisen worden als zwaar ervaren.",
            ),
            2: (Rag.GREEN, "Ruim de helft van de gemeenten is aangesloten; de rest heeft een plan."),
            3: (
                Rag.RED,
                "Weinig gemeenten zijn aangesloten; de kosten per dienst en de keuze van een makelaar remmen.",
            ),
            4: (
                Rag.RED,
                "Terugmelden is nauwelijks ingericht; de koppelingen van leveranciers zijn nog niet beschikbaar.",
            ),
            5: (Rag.AMBER, "Aansluiten hangt af van de Digikoppeling-adapters van leveranciers."),
            6: (Rag.GREEN, "De productinformatie voor ondernemers is bij de meeste gemeenten goed gelabeld."),
        },
        # (text, owner, due date, follow-up, note)
        "recommendations": [
            (
                "Behoud de implementatiemachinerie – i-coaches, voortgangsmonitor, leveranciersafspraken en "
                "kennisdeling – voor de tweede helft van het programma.",
                "VNG (opdrachtgever) en KING",
                datetime.date(2013, 7, 1),
                FollowUp.DONE,
                "Voortzetting besloten; de i-coaches blijven tot eind 2014 actief.",
            ),
            (
                "Maak per stelselvoorziening afspraken met de leveranciers over de leverdatum van hun koppelingen.",
                "KING, leveranciersmanagement",
                datetime.date(2013, 10, 1),
                FollowUp.DONE,
                "Afspraken vastgelegd met de leveranciers van de meeste gemeenten.",
            ),
            (
                "Geef kleine gemeenten gerichte ondersteuning bij eHerkenning en Digimelding.",
                "KING, i-coaches",
                datetime.date(2013, 12, 31),
                FollowUp.IN_PROGRESS,
                "Regionale bijeenkomsten gehouden; eHerkenning blijft achter.",
            ),
            (
                "Rapporteer elk kwartaal per resultaatafspraak aan het bestuur.",
                "KING, programmamanagement",
                datetime.date(2013, 9, 1),
                FollowUp.DROPPED,
                "Vervangen door de halfjaarlijkse monitor: een kwartaalrapportage vroeg te veel van de gemeenten.",
            ),
        ],
    },
    {
        "title": "Gateway review eindfase",
        "review_date": datetime.date(2014, 5, 22),
        "overall_status": Rag.AMBER,
        "overall_reason": (
            "De meeste voorzieningen zijn aangesloten, maar het gebruik ervan blijft achter. Zonder vervolg na "
            "2014 gaat de opgebouwde kennis en samenwerking verloren."
        ),
        "summary": (
            "De machinerie heeft gewerkt: drie resultaatafspraken staan er beter voor dan bij de tussentijdse "
            "review. De reviewers adviseren haar na afloop van het programma te borgen."
        ),
        "ratings": {
            1: (Rag.RED, "De volledige webrichtlijnen per 1 januari 2015 haalt een groot deel van de gemeenten niet."),
            2: (Rag.GREEN, "Bijna alle gemeenten zijn technisch aangesloten."),
            3: (Rag.AMBER, "Het aantal aansluitingen groeit sinds de gezamenlijke inkoop van makelaardiensten."),
            4: (Rag.AMBER, "De meeste gemeenten kunnen terugmelden via het portaal; webservices volgen."),
            5: (Rag.GREEN, "De grote leveranciers leveren de koppelingen; de meeste gemeenten zijn aangesloten."),
            6: (Rag.GREEN, "Ongewijzigd goed; de overgang naar een nieuw ondernemersplatform is voorbereid."),
        },
        "recommendations": [
            (
                "Borg de implementatiemachinerie na afloop van het programma in een vervolgaanpak.",
                "VNG",
                datetime.date(2014, 12, 31),
                FollowUp.IN_PROGRESS,
                "Een voorstel voor beheer en behoud van de aanpak is in voorbereiding.",
            ),
            (
                "Verschuif de aandacht van aansluiten naar het daadwerkelijke gebruik van de voorzieningen.",
                "KING",
                datetime.date(2014, 10, 1),
                FollowUp.OPEN,
                "",
            ),
        ],
    },
]


@transaction.atomic
def load(*, allowed: bool, programme: Programme | None) -> dict:
    """Create the demo reviews of ``programme``; nothing when it has demo reviews or a review on a demo date."""
    require(allowed, "Demo data may only be loaded on a development site.")
    dates = [item["review_date"] for item in REVIEWS]
    if (
        programme is None
        or GatewayReview.objects.filter(programme=programme, is_demo=True).exists()
        or GatewayReview.objects.filter(programme=programme, review_date__in=dates).exists()
    ):
        return {"skipped": True, "reviews": 0, "ratings": 0, "recommendations": 0}
    agreements = {agreement.number: agreement for agreement in ResultAgreement.objects.filter(programme=programme)}
    ratings, recommendations = [], []
    for item in REVIEWS:
        review = GatewayReview.objects.create(
            programme=programme,
            title=item["title"],
            review_date=item["review_date"],
            reviewers=REVIEWERS,
            overall_status=item["overall_status"],
            overall_reason=item["overall_reason"],
            summary=item["summary"],
            is_demo=True,
        )
        ratings += [
            AgreementRating(
                review=review,
                result_agreement=agreements[number],
                agreement_number=number,
                agreement_title=agreements[number].title,
                status=status,
                reason=reason,
            )
            for number, (status, reason) in item["ratings"].items()
            if number in agreements
        ]
        recommendations += [
            Recommendation(
                review=review,
                number=index,
                text=text,
                owner=owner,
                due_date=due_date,
                follow_up=follow_up,
                follow_up_note=note,
            )
            for index, (text, owner, due_date, follow_up, note) in enumerate(item["recommendations"], start=1)
        ]
    AgreementRating.objects.bulk_create(ratings)
    Recommendation.objects.bulk_create(recommendations)
    result = {"reviews": len(REVIEWS), "ratings": len(ratings), "recommendations": len(recommendations)}
    audit.record(
        actor=None,
        action="reports.demo.load_reviews",
        object_type="reports.demo",
        object_label=str(programme),
        changes=result,
    )
    return {"skipped": False, **result}
