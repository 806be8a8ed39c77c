import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from guidance.content import dump_content, guidance_export


class Command(BaseCommand):
    help = (
        "Write the guidance as it stands in the database in the content file's format, "
        "so admin edits can be reviewed and committed. `load_guidance --file` reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def handle(self, *args, output: Path | None, **options):
        text = dump_content(guidance_export())
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {output}")
