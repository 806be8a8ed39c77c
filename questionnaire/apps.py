from django.apps import AppConfig


class QuestionnaireConfig(AppConfig):
    name = "questionnaire"
    verbose_name = "Agencies and assessments"

    def ready(self):
        from questionnaire.page_cache import connect_signals

        connect_signals()
