"""The newsroom under load: readers browsing while editors edit and publish.

Run by ``make loadtest`` (articles/management/commands/loadtest.py), which serves
the site with gunicorn on PostgreSQL, creates the editors' accounts and articles,
and passes them here through the environment:

    LOAD_EDITORS   "username:article_id,…"   one article per editor
    LOAD_PASSWORD  the editors' password
    LOAD_LOG       a file where every confirmed save is appended as JSON

Each request is named by page type, so locust's statistics give p95 per page.
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

from tests.helpers import form_data

SEARCHES = ["招商引资", "安全生产", "乡村振兴", "营商环境", "民生实事", "生态保护"]
EDITORS = [
    tuple(item.split(":"))
    for item in os.environ.get("LOAD_EDITORS", "").split(",")
    if item
]
_next_editor = itertools.count()
LINK = re.compile(r'href="(/(?:articles|officials|departments|archive)/[^"?#]+)"')


class Reader(HttpUser):
    weight = 9
    wait_time = between(0.5, 2)

    def on_start(self):
        self.links = {"articles": [], "officials": [], "departments": [], "archive": []}

    def remember(self, response):
        for link in LINK.findall(response.text or ""):
            kind = link.split("/")[1]
            if len(self.links[kind]) < 200:
                self.links[kind].append(link)

    def visit(self, kind, name):
        if self.links[kind]:
            response = self.client.get(random.choice(self.links[kind]), name=name)
            self.remember(response)
        else:
            self.home()

    @task(3)
    def home(self):
        self.remember(self.client.get("/", name="首页"))

    @task(4)
    def article(self):
        self.visit("articles", "稿件页")

    @task(2)
    def archive(self):
        self.remember(self.client.get("/archive/", name="按日期"))
        self.visit("archive", "按日期（某日/某月）")

    @task(2)
    def official(self):
        self.remember(self.client.get("/officials/", name="领导列表"))
        self.visit("officials", "领导页")

    @task(2)
    def department(self):
        self.remember(self.client.get("/departments/", name="部门列表"))
        self.visit("departments", "部门页")

    @task(2)
    def search(self):
        words = " ".join(random.sample(SEARCHES, 2))
        self.remember(self.client.get("/search/", params={"q": words}, name="检索"))


class Editor(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        self.username, article = EDITORS[next(_next_editor) % len(EDITORS)]
        self.article = int(article)
        self.edits = 0
        self.published = False
        self.log = open(os.environ["LOAD_LOG"], "a", encoding="utf-8")  # noqa: SIM115
        page = self.client.get("/admin/login/", name="后台登录")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        response = self.client.post(
            "/admin/login/?next=/admin/",
            {
                "username": self.username,
                "password": os.environ["LOAD_PASSWORD"],
                "csrfmiddlewaretoken": token.group(1),
            },
            name="后台登录",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.username} 登录失败：{response.status_code}")

    @task
    def edit_and_publish(self):
        url = f"/admin/articles/article/{self.article}/change/"
        with self.client.get(url, name="后台：打开稿件", catch_response=True) as page:
            if page.status_code != 200:
                page.failure(f"打开稿件 {page.status_code}")
                return
        data = form_data(page)
        self.edits += 1
        title = f"压测稿件{self.article}第{self.edits}次修改"
        data.update(title=title, correction_note=f"第{self.edits}次更正")
        # Logged before sending: the run may end after the database has the save
        # but before its answer arrives.
        self.log.write(json.dumps({"article": self.article, "attempt": title}) + "\n")
        with self.client.post(
            url, data, name="后台：保存稿件", allow_redirects=False, catch_response=True
        ) as saved:
            if saved.status_code != 302:
                saved.failure(f"保存未成功：{saved.status_code}")
                return
        self.log.write(json.dumps({"article": self.article, "title": title}) + "\n")
        self.log.flush()
        if self.edits == 3 and not self.published:
            self.publish(data["csrfmiddlewaretoken"])

    def publish(self, token):
        for action in ("submit", "approve"):
            with self.client.post(
                f"/admin/articles/article/{self.article}/workflow/{action}/",
                {"csrfmiddlewaretoken": token, "comment": "压测"},
                name=f"后台：{'送审' if action == 'submit' else '签发'}",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != 302:
                    response.failure(f"{action} {response.status_code}")
                    return
        self.published = True
        self.log.write(json.dumps({"article": self.article, "published": True}) + "\n")
        self.log.flush()
        self.client.get(f"/articles/{self.article}/", name="签发后的稿件页")
