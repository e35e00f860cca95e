# SPDX-License-Identifier: EUPL-1.2
"""Generated, plausible co-creation content for demonstrations (always marked ``is_demo``).

Ideas are spread over the programme's years and building blocks, with votes of generated demo
members, statuses with a history and official answers; one member consultation has closed with
ballots of most municipalities, one is open now (without a ballot of the demo coordinator's
municipality, so that the ballot can be tried). A seeded random generator makes every run the
same; a programme that has demo ideas already is left alone.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bouwplaats.accounts.permissions import require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.organisations.models import Municipality

from .models import Ballot, Consultation, Idea, IdeaStatus, IdeaStatusChange, Option, Vote, VoteMode

DEMO_MEMBERS = 40
DEMO_EMAIL = "demo.lid{number:02d}@bouwplaats.example"
DEMO_COORDINATOR_CODE = "GM0363"  # Amsterdam: the demo coordinator casts the open consultation's ballot

# (building block code, theme, title, description, added value)
IDEAS = [
    ("DIGID", "Inloggen", "DigiD-app ook voor gemeentelijke balies",
     "Laat medewerkers aan de balie de identiteit van een inwoner bevestigen met de DigiD-app.",
     "Minder papieren formulieren en een snellere afhandeling aan de balie."),
    ("DIGID", "Inloggen", "Sessieduur per dienst instelbaar",
     "Gemeenten willen voor korte e-diensten een kortere sessie kunnen instellen dan voor lange aanvragen.",
     "Veiliger bij eenvoudige diensten, minder afgebroken aanvragen bij lange formulieren."),
    ("DIGID-MACHTIGEN", "Machtigen", "Machtigen voor mantelzorgers vereenvoudigen",
     "Een mantelzorger moet in één keer voor meerdere gemeentelijke diensten gemachtigd kunnen worden.",
     "Mantelzorgers hoeven niet per dienst opnieuw een machtiging aan te vragen."),
    ("MIJNOVERHEID", "Berichtenbox", "Herinnering bij ongelezen berichten",
     "Stuur een herinnering per e-mail als een bericht van de gemeente na een week nog niet is geopend.",
     "Minder gemiste aanslagen en beschikkingen, minder bezwaar door termijnoverschrijding."),
    ("MIJNOVERHEID", "Lopende zaken", "Statusinformatie van vergunningaanvragen tonen",
     "Toon de stappen van een omgevingsvergunning als lopende zaak in MijnOverheid.",
     "Aanvragers zien waar hun aanvraag is; het KCC krijgt minder statusvragen."),
    ("MIJNOVERHEID", "Berichtenbox", "Berichten van de gemeente in de eigen huisstijl",
     "Sta een gemeentelijk logo en een korte afzendernaam toe in de Berichtenbox.",
     "Inwoners herkennen de afzender en vertrouwen het bericht sneller."),
    ("SC", "Vindbaarheid", "Productteksten gezamenlijk onderhouden",
     "Maak een gedeelde bibliotheek van productteksten die gemeenten kunnen overnemen en aanvullen.",
     "Minder dubbel werk en beter vindbare, eenduidige productinformatie."),
    ("14NETNUMMER", "Telefonie", "Keuzemenu-standaard voor 14+netnummer",
     "Een gezamenlijke standaard voor het keuzemenu, met vaste nummers voor veelgestelde onderwerpen.",
     "Bellers vinden bij elke gemeente dezelfde weg; sneller het juiste antwoord."),
    ("ANTWOORD", "Klantcontact", "Kennisbank-artikelen delen tussen KCC's",
     "Gemeenten delen KCC-kennisartikelen over landelijke regelingen via één bron.",
     "Eén keer schrijven, overal een correct antwoord."),
    ("EFORMULIEREN", "Formulieren", "Standaardformulier verhuizing",
     "Een landelijk referentieformulier voor het doorgeven van een verhuizing, met koppeling aan de BRP.",
     "Kortere doorlooptijd en minder fouten in adresgegevens."),
    ("EFORMULIEREN", "Formulieren", "Tussentijds opslaan van lange formulieren",
     "Laat inwoners een formulier opslaan en later verder invullen, ook na uitloggen.",
     "Minder afgebroken aanvragen bij bijvoorbeeld bijzondere bijstand."),
    ("WEBRICHTLIJNEN", "Toegankelijkheid", "Gezamenlijke toetsing van webrichtlijnen",
     "Laat gemeenten samen een toetsbureau inhuren voor de jaarlijkse webrichtlijnentoets.",
     "Lagere kosten per gemeente en vergelijkbare resultaten."),
    ("EHERKENNING", "Ondernemers", "eHerkenning niveau 1 gratis voor zzp'ers",
     "Onderzoek een regeling waarbij zzp'ers voor eenvoudige gemeentelijke diensten geen kosten hebben.",
     "Meer ondernemers regelen hun zaken digitaal."),
    ("AVB", "Ondernemers", "Vergunningencheck voor horeca",
     "Een gezamenlijke vragenlijst die laat zien welke vergunningen een horecazaak nodig heeft.",
     "Ondernemers weten vooraf wat nodig is; minder onvolledige aanvragen."),
    ("ONDERNEMINGSDOSSIER", "Toezicht", "Inspectieresultaten in het ondernemingsdossier",
     "Neem de uitkomst van gemeentelijke controles op in het ondernemingsdossier.",
     "Ondernemers hoeven gegevens niet steeds opnieuw aan te leveren."),
    ("BRP", "Basisregistraties", "Terugmelden vanuit het zaaksysteem",
     "Een medewerker moet een twijfel over een adres direct vanuit het zaaksysteem kunnen terugmelden.",
     "Betere kwaliteit van de BRP zonder extra handelingen."),
    ("BAG", "Basisregistraties", "Signalering van dubbele verblijfsobjecten",
     "Een landelijke controle die mogelijke dubbele verblijfsobjecten aan de bronhouder meldt.",
     "Hogere kwaliteit van de BAG en minder correcties achteraf."),
    ("WOZ", "Belastingen", "WOZ-waarde met toelichting in MijnOverheid",
     "Toon naast de WOZ-waarde de belangrijkste kenmerken waarop de waarde is gebaseerd.",
     "Minder bezwaarschriften omdat inwoners de waarde beter begrijpen."),
    ("BGT", "Geo-informatie", "Gezamenlijke inwinning BGT in kleine gemeenten",
     "Kleine gemeenten besteden de bijhouding van de BGT samen aan.",
     "Lagere kosten en een tijdige aansluiting."),
    ("DIGIKOPPELING", "Koppelingen", "Referentie-implementatie voor Digikoppeling",
     "Een open-source referentie-implementatie die leveranciers kunnen gebruiken.",
     "Sneller aansluiten en minder verschillen tussen leveranciers."),
    ("DIGILEVERING", "Koppelingen", "Abonnement op mutaties per wijk",
     "Gemeenten willen zich kunnen abonneren op mutaties binnen een deel van het grondgebied.",
     "Minder overbodige berichten voor wijkgerichte processen."),
    ("DIGIMELDING", "Kwaliteit", "Overzicht van eigen terugmeldingen",
     "Een overzicht van alle terugmeldingen van de gemeente met hun afhandeling.",
     "Gemeenten zien of hun meldingen worden opgepakt."),
    ("STELSELCATALOGUS", "Gegevens", "Begrippen uit de stelselcatalogus in e-formulieren",
     "Gebruik de definities van de stelselcatalogus als hulptekst in formulieren.",
     "Eenduidige begrippen voor inwoners en medewerkers."),
    ("OLO", "Vergunningen", "Meldingen uit het OLO direct in het zaaksysteem",
     "Een standaardkoppeling die aanvragen uit het Omgevingsloket direct als zaak aanmaakt.",
     "Geen overtypen, snellere start van de behandeling."),
    ("", "Samenwerking", "Kennisdag per regio",
     "Organiseer per provincie een kennisdag waar gemeenten ervaringen met de bouwstenen delen.",
     "Gemeenten leren van elkaar en vinden samenwerkingspartners."),
    ("", "Samenwerking", "Gezamenlijke inkoop van aansluitingen",
     "Een raamcontract waarmee gemeenten aansluitingen op landelijke voorzieningen samen inkopen.",
     "Lagere kosten en minder aanbestedingswerk per gemeente."),
]  # fmt: skip

ANSWERS = {
    IdeaStatus.UNDER_CONSIDERATION: "Dank voor dit idee. We bespreken het met de beheerder van de voorziening "
    "en laten de uitkomst hier weten.",
    IdeaStatus.PLANNED: "Dit idee is opgenomen in de planning van de beheerder. We verwachten het in een volgende "
    "release; de voortgang volgt hier.",
    IdeaStatus.REALISED: "Dit idee is gerealiseerd. Zie de **release notes** van de voorziening voor de details.",
    IdeaStatus.DECLINED: "We nemen dit idee niet over: het past niet binnen de afspraken over de voorziening. "
    "We houden het bij voor een volgende herziening.",
}
# The path an idea took to its status (received is always first).
PATHS = {
    IdeaStatus.RECEIVED: [],
    IdeaStatus.UNDER_CONSIDERATION: [IdeaStatus.UNDER_CONSIDERATION],
    IdeaStatus.PLANNED: [IdeaStatus.UNDER_CONSIDERATION, IdeaStatus.PLANNED],
    IdeaStatus.REALISED: [IdeaStatus.UNDER_CONSIDERATION, IdeaStatus.PLANNED, IdeaStatus.REALISED],
    IdeaStatus.DECLINED: [IdeaStatus.UNDER_CONSIDERATION, IdeaStatus.DECLINED],
}
STATUS_WEIGHTS = [
    (IdeaStatus.RECEIVED, 4),
    (IdeaStatus.UNDER_CONSIDERATION, 4),
    (IdeaStatus.PLANNED, 3),
    (IdeaStatus.REALISED, 3),
    (IdeaStatus.DECLINED, 2),
]


def _demo_members() -> list:
    """Generated members who propose and vote (no password: they cannot log in)."""
    User = get_user_model()
    emails = [DEMO_EMAIL.format(number=number) for number in range(1, DEMO_MEMBERS + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    unusable = make_password(None)  # they cannot log in
    missing = [
        User(email=email, full_name=f"Demolid {index + 1}", password=unusable)
        for index, email in enumerate(emails)
        if email not in existing
    ]
    User.objects.bulk_create(missing)
    return list(User.objects.filter(email__in=emails).order_by("email"))


def _staff():
    User = get_user_model()
    return User.objects.filter(email="programma@bouwplaats.example").first()


@transaction.atomic
def load(*, allowed: bool, programme: Programme | None, seed: int = 2014) -> dict:
    """Create the demo co-creation content for ``programme``; nothing when there are demo ideas already
    (in any programme: after the demo successor has started, running it again adds nothing to it)."""
    require(allowed, "Demo data may only be loaded on a development site.")
    if programme is None or Idea.objects.filter(is_demo=True).exists():
        return {"skipped": True, "ideas": 0, "votes": 0, "ballots": 0}
    rng = random.Random(seed)
    members = _demo_members()
    staff = _staff()
    division = list(Municipality.objects.on(programme.reference_date).select_related("province").order_by("code"))
    blocks = {block.code: block for block in BuildingBlock.objects.filter(programme=programme)}
    ideas, votes = _ideas(rng, programme, members, staff, division, blocks)
    ballots = _consultations(rng, programme, members, staff, division)
    audit.record(
        actor=None,
        action="cocreation.demo.load",
        object_type="cocreation.demo",
        object_label=str(programme),
        changes={"ideas": ideas, "votes": votes, "ballots": ballots},
    )
    return {"skipped": False, "ideas": ideas, "votes": votes, "ballots": ballots}


def _ideas(rng, programme, members, staff, division, blocks) -> tuple[int, int]:
    start = datetime.datetime.combine(programme.start_date, datetime.time(9), tzinfo=datetime.UTC)
    end = datetime.datetime.combine(programme.end_date or timezone.localdate(), datetime.time(17), tzinfo=datetime.UTC)
    span = max((end - start).total_seconds(), 1)
    statuses = [status for status, weight in STATUS_WEIGHTS for _ in range(weight)]
    changes, votes, count = [], [], 0
    for code, theme, title, description, added_value in IDEAS:
        if code and code not in blocks:
            continue
        created_at = start + datetime.timedelta(seconds=rng.uniform(0, span * 0.8))
        status = rng.choice(statuses)
        municipality = rng.choice(division) if division and rng.random() < 0.7 else None
        answered_at = (
            created_at + datetime.timedelta(days=rng.randint(14, 120)) if status != IdeaStatus.RECEIVED else None
        )
        idea = Idea.objects.create(
            programme=programme,
            building_block=blocks.get(code),
            theme=theme,
            title=title,
            description=description,
            added_value=added_value,
            proposer=rng.choice(members),
            municipality=municipality,
            created_at=created_at,
            status=status,
            answer=ANSWERS.get(status, ""),
            answered_by=staff if answered_at else None,
            answered_at=answered_at,
            is_demo=True,
        )
        count += 1
        moment, previous = created_at, ""
        for step in [IdeaStatus.RECEIVED, *PATHS[status]]:
            changes.append(
                IdeaStatusChange(
                    idea=idea,
                    from_status=previous,
                    to_status=step,
                    changed_by=staff if previous else idea.proposer,
                    changed_at=moment,
                )
            )
            previous, moment = step, moment + datetime.timedelta(days=rng.randint(7, 60))
        supporters = rng.sample(members, rng.randint(0, min(len(members), 30)))
        idea.vote_count = len(supporters)
        idea.save(update_fields=["vote_count"])
        votes.extend(
            Vote(idea=idea, mode=VoteMode.USER, user=user, created_at=created_at + datetime.timedelta(days=1))
            for user in supporters
        )
    IdeaStatusChange.objects.bulk_create(changes)
    Vote.objects.bulk_create(votes)
    return count, len(votes)


def _consultations(rng, programme, members, staff, division) -> int:
    now = timezone.now().replace(second=0, microsecond=0)
    closed = Consultation.objects.create(
        programme=programme,
        title="Gezamenlijke aanbesteding e-formulieren",
        question="Stemt uw gemeente in met een gezamenlijke aanbesteding van een e-formulierenoplossing?",
        description="Het programmateam stelt voor om namens de deelnemende gemeenten één raamovereenkomst af te "
        "sluiten. Gemeenten kunnen daarna zelf besluiten om af te nemen.",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=16),
        weighting="population",
        created_by=staff,
        created_at=now - datetime.timedelta(days=35),
        opening_announced_at=now - datetime.timedelta(days=30),
        closing_announced_at=now - datetime.timedelta(days=16),
        is_demo=True,
    )
    opened = Consultation.objects.create(
        programme=programme,
        title="Prioriteiten volgende uitvoeringsprogramma",
        question="Welke bouwsteen moet in het volgende programma voorrang krijgen?",
        description="Kies het onderwerp waar uw gemeente de meeste ondersteuning bij nodig heeft.",
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=12),
        weighting="none",
        created_by=staff,
        created_at=now - datetime.timedelta(days=7),
        opening_announced_at=now - datetime.timedelta(days=2),
        is_demo=True,
    )
    # Announced but not yet open: staff may still change it.
    planned = Consultation.objects.create(
        programme=programme,
        title="Ondersteuning na afloop van het programma",
        question="Welke ondersteuning wil uw gemeente na afloop van het programma behouden?",
        description="Het programmateam inventariseert welke ondersteuning gemeenten na het programma nodig hebben.",
        opens_at=now + datetime.timedelta(days=5),
        closes_at=now + datetime.timedelta(days=19),
        weighting="none",
        created_by=staff,
        created_at=now - datetime.timedelta(days=1),
        is_demo=True,
    )
    _options(planned, ["Kenniscentrum", "Implementatiecoaches", "Voortgangsmonitor", "Geen"])
    closed_options = _options(closed, ["Ja", "Nee", "Geen voorkeur"])
    open_options = _options(opened, ["e-Formulieren", "Basisregistraties", "Stelselvoorzieningen", "eHerkenning"])
    ballots = []
    for municipality in division:
        if rng.random() < 0.72:
            choice = rng.choices(closed_options, weights=[6, 3, 1])[0]
            ballots.append(_ballot(rng, closed, municipality, choice, members))
        if municipality.code != DEMO_COORDINATOR_CODE and rng.random() < 0.3:
            ballots.append(_ballot(rng, opened, municipality, rng.choice(open_options), members))
    Ballot.objects.bulk_create(ballots)
    return len(ballots)


def _options(consultation, labels) -> list[Option]:
    return Option.objects.bulk_create(
        Option(consultation=consultation, position=index, label=label) for index, label in enumerate(labels)
    )


def _ballot(rng, consultation, municipality, option, members) -> Ballot:
    span = (min(consultation.closes_at, timezone.now()) - consultation.opens_at).total_seconds()
    return Ballot(
        consultation=consultation,
        municipality=municipality,
        option=option,
        cast_by=rng.choice(members),
        cast_at=consultation.opens_at + datetime.timedelta(seconds=rng.uniform(0, span)),
        is_demo=True,
    )
