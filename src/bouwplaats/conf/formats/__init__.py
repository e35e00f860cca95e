# SPDX-License-Identifier: EUPL-1.2
"""The site's own date formats per language (``FORMAT_MODULE_PATH``), on top of Django's.

Only the short forms differ from Django: a table's dates read as "16 mrt 2014" in Dutch (Django's
``j-n-Y`` gives 16-3-2014, and its ``M`` the capitalised "Mrt") and "16 Mar 2014" in English.
Templates ask for them by name: ``{{ day|date:"SHORT_DATE_FORMAT" }}``.
"""
