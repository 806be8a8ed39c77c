"""The production access log keeps nothing that could identify an invitee."""

import datetime
from types import SimpleNamespace

from gunicorn.config import Config

from cvi_assess.gunicorn_logging import PrivateAccessLogger


def log_line(path: str) -> str:
    config = Config()
    config.set("access_log_format", '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms')
    logger = PrivateAccessLogger(config)
    environ = {
        "REMOTE_ADDR": "203.0.113.7", "REQUEST_METHOD": "POST", "RAW_URI": path,
        "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": path, "QUERY_STRING": "",
        "HTTP_USER_AGENT": "Mozilla/5.0 (iPhone)", "HTTP_REFERER": "https://mail.example/",
    }  # fmt: skip
    response = SimpleNamespace(status="302 Found", sent=0, headers=[])
    request = SimpleNamespace(headers=[])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=12))
    return config.access_log_format % atoms


def test_invitation_pages_are_logged_without_token_or_address():
    line = log_line("/respond/AbCdEf_secret-token123/")
    assert "/respond/[link]/" in line
    assert "secret" not in line and "203.0.113.7" not in line


def test_no_page_logs_the_browser_or_the_referrer():
    line = log_line("/guidance/")
    assert "203.0.113.7" in line and "/guidance/" in line
    assert "iPhone" not in line and "mail.example" not in line


def test_a_colleagues_invitation_link_is_never_logged():
    line = log_line("/accounts/join/AbCdEf_secret-token123/")
    assert "/accounts/join/[link]/" in line and "secret" not in line
