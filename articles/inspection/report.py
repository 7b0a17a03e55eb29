"""What a self-inspection report is made of: checks, each passed, failed or a
warning, with the rows behind it (articles, links, pages)."""

from dataclasses import dataclass, field

PASS = "pass"
FAIL = "fail"
WARN = "warn"
STATUS_LABELS = {PASS: "合格", FAIL: "不合格", WARN: "提示"}
# The report's sections, in the order it prints them.
SECTIONS = ["栏目更新", "内容审校", "链接", "网站标识与安全"]


@dataclass
class Check:
    section: str
    name: str
    rule: str
    status: str
    detail: str = ""
    columns: list = field(default_factory=list)  # the rows' headings
    rows: list = field(default_factory=list)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def passed(section, name, rule, detail=""):
    return Check(section, name, rule, PASS, detail)


def outcome(section, name, rule, *, problems, detail="", columns=(), warn=False):
    """A check that fails (or only warns) when ``problems`` (rows) is not empty."""
    status = PASS if not problems else WARN if warn else FAIL
    return Check(section, name, rule, status, detail, list(columns), list(problems))


def checks_of(report):
    """The stored report's checks as ``Check`` objects, for templates and export."""
    return [Check(**data) for data in report.data.get("checks", [])]
