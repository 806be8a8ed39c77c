"""Small helpers to read rendered HTML in tests (standard library only)."""

from html.parser import HTMLParser


class Outline(HTMLParser):
    """Collects what structure tests look at: headings, landmarks, the title, text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, str]] = []
        self.title = ""
        self.text_parts: list[str] = []
        self._in_title = False
        self._heading: str | None = None
        self._heading_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "title":
            self._in_title = True
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading, self._heading_text = tag, []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._heading_text).split())))
            self._heading = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._heading:
            self._heading_text.append(data)
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def find_all(self, tag: str, **attrs) -> list[dict]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def outline(response) -> Outline:
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


def page_text(response) -> str:
    return outline(response).text


class _FormReader(HTMLParser):
    """The fields of each form, as a browser would send them (submit buttons left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, chosen
        self._textarea: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.forms[-1].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], [], [])
        elif tag == "option" and self._select:
            self._select[1].append(a.get("value", ""))
            if "selected" in a:
                self._select[2].append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            name, options, chosen = self._select
            for value in chosen or options[:1]:
                self.forms[-1].append((name, value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.forms[-1].append((name, text.removeprefix("\n")))
            self._textarea = None


def form_values(response, containing: str) -> dict[str, list[str]]:
    """What the page's form that has the field ``containing`` sends as it stands."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    for fields in reader.forms:
        if any(name == containing for name, _ in fields):
            values: dict[str, list[str]] = {}
            for name, value in fields:
                values.setdefault(name, []).append(value)
            return values
    raise AssertionError(f"no form with a field {containing!r}")
