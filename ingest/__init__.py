"""Read and validate the corporation's exports (the tables of the data contract).

>>> from ingest import read_dataset, validate, TABLES, empty_frame
>>> sorted(TABLES)[:3]
['allocations', 'contracts', 'declarations']
"""

from ingest.model import Dataset, Problem, Table
from ingest.read_folder import read_dataset, validate
from ingest.tables import TABLES, TableSpec, empty_frame

__all__ = [
    "TABLES",
    "Dataset",
    "Problem",
    "Table",
    "TableSpec",
    "empty_frame",
    "read_dataset",
    "validate",
]
