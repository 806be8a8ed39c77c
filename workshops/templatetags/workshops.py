from fractions import Fraction

from django import template

register = template.Library()


@register.filter
def alpha_display(alpha: Fraction | None) -> str:
    """Krippendorff's alpha to two decimals ("0.27", "-0.10"); words when it is not defined."""
    if alpha is None:
        return "not defined (every rating on the scale was the same level)"
    return f"{float(alpha):.2f}"


@register.filter
def statement_levels(statement, anonymous: bool) -> list:
    """``{{ statement|statement_levels:anonymous }}``: who chose each level (or how many)."""
    return statement.levels(anonymous=anonymous)


@register.filter
def percent(share: Fraction | None) -> str:
    """A share as a whole percentage ("65%"); "—" when there is none."""
    return "—" if share is None else f"{round(float(share) * 100)}%"
