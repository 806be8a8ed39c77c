from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plans.digest import plan_emails_send


class Command(BaseCommand):
    help = (
        "Email each member who owns an open action of their agency's plan 30 days, 7 days and "
        "on the day before it is due, and once a week while it is overdue; then, once a week, "
        "the digest of the plan to each of the agency's owners (what moved, what is overdue, "
        "who has nothing assigned). What was sent is recorded, so running it twice sends "
        "nothing twice; a person gets at most one nudge email a day; at most "
        "PLAN_EMAILS_PER_RUN emails leave in one run, the rest on the next. People who turned "
        "either off on their account page get none of it. Run it once a day (cron, or the "
        "Compose 'reminders' service)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="The address people open the app at, for the links in the emails, e.g. "
            "https://cvi.example.gov (default: the SITE_URL setting).",
        )

    def handle(self, *args, base_url: str, verbosity: int, **options):
        if not base_url.startswith(("https://", "http://")):
            raise CommandError(
                "Set SITE_URL (e.g. https://cvi.example.gov) or pass --base-url, so the emails "
                "can link to the actions."
            )
        nudges, digests = plan_emails_send(base_url=base_url.rstrip("/"))
        if verbosity:
            self.stdout.write(
                f"Plan reminders: {nudges} nudge email{'s' if nudges != 1 else ''} and "
                f"{digests} weekly digest{'s' if digests != 1 else ''} sent."
            )
