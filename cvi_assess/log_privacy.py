"""Invitation links never reach the log.

An invitation's token opens its questionnaire, and with a time it could point to the person who
answered. gunicorn's access log masks it (cvi_assess/gunicorn_logging.py); Django's own warnings
print the request's path too ("Forbidden (CSRF cookie not set.): /respond/<token>/", "Not Found:
/respond/<token>/"). This filter sits on the handler that every record goes through (see
LOGGING in the settings) and masks the token in the record's message, its arguments and its
traceback, whichever logger wrote it.
"""

import logging
import re

INVITATION_LINK = re.compile(r"/respond/[^/\s\"'?#<>]+")
MASKED = "/respond/[link]"


def mask_invitation_links(text: str) -> str:
    return INVITATION_LINK.sub(MASKED, text)


class MaskInvitationLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: the formatter reports it
            return True
        masked = mask_invitation_links(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            # Formatted here, once, so that the traceback written is the masked one.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_invitation_links(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_invitation_links(record.stack_info)
        return True
