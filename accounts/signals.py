"""What the team announces to the apps above it, which it does not know.

Sent inside the transaction of the change. The plan listens (plans/apps.py): an action given
to a colleague who was invited becomes theirs when they join, and the actions of someone who
leaves keep their name as typed text, for the team to give them to someone else.
"""

from django.dispatch import Signal

# With ``invitation`` (accepted) and ``user`` (now a member of its agency).
member_joined = Signal()
# With ``agency`` and ``user`` (no longer one of its members).
member_left = Signal()
