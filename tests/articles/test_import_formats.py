"""Files as copy reaches a newsroom: encodings, line endings, Word documents."""

import io

import docx
import pytest

from articles.editorial.importer import EditionError, parse_edition, read
from articles.editorial.importer.formats import decode

PAGE = (
    "柳塘镇举办农技培训班\n\n"
    "本报讯（记者 林晓）5月7日，柳塘镇举办春季农技培训班，百余名种植户参加。\n\n"
    "培训围绕病虫害防治展开，专家现场答疑。\n\n"
    "记者 林晓\n\n"
    "青枫街道启用便民服务站\n\n"
    "本网讯 5月8日，青枫街道便民服务站启用，居民可就近办理十二项业务。\n"
)


def titles(text):
    return [a.title for a in parse_edition(text)]


def test_utf8_with_and_without_a_bom_reads_the_same():
    assert read(PAGE.encode()) == read(b"\xef\xbb\xbf" + PAGE.encode())
    assert titles(read(PAGE.encode())) == [
        "柳塘镇举办农技培训班",
        "青枫街道启用便民服务站",
    ]


def test_gbk_is_detected():
    text = read(PAGE.encode("gbk"))
    assert text == PAGE
    assert parse_edition(text)[0].credits[0].name == "林晓"


def test_gb18030_beyond_gbk_is_detected():
    # 䶮 (U+4DAE) and 𠀾 are outside GBK; GB18030 encodes them in four bytes.
    page = PAGE.replace("林晓", "林䶮").replace("便民服务站启用", "便民服务站启用𠀾")
    data = page.encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        page.encode("gbk")
    assert read(data) == page


def test_utf16_from_notepad_is_read():
    assert read(PAGE.encode("utf-16")) == PAGE


def test_windows_line_endings_and_full_width_spaces():
    text = read(PAGE.replace("\n", "\r\n").replace(" ", "\u3000").encode("gbk"))
    articles = parse_edition(text)
    assert [a.title for a in articles] == [
        "柳塘镇举办农技培训班",
        "青枫街道启用便民服务站",
    ]
    assert articles[0].paragraphs[0].startswith("5月7日，柳塘镇")
    assert all("\r" not in p for a in articles for p in a.paragraphs)


def test_bytes_that_are_neither_utf8_nor_chinese_are_refused_naming_the_line():
    latin = "第一行\n".encode() + "Grüße, café déjà vu\n".encode("latin-1") * 3
    with pytest.raises(EditionError, match="第 2 行不是 UTF-8"):
        decode(latin)
    with pytest.raises(EditionError):
        read(bytes(range(128, 256)) * 4)


def test_invisible_characters_are_removed_from_imported_copy():
    text = read(PAGE.replace("农技", "农\u200b技\u00ad").encode())
    assert "\u200b" not in text and "\u00ad" not in text
    assert titles(text)[0] == "柳塘镇举办农技培训班"


def test_a_nul_byte_is_refused():
    with pytest.raises(EditionError, match="空字符"):
        read(PAGE.encode() + b"\x00")


def word_file(paragraphs):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_document_is_read_paragraph_by_paragraph():
    data = word_file([line for line in PAGE.split("\n") if line])

    articles = parse_edition(read(data, "page.docx"))

    assert [a.title for a in articles] == [
        "柳塘镇举办农技培训班",
        "青枫街道启用便民服务站",
    ]
    assert [c.as_tuple() for c in articles[0].credits] == [("记者", "林晓", "")]
    assert len(articles[0].paragraphs) == 2


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"PK\x03\x04 not really a zip", "page.docx", "无法读取这个 Word 文档"),
        (PAGE.encode(), "page.docx", "不是 Word 文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "page.doc", "另存为 .docx"),
    ],
)
def test_broken_or_old_word_files_get_a_clear_message(data, name, message):
    with pytest.raises(EditionError, match=message):
        read(data, name)


def test_big5_is_not_guessed_as_gbk():
    traditional = "區委書記今天表示，將繼續推動經濟發展與民生改善，群眾普遍支持。"

    with pytest.raises(EditionError, match="不像 GBK/GB18030"):
        read(traditional.encode("big5"))
