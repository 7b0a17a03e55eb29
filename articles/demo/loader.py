"""Load the demo newsroom: departments, officials, reporters, accounts and articles.

Idempotent: running it again updates the same rows instead of adding new ones.
Articles go through the real workflow (articles.services): the demo reporter submits
them and the demo editors sign every review level, so the review log and versions
look as they would in daily use.
"""

import datetime
import io
import random
import unicodedata

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from articles import services
from articles.editorial.sanitizer import body_paragraphs, paragraphs_to_html
from articles.epaper import pages as epaper_pages
from articles.epaper import sample
from articles.models import Article, Byline, DepartmentColumn, Edition
from newsroom import audit
from newsroom.models import SiteSettings
from newsroom.roles import sync_roles
from people.models import Department, Official, Position, Reporter

from . import content as demo


class Command(BaseCommand):
    help = "加载演示数据（部门、领导、作者、演示账号和稿件），可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="DEBUG 关闭时也加载（会建立密码公开的演示账号，包括超级用户）。",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "演示数据会建立密码公开的账号（包括超级用户），生产环境不应加载。"
                "确需加载请加 --force。"
            )
        with audit.off_the_console(), transaction.atomic():
            self.load()

    def load(self):
        sync_roles(Group, Permission)
        departments = self.load_departments()
        officials = self.load_officials(departments)
        reporters = self.load_reporters()
        accounts = self.load_accounts(reporters)
        count = self.load_articles(departments, officials, reporters, accounts)
        edition = load_edition()
        self.load_inspection_settings(departments)
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据已就绪：{len(departments)} 个部门，{len(officials)} 位领导，"
                f"{len(reporters)} 位作者，{count} 篇稿件。"
            )
        )
        self.stdout.write(
            f"数字报：{edition}，{edition.pages.count()} 个版面（/epaper/）。"
        )
        if not sample.cjk_font_installed():
            self.stdout.write(
                self.style.WARNING(
                    "这台机器没有中文字体（如 fonts-noto-cjk），数字报版面图里的文字"
                    "可能画不出来；文字层、热区和稿件列表不受影响。"
                    "安装 fonts-noto-cjk 后删去 media/epaper 再运行 make run 即可重画。"
                )
            )
        self.stdout.write(f"审核级数 REVIEW_LEVELS={services.review_levels()}。")
        self.stdout.write("演示账号（登录 /admin/）：")
        for username, password, name, role, _ in demo.ACCOUNTS:
            role = "超级用户" if role == "superuser" else role
            self.stdout.write(
                f"  {pad(name, 12)}{pad(role, 12)}用户名 {username:<10} 密码 {password}"
            )

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
        for username, password, name, role, reporter in demo.ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name = name
            user.is_staff = True
            user.is_superuser = role == "superuser"
            user.set_password(password)
            user.save()
            user.groups.set(Group.objects.filter(name=role))
            if reporter:
                Reporter.objects.filter(pk=reporters[reporter].pk).update(user=user)
            accounts[username] = user
        return accounts

    def load_articles(self, departments, officials, reporters, accounts):
        for order, data in enumerate(demo.ARTICLES):
            article, created = Article.objects.get_or_create(
                title=data["title"], defaults={"author": accounts["reporter"]}
            )
            self.fill(article, data, departments, officials, reporters)
            if data.get("image") and not article.image:
                article.image.save(
                    f"demo-{order}.jpg",
                    ContentFile(demo_picture(data["image"])),
                    save=False,
                )
            with reversion.create_revision():
                reversion.set_user(accounts["reporter"])
                reversion.set_comment("演示数据")
                article.save()
            if created:
                services.log_created(article=article, actor=accounts["reporter"])
            if data.get("status", "published") == "published":
                self.publish(article, accounts)
        return len(demo.ARTICLES)

    @staticmethod
    def load_inspection_settings(departments):
        """The footer's identifiers (unless a site admin saved settings) and the
        department pages that count as columns."""
        if not SiteSettings.objects.exists():
            SiteSettings(**demo.SITE_SETTINGS).save()
        for slug, days in demo.DEPARTMENT_COLUMNS:
            DepartmentColumn.objects.get_or_create(
                department=departments[slug], defaults={"period_days": days}
            )

    @staticmethod
    def fill(article, data, departments, officials, reporters):
        if "days_from_now" in data:
            if article.published_at is None or not article.is_scheduled():
                article.published_at = timezone.now() + datetime.timedelta(
                    days=data["days_from_now"]
                )
        elif "days_ago" in data:
            if article.published_at is None:
                article.published_at = timezone.now() - datetime.timedelta(
                    days=data["days_ago"]
                )
        elif "when" in data:
            # Demo times are written in Beijing time (UTC+8).
            article.published_at = datetime.datetime.strptime(
                data["when"] + " +0800", "%Y-%m-%d %H:%M %z"
            )
        body = data["body"].removeprefix("本报讯").lstrip()
        edition = data.get("edition") or (None, None, "", 0)
        article.kicker = data.get("kicker", "")
        article.subtitle = data.get("subtitle", "")
        article.body = paragraphs_to_html(body)
        article.source = "本报讯"
        article.featured = data.get("featured", False)
        article.edition_date = edition[0] and datetime.date.fromisoformat(edition[0])
        article.page_number, article.page_name = edition[1:3]
        article.page_order = edition[3]
        article.image_caption = data.get("caption", "")
        if article.pk is None:
            article.save()
        article.officials.set([officials[s] for s in data.get("officials", [])])
        article.departments.set([departments[s] for s in data.get("departments", [])])
        article.tags.set(data.get("tags", []))
        article.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=article, reporter=reporters[slug], role=role, order=i)
            for i, (role, slug) in enumerate(data["bylines"])
        )

    @staticmethod
    def publish(article, accounts):
        """Take the article through submission and every review level. The last
        level is the chief editor's: the demo's articles carry their dates of
        last year, which only someone allowed to backdate (倒签) may sign."""
        if article.status == Article.Status.PUBLISHED:
            return
        services.article_submit(article=article, actor=accounts["reporter"])
        levels = services.review_levels()
        signers = [accounts["editor"], accounts["reviewer"]]
        for level in range(1, levels + 1):
            signer = accounts["chief"] if level == levels else signers[level - 1]
            article = services.article_approve(
                article=article, actor=signer, comment="同意"
            )


def load_edition():
    """The demo's e-paper edition: its articles laid out as newspaper pages (PDFs
    made here), imported as the layout system's PDFs would be, and published.
    Pages already there are kept (they were rendered once), unless their pictures
    are gone."""
    day = datetime.date.fromisoformat(demo.EDITION["date"])
    placed = Article.objects.filter(edition_date=day).order_by(
        "page_number", "page_order", "pk"
    )
    numbers = sorted({a.page_number for a in placed})
    edition = Edition.objects.filter(date=day).first()
    rendered = edition is not None and all(
        page.image and page.image.storage.exists(page.image.name)
        for page in edition.pages.all()
    )
    if not rendered or edition.pages.count() != len(numbers):
        files = []
        for number in numbers:
            on_page = [a for a in placed if a.page_number == number]
            stories = [story_of(a, photo=i == 0) for i, a in enumerate(on_page)]
            data, _ = sample.make_page(
                stories,
                paper=settings.SITE_TAGLINE + "报",
                day=day,
                number=demo.EDITION["number"],
                total=demo.EDITION["total_number"],
                page_number=number,
                page_name=on_page[0].page_name,
                briefs=briefs(day, number),
            )
            files.append((f"第{number}版.pdf", data))
        edition = epaper_pages.import_pages(
            day=day,
            files=files,
            number=demo.EDITION["number"],
            total_number=demo.EDITION["total_number"],
        ).edition
    if not edition.published:
        edition.published = True
        edition.save()
    return edition


def briefs(day, number):
    """News in brief (简讯) for a page: other demo articles' opening paragraphs."""
    others = Article.objects.exclude(edition_date=day).order_by("pk")
    chosen = others[(number - 1) * 4 : number * 4]
    return [(a.title, body_paragraphs(a.body)[0]) for a in chosen]


def story_of(article, photo=False):
    """An article as the page sets it."""
    return sample.Story(
        title=article.title,
        kicker=article.kicker,
        subtitle=article.subtitle,
        paragraphs=[
            (article.source + " " + p) if i == 0 and article.source else p
            for i, p in enumerate(body_paragraphs(article.body))
        ],
        byline=article.byline_text(),
        photo=photo,
    )


PALETTES = {
    "winter": ((205, 225, 240), (120, 150, 180), (214, 222, 232)),
    "site": ((250, 215, 170), (180, 120, 70), (90, 90, 100)),
    "market": ((40, 30, 70), (200, 60, 60), (250, 200, 90)),
    "forest": ((200, 230, 200), (50, 110, 60), (30, 70, 40)),
    "river": ((190, 225, 240), (70, 140, 180), (90, 150, 90)),
}


def pad(text, width):
    """Pads to a width in terminal columns: a CJK character takes two."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 1)


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
