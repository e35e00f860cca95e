# SPDX-License-Identifier: EUPL-1.2
"""A small, hand-made world for the dashboard tests: one province of four municipalities.

Levels: niet gestart (0), oriëntatie (1), implementatie (2), in gebruik (3); blocks AAA, BBB, CCC.

    town  inhabitants  reports (valid from)
    T1    3,000        AAA in gebruik (2021-03-10), BBB implementatie (2021-05-01)
    T2    30,000       AAA in gebruik (2022-08-15), BBB in gebruik (2021-01-01)
    T3    30,000       AAA oriëntatie (2021-01-01)
    T4    30,000       nothing

Result agreements: 1 (AAA + BBB at implementatie by 2022-07-01, passed), 2 (AAA in gebruik by 2099-01-01),
3 (no building blocks).
"""

import datetime
from dataclasses import dataclass

from bouwplaats.catalogue.tests.factories import ResultAgreementFactory
from bouwplaats.monitor import services
from bouwplaats.organisations.tests.factories import MunicipalityFactory, PopulationFactory, ProvinceFactory

PROVINCE = "PV99"


@dataclass
class World:
    programme: object
    levels: list
    blocks: tuple
    towns: list
    agreements: list
    staff: object


def make_world(programme, levels, blocks, staff) -> World:
    province = ProvinceFactory(code=PROVINCE, name="Testprovincie")
    towns = []
    for index, inhabitants in enumerate((3_000, 30_000, 30_000, 30_000), start=1):
        town = MunicipalityFactory(code=f"GM98{index:02d}", name=f"Toetsdorp {index}", province=province)
        PopulationFactory(municipality=town, year=2022, inhabitants=inhabitants)
        towns.append(town)
    a, b, _c = blocks
    none, orientation, implementation, in_use = levels

    def report(town, block, level, day):
        services.status_report(actor=staff, municipality=town, building_block=block, level=level, valid_from=day)

    report(towns[0], a, in_use, datetime.date(2021, 3, 10))
    report(towns[0], b, implementation, datetime.date(2021, 5, 1))
    report(towns[1], a, in_use, datetime.date(2022, 8, 15))
    report(towns[1], b, in_use, datetime.date(2021, 1, 1))
    report(towns[2], a, orientation, datetime.date(2021, 1, 1))
    agreements = [
        ResultAgreementFactory(
            programme=programme,
            number=1,
            title="Basis op orde",
            deadline=datetime.date(2022, 7, 1),
            required_level=implementation,
            building_blocks=[a, b],
        ),
        ResultAgreementFactory(
            programme=programme,
            number=2,
            title="Alfa in gebruik",
            deadline=datetime.date(2099, 1, 1),
            required_level=in_use,
            building_blocks=[a],
        ),
        ResultAgreementFactory(
            programme=programme,
            number=3,
            title="Nog te koppelen",
            deadline=datetime.date(2099, 1, 1),
            required_level=none,
        ),
    ]
    return World(programme=programme, levels=levels, blocks=blocks, towns=towns, agreements=agreements, staff=staff)
