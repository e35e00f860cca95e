# SPDX-License-Identifier: EUPL-1.2
"""Reporting a status (monitor/services.py, rules.py, views.py, status_forms.py, api.py): services,
pages, forms, API, concurrency, repairs, demo progress and the versions of the cached pages."""
