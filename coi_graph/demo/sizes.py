"""How big the demo corporation is, its reporting period and the sector figures it
follows, and what :func:`coi_graph.demo.generate` returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from coi_graph.demo.formats import day_of

#: The demo's reporting period always ends here; nothing depends on the clock.
PERIOD_END = dt.date(2024, 12, 31)
END = day_of(PERIOD_END)

#: Staff per department as a share of regular staff.
DEPARTMENT_SHARES: dict[str, float] = {
    "Verhuur": 0.16, "Wonen": 0.14, "Vastgoed": 0.14, "Onderhoud": 0.19, "Inkoop": 0.08,
    "Financiën": 0.11, "ICT": 0.06, "HR": 0.06, "Bestuur": 0.06,
}
CONTRACT_DEPTS = ("Inkoop", "Onderhoud", "Vastgoed")
ALLOCATION_DEPTS = ("Verhuur", "Wonen")
#: Contracts from this amount need a manager's approval, from the second the director's.
APPROVAL_MANAGER_EUR = 10_000
APPROVAL_DIRECTOR_EUR = 250_000
#: Purchasing mandates (mandates.csv): the director's and every manager's.
DIRECTOR_MANDATE_EUR = 2_500_000
MANAGER_MANDATE_EUR = 250_000

CONTRACT_KINDS = ("invoice", "purchase_order", "contract", "tender_award")
CONTRACT_KIND_P = (0.58, 0.27, 0.12, 0.03)
#: (median EUR, sigma of the log) per contract kind.
CONTRACT_AMOUNTS = ((1_400, 1.0), (4_800, 0.9), (42_000, 1.1), (480_000, 0.8))
ALLOCATION_KINDS = ("rental", "urgency", "priority", "sale", "other")
ALLOCATION_KIND_P = (0.84, 0.07, 0.03, 0.05, 0.01)


@dataclass(frozen=True)
class DemoSize:
    """How big the demo corporation is.

    Sector ratios per 1,000 homes a year: about 12 staff, 70 lettings, 100 suppliers and
    1,800 invoices, purchase orders and contracts; about four declared relatives per employee.
    """

    name: str
    homes: int
    years: int
    staff: int  # regular staff incl. managers, externals and volunteers
    board: int  # Raad van Commissarissen; plus one director-bestuurder
    organizations: int
    contracts: int
    allocations: int
    spreadsheets: bool  # organizations and declarations as .xlsx (else .csv)

    @property
    def employees(self) -> int:
        return self.staff + self.board + 1


SIZES: dict[str, DemoSize] = {
    "small": DemoSize("small", homes=3_000, years=1, staff=36, board=5, organizations=300,
                      contracts=5_400, allocations=210, spreadsheets=True),
    "medium": DemoSize("medium", homes=30_000, years=2, staff=360, board=7,
                       organizations=3_000, contracts=108_000, allocations=4_200,
                       spreadsheets=True),
    # A merged group with shared services: a million decisions in two years.
    "large": DemoSize("large", homes=270_000, years=2, staff=4_992, board=7,
                      organizations=50_000, contracts=960_000, allocations=40_000,
                      spreadsheets=False),
}


@dataclass
class DemoResult:
    """What :func:`generate` wrote."""

    data_dir: Path
    manifest_path: Path
    counts: dict[str, int]
    cases: list[dict] = field(default_factory=list)
    decoys: list[dict] = field(default_factory=list)
    #: planted entries whose rule or input this version of the analyzer lacks
    awaiting: dict[str, list[dict]] = field(default_factory=dict)
