"""The landing page: what the tool is for, and why it matters, in the brief's own figures."""

import pytest
from django.test import Client

from tests.html import page_text

WHY_IT_MATTERS = [
    "Despite a large drop in 2024, gun homicides remain high: nearly 20 percent higher than in "
    "2015, according to the Gun Violence Archive (“10 Year Review”), as the report's brief "
    "cites it.",
    "research has shown that CVIs reduce violent crime, particularly homicides and shootings.",
    "they build relationships with these people, provide services, and address the conditions "
    "that drive violence.",
    "a careful balance between the roles of law enforcement and the community in public safety.",
    "whether your agency would rather lead a CVI or support a community-led one",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/guidance/"])
def test_the_landing_page_and_the_library_say_why_it_matters_as_the_brief_does(path):
    text = page_text(Client().get(path))
    for passage in WHY_IT_MATTERS:
        assert passage in text, passage


@pytest.mark.django_db
def test_the_landing_page_describes_cvis_without_adding_to_the_brief():
    text = page_text(Client().get("/"))
    assert "the few people" not in text
    assert "Law enforcement agencies are increasingly supporting community violence" in text
    assert "more than 200 agencies in 2023" in text and "13 experts in March 2024" in text
