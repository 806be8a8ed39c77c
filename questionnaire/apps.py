from django.apps import AppConfig


class QuestionnaireConfig(AppConfig):
    name = "questionnaire"
    verbose_name = "Agencies and assessments"
