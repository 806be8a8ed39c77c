"""Load the guidance content file into the database, and export it back.

The content file (``guidance/content/guidance.json``) is the reviewed source of the report's
guidance. The database is what admins edit. Syncing follows one rule, so that neither side
silently loses work:

* a row the file has and the database lacks is created;
* a field that nobody edited since it was last synced is updated to match the file;
* a field an admin edited since its last sync is kept as the admin left it, unless
  ``overwrite=True``;
* nothing is ever deleted: rows missing from the file stay (retire them in the admin). The
  file retires a rated item with ``"is_active": false``, so the item keeps its answers and
  past assessments keep showing it.

Each synced row remembers a fingerprint of each value it was given. A field whose current
value no longer matches its fingerprint was edited in the admin; the rule applies field by
field, so an editor's change to a title does not stop a fix to the explanation from arriving.

The functions take a model registry (``django.apps.apps`` or a migration's ``apps``) so the
data migration can use them with historical models; fields a historical model lacks are
skipped.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import transaction

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "guidance.json"
FORMAT = 1

DOMAIN_FIELDS = ["kind", "order", "title", "ask_yourself", "summary"]
SUGGESTION_FIELDS = ["title", "explanation", "page_start", "page_end", "is_foundational", "order"]
EXAMPLE_FIELDS = ["text", "page", "order"]
ITEM_FIELDS = [
    "text", "partner_text", "partner_text_es", "perspectives",
    "anchor_not_in_place", "anchor_planned", "anchor_partly", "anchor_largely", "anchor_fully",
    "anchor_not_in_place_es", "anchor_planned_es", "anchor_partly_es", "anchor_largely_es",
    "anchor_fully_es",
    "evidence_hint", "weight", "order", "is_active",
]  # fmt: skip
RESOURCE_FIELDS = ["name", "url", "description", "named_in_report", "order"]
BENCHMARK_FIELDS = ["figure", "statement", "compares_with", "page", "order"]


class ContentError(Exception):
    """The content file is malformed or contradicts itself."""


@dataclass
class SyncResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def read_content_file(path: Path = CONTENT_FILE) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ContentError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ContentError(f"{path} is not a guidance content file of format {FORMAT}.")
    return data


def _fingerprint(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _fingerprints(values: dict[str, Any]) -> dict[str, str]:
    return {name: _fingerprint(value) for name, value in values.items()}


def _stored_fingerprints(row) -> dict[str, str]:
    try:
        stored = json.loads(row.content_fingerprint or "{}")
    except ValueError:
        return {}
    return stored if isinstance(stored, dict) else {}


def _dump(fingerprints: dict[str, str]) -> str:
    return json.dumps(fingerprints, sort_keys=True)


def _pick(entry: dict[str, Any], names: list[str], where: str) -> dict[str, Any]:
    missing = [name for name in names if name not in entry]
    if missing:
        raise ContentError(f"{where} lacks {', '.join(missing)}.")
    return {name: entry[name] for name in names}


class _Syncer:
    def __init__(self, registry, *, overwrite: bool) -> None:
        self.registry = registry
        self.overwrite = overwrite
        self.result = SyncResult()

    def model(self, name: str):
        return self.registry.get_model("guidance", name)

    def sync(self, model, slug: str, values: dict[str, Any], m2m: dict[str, list] | None = None):
        """Create or update one row by slug, field by field; return it."""
        known = {f.attname for f in model._meta.concrete_fields}
        wanted = {name: value for name, value in values.items() if name in known}
        wanted.update(m2m or {})
        label = f"{model._meta.verbose_name} “{slug}”"
        row = model.objects.filter(slug=slug).first()
        if row is None:
            row = model(slug=slug, **{n: v for n, v in wanted.items() if n not in (m2m or {})})
            synced, apply, created = _fingerprints(wanted), list(wanted), True
        else:
            current = {
                name: self._m2m_ids(row, name) if name in (m2m or {}) else getattr(row, name)
                for name in wanted
            }
            synced = _stored_fingerprints(row)
            differ = [name for name in wanted if current[name] != wanted[name]]
            # An admin edited a field when it no longer holds the value last synced into it.
            edited = [n for n in differ if n in synced and synced[n] != _fingerprint(current[n])]
            apply = differ if self.overwrite else [n for n in differ if n not in edited]
            if edited and not self.overwrite:
                self.result.kept.append(label)
            synced = {**synced, **_fingerprints({n: wanted[n] for n in wanted if n not in edited
                                                 or self.overwrite})}  # fmt: skip
            if not apply:
                if synced != _stored_fingerprints(row):
                    model.objects.filter(pk=row.pk).update(content_fingerprint=_dump(synced))
                if not edited:
                    self.result.unchanged += 1
                return row
            for name in apply:
                if name not in (m2m or {}):
                    setattr(row, name, wanted[name])
            created = False
        row.content_fingerprint = _dump(synced)
        row._change_reason = "Synced from the guidance content file"
        try:
            row.full_clean()
        except ValidationError as error:
            raise ContentError(f"{label}: {'; '.join(error.messages)}") from None
        row.save()
        for name in apply:
            if name in (m2m or {}):
                getattr(row, name).set(wanted[name])
        (self.result.created if created else self.result.updated).append(label)
        return row

    @staticmethod
    def _suggestion_ids(Suggestion, slugs: list[str], where: str) -> list[int]:  # noqa: N803
        found = dict(Suggestion.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise ContentError(f"{where} names unknown suggestions: {', '.join(unknown)}.")
        return sorted(found.values())

    @staticmethod
    def _m2m_ids(row, name: str) -> list[int]:
        return sorted(getattr(row, name).values_list("pk", flat=True))

    def run(self, data: dict[str, Any]) -> SyncResult:
        Domain, Suggestion = self.model("Domain"), self.model("Suggestion")
        ExamplePractice, Item = self.model("ExamplePractice"), self.model("Item")
        Resource, Benchmark = self.model("Resource"), self.model("Benchmark")

        domains: dict[str, Any] = {}
        suggestions: dict[str, Any] = {}
        for entry in data.get("domains", []):
            slug = entry.get("slug") or ""
            where = f"Domain “{slug}”"
            domains[slug] = self.sync(Domain, slug, _pick(entry, DOMAIN_FIELDS, where))
        # Suggestions first, across all domains: items may point to another domain's ones.
        for entry in data.get("domains", []):
            domain = domains[entry["slug"]]
            for sub in entry.get("suggestions", []):
                where = f"Suggestion “{sub.get('slug')}”"
                values = _pick(sub, SUGGESTION_FIELDS, where) | {"domain_id": domain.pk}
                suggestions[sub["slug"]] = self.sync(Suggestion, sub["slug"], values)
        for entry in data.get("domains", []):
            domain = domains[entry["slug"]]
            for sub in entry.get("examples", []):
                where = f"Example “{sub.get('slug')}”"
                values = _pick(sub, EXAMPLE_FIELDS, where) | {"domain_id": domain.pk}
                ties = self._suggestion_ids(Suggestion, sub.get("suggestions", []), where)
                self.sync(ExamplePractice, sub["slug"], values, {"suggestions": ties})
            for sub in entry.get("items", []):
                where = f"Item “{sub.get('slug')}”"
                suggestion = (
                    suggestions.get(sub.get("suggestion"))
                    or Suggestion.objects.filter(slug=sub.get("suggestion")).first()
                )
                if suggestion is None:
                    raise ContentError(f"{where} points to an unknown suggestion.")
                values = _pick(sub, ITEM_FIELDS, where) | {
                    "domain_id": domain.pk,
                    "suggestion_id": suggestion.pk,
                }
                self.sync(Item, sub["slug"], values)
        for entry in data.get("resources", []):
            where = f"Resource “{entry.get('slug')}”"
            unknown = [slug for slug in entry.get("domains", []) if slug not in domains]
            if unknown:
                raise ContentError(f"{where} names unknown domains: {', '.join(unknown)}.")
            ids = sorted(domains[slug].pk for slug in entry.get("domains", []))
            self.sync(
                Resource, entry["slug"], _pick(entry, RESOURCE_FIELDS, where), {"domains": ids}
            )
        for entry in data.get("benchmarks", []):
            where = f"Survey finding “{entry.get('slug')}”"
            self.sync(Benchmark, entry["slug"], _pick(entry, BENCHMARK_FIELDS, where))
        return self.result


def guidance_load(
    *, data: dict[str, Any] | None = None, registry=django_apps, overwrite: bool = False
) -> SyncResult:
    """Sync the content file (or ``data``) into the database under the rule above."""
    data = read_content_file() if data is None else data
    with transaction.atomic():
        return _Syncer(registry, overwrite=overwrite).run(data)


def guidance_export(*, registry=django_apps) -> dict[str, Any]:
    """Return the database's guidance in the content file's format."""
    get = lambda name: registry.get_model("guidance", name)  # noqa: E731
    suggestions = list(get("Suggestion").objects.select_related("domain").order_by("order", "pk"))
    examples = list(
        get("ExamplePractice")
        .objects.prefetch_related("suggestions__domain")
        .order_by("order", "pk")
    )
    items = list(get("Item").objects.select_related("suggestion").order_by("order", "pk"))
    domains = []
    for domain in get("Domain").objects.order_by("order", "pk"):
        entry = {"slug": domain.slug} | {name: getattr(domain, name) for name in DOMAIN_FIELDS}
        entry["suggestions"] = [
            {"slug": s.slug} | {name: getattr(s, name) for name in SUGGESTION_FIELDS}
            for s in suggestions
            if s.domain_id == domain.pk
        ]
        entry["examples"] = [
            {"slug": e.slug}
            | {name: getattr(e, name) for name in EXAMPLE_FIELDS}
            | {"suggestions": [s.slug for s in sorted(e.suggestions.all(), key=_suggestion_order)]}
            for e in examples
            if e.domain_id == domain.pk
        ]
        entry["items"] = [
            {"slug": i.slug, "suggestion": i.suggestion.slug}
            | {name: getattr(i, name) for name in ITEM_FIELDS}
            for i in items
            if i.domain_id == domain.pk
        ]
        domains.append(entry)
    resources = [
        {"slug": r.slug}
        | {name: getattr(r, name) for name in RESOURCE_FIELDS}
        | {"domains": [d.slug for d in sorted(r.domains.all(), key=lambda d: (d.order, d.pk))]}
        for r in get("Resource").objects.prefetch_related("domains").order_by("order", "pk")
    ]
    benchmarks = [
        {"slug": b.slug} | {name: getattr(b, name) for name in BENCHMARK_FIELDS}
        for b in get("Benchmark").objects.order_by("order", "pk")
    ]
    return {"format": FORMAT, "domains": domains, "resources": resources, "benchmarks": benchmarks}


def _suggestion_order(suggestion) -> tuple:
    return (suggestion.domain.order, suggestion.order, suggestion.pk)


def dump_content(data: dict[str, Any]) -> str:
    """Serialize content the way the checked-in file is written (stable, diff-friendly)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
