"""What accounts announces to the apps above it, which it does not know.

Sent inside the transaction of the change. Peer benchmarks listen to ``agencies_verified``
(benchmarks/summary.py); the plan listens to the team's changes (plans/apps.py): an action
given to a colleague who was invited becomes theirs when they join, and the actions of someone
who leaves keep their name as typed text, for the team to give them to someone else.
"""

from django.dispatch import Signal

# Sent in the transaction that changed agencies' verification in bulk (an allowed domain added,
# an administrator approving or withdrawing several at once), without saving each: peer
# benchmarks rebuild their summary from it, once.
agencies_verified = Signal()
# With ``invitation`` (accepted) and ``user`` (now a member of its agency).
member_joined = Signal()
# With ``agency`` and ``user`` (no longer one of its members).
member_left = Signal()
