from django import template

register = template.Library()


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms):
    """A list of every error on the page, each linked to its field (WCAG 3.3.1)."""
    errors = []
    for form in forms:
        if form is None or not form.is_bound or not form.errors:
            continue
        for message in form.non_field_errors():
            errors.append((message, None))
        for field in form:
            for message in field.errors:
                if hasattr(form, "anchor_for"):
                    anchor = form.anchor_for(field)
                else:
                    # Radio and checkbox groups have no single input to point at.
                    anchor = field.id_for_label or f"div_{field.auto_id}"
                errors.append((f"{field.label}: {message}", anchor))
    return {"errors": errors}
