"""Our stylesheets are well formed. A brace left open (as two merged branches once left one)
makes the browser read every later rule as nested inside the open one, so whole sections of
the site silently lose their styles: on a phone, tables stopped stacking and scrolled sideways.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

STYLESHEETS = sorted((Path(settings.BASE_DIR) / "static" / "css").glob("*.css"))
COMMENTS = re.compile(r"/\*.*?\*/", re.S)
STRINGS = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'")


def unclosed_braces(css: str) -> list[int]:
    """The lines of the braces never closed (and of any brace closed twice, as a negative)."""
    code = STRINGS.sub('""', COMMENTS.sub(lambda m: "\n" * m.group().count("\n"), css))
    opened: list[int] = []
    for number, line in enumerate(code.splitlines(), start=1):
        for char in line:
            if char == "{":
                opened.append(number)
            elif char == "}":
                if not opened:
                    return [-number]
                opened.pop()
    return opened


def test_the_check_finds_an_unclosed_rule():
    assert unclosed_braces("@media (min-width: 1px) {\n  .a { color: red; }\n.b {}\n") == [1]
    assert unclosed_braces(".a { content: '}'; }\n/* { */\n") == []
    assert unclosed_braces(".a {}\n}\n") == [-2]


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_every_rule_is_closed(path):
    assert unclosed_braces(path.read_text()) == [], f"{path.name}: open braces at these lines"
