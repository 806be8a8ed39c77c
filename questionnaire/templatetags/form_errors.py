from django import template

register = template.Library()


def _forms(objects):
    for obj in objects:
        if obj is None:
            continue
        if hasattr(obj, "forms"):  # a formset
            yield from obj.forms
        else:
            yield obj


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_or_formsets):
    """A list of every error on the page, each linked to its field (WCAG 3.3.1)."""
    errors = []
    for formset in forms_or_formsets:
        if hasattr(formset, "non_form_errors") and formset.is_bound:
            errors.extend((message, None) for message in formset.non_form_errors())
    for form in _forms(forms_or_formsets):
        if not form.is_bound or not form.errors:
            continue
        context = getattr(form, "error_context", "")
        for message in form.non_field_errors():
            errors.append((f"{context}: {message}" if context else message, None))
        for field in form:
            for message in field.errors:
                if hasattr(form, "anchor_for"):
                    anchor = form.anchor_for(field)
                else:
                    # Radio and checkbox groups have no single input to point at.
                    anchor = field.id_for_label or f"div_{field.auto_id}"
                label = f"{context}, {field.label}" if context else field.label
                errors.append((f"{label}: {message}", anchor))
    return {"errors": errors}
