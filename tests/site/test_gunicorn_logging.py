"""The production access log keeps nothing that could identify an invitee, and no link that
carries a secret."""

import datetime
import io
import logging
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from gunicorn.config import Config

from cvi_assess.gunicorn_logging import PrivateAccessLogger
from tests.site.test_log_privacy import SECRET_PATHS, SIGNUP_CONFIRM

PRODUCTION_FORMAT = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# Every field that holds the address, whole or in part, or the page it came from.
EVERY_ADDRESS_FIELD = "%(r)s | %(U)s | %(q)s | %(f)s | %({referer}i)s | %({raw_uri}e)s"


def private_logger(access_log_format: str = PRODUCTION_FORMAT) -> PrivateAccessLogger:
    config = Config()
    config.set("access_log_format", access_log_format)
    return PrivateAccessLogger(config)


def log_line(link: str, access_log_format: str = PRODUCTION_FORMAT, referrer: str = "") -> str:
    logger = private_logger(access_log_format)
    path, _, query = link.partition("?")
    environ = {
        "REMOTE_ADDR": "203.0.113.7", "REQUEST_METHOD": "POST", "RAW_URI": link,
        "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": path, "QUERY_STRING": query,
        "HTTP_USER_AGENT": "Mozilla/5.0 (iPhone)",
        "HTTP_REFERER": referrer or "https://mail.example/",
    }  # fmt: skip
    response = SimpleNamespace(status="302 Found", sent=0, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=12))
    return logger.cfg.access_log_format % atoms


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


@pytest.mark.parametrize("link", [*SECRET_PATHS, SIGNUP_CONFIRM])
def test_every_secret_bearing_link_is_masked_in_every_field_of_the_access_log(link):
    referrer = f"https://cvi.example.gov{link}"
    line = log_line(link, EVERY_ADDRESS_FIELD, referrer=referrer)
    assert "SeCrEt" not in line
    assert line.count("[link]") >= 5


@pytest.mark.parametrize("link", SECRET_PATHS)
def test_the_production_access_log_shows_where_a_secret_link_led_without_its_secret(link):
    line = log_line(link)
    assert "SeCrEt" not in line and "[link]" in line
    assert urlsplit(link).path.split("/")[1] in line  # "respond", "accounts"


@pytest.mark.parametrize("link", [*SECRET_PATHS, SIGNUP_CONFIRM])
def test_gunicorns_error_log_masks_a_secret_link(link):
    logger = private_logger()
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    logger.error_log.addHandler(handler)
    try:
        try:
            raise OSError(f"Connection reset while sending {link}")
        except OSError:
            logger.exception("Error handling request %s", link)
    finally:
        logger.error_log.removeHandler(handler)
    assert "Error handling request" in written.getvalue()
    assert "SeCrEt" not in written.getvalue()
