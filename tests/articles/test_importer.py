import datetime

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from articles.editorial.importer import (
    EditionError,
    decode,
    import_edition,
    parse_edition,
    parse_page,
)
from articles.models import Article
from people.models import Department, Official, Position, Reporter
from tests.factories import demo_people
from tests.helpers import IMPORT_DATA
from tests.samples import SAMPLE, read_sample

pytestmark = pytest.mark.django_db

DATE = datetime.date(2023, 11, 24)  # no demo article has this edition date


@pytest.fixture
def newsroom():
    """The sample's officials and departments, as the demo loader creates them."""
    demo_people()


def sample_text():
    return read_sample()


def fixture_page():
    """A page we wrote (tests/data/import), for tests that need no ../shared."""
    return (IMPORT_DATA / "01-benbao-paren-spaced.txt").read_text(encoding="utf-8")


# title, subtitle, first sentence, last sentence, bylines, officials, departments
EXPECTED = [
    (
        "区领导带队赴上海开展考察招商活动",
        "用“第一力度”抓招商引资“一号工程”",
        "为进一步破发展之困，",
        "为高质量建设现代化美好二七做出不懈奋斗。",
        [("记者", "景静")],
        ["樊惠林", "王潜", "王传胜"],
        ["二七经开区管委会", "区委政策研究中心", "区商务局"],
    ),
    (
        "区纪委监委机关2024年第一次工作谋划会召开",
        "",
        "“如何主动融入区委提出的高质量建设现代化美好二七，",
        "以纪检监察工作高质量护航现代化美好二七建设。",
        [("记者", "景静")],
        ["汤晓义"],
        ["区纪委监委"],
    ),
    (
        "区领导调研群众救助、安全生产、森林防火及生态保护工作",
        "切实保护好生态环境及群众生命财产安全",
        "11月27日下午，二七区委书记樊惠林带队调研",
        "切实保护好生态环境及人民群众的生命财产安全。",
        [("记者", "景静")],
        ["樊惠林", "王传胜"],
        ["区救助站"],
    ),
    (
        "二七区安委会2023年第四次全体（扩大）会议暨消安委第六次会议召开",
        "以高水平安全服务高质量发展",
        "11月24日下午，二七区安委会2023年第四次全体（扩大）会议",
        "以新安全格局保障新发展格局。",
        [("记者", "景静"), ("通讯员", "孙扩龙")],
        ["虎荣鑫", "屈连武"],
        ["区安委会", "区消安委"],
    ),
    (
        "二七商圈下月再“上新”",
        "促进二七现代商贸业发展",
        "11月23日，又一商场在二七广场“官宣”“出海”",
        "新趋势电器等一站式置家服务。",
        [("记者", "朱翔宇"), ("通讯员", "杨东杰")],
        ["王潜"],
        [],
    ),
    (
        "既要把经济发展好 又要把生态环境保护好",
        "二七区人大常委会专题调研生态环境保护工作",
        "11月23日，二七区人大常委会主任吕安民带队调研全区2023年生态环境保护工作。",
        "构建多方联动、齐抓共管的环境保护格局。",
        [("记者", "景静")],
        ["吕安民", "王潜"],
        ["区人大常委会", "郑州市生态环境局二七分局", "五里堡街道", "马寨镇"],
    ),
]


def test_the_sample_page_becomes_six_drafts_with_everything_in_place(newsroom):
    result = import_edition(
        sample_text(), edition_date=DATE, page_number=1, page_name="要闻"
    )

    assert len(result.created) == 6
    for article, expected in zip(result.created, EXPECTED, strict=True):
        title, subtitle, first, last, bylines, officials, departments = expected
        article.refresh_from_db()
        paragraphs = [p.removeprefix("<p>") for p in article.body.split("</p>") if p]
        assert (article.title, article.subtitle) == (title, subtitle)
        assert article.status == Article.Status.DRAFT
        assert not article.is_published()
        assert article.source == "本报讯"
        assert paragraphs[0].startswith(first), article.title
        assert paragraphs[-1].endswith(last), article.title
        assert [
            (b.get_role_display(), b.reporter.name) for b in article.bylines.all()
        ] == bylines
        assert [o.name for o in article.officials.all().order_by("pk")] == sorted(
            officials, key=lambda n: Official.objects.get(name=n).pk
        )
        assert sorted(d.name for d in article.departments.all()) == sorted(departments)
        assert (article.edition_date, article.page_number, article.page_name) == (
            DATE,
            1,
            "要闻",
        )
    assert [a.page_order for a in result.created] == [1, 2, 3, 4, 5, 6]


def test_layout_breaks_are_rejoined_without_a_space(newsroom):
    first = parse_edition(sample_text())[0]

    assert len(first.paragraphs) == 4
    assert "健康服务产业园的打造上" in first.paragraphs[1]
    assert "欢迎来二七投资建设。" in first.paragraphs[2]
    assert all("\n" not in p for p in first.paragraphs)


def test_reimporting_the_same_page_creates_nothing_new(newsroom):
    import_edition(sample_text(), edition_date=DATE, page_number=1)
    count = Article.objects.count()

    again = import_edition(sample_text(), edition_date=DATE, page_number=1)

    assert Article.objects.count() == count
    assert len(again.skipped) == 6 and not again.created


def test_dry_run_saves_nothing(newsroom):
    before = (Article.objects.count(), Reporter.objects.count())

    result = import_edition(sample_text(), edition_date=DATE, dry_run=True)

    assert len(result.created) == 6
    assert (Article.objects.count(), Reporter.objects.count()) == before


def test_command_prints_each_article_on_a_dry_run(newsroom, capsys, tmp_path):
    read_sample()  # skips when the shared sample is not here
    call_command("import_edition", str(SAMPLE), "--date", "2023-11-24", "--dry-run")

    out = capsys.readouterr().out
    assert out.count("将创建草稿") == 6
    assert "署名：记者 朱翔宇 通讯员 杨东杰" in out
    assert "领导：樊惠林、王潜、王传胜" in out
    assert not Article.objects.filter(edition_date=DATE).exists()


def test_command_imports_and_reports_bad_input_by_line(newsroom, tmp_path):
    read_sample()
    bad = tmp_path / "bad.txt"
    bad.write_bytes("标题一\n\n本报讯 正文。\n".encode() + b"\xff\xfe broken\n")

    with pytest.raises(CommandError, match="第 4 行不是 UTF-8"):
        call_command("import_edition", str(bad), "--date", "2023-11-24")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_edition", str(SAMPLE), "--date", "24/11/2023")

    call_command("import_edition", str(SAMPLE), "--date", "2023-11-24", "--page", "2")
    assert Article.objects.filter(edition_date=DATE, page_number=2).count() == 6


def test_several_pages_import_in_one_command_with_pages_from_file_names(
    newsroom, tmp_path, capsys
):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, source in [
        ("20240508-01要闻.txt", "01-benbao-paren-spaced.txt"),
        ("20240508-02综合.txt", "02-benbao-paren-nospace.txt"),
    ]:
        (pages / name).write_bytes((IMPORT_DATA / source).read_bytes())
    empty = pages / "20240508-03专版.txt"
    empty.write_text("\n", encoding="utf-8")
    paths = sorted(str(path) for path in pages.iterdir())

    with pytest.raises(CommandError, match="1 个文件没有导入.*03专版"):
        call_command("import_edition", *paths, "--date", "2024-05-08")

    out = capsys.readouterr()
    assert "[1/3]" in out.out and "[3/3]" in out.out
    assert "文件是空的" in out.err
    placed = Article.objects.filter(edition_date=datetime.date(2024, 5, 8))
    assert set(placed.values_list("page_number", "page_name")) == {
        (1, "要闻"),
        (2, "综合"),
    }
    with pytest.raises(CommandError, match="--page 只能用于一个文件"):
        call_command("import_edition", *paths, "--date", "2024-05-08", "--page", "1")


# Variants real copy has, written for these tests.
VARIANT = """区商务局召开外贸企业座谈会

本报讯（记者 李文 王芳 通讯员 张强）11月20日上午，区商务局召开外贸企业座谈会，
听取企业意见。

会上，企业负责人作了发言。实习生 赵雪 摄影 陈晨

社区食堂开张了
老人吃饭更方便

本报讯 近日，一家社区食堂正式开张，为周边老人提供午餐。

食堂负责人介绍，每天可供应三百份午餐。

记者：李文　实习生：赵雪

马寨镇开展消防演练 提升群众自救能力

本报讯 11月21日,马寨镇组织群众开展消防演练(含疏散和灭火),参加人数约200人.
演练结束后,消防员讲解了灭火器的使用方法;群众纷纷表示受益匪浅!

通讯员 孙扩龙、杨东杰
"""


def test_half_width_punctuation_in_chinese_copy_becomes_full_width():
    from articles.editorial.importer import normalize_punctuation

    assert (
        normalize_punctuation("会议指出,要做好工作;确保安全.")
        == "会议指出，要做好工作；确保安全。"
    )
    assert normalize_punctuation("(法资、美资)") == "（法资、美资）"
    assert normalize_punctuation("增长3.5%,达1,200万元") == "增长3.5%，达1,200万元"


def test_variants_of_real_copy(newsroom):
    first, second, third = parse_edition(VARIANT)

    assert first.title == "区商务局召开外贸企业座谈会"
    assert (
        first.paragraphs[0]
        == "11月20日上午，区商务局召开外贸企业座谈会，听取企业意见。"
    )
    assert first.paragraphs[-1] == "会上，企业负责人作了发言。"
    assert [(r.label, n) for r, n in first.bylines] == [
        ("记者", "李文"),
        ("记者", "王芳"),
        ("通讯员", "张强"),
        ("实习生", "赵雪"),
        ("摄影", "陈晨"),
    ]
    assert (second.title, second.subtitle) == ("社区食堂开张了", "老人吃饭更方便")
    assert [(r.label, n) for r, n in second.bylines] == [
        ("记者", "李文"),
        ("实习生", "赵雪"),
    ]
    assert third.subtitle == "提升群众自救能力"
    # A line that ends a sentence ends its paragraph (no indents mark them here).
    assert third.paragraphs == [
        "11月21日，马寨镇组织群众开展消防演练（含疏散和灭火），参加人数约200人。",
        "演练结束后，消防员讲解了灭火器的使用方法；群众纷纷表示受益匪浅！",
    ]
    assert [(r.label, n) for r, n in third.bylines] == [
        ("通讯员", "孙扩龙"),
        ("通讯员", "杨东杰"),
    ]


def test_unknown_reporters_are_created_and_unknown_people_are_not_officials(newsroom):
    result = import_edition(VARIANT, edition_date=DATE)

    created = {(r.name, r.kind) for r in result.new_reporters}
    assert ("李文", "reporter") in created and ("陈晨", "photographer") in created
    assert ("孙扩龙", "correspondent") not in created  # already known
    assert not Official.objects.filter(name__in=["李文", "张强", "赵雪"]).exists()
    third = Article.objects.get(title="马寨镇开展消防演练")
    assert [d.name for d in third.departments.all()] == ["马寨镇"]


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_page_is_refused(text):
    with pytest.raises(EditionError, match="空的"):
        parse_edition(text)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("只有一行字，没有电头，也没有标题。\n\n也没有本报讯。", (1, 3)),
        ("本报讯 开头就是正文。\n", (1, 1)),
        ("标题\n\n本报讯 正文。\n\n本报讯 又一段正文却没有标题。", (5, 5)),
    ],
)
def test_text_without_a_headline_is_kept_for_a_person_with_its_lines(text, lines):
    page = parse_page(text)

    assert [(b.line, b.end_line) for b in page.unplaced] == [lines]
    assert "没有标题" in page.unplaced[0].reason


def test_what_cannot_be_placed_becomes_a_flagged_draft_and_the_rest_imports(
    newsroom,
):
    text = "本报讯 一段没有标题的正文。\n\n" + fixture_page()

    result = import_edition(text, edition_date=DATE, page_number=1)

    assert len(result.created) == 3
    (flagged,) = result.flagged
    assert flagged.title == "需人工处理：第1版第1行"
    assert "一段没有标题的正文" in flagged.body
    assert "原文第 1–1 行" in flagged.import_notes
    assert flagged.status == Article.Status.DRAFT
    again = import_edition(text, edition_date=DATE, page_number=1)
    assert not again.drafts


def test_an_article_that_does_not_fit_its_fields_is_kept_whole_and_flagged(newsroom):
    # Three long captions: more than the 300 characters of the caption field.
    caption = "图为群众在现场观看" + "展板" * 70 + "。"
    text = f"主题一行\n\n本报讯 正文第一段。\n\n{caption}\n\n{caption}\n\n{caption}\n\n"

    result = import_edition(text + fixture_page(), edition_date=DATE)

    (flagged,) = result.flagged
    assert flagged.title == "需人工处理：主题一行"
    assert "正文第一段" in flagged.body and flagged.body.count("展板" * 70) == 3
    assert "图片说明" in flagged.import_notes and "原文第 1" in flagged.import_notes
    assert Article.objects.filter(edition_date=DATE).count() == 4


def test_names_that_cannot_be_split_surely_are_flagged_not_made_into_a_person(
    newsroom,
):
    text = "社区开展义诊活动\n\n本报讯（通讯员王芳李文华）5月8日，社区开展义诊活动。\n"

    result = import_edition(text, edition_date=DATE)

    (article,) = result.created
    assert not article.bylines.exists()
    assert "王芳李文华" in article.import_notes
    assert not Reporter.objects.filter(name__in=["王芳李文华", "王芳", "文华"]).exists()


def test_printed_roles_round_trip_to_the_public_byline(newsroom):
    text = (
        "社区开展义诊活动\n\n本报讯（首席记者 沈嘉禾 区融媒体中心记者 何一鸣）"
        "5月8日，社区开展义诊活动。\n"
    )

    (article,) = import_edition(text, edition_date=DATE).created

    assert article.byline_text() == "首席记者 沈嘉禾 区融媒体中心记者 何一鸣"
    assert [b.role for b in article.bylines.all()] == ["reporter", "reporter"]


def test_not_utf8_nor_chinese_is_refused_naming_the_line():
    data = "第一行\n第二行\n".encode() + "Grüße".encode("latin-1")

    with pytest.raises(EditionError, match="第 3 行不是 UTF-8"):
        decode(data)
    assert decode("\ufeff标题".encode()) == "标题"  # a BOM is fine


def test_an_import_is_all_or_nothing(newsroom, monkeypatch):
    from articles.editorial.importer import store

    calls = []

    def failing(article, bylines, result):
        calls.append(article)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(article, bylines, result)

    original = store._add_bylines
    monkeypatch.setattr(store, "_add_bylines", failing)

    with pytest.raises(RuntimeError):
        import_edition(sample_text(), edition_date=DATE)

    assert not Article.objects.filter(edition_date=DATE).exists()


def test_departments_inside_a_leaders_title_are_not_linked(newsroom):
    from articles.editorial.linking import find_entities

    officials, departments = find_entities("二七区人大常委会主任吕安民出席。")

    assert [o.name for o in officials] == ["吕安民"]
    assert departments == []
    assert Department.objects.filter(name="区人大常委会").exists()
    assert Position.objects.filter(official__name="吕安民").exists()


def test_the_preview_shows_findings_links_notes_and_unplaced_text_before_saving(
    make_user, client, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from newsroom import roles
    from tests.helpers import IMPORT_DATA, load_roster

    load_roster(settings)
    text = "一段没有标题的正文。\n\n" + (IMPORT_DATA / "planted-errors.txt").read_text(
        encoding="utf-8"
    )
    client.force_login(make_user(roles.EDITOR, "desk-editor"))
    before = Article.objects.count()

    html = client.post(
        reverse("admin:articles_article_import"),
        {
            "file": SimpleUploadedFile("page.txt", text.encode("gb18030")),
            "edition_date": "2024-05-08",
            "page_number": "1",
            "dry_run": "on",
        },
    ).content.decode()

    assert Article.objects.count() == before
    assert "预览：将导入 2 篇" in html and "另有 1 段文字需人工处理" in html
    assert "第 1–1 行" in html  # the unplaced block, with its lines
    assert "必须修改：疑似领导姓名有误" in html and "韩立锋" in html
    assert "领导：苏明远、邵建华、罗静怡、韩立峰、程国栋" in html and "部门：" in html
    assert "记者 林晓" in html


def test_flagged_drafts_are_listed_and_show_their_notes_first(newsroom, make_user):
    from django.urls import reverse

    from newsroom import roles

    text = "本报讯 一段没有标题的正文。\n\n" + fixture_page()
    import_edition(text, edition_date=DATE, page_number=1)
    client = Client()
    client.force_login(make_user(roles.EDITOR, "desk-editor"))
    changelist = reverse("admin:articles_article_changelist")

    listed = client.get(changelist, {"attention": "yes"}).content.decode()
    flagged = Article.objects.get(title="需人工处理：第1版第1行")

    assert "需人工处理：第1版第1行" in listed
    first = parse_edition(fixture_page())[0].title
    assert first not in listed
    page = client.get(
        reverse("admin:articles_article_change", args=[flagged.pk])
    ).content.decode()
    assert "导入提示：需人工核对" in page and "原文第 1–1 行" in page
    plain = Article.objects.get(title=first)
    page = client.get(reverse("admin:articles_article_change", args=[plain.pk]))
    assert "导入提示：需人工核对" not in page.content.decode()
