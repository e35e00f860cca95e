# SPDX-License-Identifier: EUPL-1.2
"""monitor/dashboards/ and the monthly status it reads: the overview page, the statistics API, open data."""
