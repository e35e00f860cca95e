"""monitor/imports/: CSV/XLSX status imports and the carrying over of mergers."""
