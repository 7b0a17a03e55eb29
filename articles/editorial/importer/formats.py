"""Files as copy reaches a newsroom, turned into clean text.

- plain text in UTF-8 (with or without a BOM), UTF-16 with a BOM (Windows
  Notepad's “Unicode”), or GB18030/GBK (what Chinese Windows saves by default);
- Word documents (.docx), read with python-docx, one line per paragraph.

GB18030 decodes almost any bytes, so a file is only taken as GB18030 when what it
decodes to reads as Chinese: at least 80 % of its characters in the common
GB2312 set (names add rarer ones; Big5 read as GB18030 gives about 46 %). A
file that is neither is refused naming the first line that is not UTF-8, rather
than imported as mojibake.
"""

import io
import re
import zipfile

import docx

from ..sanitizer import remove_invisible

DOCX_MAGIC = b"PK\x03\x04"


class EditionError(ValueError):
    """Input that cannot be imported; the message names the line."""


def decode(data):
    """Bytes of a text file → str, choosing the encoding as described above."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise EditionError("文件标明是 UTF-16 编码，但内容已损坏。") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and reads_as_chinese(text):
        return text
    line = data[: utf8_error.start].count(b"\n") + 1
    raise EditionError(
        f"第 {line} 行不是 UTF-8 编码的文字，也不像 GBK/GB18030 编码的中文，"
        "请另存为 UTF-8 后再导入。"
    ) from utf8_error


def reads_as_chinese(text):
    """True when the non-ASCII characters are mostly (80 %) common Chinese ones."""
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not wide:
        return True
    common = 0
    for character in wide:
        try:
            character.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    # Names use characters outside GB2312 (堃 玥 喆): allow some; text of another
    # encoding read as GB18030 is mostly rare characters.
    return common / len(wide) >= 0.8


# A page of text is well under this; a Word file that unpacks to more is a
# compression bomb (a 1.4 MB file can hold 900 MB of XML), refused before parsing.
DOCX_XML_LIMIT = 20 * 1024 * 1024
TEXT_LIMIT = 2 * 1024 * 1024  # characters: the plain-text upload's own limit


def docx_text(data):
    """The paragraphs of a Word document (table cells too), one per line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception as error:
        raise EditionError(
            "无法读取这个 Word 文档（.docx），文件可能已损坏。"
        ) from error
    if unpacked > DOCX_XML_LIMIT:
        raise EditionError(
            "这个 Word 文档解压后超过 20 MB，不像一个版面的文字，请检查文件。"
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # zipfile, KeyError, lxml: a broken or crafted file
        raise EditionError(
            "无法读取这个 Word 文档（.docx），文件可能已损坏。"
        ) from error
    lines = []
    for paragraph in document.paragraphs:
        lines += [paragraph.text, ""]
    for table in document.tables:
        # Text in tables is copy too (a table of figures, a boxed note).
        for row in table.rows:
            lines += [" ".join(cell.text for cell in row.cells), ""]
    text = "\n".join(lines)
    if len(text) > TEXT_LIMIT:
        raise EditionError(
            "这个 Word 文档的文字超过 200 万字，不像一个版面，请检查文件。"
        )
    return text


def read(data, name=""):
    """An uploaded file's bytes → text, whatever format it came in."""
    if data.startswith(DOCX_MAGIC) or name.lower().endswith(".docx"):
        if not data.startswith(DOCX_MAGIC):
            raise EditionError("文件名是 .docx，但内容不是 Word 文档。")
        text = docx_text(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise EditionError(
            "这是旧版 Word 文档（.doc），请在 Word 中另存为 .docx 再导入。"
        )
    else:
        text = decode(data)
    return normalize(text)


def normalize(text):
    """Line endings, invisible characters and odd spaces, as one plain text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = remove_invisible(text)
    text = re.sub(r"[\u00a0\u2002-\u200a\u202f\u205f]", " ", text)
    if "\x00" in text:
        raise EditionError("文件中含有空字符（NUL），不是纯文本文件。")
    return text
