from django.apps import AppConfig


class ProgramConfig(AppConfig):
    """The view of the organization that runs the tool: figures across agencies, no names."""

    name = "program"
    verbose_name = "Program view"
