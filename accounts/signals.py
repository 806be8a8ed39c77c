"""What accounts announces to the apps above it, which it does not know."""

from django.dispatch import Signal

# Sent in the transaction that verified agencies in bulk (an allowed domain added), without
# saving each: peer benchmarks rebuild their summary from it (benchmarks/summary.py).
agencies_verified = Signal()
