# SPDX-License-Identifier: EUPL-1.2
"""English: day, abbreviated month and year in short dates ("16 Mar 2014")."""

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
