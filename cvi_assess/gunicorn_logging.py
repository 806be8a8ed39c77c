"""Gunicorn's logs without what must not be kept.

The access log never records the browser (user agent) or the page it came from (referrer).
Every link that carries a secret (an invitee's link, a colleague's invitation, a password reset,
a sign-up link: the one list in cvi_assess/secret_links.py) is masked in every field an access
log format could name, and in gunicorn's error log ("Error handling request /accounts/join/…").
For invitee pages the client address is left out too: with the link and a time it could point
to the person who answered.
"""

from gunicorn.glogging import Logger

from cvi_assess.log_privacy import MaskSecretLinks
from cvi_assess.secret_links import mask_secret_links

# One instance, so that a configuration reload (which runs setup() again) adds no second one.
SECRET_LINKS_FILTER = MaskSecretLinks()


class PrivateAccessLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(SECRET_LINKS_FILTER)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name, value in atoms.items():
            if isinstance(value, str):
                atoms[name] = mask_secret_links(value)
        if "/respond/[link]" in (atoms["U"] or ""):
            atoms["h"] = "-"
        return atoms
