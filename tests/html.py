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
