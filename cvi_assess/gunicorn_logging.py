"""Gunicorn's access log without what invitees are promised is not kept.

The log never records the browser (user agent) or the page it came from (referrer), and for
invitation pages it leaves out the client address and the link's token: the token names the
link, and with an address and a time it could point to the person who answered. Links that
invite a colleague into an agency are left out too: whoever holds one can join.
"""

import re

from gunicorn.glogging import Logger

INVITATION = re.compile(r"^/respond/[^/]+")
MEMBER_INVITATION = re.compile(r"^/accounts/join/[^/]+")


class PrivateAccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if INVITATION.match(atoms["U"] or ""):
            atoms["U"] = INVITATION.sub("/respond/[link]", atoms["U"])
            atoms["h"] = "-"
        elif MEMBER_INVITATION.match(atoms["U"] or ""):
            # A colleague's invitation link lets its holder join the agency: never log it.
            atoms["U"] = MEMBER_INVITATION.sub("/accounts/join/[link]", atoms["U"])
        return atoms
