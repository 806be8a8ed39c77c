from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance from the PERF report"

    def ready(self):
        from guidance.cache import connect_signals

        connect_signals()
