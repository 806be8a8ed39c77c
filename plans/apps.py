from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Action plans"

    def ready(self):
        from django.db.models.signals import post_delete

        from accounts.signals import member_joined, member_left
        from plans import owners
        from plans.evidence import evidence_file_delete
        from plans.models import Evidence

        # An action's owner follows the team's changes (accounts/signals.py).
        member_joined.connect(owners.after_member_joined, dispatch_uid="plan-owner-joined")
        member_left.connect(owners.after_member_left, dispatch_uid="plan-owner-left")
        # A file leaves storage with its row, however the row goes: removed on its own, or
        # with its action, assessment or agency (plans/evidence.py).
        post_delete.connect(evidence_file_delete, sender=Evidence, dispatch_uid="evidence-file")
