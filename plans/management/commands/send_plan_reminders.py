from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plans.reminders import REMINDER_DAYS, plan_reminders_send


class Command(BaseCommand):
    help = (
        "Email each agency member who follows an action of their agency's current plan when it "
        f"is due within {REMINDER_DAYS} days or overdue. Each person hears about an action once "
        "per due date, so running it twice sends nothing twice; people who opted out on their "
        "account page hear nothing. Run it once a day (cron, or the Compose 'reminders' service)."
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
        sent = plan_reminders_send(base_url=base_url.rstrip("/"))
        if verbosity:
            self.stdout.write(f"Plan reminders: {sent} email{'s' if sent != 1 else ''} sent.")
