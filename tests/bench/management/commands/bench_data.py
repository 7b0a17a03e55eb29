"""Generate a realistic newsroom for benchmarks, in bulk.

    python manage.py bench_data --articles 100000

Adds 80 departments, 50 officials with positions, 60 reporters, and N published
articles of about 1,500 Chinese characters over five years of editions, each with
1–3 officials, 1–2 departments, 1–2 bylines and 1–3 tags. Rows are written with
bulk_create (the search words are computed from a segmented pool of paragraphs), so
100,000 articles take a few minutes. Everything it creates has a "bench-" slug or
tag prefix; --clear removes it.
"""

import datetime
import random
import time
from types import SimpleNamespace

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles import search
from articles.models import Article, Byline, TaggedArticle
from people.models import Department, Official, Position, Reporter

PLACES = [
    "五里堡",
    "马寨",
    "侯寨",
    "大学路",
    "建中街",
    "长江路",
    "京广路",
    "淮河路",
    "蜜蜂张",
    "福华街",
]
SUBJECTS = [
    "生态环境保护",
    "招商引资",
    "安全生产",
    "森林防火",
    "优化营商环境",
    "民生实事",
    "老旧小区改造",
    "冬季供暖",
    "养老服务",
    "就业创业",
    "校园安全",
    "消防安全",
    "文明创建",
    "基层治理",
    "乡村振兴",
    "项目建设",
    "商贸服务",
    "科技创新",
    "文化惠民",
    "社会救助",
]
ACTIONS = [
    "调研",
    "督导检查",
    "召开推进会",
    "部署",
    "座谈交流",
    "专题学习",
    "现场办公",
    "观摩评比",
]
SENTENCES = [
    "会议强调，要坚持问题导向，把{s}各项任务落到实处。",
    "{p}街道结合实际，扎实推进{s}工作，群众满意度不断提升。",
    "相关负责人表示，将进一步压实责任，确保{s}取得新成效。",
    "调研组详细了解了{s}的进展情况，并对下一步工作提出要求。",
    "今年以来，全区围绕{s}，累计完成重点任务一百余项。",
    "要加强统筹协调，形成工作合力，推动{s}高质量发展。",
    "与会人员围绕{s}中的难点堵点问题进行了深入交流。",
    "下一步，{p}将持续完善机制，以更实举措做好{s}。",
]


class Command(BaseCommand):
    requires_system_checks = []  # a tool run beside the site, not the site
    help = "批量生成基准测试数据（默认十万篇稿件）。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument("--clear", action="store_true", help="先删除以前生成的数据")

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        if options["clear"]:
            self.clear()
        departments = self.departments()
        officials = self.officials(departments, rng)
        reporters = self.reporters()
        tags = [
            Tag.objects.get_or_create(name=f"bench-{s}", slug=f"bench-{i}")[0]
            for i, s in enumerate(SUBJECTS)
        ]
        paragraphs = self.paragraph_pool(rng)
        pool = SimpleNamespace(
            paragraphs=paragraphs,
            officials=officials,
            departments=departments,
            reporters=reporters,
            tags=tags,
        )
        total = options["articles"]
        start = timezone.now() - datetime.timedelta(days=5 * 365)
        step = datetime.timedelta(days=5 * 365) / max(total, 1)
        made = 0
        began = time.monotonic()
        while made < total:
            size = min(2000, total - made)
            with transaction.atomic():
                self.batch(made, size, start, step, rng, pool)
            made += size
            if options["verbosity"] >= 1:
                elapsed = time.monotonic() - began
                left = elapsed / made * (total - made)
                self.stdout.write(
                    f"  {made:,}/{total:,} 篇（{made / total:.0%}），"
                    f"已用 {elapsed:.0f} 秒，约剩 {left:.0f} 秒"
                )
        self.stdout.write(self.style.SUCCESS(f"已生成 {total} 篇稿件。"))

    def clear(self):
        Article.objects.filter(slug__startswith="bench-").delete()
        Tag.objects.filter(name__startswith="bench-").delete()
        Byline.objects.filter(reporter__slug__startswith="bench-").delete()
        Reporter.objects.filter(slug__startswith="bench-").delete()
        Official.objects.filter(slug__startswith="bench-").delete()
        Department.objects.filter(slug__startswith="bench-").delete()

    def departments(self):
        kinds = [k for k, _ in Department.Kind.choices]
        result = []
        for i in range(80):
            name = f"测试{SUBJECTS[i % len(SUBJECTS)][:2]}单位{i:02d}"
            department, _ = Department.objects.get_or_create(
                slug=f"bench-d{i}",
                defaults={"name": name, "kind": kinds[i % len(kinds)], "order": i},
            )
            result.append(department)
        return result

    def officials(self, departments, rng):
        result = []
        surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
        for i in range(50):
            official, created = Official.objects.get_or_create(
                slug=f"bench-o{i}",
                defaults={"name": f"{surnames[i % 20]}测{'甲乙丙丁戊'[i % 5]}{i:02d}"},
            )
            if created:
                Position.objects.create(
                    official=official,
                    department=departments[i],
                    title="副区长" if i > 4 else "区委常委",
                    rank=10 + i,
                    start_date=datetime.date(2018, 1, 1),
                )
            result.append(official)
        return result

    def reporters(self):
        return [
            Reporter.objects.get_or_create(
                slug=f"bench-r{i}",
                defaults={
                    "name": f"测试记者{i:02d}",
                    "kind": "reporter" if i % 3 else "correspondent",
                },
            )[0]
            for i in range(60)
        ]

    def paragraph_pool(self, rng):
        pool = []
        for _ in range(300):
            subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
            text = "".join(
                rng.choice(SENTENCES).format(s=subject, p=place) for _ in range(9)
            )
            pool.append((f"<p>{text}</p>", search.index_text(text)))
        return pool

    def batch(self, offset, size, start, step, rng, pool):
        """Articles offset…offset+size, linked to people and tags drawn from ``pool``."""
        paragraphs, officials, departments = (
            pool.paragraphs,
            pool.officials,
            pool.departments,
        )
        reporters, tags = pool.reporters, pool.tags
        articles = []
        for n in range(offset, offset + size):
            published = start + step * n
            chosen = rng.sample(paragraphs, 5)
            department = rng.choice(departments)
            title = f"{department.name}{rng.choice(ACTIONS)}{rng.choice(SUBJECTS)}工作"
            local = timezone.localtime(published)
            articles.append(
                Article(
                    title=title,
                    slug=f"bench-{n}",
                    body="".join(p for p, _ in chosen),
                    search_text=" ".join(
                        [search.index_text(title)] + [w for _, w in chosen]
                    ),
                    status=Article.Status.PUBLISHED,
                    published_at=published,
                    edition_date=local.date(),
                    page_number=rng.randint(1, 8),
                    page_name="要闻",
                    page_order=n % 6,
                )
            )
        Article.objects.bulk_create(articles)
        search.update_vector(Article.objects.filter(pk__in=[a.pk for a in articles]))
        Officials = Article.officials.through
        Departments = Article.departments.through
        links_o, links_d, bylines, tagged = [], [], [], []
        for article in articles:
            for official in rng.sample(officials, rng.randint(1, 3)):
                links_o.append(
                    Officials(article_id=article.pk, official_id=official.pk)
                )
            for department in rng.sample(departments, rng.randint(1, 2)):
                links_d.append(
                    Departments(article_id=article.pk, department_id=department.pk)
                )
            for order, reporter in enumerate(rng.sample(reporters, rng.randint(1, 2))):
                bylines.append(
                    Byline(
                        article_id=article.pk,
                        reporter_id=reporter.pk,
                        role=reporter.kind,
                        order=order,
                    )
                )
            for tag in rng.sample(tags, rng.randint(1, 3)):
                tagged.append(
                    TaggedArticle(content_object_id=article.pk, tag_id=tag.pk)
                )
        Officials.objects.bulk_create(links_o)
        Departments.objects.bulk_create(links_d)
        Byline.objects.bulk_create(bylines)
        TaggedArticle.objects.bulk_create(tagged)
