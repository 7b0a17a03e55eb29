"""An editor's first login with two-factor on, in a real browser: password, scan
(here: read the secret off the page, as an authenticator app would take it),
type the code, keep the recovery codes, reach the desk; then a second login that
asks for a code again."""

import base64
import time

import pytest
from django_otp.oath import TOTP

from newsroom import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def code_from_secret(secret, at=None):
    """What an authenticator app shows for the secret printed on the page."""
    text = secret.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    totp = TOTP(key)
    totp.time = at or time.time()
    return f"{totp.token():06d}"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_an_editor_enrols_and_signs_in_with_a_code(
    browser, live_server, make_user, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    make_user(roles.EDITOR, "editor", first_name="值班编辑")
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.set_default_timeout(15000)

    sign_in(page, live_server, "editor")
    page.wait_for_selector("#otp_form")
    assert "须先启用两步验证" in page.content()
    assert page.locator(".otp__qr svg").count() == 1
    secret = page.locator(".otp__secret").inner_text()
    page.fill("#id_code", "000000")
    page.click("#otp_form input[type=submit]")
    # The refusal is a new page: wait for it, not for whatever is loading.
    page.wait_for_selector("text=验证码不正确")
    page.wait_for_timeout(2500)  # a refused code slows the next try (throttling)

    page.fill("#id_code", code_from_secret(secret))
    page.click("#otp_form input[type=submit]")
    page.wait_for_selector(".otp__codes")
    assert page.locator(".otp__codes code").count() == 10
    page.click("text=我已保存，继续")
    page.wait_for_selector("#site-name")
    assert "采编" in page.content()

    # Log out, and in again: the password alone no longer opens the desk.
    page.click("#logout-form button")
    sign_in(page, live_server, "editor")
    page.wait_for_selector("#otp_form")
    assert "/admin/otp/verify/" in page.url
    page.fill("#id_code", code_from_secret(secret, at=time.time() + 30))
    page.click("#otp_form input[type=submit]")
    page.wait_for_selector("#site-name")
    page.goto(f"{live_server.url}/admin/articles/article/")
    assert page.url.endswith("/admin/articles/article/")
    context.close()
