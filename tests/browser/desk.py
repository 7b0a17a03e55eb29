"""What the desk's browser tests share: the test accounts' password, a phone's
size, screenshots kept on request, and logging in as a person does."""

import os

PASSWORD = "a-long-test-password"  # make_user's
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    """Keep a screenshot when SCREENSHOT_DIR is set (for the docs and the notes)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def login(browser, live_server, username, viewport=None, landing=".desk-home"):
    """A new browser (zh-CN, Asia/Shanghai) logged in through the login form, on
    the page ``landing`` marks."""
    context = browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport=viewport or {"width": 1280, "height": 900},
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(landing)
    return page
