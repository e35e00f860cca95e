# SPDX-License-Identifier: EUPL-1.2
"""Reading the reference data files: declarative schemas (``schema``) and the municipal files."""

from .municipalities import MunicipalData, read_municipal_data
from .schema import Problem, Problems, ReferenceDataError

__all__ = ["MunicipalData", "Problem", "Problems", "ReferenceDataError", "read_municipal_data"]
