"""Peer groups and the rules that decide which figures about them may be shown.

Plain data and arithmetic, no database: docs/peers.md explains the rules and why they hold.

An agency belongs to four groups: all participating agencies, its type, its size band (by
sworn officers) and its census region. Which agencies are in a group is read from a *cell
count*: how many participating agencies there are per (type, size band, region) cell. Any
group, and the overlap of any two groups, is a sum of cells, so the rules below are checked on
a few dozen numbers however many agencies take part.

1. A group is shown only with at least ``minimum`` agencies.
2. Two groups are never both shown if the agencies in one but not the other number fewer than
   ``minimum`` (and more than none), either way round: subtracting one group's figures from
   the other's must never describe fewer than ``minimum`` agencies. Groups are considered
   largest first (all participating agencies, then the others by size, ties in the order of
   ``candidate_groups``), so that a small group gives way to the larger ones it overlaps; a
   group that breaks the rule with one shown before it is not shown.
3. Within one breakdown (types, sizes or regions), the groups not shown hold no agency or at
   least ``minimum``: otherwise "all" minus the groups shown would describe them. The smallest
   shown group of that breakdown is hidden too until this holds.
4. A count is shown only when it is at least ``minimum``; in cells that add up to a shown
   total, the hidden ones are none, or at least two that together hold at least ``minimum``
   (or nothing), so no hidden cell can be worked out from the others (``suppress_partition``).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from accounts.models import Agency
from accounts.states import CENSUS_REGIONS

# Size bands by sworn officers and census regions: how agencies are grouped (the database keeps
# each agency's band and region in Agency.size_band and Agency.census_region).
SIZE_BANDS = Agency.SIZE_BANDS

ALL, TYPE, SIZE, REGION = "all", "type", "size", "region"
BREAKDOWNS = [TYPE, SIZE, REGION]

Cell = tuple[str, str, str]  # (agency type, size band, region)


@dataclass(frozen=True)
class PeerGroup:
    kind: str  # ALL, TYPE, SIZE or REGION
    value: str  # "" for ALL
    label: str  # "Municipal police department", "100 to 499 sworn officers", "Midwest"

    @property
    def key(self) -> str:
        """As written in addresses and the CSV: "all", "type:municipal", "size:100-499"."""
        return self.kind if self.kind == ALL else f"{self.kind}:{self.value}"

    @property
    def title(self) -> str:
        """How a page names the group: "All participating agencies", "Type: …"."""
        if self.kind == ALL:
            return "All participating agencies"
        return f"{self.kind.capitalize()}: {self.label}"

    def contains(self, cell: Cell) -> bool:
        return self.kind == ALL or cell[BREAKDOWNS.index(self.kind)] == self.value


ALL_AGENCIES = PeerGroup(ALL, "", "All participating agencies")


def candidate_groups() -> list[PeerGroup]:
    """Every group, in the order rule 2 considers them."""
    return [
        ALL_AGENCIES,
        *(PeerGroup(TYPE, value, label) for value, label in Agency.Type.choices),
        *(PeerGroup(SIZE, key, label) for key, label, _ in SIZE_BANDS),
        *(PeerGroup(REGION, key, label) for key, label, _ in CENSUS_REGIONS),
    ]


def groups_by_key() -> dict[str, PeerGroup]:
    return {group.key: group for group in candidate_groups()}


def size_band(sworn_officers: str) -> str:
    return next(key for key, _, sizes in SIZE_BANDS if sworn_officers in sizes)


def census_region(state: str) -> str:
    return next(key for key, _, states in CENSUS_REGIONS if state in states)


def agency_groups(agency: Agency) -> list[PeerGroup]:
    """The four groups an agency belongs to: all, its type, its size band, its region."""
    cell = (agency.agency_type, size_band(agency.sworn_officers), census_region(agency.state))
    return [group for group in candidate_groups() if group.contains(cell)]


def group_count(group: PeerGroup, cells: Mapping[Cell, int]) -> int:
    return sum(n for cell, n in cells.items() if group.contains(cell))


def overlap_count(a: PeerGroup, b: PeerGroup, cells: Mapping[Cell, int]) -> int:
    return sum(n for cell, n in cells.items() if a.contains(cell) and b.contains(cell))


def _far_enough(a: PeerGroup, b: PeerGroup, cells: Mapping[Cell, int], minimum: int) -> bool:
    """Rule 2: the agencies in one group but not the other are none or at least ``minimum``."""
    both = overlap_count(a, b, cells)
    only_a = group_count(a, cells) - both
    only_b = group_count(b, cells) - both
    return all(only == 0 or only >= minimum for only in (only_a, only_b))


def shown_groups(
    cells: Mapping[Cell, int], minimum: int, among: Iterable[PeerGroup] | None = None
) -> list[PeerGroup]:
    """The groups whose figures may be shown, by rules 1 and 2, in the order of ``among``."""
    candidates = list(among if among is not None else candidate_groups())
    position = {group: n for n, group in enumerate(candidates)}
    shown: list[PeerGroup] = []
    for group in sorted(candidates, key=lambda g: (-group_count(g, cells), position[g])):
        if group_count(group, cells) < minimum:
            continue
        if all(_far_enough(group, other, cells, minimum) for other in shown):
            shown.append(group)
    return sorted(shown, key=position.__getitem__)


def complete_breakdowns(
    groups: list[PeerGroup], cells: Mapping[Cell, int], minimum: int
) -> list[PeerGroup]:
    """Rule 3: hide more groups of a breakdown until the hidden ones are none or enough."""
    kept = list(groups)
    for kind in BREAKDOWNS:
        while True:
            visible = [g for g in kept if g.kind == kind]
            hidden = group_count(ALL_AGENCIES, cells) - sum(group_count(g, cells) for g in visible)
            if hidden == 0 or hidden >= minimum or not visible:
                break
            kept.remove(min(visible, key=lambda g: group_count(g, cells)))
    return kept


def suppress_partition(counts: list[int], minimum: int) -> list[int | None]:
    """Counts that add up to a shown total, with those that must stay hidden as None.

    Each count under ``minimum`` is hidden. If the hidden counts hold something, they must be
    at least two and hold at least ``minimum`` together, or subtracting the shown ones from the
    total would reveal them: the smallest shown count is hidden too until that holds. (Hidden
    counts that hold nothing reveal nothing about any agency.)
    """
    hidden = {n for n, count in enumerate(counts) if count < minimum}
    total = sum(counts[n] for n in hidden)
    while hidden and total and (len(hidden) < 2 or total < minimum) and len(hidden) < len(counts):
        smallest = min((n for n in range(len(counts)) if n not in hidden), key=counts.__getitem__)
        hidden.add(smallest)
        total += counts[smallest]
    return [None if n in hidden else count for n, count in enumerate(counts)]
