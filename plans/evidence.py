"""Evidence files: a policy, a signed agreement, a roster, attached to an action or to a
statement of an assessment.

Files go through Django's storage API (``STORAGES["default"]``: a folder on disk by default,
an S3-compatible bucket when the settings say so) under a random name, and come back only
through a view that checks the agency first (plans/evidence_views.py), as an attachment that
the browser may not sniff. The type is read from the file's first bytes (and, for Word and
Excel, from the parts inside it), never from its name. Sizes are capped per file and per
agency (EVIDENCE_FILE_MAX_MB, EVIDENCE_AGENCY_MAX_MB), and each action or statement keeps at
most EVIDENCE_FILES_MAX files.
"""

import logging
import unicodedata
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Sum

from accounts.models import Agency, User
from guidance.models import Item
from plans.models import EVIDENCE_TYPES, ActionItem, Evidence
from questionnaire.models import Assessment

logger = logging.getLogger(__name__)

CONTENT_TYPES = {kind: content_type for kind, (content_type, _) in EVIDENCE_TYPES.items()}
EXTENSIONS = {kind: extensions for kind, (_, extensions) in EVIDENCE_TYPES.items()}
# The main part of a Word document or an Excel workbook, as [Content_Types].xml names it.
# Macro-enabled files (.docm, .xlsm) name theirs differently and are refused.
_OOXML_MAIN = {
    Evidence.Kind.DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml"
    b".document.main+xml",
    Evidence.Kind.XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml"
    b".sheet.main+xml",
}
_CONTENT_TYPES_MAX = 1024 * 1024  # [Content_Types].xml is a few kilobytes


class EvidenceRefused(Exception):
    """The file was not kept, with the reason in words for the person who sent it."""


def _ooxml_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX:
                return None
            types = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    return next((kind for kind, main in _OOXML_MAIN.items() if main in types), None)


def evidence_kind(upload) -> str | None:
    """The file's type from its content: one of Evidence.Kind, or None if it is none of them."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return Evidence.Kind.PDF
    if head == b"\x89PNG\r\n\x1a\n":
        return Evidence.Kind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return Evidence.Kind.JPEG
    if head.startswith(b"PK\x03\x04"):
        kind = _ooxml_kind(upload)
        upload.seek(0)
        return kind
    return None


def evidence_name(name: str, kind: str) -> str:
    """The name shown and downloaded: the uploaded one without folders or control characters,
    at most 150 characters, ending with the extension of the type found in it."""
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if not name or name.startswith("."):
        name = f"evidence{name}"
    stem, suffix = (name[: -len(PurePath(name).suffix)], PurePath(name).suffix.lower())
    if suffix not in EXTENSIONS[kind]:
        stem, suffix = name, EXTENSIONS[kind][0]
    return f"{stem[: 150 - len(suffix)]}{suffix}"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _agency_used(agency: Agency) -> int:
    return Evidence.objects.filter(agency=agency).aggregate(used=Sum("size"))["used"] or 0


def evidence_room(agency: Agency) -> int:
    """Bytes the agency can still store."""
    return max(settings.EVIDENCE_AGENCY_MAX_MB * 1024 * 1024 - _agency_used(agency), 0)


@transaction.atomic
def evidence_attach(
    *,
    assessment: Assessment,
    upload,
    user: User,
    action: ActionItem | None = None,
    item: Item | None = None,
) -> Evidence:
    """Keep an uploaded file as evidence for an action of ``assessment`` or for one of its
    statements. EvidenceRefused, with nothing kept, if its type, its size, the agency's room
    or the number of files says no."""
    if (action is None) == (item is None):
        raise ValueError("Evidence belongs to an action or to a statement.")
    if action is not None and action.assessment_id != assessment.pk:
        raise ValueError("The action is not in this assessment.")
    limit = settings.EVIDENCE_FILE_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise EvidenceRefused(
            f"“{upload.name}” is {_megabytes(upload.size)}; a file can be at most "
            f"{settings.EVIDENCE_FILE_MAX_MB} MB. Nothing was saved."
        )
    if upload.size == 0:
        raise EvidenceRefused(f"“{upload.name}” is empty. Nothing was saved.")
    kind = evidence_kind(upload)
    if kind is None:
        raise EvidenceRefused(
            f"“{upload.name}” is not a PDF, a Word document (.docx), an Excel workbook "
            "(.xlsx), a PNG or a JPEG image, judging by its content. Nothing was saved. "
            "Save it in one of these formats and attach it again."
        )
    agency = Agency.objects.select_for_update().get(pk=assessment.agency_id)
    if upload.size > evidence_room(agency):
        raise EvidenceRefused(
            f"Your agency's files take {_megabytes(_agency_used(agency))} of the "
            f"{settings.EVIDENCE_AGENCY_MAX_MB} MB it can keep, and “{upload.name}” does not "
            "fit. Remove files you no longer need first. Nothing was saved."
        )
    siblings = Evidence.objects.filter(action=action) if action else Evidence.objects.filter(
        assessment=assessment, item=item
    )
    if siblings.count() >= settings.EVIDENCE_FILES_MAX:
        raise EvidenceRefused(
            f"This {'action' if action else 'statement'} already has "
            f"{settings.EVIDENCE_FILES_MAX} files, the most it can have. Remove one first. "
            "Nothing was saved."
        )
    evidence = Evidence(
        agency=agency,
        assessment=assessment,
        action=action,
        item=item,
        name=evidence_name(upload.name, kind),
        kind=kind,
        size=upload.size,
        uploaded_by=user,
    )
    evidence.file.save("upload", File(upload), save=False)
    try:
        evidence.full_clean()
        evidence.save()
    except Exception:
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def evidence_remove(*, evidence: Evidence) -> None:
    """Delete the row; its file leaves storage once the deletion is committed."""
    evidence.delete()


def evidence_file_delete(sender, *, instance: Evidence, **kwargs) -> None:
    """After a row is deleted (alone, or with its action, assessment or agency), delete its
    file from storage once the transaction commits; a failure is logged, never raised, so
    that the deletion itself stands."""
    storage, name = instance.file.storage, instance.file.name

    def delete() -> None:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete the evidence file %s from storage", name)

    if name:
        transaction.on_commit(delete)
