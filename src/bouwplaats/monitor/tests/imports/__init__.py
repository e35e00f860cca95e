# SPDX-License-Identifier: EUPL-1.2
"""monitor/imports/: CSV/XLSX status imports and the carrying over of mergers."""
