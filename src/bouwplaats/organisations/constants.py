# SPDX-License-Identifier: EUPL-1.2
"""Fixed reference lists: the twelve provinces and CBS's municipality size classes."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# CBS province codes (PV + 2 digits) with the names CBS uses; "Friesland" is also written "Fryslân".
PROVINCES: dict[str, str] = {
    "PV20": "Groningen",
    "PV21": "Friesland",
    "PV22": "Drenthe",
    "PV23": "Overijssel",
    "PV24": "Flevoland",
    "PV25": "Gelderland",
    "PV26": "Utrecht",
    "PV27": "Noord-Holland",
    "PV28": "Zuid-Holland",
    "PV29": "Zeeland",
    "PV30": "Noord-Brabant",
    "PV31": "Limburg",
}
PROVINCE_ALIASES = {"Fryslân": "Friesland"}


@dataclass(frozen=True)
class SizeClass:
    code: int
    low: int  # inclusive
    high: int | None  # exclusive; None means no upper bound
    label: str

    def contains(self, inhabitants: int) -> bool:
        return inhabitants >= self.low and (self.high is None or inhabitants < self.high)


# The eight "gemeentegrootteklassen" of CBS (table 85067NED, column Code_50).
SIZE_CLASSES: list[SizeClass] = [
    SizeClass(1, 0, 5_000, _("fewer than 5,000 inhabitants")),
    SizeClass(2, 5_000, 10_000, _("5,000 to 10,000 inhabitants")),
    SizeClass(3, 10_000, 20_000, _("10,000 to 20,000 inhabitants")),
    SizeClass(4, 20_000, 50_000, _("20,000 to 50,000 inhabitants")),
    SizeClass(5, 50_000, 100_000, _("50,000 to 100,000 inhabitants")),
    SizeClass(6, 100_000, 150_000, _("100,000 to 150,000 inhabitants")),
    SizeClass(7, 150_000, 250_000, _("150,000 to 250,000 inhabitants")),
    SizeClass(8, 250_000, None, _("250,000 inhabitants or more")),
]
SIZE_CLASS_BY_CODE = {size_class.code: size_class for size_class in SIZE_CLASSES}


def size_class_for(inhabitants: int | None) -> SizeClass | None:
    if inhabitants is None:
        return None
    return next(size_class for size_class in SIZE_CLASSES if size_class.contains(inhabitants))
