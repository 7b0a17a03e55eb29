import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles import services
from articles.editorial import checks
from articles.editorial.importer import parse_edition
from articles.models import Article, ReviewLog, SensitiveWord
from newsroom import roles
from people.models import Department, Official
from tests.factories import ArticleFactory, demo_people
from tests.samples import read_sample

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 11, 24)


@pytest.fixture
def newsroom():
    demo_people()


def all_checks(text, date=DAY):
    return [
        *checks.check_titles(text, date),
        *checks.check_order(text, date),
        *checks.check_words(text),
        *checks.check_personal_data(text),
    ]


def valid_id(prefix="41010219800101123"):
    total = sum(int(d) * w for d, w in zip(prefix, checks.ID_WEIGHTS, strict=True))
    return prefix + checks.ID_CHECK[total % 11]


def luhn_number(prefix="622202123456789012"):
    for last in "0123456789":
        if checks.luhn_valid(prefix + last):
            return prefix + last
    raise AssertionError


def test_the_samples_correct_text_raises_no_finding(newsroom):
    SensitiveWord.objects.create(word="绝对禁止的词", level="block")
    for article in parse_edition(read_sample()):
        text = "\n".join([article.title, article.subtitle, article.body_text])
        assert all_checks(text) == [], article.title


def test_a_wrong_title_is_reported_with_the_expected_one(newsroom):
    findings = checks.check_titles("11月24日，区长樊惠林带队调研。", DAY)

    assert len(findings) == 1
    assert findings[0].severity == "block"
    assert "樊惠林印作“区长”" in findings[0].message
    assert "应为“区委书记”" in findings[0].message
    assert findings[0].suggestion == "区委书记樊惠林"


def test_titles_are_checked_against_the_articles_date(newsroom):
    from people.models import Official, Position

    official = Official.objects.get(name="王潜")
    Position.objects.filter(official=official).update(
        start_date=datetime.date(2023, 6, 1)
    )
    Position.objects.create(
        official=official,
        title="副区长",
        rank=80,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2023, 5, 31),
    )
    text = "区委常委、副区长王潜出席。"

    assert checks.check_titles(text, DAY) == []
    old = checks.check_titles(text, datetime.date(2023, 3, 1))
    assert len(old) == 1 and "应为“副区长”" in old[0].message
    assert checks.check_titles("副区长王潜出席。", datetime.date(2023, 3, 1)) == []
    before = checks.check_titles(text, datetime.date(2019, 1, 1))
    assert "没有任职记录" in before[0].message


def test_a_shortened_but_correct_title_is_accepted(newsroom):
    assert checks.check_titles("副区长王潜、区长虎荣鑫出席。", DAY) == []


@pytest.mark.parametrize(
    "text",
    [
        "郑州市二七区委书记樊惠林出席。",
        "二七区委书记樊惠林、二七区委副书记、区长虎荣鑫出席。",
        "该区区长虎荣鑫主持会议。",
        "本区副区长王潜介绍情况。",
        "二七区人民政府区长虎荣鑫、区政府副区长王潜参加。",
        "郑州市二七区人民政府区长虎荣鑫出席。",
        "二七区人大常委会主任吕安民带队调研。",
    ],
)
def test_the_districts_own_names_before_a_title_raise_nothing(newsroom, text):
    assert checks.check_text(text, DAY) == []


def test_the_district_comes_from_settings_not_code(newsroom, settings):
    settings.DISTRICT_NAMES = ["金水区"]

    assert checks.check_titles("金水区委书记樊惠林出席。", DAY) == []
    assert len(checks.check_titles("中原区委书记樊惠林出席。", DAY)) == 1


def test_an_official_may_carry_the_name_of_the_district_of_their_position(newsroom):
    unit = Department.objects.create(
        name="中原区委", full_name="中共郑州市中原区委员会", kind="party"
    )
    official = Official.objects.create(name="邢远航")
    official.positions.create(
        title="区委书记", rank=5, department=unit, start_date=datetime.date(2020, 1, 1)
    )

    assert (
        checks.check_titles("中原区委书记邢远航、郑州市中原区委书记邢远航。", DAY) == []
    )
    assert len(checks.check_titles("金水区委书记邢远航出席。", DAY)) == 1


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("区委书记樊慧林出席。", "樊慧林"),  # one character off
        ("二七区委书记范惠林出席。", "范惠林"),
        ("区委副书记、区长胡荣新主持。", "胡荣新"),  # two off, same sound
    ],
)
def test_a_near_miss_of_a_leaders_name_after_their_title_blocks(
    newsroom, text, printed
):
    (finding,) = checks.check_names(text, DAY)

    assert finding.severity == "block" and printed in finding.message
    assert finding.suggestion.endswith(("樊惠林", "虎荣鑫"))


@pytest.mark.parametrize(
    "text",
    [
        "村党支部书记樊惠琳介绍了情况。",  # another person, another title
        "区委书记樊惠林出席。",
        "记者樊慧林采访了群众。",  # no leader's title before the name
    ],
)
def test_similar_names_of_other_people_are_not_flagged(newsroom, text):
    assert checks.check_names(text, DAY) == []


@pytest.mark.parametrize(
    "hidden",
    [
        "某\u200b禁用词",
        "某禁\u00ad用词",
        "某禁用\ufe0f词",
        "某\u2060禁用词",
        "某\ufeff禁用词",
    ],
)
def test_a_blocked_word_cannot_hide_behind_invisible_characters(hidden):
    SensitiveWord.objects.create(word="某禁用词", level="block")

    (finding,) = checks.check_words(f"正文里有{hidden}。")

    assert finding.severity == "block"


@pytest.mark.parametrize(
    "number",
    ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678",
     "+86-13812345678", "（+86）13812345678", "１３８１２３４５６７８"],
)  # fmt: skip
def test_mobile_numbers_are_found_however_they_are_written(number):
    (finding,) = checks.check_personal_data(f"联系电话{number}。")

    assert finding.suggestion == "138****5678"


def test_numbers_that_only_look_like_personal_data_are_left_alone():
    text = "2023-11-24，投资1,200万元，电话0371-12345678，编号2024 0508 0001。"

    assert checks.check_personal_data(text) == []


def test_leaders_named_out_of_protocol_order_are_reported(newsroom):
    text = "区委常委、副区长王潜，区委书记樊惠林出席会议。樊惠林讲话。"

    findings = checks.check_order(text, DAY)

    assert len(findings) == 1
    assert "樊惠林应排在王潜之前" in findings[0].message


def test_blocked_and_cautioned_words_are_found():
    SensitiveWord.objects.create(word="某禁用词", level="block", note="不得使用")
    SensitiveWord.objects.create(word="最高级", level="caution")

    findings = checks.check_words("这里有某禁用词，还有最高级的说法，某禁用词又出现。")

    severities = {f.message.split("“")[1].split("”")[0]: f.severity for f in findings}
    assert severities == {"某禁用词": "block", "最高级": "caution"}
    assert "出现 2 次" in [f for f in findings if f.severity == "block"][0].message


def test_personal_data_is_found_and_a_masked_form_suggested():
    good_id = valid_id()
    bad_id = good_id[:-1] + ("0" if good_id[-1] != "0" else "1")
    card = luhn_number()
    text = f"身份证号{good_id}，另一个号码{bad_id}，手机13812345678，银行卡{card}。"

    findings = checks.check_personal_data(text)

    suggestions = sorted(f.suggestion for f in findings)
    assert suggestions == sorted(
        [good_id[:6] + "********" + good_id[-4:], "138****5678", "*" * 15 + card[-4:]]
    )
    assert bad_id[:6] + "********" + bad_id[-4:] not in suggestions


def test_an_18_digit_number_with_a_bad_checksum_is_ignored():
    good = valid_id()
    bad = next(
        good[:-1] + digit
        for digit in "0123456789"
        if good[:-1] + digit != good and not checks.luhn_valid(good[:-1] + digit)
    )
    assert not checks.is_resident_id(bad)

    assert checks.check_personal_data(f"编号{bad}。") == []
    assert len(checks.check_personal_data(f"编号{good}。")) == 1


def test_card_numbers_in_groups_of_four_are_found():
    card = luhn_number("621700001234567890")
    grouped = " ".join(card[i : i + 4] for i in range(0, len(card), 4))

    findings = checks.check_personal_data(f"卡号：{grouped}。")

    assert [f.suggestion[-4:] for f in findings] == [card[-4:]]


class TestApproval:
    @pytest.fixture
    def editor(self, make_user):
        return make_user(roles.EDITOR, "desk-editor")

    def in_review(self, body):
        return ArticleFactory(
            status=Article.Status.IN_REVIEW, body=body, published_at=None
        )

    def test_a_blocked_word_prevents_approval(self, editor):
        SensitiveWord.objects.create(word="某禁用词", level="block")
        article = self.in_review("<p>正文里有某禁用词。</p>")

        with pytest.raises(services.WorkflowError, match="必须修改"):
            services.article_approve(article=article, actor=editor, acknowledge=True)
        article.refresh_from_db()
        assert article.status == Article.Status.IN_REVIEW

    def test_a_wrong_leader_title_blocks_approval(self, editor, newsroom):
        article = self.in_review("<p>区长樊惠林出席会议。</p>")

        with pytest.raises(services.WorkflowError, match="必须修改.*职务有误"):
            services.article_approve(article=article, actor=editor, acknowledge=True)

    def test_a_near_miss_of_a_leaders_name_blocks_approval(self, editor, newsroom):
        article = self.in_review("<p>区委书记樊慧林出席会议。</p>")

        with pytest.raises(services.WorkflowError, match="疑似领导姓名有误"):
            services.article_approve(article=article, actor=editor, acknowledge=True)

    def test_cautions_need_an_acknowledgement_that_is_logged(
        self, editor, newsroom, settings
    ):
        settings.TITLE_CHECK_SEVERITY = "caution"
        article = self.in_review("<p>区长樊惠林出席会议，手机13812345678。</p>")

        with pytest.raises(services.WorkflowError, match="2 条提示"):
            services.article_approve(article=article, actor=editor)
        article = services.article_approve(
            article=article, actor=editor, acknowledge=True
        )

        assert article.status == Article.Status.PUBLISHED
        log = ReviewLog.objects.get(article=article, action="publish")
        assert len(log.acknowledged) == 2
        assert any("区长" in message for message in log.acknowledged)

    def test_findings_and_the_acknowledgement_box_are_on_the_admin_page(
        self, editor, newsroom, settings
    ):
        settings.TITLE_CHECK_SEVERITY = "caution"
        article = self.in_review("<p>区长樊惠林出席会议。</p>")
        client = Client()
        client.force_login(editor)
        url = reverse("admin:articles_article_change", args=[article.pk])

        html = client.get(url).content.decode()
        assert "审校提示（1 条）" in html and "应为“区委书记”" in html
        assert 'name="acknowledge"' in html

        workflow = reverse(
            "admin:articles_article_workflow", args=[article.pk, "approve"]
        )
        client.post(workflow, {"comment": ""})
        article.refresh_from_db()
        assert article.status == Article.Status.IN_REVIEW
        client.post(workflow, {"comment": "已核实", "acknowledge": "1"})
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED


def test_hand_written_article_gets_suggestions_accepted_with_one_click(
    make_user, newsroom
):
    editor = make_user(roles.EDITOR, "desk-editor")
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        author=editor,
        title="区商务局召开座谈会",
        body="<p>区委常委、副区长王潜出席。</p>",
    )
    client = Client()
    client.force_login(editor)

    html = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content
    assert "领导 王潜" in html.decode() and "部门 区商务局" in html.decode()
    data = {
        "official": Official.objects.filter(name="王潜").values_list("pk", flat=True),
        "department": Department.objects.filter(name="区商务局").values_list(
            "pk", flat=True
        ),
    }
    client.post(
        reverse("admin:articles_article_link_entities", args=[article.pk]), data
    )

    assert [o.name for o in article.officials.all()] == ["王潜"]
    assert [d.name for d in article.departments.all()] == ["区商务局"]
    after = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content
    assert "一键关联" not in after.decode()


class TestImportPage:
    url = reverse("admin:articles_article_import")

    def upload(self, client, dry_run, content=None):
        content = content if content is not None else read_sample(binary=True)
        data = {
            "file": SimpleUploadedFile("page.txt", content, content_type="text/plain"),
            "edition_date": "2023-11-24",
            "page_number": "1",
            "page_name": "要闻",
        }
        if dry_run:
            data["dry_run"] = "on"
        return client.post(self.url, data)

    def test_editor_previews_then_imports_a_page(self, make_user, newsroom):
        client = Client()
        client.force_login(make_user(roles.EDITOR, "desk-editor"))
        before = Article.objects.count()

        preview = self.upload(client, dry_run=True).content.decode()
        assert "预览：将导入 6 篇" in preview
        assert Article.objects.count() == before

        done = self.upload(client, dry_run=False).content.decode()
        assert "已导入 6 篇草稿" in done
        assert Article.objects.count() == before + 6
        assert set(
            Article.objects.filter(edition_date=DAY).values_list("status", flat=True)
        ) == {"draft"}

    def test_bad_file_gets_a_clear_message_and_nothing_is_saved(
        self, make_user, newsroom
    ):
        client = Client()
        client.force_login(make_user(roles.EDITOR, "desk-editor"))
        before = Article.objects.count()

        response = self.upload(
            client, dry_run=False, content="标题\n".encode() + b"\xff"
        )

        assert "第 2 行不是 UTF-8" in response.content.decode()
        assert Article.objects.count() == before

    def test_reporters_cannot_import(self, make_user):
        client = Client()
        client.force_login(make_user(roles.REPORTER, "desk-reporter"))
        assert client.get(self.url).status_code == 403


def test_a_long_text_judges_each_printed_name_once(newsroom, monkeypatch):
    """The admin page runs the checks on every load: a body with thousands of
    titled names must not cost thousands of pinyin look-ups per leader."""
    calls = []
    real = checks._pinyin
    monkeypatch.setattr(
        checks, "_pinyin", lambda word: calls.append(word) or real(word)
    )
    text = "区委书记樊慧林出席，副区长张伟强讲话，区长胡荣新参加。" * 500

    findings = checks.check_names(text, DAY)

    assert sorted(f.suggestion[-3:] for f in findings) == ["樊惠林", "虎荣鑫"]
    assert len(calls) <= 10
