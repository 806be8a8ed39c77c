from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "benchmarks"
    verbose_name = "Peer benchmarks"

    def ready(self):
        from django.db.models.signals import post_save

        from accounts.models import Agency
        from accounts.signals import agencies_verified
        from benchmarks import summary
        from questionnaire.signals import assessment_submitted

        # The peer summary follows every write that can change it (benchmarks/summary.py).
        assessment_submitted.connect(summary.after_submission, dispatch_uid="peer-summary")
        # An agency that has assessments cannot be deleted (PROTECT), so saves are enough.
        post_save.connect(summary.after_agency_change, sender=Agency, dispatch_uid="peer-agency")
        # Agencies verified in bulk (an allowed domain added) are not saved one by one.
        agencies_verified.connect(summary.after_agencies_verified, dispatch_uid="peer-verified")
