"""What a careless user or a hostile insider fed the importer (each reproduced
against the importer before the fix): nothing lost, nothing bogus, no 500, no
minutes of CPU."""

import datetime
import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.editorial.importer import (
    EditionError,
    bylines,
    import_edition,
    parse_page,
    read,
)
from articles.models import Article
from newsroom import roles
from people.models import Reporter

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 8)
BRIEF = "简讯\n\n本报讯（记者 王芳）5月7日，区里召开{}工作会议。\n\n"


def texts(edition_date=DAY):
    return " ".join(
        a.title + a.body + a.import_notes
        for a in Article.objects.filter(edition_date=edition_date)
    )


def test_two_articles_with_one_title_are_both_kept_and_reimport_adds_nothing():
    page = BRIEF.format("安全生产") + BRIEF.format("防汛")

    first = import_edition(page, edition_date=DAY, page_number=3)
    again = import_edition(page, edition_date=DAY, page_number=3)

    assert len(first.drafts) == 2 and not again.drafts
    assert "安全生产" in texts() and "防汛" in texts()


def test_unplaced_text_of_two_pages_without_page_numbers_is_kept_for_both():
    import_edition("孤立的第一段文字，没有标题。", edition_date=DAY)
    import_edition("孤立的另一段文字，也没有标题。", edition_date=DAY)

    assert "第一段" in texts() and "另一段" in texts()


def test_an_article_kept_as_raw_text_is_not_duplicated_by_a_reimport():
    caption = "图为" + "演练现场的消防队员正在操作设备，" * 25 + "。"
    page = f"区里开展防汛演练\n\n本报讯 5月7日，区里开展防汛演练。\n\n{caption}\n"

    import_edition(page, edition_date=DAY)
    import_edition(page, edition_date=DAY)

    assert Article.objects.filter(title="需人工处理：区里开展防汛演练").count() == 1


def test_an_e_paper_trailer_glued_to_a_sentence_leaves_the_sentence():
    page = (
        "区里召开会议\n\n本报讯 5月7日，区里召开会议。确保安全生产形势稳定。"
        "<!--enpproperty <articleid>123</articleid>-->\n"
    )

    (article,) = parse_page(page).articles

    assert article.paragraphs[-1].endswith("确保安全生产形势稳定。")


@pytest.mark.parametrize(
    "line",
    [
        "返回家乡创业的大学生越来越多，今年已有三十人。",
        "点击量突破十万次，群众纷纷点赞。",
        "扫码即可预约挂号，方便了群众。",
        "打印机等办公设备全部更新。",
        "原标题中的错字已经更正。",
        "设计：全区共设计了十二条健身步道。",
        "全区空气优良天数＞300天，PM2.5浓度下降10%，群众满意度持续提升。",
    ],
)
def test_sentences_that_start_like_page_furniture_stay_in_the_body(line):
    page = f"区里召开会议\n\n本报讯 5月7日，区里召开会议。\n\n{line}\n"

    (article,) = parse_page(page).articles

    assert article.paragraphs[-1] == line.replace("＞", "＞")


@pytest.mark.parametrize(
    "ending", ["（区委宣传部）", "（区法院）", "（连载）", "（区政协）"]
)
def test_offices_and_words_in_closing_parentheses_are_not_reporters(ending):
    page = f"区里召开会议\n\n本报讯 5月7日，区里召开会议。{ending}\n"

    result = import_edition(page, edition_date=DAY)

    assert not result.new_reporters
    assert not Reporter.objects.exists()
    assert ending in texts()


def test_a_list_of_a_hundred_names_is_not_a_byline():
    names = " ".join(f"王{chr(0x4E00 + n)}{chr(0x4E10 + n)}" for n in range(100))

    assert bylines.parse(f"记者 {names}") is None


def test_minority_names_with_a_middle_dot_are_bylines():
    page = (
        "区里召开会议\n\n本报讯（记者 买买提·艾力）5月7日，区里召开会议。\n\n"
        "记者 阿依古丽·买买提\n\n第二篇的标题\n\n本报讯 5月8日，又开了一个会。\n"
    )

    first, second = parse_page(page).articles

    assert [c.name for c in first.credits] == ["买买提·艾力", "阿依古丽·买买提"]
    assert (second.title, second.subtitle) == ("第二篇的标题", "")


def test_a_long_caption_is_read_in_linear_time(monkeypatch):
    calls = []
    real = bylines.parse
    monkeypatch.setattr(bylines, "parse", lambda *a: calls.append(a) or real(*a))
    page = (
        "区里召开会议\n\n本报讯 5月7日，区里召开会议。\n\n图为"
        + "字 " * 10000
        + "记者 王芳 摄\n"
    )

    parse_page(page)

    assert len(calls) < 200  # it was one parse per space: 10,000


def test_a_page_of_thousands_of_articles_is_refused_with_a_message():
    page = "".join(f"标题{n}\n\n本报讯 第{n}篇的正文。\n\n" for n in range(250))

    with pytest.raises(EditionError, match="250 篇稿件"):
        parse_page(page)


def word(build):
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_text_in_word_tables_is_read():
    def build(document):
        document.add_paragraph("区里召开会议")
        document.add_paragraph("本报讯 5月7日，区里召开会议。")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "全区GDP增长"
        table.cell(0, 1).text = "百分之八。"

    assert "全区GDP增长 百分之八。" in read(word(build), "page.docx")


def test_a_word_file_that_unpacks_to_hundreds_of_megabytes_is_refused():
    original = zipfile.ZipFile(io.BytesIO(word(lambda d: d.add_paragraph("正文"))))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(
                    b"</w:body>", b" " * (25 * 1024 * 1024) + b"</w:body>"
                )
            archive.writestr(info.filename, data)

    with pytest.raises(EditionError, match="解压后超过 20 MB"):
        read(bomb.getvalue(), "page.docx")


def test_gbk_copy_with_rare_characters_in_names_is_read():
    page = "区里召开会议\n\n本报讯（记者 王堃 李玥 张喆 刘珺）5月7日，区里召开会议。\n"

    assert read(page.encode("gbk")) == page


def test_a_page_number_out_of_range_is_a_form_error_not_a_500(client, make_user):
    client.force_login(make_user(roles.EDITOR, "desk-editor"))

    response = client.post(
        reverse("admin:articles_article_import"),
        {
            "file": SimpleUploadedFile("p.txt", BRIEF.format("防汛").encode()),
            "edition_date": "2024-05-08",
            "page_number": "100000000000000000000",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "errorlist" in html and "999" in html
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--page", "-3"], "版次应为"), (["--page-name", "版" * 60], "最多 50")],
)
def test_the_command_refuses_bad_placement_with_a_message(tmp_path, arguments, message):
    page = tmp_path / "page.txt"
    page.write_text(BRIEF.format("防汛"), encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        call_command("import_edition", str(page), "--date", "2024-05-08", *arguments)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="空的"):
        call_command("import_edition", str(empty), "--date", "2024-05-08")
