from django.http import HttpRequest

REPORT = {
    "title": "Enhancing Law Enforcement's Role in Community Violence Interventions",
    "publisher": "Police Executive Research Forum (PERF)",
    "short": "PERF report",
}


def report(request: HttpRequest) -> dict:
    """The citation of the report every page credits as the source of the guidance."""
    return {"report": REPORT}
