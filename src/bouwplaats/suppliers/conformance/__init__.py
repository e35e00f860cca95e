# SPDX-License-Identifier: EUPL-1.2
"""The StUF conformance check: uploaded StUF messages validated against a standard's official
schemas, with a report per upload (design.md §2.4)."""
