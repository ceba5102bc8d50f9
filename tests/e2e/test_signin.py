"""Signing in: the demo users of make run listed by role and jurisdiction, one click signs in and returns to next."""

from __future__ import annotations

import json
from urllib.parse import quote


def _signed_in_claims(page) -> dict:
    return page.evaluate("""() => {
        const part = sessionStorage.getItem('ecosafe.token').split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), c => c.charCodeAt(0))));
    }""")


def _fresh_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    return context, context.new_page()


def test_a_page_without_a_token_sends_the_user_to_sign_in_and_back(browser, gateway_url, artifacts):
    context, page = _fresh_page(browser)
    try:
        page.goto(gateway_url + "/?layer=rivers")
        page.wait_for_url("**/signin/?next=*")
        assert page.url.endswith("/signin/?next=" + quote("/?layer=rivers", safe=""))
        groups = page.locator("#demo-users h3")
        groups.first.wait_for()
        assert {"市局", "县局", "执法检查人员", "应急指挥中心", "园区管理", "企业用户"} <= set(groups.all_inner_texts())
        assert "泽州县" in page.locator(".users[data-role=county_officer]").inner_text()
        page.screenshot(path=str(artifacts / "signin.png"), full_page=True)

        page.locator(".user[data-user-id=demo-command-140525]").click()

        page.wait_for_url(gateway_url + "/?layer=rivers")
        claims = _signed_in_claims(page)
        assert claims["sub"] == "demo-command-140525" and claims["roles"] == ["command_center"]
        assert claims["jurisdiction"] == "140525"
    finally:
        context.close()


def test_the_demo_token_is_accepted_by_the_services_with_the_users_scope(browser, gateway_url):
    context, page = _fresh_page(browser)
    try:
        page.goto(gateway_url + "/signin/?next=/park/")
        page.locator(".user[data-user-id=demo-park-gp-newmat]").click()
        page.wait_for_url(gateway_url + "/park/")  # a glob "**/park/" would match the sign-in URL (?next=/park/)
        answer = page.evaluate("""async () => {
            const headers = {Authorization: 'Bearer ' + sessionStorage.getItem('ecosafe.token')};
            const own = await fetch('/api/risk-map/parks/park-gp-newmat', {headers});
            const other = await fetch('/api/risk-map/parks/park-zz-chem', {headers});
            return {own: own.status, name: (await own.json()).properties.name, other: other.status};
        }""")
        assert answer == {"own": 200, "name": "高平新材料产业园", "other": 404}
    finally:
        context.close()


def test_next_never_leaves_the_site_and_sign_out_forgets_the_token(browser, gateway_url):
    context, page = _fresh_page(browser)
    try:
        page.goto(gateway_url + "/signin/?next=" + quote("//evil.example/x", safe=""))
        page.locator(".user[data-user-id=demo-park-zz-chem]").click()
        page.wait_for_url(gateway_url + "/park/")  # the park operator's own page, not the other site

        page.goto(gateway_url + "/signin/")
        assert "褚园区" in page.locator("#current").inner_text()
        page.locator("#signout").click()
        page.wait_for_url(gateway_url + "/signin/")
        assert page.evaluate("sessionStorage.getItem('ecosafe.token')") is None
        assert page.locator("#current").is_hidden()
    finally:
        context.close()


def test_the_page_offers_the_demo_users_only_when_the_gateway_says_demo_sign_in_is_on(browser, gateway_url):
    context, page = _fresh_page(browser)
    try:
        page.route("**/config.json", lambda route: route.fulfill(
            content_type="application/json", body=json.dumps({"basemap": None, "demo_signin": False, "oidc": None})))
        page.goto(gateway_url + "/signin/")
        page.locator("#none").wait_for()
        assert page.locator("#demo").is_hidden()
        assert "未配置任何登录方式" in page.locator("#none").inner_text()
    finally:
        context.close()
