"""Links that carry a secret never reach the application's log.

Django's own warnings print the request's path ("Forbidden (CSRF cookie not set.):
/accounts/join/<token>/", "Not Found: …"), and a traceback can hold a link. This filter sits on
the handler every record goes through (see LOGGING in the settings) and masks every link of
cvi_assess/secret_links.py in the record's message, its arguments and its traceback, whichever
logger wrote it. Gunicorn's logs apply the same list (cvi_assess/gunicorn_logging.py).
"""

import logging

from cvi_assess.secret_links import mask_secret_links


class MaskSecretLinks(logging.Filter):
    """Masks secret links in a record: its message (with its arguments), traceback and stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: the formatter reports it
            return True
        masked = mask_secret_links(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            # Formatted here, once, so that the traceback written is the masked one.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secret_links(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secret_links(record.stack_info)
        return True
