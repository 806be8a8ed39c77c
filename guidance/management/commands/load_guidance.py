from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guidance.content import CONTENT_FILE, ContentError, guidance_load, read_content_file


class Command(BaseCommand):
    help = (
        "Sync the guidance content file into the database. Creates what is missing and "
        "updates rows nobody has edited since the last sync; keeps rows an admin has edited "
        "(unless --overwrite); never deletes anything. Running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            default=CONTENT_FILE,
            help="Content file (default: the built-in one).",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Make every row in the file match it, replacing admin edits.",
        )

    def handle(self, *args, file: Path, overwrite: bool, verbosity: int, **options):
        try:
            result = guidance_load(data=read_content_file(file), overwrite=overwrite)
        except (ContentError, OSError) as error:
            raise CommandError(str(error)) from None
        if verbosity == 0:
            return
        for label in result.created:
            self.stdout.write(f"Created {label}")
        for label in result.updated:
            self.stdout.write(f"Updated {label}")
        for label in result.kept:
            self.stdout.write(
                self.style.WARNING(f"Kept the admin's edit of {label} (use --overwrite to replace)")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Guidance synced: {len(result.created)} created, {len(result.updated)} updated, "
                f"{len(result.kept)} kept as edited, {result.unchanged} unchanged."
            )
        )
