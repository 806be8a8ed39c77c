"""Security headers, log-in throttling, and the admin's limits."""

import re

import pytest
from django.test import Client, override_settings

from tests.browser import assert_accessible, browser_test
from tests.html import page_text


def browser(test):
    for mark in browser_test:
        test = mark(test)
    return test


@pytest.mark.django_db
class TestHeaders:
    def test_every_page_sends_a_strict_content_security_policy(self, client):
        policy = client.get("/").headers["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy

    def test_it_forbids_framing_sniffing_and_cross_origin_referrers(self, client):
        headers = client.get("/guidance/").headers
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"

    def test_no_template_has_inline_script_or_style(self):
        from pathlib import Path

        root = Path(__file__).resolve().parents[2] / "templates"
        for path in root.rglob("*.html"):
            if path.name == "plan_pdf.html":  # rendered by WeasyPrint, never by a browser
                continue
            html = path.read_text()
            assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
            assert "<style" not in html and " style=" not in html, path
            assert not re.search(r"\son[a-z]+=", html), f"inline event handler in {path}"

    @override_settings(
        SECURE_HSTS_SECONDS=31536000,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SESSION_COOKIE_SECURE=True,
        CSRF_COOKIE_SECURE=True,
    )
    def test_production_cookies_are_secure_httponly_and_samesite(self, alice):
        client = Client()
        response = client.post(
            "/accounts/login/",
            {"username": alice.email, "password": "alice-password-123"},
            secure=True,
        )
        session = response.cookies["sessionid"]
        assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
        assert (
            "max-age=31536000; includeSubDomains" in response.headers["Strict-Transport-Security"]
        )


@pytest.mark.django_db
class TestLoginThrottling:
    def attempt(self, client, email, password):
        return client.post("/accounts/login/", {"username": email, "password": password})

    def test_five_wrong_passwords_lock_the_account_from_that_address_with_a_clear_message(
        self, alice
    ):
        client = Client()
        for _ in range(4):
            assert self.attempt(client, alice.email, "wrong").status_code == 200
        response = self.attempt(client, alice.email, "wrong")
        assert response.status_code == 429
        text = page_text(response)
        assert "Too many failed log-ins" in text and "Try again in" in text
        # Even the right password is refused until the pause is over.
        assert self.attempt(client, alice.email, "alice-password-123").status_code == 429

    def test_a_successful_log_in_resets_the_count(self, alice):
        client = Client()
        for _ in range(4):
            self.attempt(client, alice.email, "wrong")
        assert self.attempt(client, alice.email, "alice-password-123").status_code == 302
        for _ in range(4):
            assert self.attempt(Client(), alice.email, "wrong").status_code == 200

    def test_failures_on_one_account_do_not_lock_another(self, alice, bob):
        client = Client()
        for _ in range(5):
            self.attempt(client, alice.email, "wrong")
        assert self.attempt(client, bob.email, "bob-password-1234").status_code == 302

    @pytest.mark.parametrize(
        "variant",
        ["ALICE@SPRINGFIELD.EXAMPLE", "Alice@Springfield.example", " alice@springfield.example "],
    )
    def test_the_lockout_holds_whatever_the_case_or_spacing_of_the_email(self, alice, variant):
        client = Client()
        for _ in range(5):
            self.attempt(client, alice.email, "wrong")
        assert self.attempt(client, variant, "alice-password-123").status_code == 429

    def test_case_and_spacing_variants_share_one_count_of_failures(self, alice):
        client = Client()
        variants = [
            "alice@springfield.example",
            "ALICE@springfield.example",
            "Alice@Springfield.Example",
            " alice@springfield.example",
            "aLiCe@SPRINGFIELD.example ",
        ]
        for variant in variants[:4]:
            assert self.attempt(client, variant, "wrong").status_code == 200
        assert self.attempt(client, variants[4], "wrong").status_code == 429
        assert self.attempt(client, alice.email, "alice-password-123").status_code == 429

    def test_the_admin_log_in_shares_the_lockout_whatever_the_case(self, root):
        client = Client()
        variants = [
            "ROOT@example.org",
            "Root@Example.org",
            "root@EXAMPLE.ORG ",
            " ROOT@example.org",
        ]
        for variant in [*variants, "ROOT@EXAMPLE.ORG"]:
            client.post("/admin/login/", {"username": variant, "password": "wrong"})
        response = client.post(
            "/admin/login/", {"username": "root@example.org", "password": "root-password-123"}
        )
        assert response.status_code == 429


@pytest.mark.django_db
class TestAdminLimits:
    def test_the_admin_is_for_staff_only(self, alice, client):
        client.force_login(alice)
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    def test_nobody_can_browse_assessments_or_answers_in_the_admin(self, root, client):
        client.force_login(root)
        for url in [
            "/admin/questionnaire/assessment/",
            "/admin/questionnaire/response/",
            "/admin/plans/actionitem/",
        ]:
            assert client.get(url).status_code == 404, url


@browser
def test_the_locked_out_page_is_accessible(page, live_server, alice):
    for _ in range(5):
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Email address").fill(alice.email)
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Log in").click()
    assert "Too many failed log-ins" in page.content()
    assert_accessible(page, "locked out")


@browser
def test_the_admin_pages_run_without_csp_violations(page, live_server, root):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Email address").fill(root.email)
    page.get_by_label("Password").fill("root-password-123")
    page.get_by_role("button", name="Log in").click()
    for path in [
        "/admin/",
        "/admin/guidance/domain/1/change/",
        "/admin/guidance/resource/1/change/",
        "/admin/guidance/suggestion/1/history/",
    ]:
        page.goto(live_server.url + path)
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


class TestClientAddress:
    def request(self, remote: str, forwarded: str | None = None):
        from django.test import RequestFactory

        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)

    def test_without_proxies_it_is_the_peer_and_a_forged_header_is_ignored(self, settings):
        from cvi_assess.network import client_ip

        settings.PROXY_COUNT = 0
        assert client_ip(self.request("198.51.100.4", "203.0.113.9")) == "198.51.100.4"

    def test_behind_one_proxy_it_is_the_address_the_proxy_recorded(self, settings):
        from cvi_assess.network import client_ip

        settings.PROXY_COUNT = 1
        assert client_ip(self.request("10.0.0.2", "203.0.113.9")) == "203.0.113.9"
        # A client that sends its own X-Forwarded-For cannot choose the address counted.
        assert client_ip(self.request("10.0.0.2", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"

    def test_behind_two_proxies_it_skips_the_inner_one(self, settings):
        from cvi_assess.network import client_ip

        settings.PROXY_COUNT = 2
        assert client_ip(self.request("10.0.0.3", "203.0.113.9, 10.0.0.2")) == "203.0.113.9"
