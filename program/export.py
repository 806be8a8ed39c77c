"""The program view's figures as a CSV file: every shown group, hidden counts marked."""

import csv
import io

from cvi_assess.spreadsheets import safe_cell as safe
from program.figures import LEVEL_LABELS, CountCell, ProgramFigures, group_view, program_wording

HEADER = ["table", "group", "row", "column", "value", "percent_of_group"]
HIDDEN = "hidden"


def _count(cell: CountCell) -> list:
    if cell.count is None:
        return [HIDDEN, ""]
    return [cell.count, "" if cell.percent is None else cell.percent]


def program_csv(figures: ProgramFigures) -> str:
    """One row per figure, in the order of the page; text cells made formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    wording = program_wording(figures)

    def row(table: str, group: str, name: str, column: str, values: list) -> None:
        writer.writerow([safe(table), safe(group), safe(name), safe(column), *map(safe, values)])

    for key in figures.groups:
        view = group_view(figures, key, wording)
        title = view.group.group.title
        row("agencies", title, "participating agencies", "count", [view.group.agencies, 100])
        for score in view.scores:
            spread = score.spread
            for column, value in [
                ("25th percentile", spread.low if spread else None),
                ("median", spread.median if spread else None),
                ("75th percentile", spread.high if spread else None),
            ]:
                row("scores", title, score.label, column, [HIDDEN if value is None else value, ""])
            for label, cell in zip(LEVEL_LABELS, score.levels, strict=True):
                row("levels", title, score.label, label, _count(cell))
        for gap in view.gaps:
            name = gap.suggestion.title
            if gap.suggestion.pages:
                name += f" (Report, {gap.suggestion.pages})"
            row("gaps", title, name, "agencies with a gap", _count(gap.cell))
        invited = "agencies with answers from invited perspectives"
        row("perspectives", title, invited, "count", _count(view.group.perspectives))
        for period, first, again in view.timeline:
            row("timeline", title, period, "first assessments", _count(first)[:1] + [""])
            row("timeline", title, period, "reassessments", _count(again)[:1] + [""])
        row("timeline", title, "total", "reassessments", _count(view.group.again_total)[:1] + [""])
    return out.getvalue()
