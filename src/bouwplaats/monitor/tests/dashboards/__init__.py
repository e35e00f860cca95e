"""monitor/dashboards/ and the monthly status it reads: the overview page, the statistics API, open data."""
