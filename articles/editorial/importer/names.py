"""Chinese personal names in bylines: what a name looks like, and how a run of
characters printed without separators (通讯员王芳李文华) splits into names.

Names are 2–3 characters (a compound surname makes 3–4); minority names joined
with “·” are longer. A run is split by the reporter roster first, then by the
length of names when that leaves one reading only. Anything else is reported as
ambiguous: the importer flags it for the editor instead of creating a bogus
reporter.
"""

import re

# The common single-character surnames (about 99 % of the population), and the
# compound ones. A name is only taken as one when it starts with a surname, which
# keeps words such as 综合 or 现场 out of bylines.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
    "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐"
    "易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆"
    "农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟"
    "邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠"
    "荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠"
    "豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿"
    "薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅"
    "利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由暴"
)
COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "南宫", "西门", "独孤",
    "百里", "呼延", "万俟", "申屠", "澹台", "太史", "闻人", "赫连", "拓跋", "第五",
}  # fmt: skip
HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
MINORITY_NAME = re.compile(rf"[{HAN}]{{1,8}}(?:·[{HAN}]{{1,8}})+")


def surname_length(text):
    if text[:2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[:1] in SURNAMES else 0


def is_name(text, roster=()):
    """A plausible single personal name: 2–3 characters after a surname, or known."""
    if text in roster:
        return True
    if MINORITY_NAME.fullmatch(text):
        return True
    if not re.fullmatch(rf"[{HAN}]+", text):
        return False
    surname = surname_length(text)
    return bool(surname) and 1 <= len(text) - surname <= 2


def split_run(run, roster=()):
    """The names in a run of characters, or None when it cannot be split surely.

    “景静” → [景静]; “王芳李文” (two names of two) → [王芳, 李文]; “王芳李文华”
    is 2+3 or 3+2 → None, unless the roster knows one of the readings.
    """
    if is_name(run, roster) and (run in roster or len(run) <= 3 or _compound(run)):
        return [run]
    readings = _readings(run, roster)
    known = [r for r in readings if all(name in roster for name in r)]
    if len(known) == 1:
        return known[0]
    # Prefer readings where the roster knows some names; then by length alone.
    partly = [r for r in readings if any(name in roster for name in r)]
    if len(partly) == 1:
        return partly[0]
    if len(readings) == 1 and not known:
        return readings[0]
    return None


def _compound(run):
    return run[:2] in COMPOUND_SURNAMES and len(run) <= 4


def _readings(run, roster, depth=0):
    """Every way to cut ``run`` into plausible names (at most four of them)."""
    if not run:
        return [[]]
    if depth == 4:
        return []
    readings = []
    for length in (2, 3, 4):
        head = run[:length]
        if len(head) < length:
            break
        if length == 4 and not _compound(head) and head not in roster:
            continue
        if not is_name(head, roster):
            continue
        for rest in _readings(run[length:], roster, depth + 1):
            readings.append([head, *rest])
    return readings


def join_padded(tokens):
    """Two-character names padded to three (“周 健”) back into one name."""
    joined, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if len(token) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            joined.append(token + tokens[i + 1])
            i += 2
            continue
        joined.append(token)
        i += 1
    return joined
