"""Load the demo newsroom: departments, officials, reporters, articles and accounts.

Idempotent: running it again updates the same rows instead of adding new ones.
"""

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from articles import demo_content as demo
from articles.models import Article, Byline
from articles.sanitizer import paragraphs_to_html
from people.models import Department, Official, Position, Reporter

EDITOR_MODELS = [
    "article",
    "byline",
    "department",
    "official",
    "position",
    "reporter",
    "tag",
]


class Command(BaseCommand):
    help = "加载演示数据（部门、领导、作者、稿件和演示账号），可重复运行。"

    @transaction.atomic
    def handle(self, *args, **options):
        departments = self.load_departments()
        officials = self.load_officials(departments)
        reporters = self.load_reporters()
        accounts = self.load_accounts(reporters)
        count = self.load_articles(
            departments, officials, reporters, accounts["reporter"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据已就绪：{len(departments)} 个部门，{len(officials)} 位领导，"
                f"{len(reporters)} 位作者，{count} 篇稿件。"
            )
        )
        self.stdout.write("演示账号（登录 /admin/）：")
        for username, password, role, _ in demo.ACCOUNTS:
            self.stdout.write(f"  {role:<9} 用户名 {username:<9} 密码 {password}")

    def load_departments(self):
        departments = {}
        for slug, name, full_name, aliases, kind, parent, order in demo.DEPARTMENTS:
            departments[slug], _ = Department.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "full_name": full_name,
                    "aliases": aliases,
                    "kind": kind,
                    "parent": departments.get(parent),
                    "order": order,
                },
            )
        return departments

    def load_officials(self, departments):
        officials = {}
        for slug, name, title, department, rank in demo.OFFICIALS:
            official, _ = Official.objects.update_or_create(
                slug=slug, defaults={"name": name}
            )
            Position.objects.update_or_create(
                official=official,
                title=title,
                start_date=demo.POSITION_START,
                defaults={"department": departments[department], "rank": rank},
            )
            officials[slug] = official
        return officials

    def load_reporters(self):
        reporters = {}
        for slug, name, kind in demo.REPORTERS:
            reporters[slug], _ = Reporter.objects.update_or_create(
                slug=slug, defaults={"name": name, "kind": kind}
            )
        return reporters

    def load_accounts(self, reporters):
        User = get_user_model()
        accounts = {}
        for username, password, role, reporter in demo.ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = role == "admin"
            user.set_password(password)
            user.save()
            if role != "admin":
                user.user_permissions.set(self.permissions_for(role))
            if reporter:
                Reporter.objects.filter(pk=reporters[reporter].pk).update(user=user)
            accounts[role] = user
        return accounts

    @staticmethod
    def permissions_for(role):
        permissions = Permission.objects.filter(content_type__model__in=EDITOR_MODELS)
        if role == "reporter":
            return permissions.filter(
                codename__in=[
                    "add_article",
                    "change_article",
                    "view_article",
                    "add_byline",
                    "change_byline",
                    "delete_byline",
                    "view_byline",
                    "view_department",
                    "view_official",
                    "view_position",
                    "view_reporter",
                    "add_tag",
                    "view_tag",
                ]
            )
        return permissions

    def load_articles(self, departments, officials, reporters, author):
        for order, data in enumerate(demo.ARTICLES):
            status = data.get("status", Article.Status.PUBLISHED)
            if "days_from_now" in data:
                published_at = timezone.now() + datetime.timedelta(
                    days=data["days_from_now"]
                )
            elif "when" in data:
                # Demo times are written in Beijing time (UTC+8).
                published_at = datetime.datetime.strptime(
                    data["when"] + " +0800", "%Y-%m-%d %H:%M %z"
                )
            else:
                published_at = None
            body = data["body"]
            if body.startswith("本报讯"):
                body = body.removeprefix("本报讯").lstrip()
            edition = data.get("edition") or (None, None, "", 0)
            article, _ = Article.objects.update_or_create(
                title=data["title"],
                defaults={
                    "kicker": data.get("kicker", ""),
                    "subtitle": data.get("subtitle", ""),
                    "body": paragraphs_to_html(body),
                    "source": "本报讯",
                    "status": status,
                    "published_at": published_at,
                    "featured": data.get("featured", False),
                    "edition_date": edition[0],
                    "page_number": edition[1],
                    "page_name": edition[2],
                    "page_order": edition[3],
                    "image_caption": data.get("caption", ""),
                    "author": author,
                },
            )
            if data.get("image") and not article.image:
                article.image.save(
                    f"demo-{order}.jpg",
                    ContentFile(demo_picture(data["image"])),
                    save=True,
                )
            article.officials.set([officials[s] for s in data.get("officials", [])])
            article.departments.set(
                [departments[s] for s in data.get("departments", [])]
            )
            article.tags.set(data.get("tags", []))
            article.bylines.all().delete()
            Byline.objects.bulk_create(
                Byline(article=article, reporter=reporters[slug], role=role, order=i)
                for i, (role, slug) in enumerate(data["bylines"])
            )
        return len(demo.ARTICLES)


PALETTES = {
    "winter": ((205, 225, 240), (120, 150, 180), (214, 222, 232)),
    "site": ((250, 215, 170), (180, 120, 70), (90, 90, 100)),
    "market": ((40, 30, 70), (200, 60, 60), (250, 200, 90)),
    "forest": ((200, 230, 200), (50, 110, 60), (30, 70, 40)),
    "river": ((190, 225, 240), (70, 140, 180), (90, 150, 90)),
}


def demo_picture(kind, size=(1200, 675)):
    """A generated landscape, so the demo has lead images without stock photos."""
    sky, middle, ground = PALETTES[kind]
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        color = tuple(int(sky[i] * (1 - t) + middle[i] * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=color)
    rng = random.Random(kind)
    draw.ellipse(
        (width * 0.72, height * 0.12, width * 0.84, height * 0.33), fill=(255, 240, 200)
    )
    horizon = int(height * 0.62)
    x = 0
    while x < width:
        w = rng.randint(60, 140)
        h = rng.randint(80, 260)
        draw.rectangle(
            (x, horizon - h, x + w, horizon), fill=tuple(c // 2 for c in middle)
        )
        for wy in range(horizon - h + 14, horizon - 10, 26):
            for wx in range(x + 10, x + w - 10, 22):
                draw.rectangle((wx, wy, wx + 9, wy + 12), fill=(250, 230, 160))
        x += w + rng.randint(4, 30)
    draw.rectangle((0, horizon, width, height), fill=ground)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
