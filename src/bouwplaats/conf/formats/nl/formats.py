# SPDX-License-Identifier: EUPL-1.2
"""Dutch: the month's lower-case abbreviation in short dates ("16 mrt 2014")."""

SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y H:i"
