import os

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.email_address import canonical_email
from accounts.models import User


class Command(BaseCommand):
    help = (
        "Create the administrator named by DJANGO_SUPERUSER_EMAIL, DJANGO_SUPERUSER_FULL_NAME "
        "and DJANGO_SUPERUSER_PASSWORD, unless an account with that address exists (then "
        "nothing changes, the password included). Does nothing when DJANGO_SUPERUSER_EMAIL is "
        "unset. The container runs it at every start, so the first administrator comes from .env."
    )

    def handle(self, **options) -> None:
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "").strip()
        if not email:
            return
        try:
            email = canonical_email(email)
        except ValidationError as error:
            raise CommandError(f"DJANGO_SUPERUSER_EMAIL: {' '.join(error.messages)}") from None
        if User.objects.filter(email=email).exists():
            self.stdout.write(f"An account for {email} exists; nothing changed.")
            return
        # Django's own command reads the same variables and checks them (a full name is
        # required: DJANGO_SUPERUSER_FULL_NAME).
        call_command("createsuperuser", interactive=False, stdout=self.stdout)
