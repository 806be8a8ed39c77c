"""What the questionnaire announces to the apps above it, which it does not know."""

from django.dispatch import Signal

# Sent in the transaction of a submission, after its scores are stored (records.py), with
# ``assessment``. Peer benchmarks rebuild their summary from it (benchmarks/summary.py).
assessment_submitted = Signal()
