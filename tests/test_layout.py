"""The house rules of the code's layout (docs/architecture.md), read from the source.

- dependencies run one way: newsroom ← people ← articles, and no app imports the
  tests or the benchmark;
- no import hides inside a function to dodge a cycle (the few that must wait for
  the app registry, or that load a heavy optional module, are listed with why);
- nothing outside ``articles/services.py`` and migrations assigns an article's
  status;
- the workflow is one table: every transition has a function, a label and a
  message, and the review log has a word for each.
"""

import ast
from pathlib import Path

import pytest

from articles import services
from articles.models import Article, ReviewLog

ROOT = Path(__file__).resolve().parents[1]
APPS = ["newsroom", "people", "articles"]
# What each app may import from the project: the apps before it, never after.
ALLOWED = {
    "newsroom": set(),
    "people": {"newsroom"},
    "articles": {"newsroom", "people"},
}
# Imports that must run inside a function, and why.
LOCAL_IMPORTS = {
    # AppConfig.ready(): models can be imported only once the apps are loaded.
    ("articles/apps.py", "ready"),
    # axes' signals module imports its models.
    ("newsroom/audit.py", "connect_axes"),
    # jieba loads its dictionary on import (a second); only search needs it.
    ("articles/search.py", "tokenizer"),
    # Migrations use the historical app registry.
    ("newsroom/roles.py", "sync_roles_migration"),
}


def modules(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def imported(tree):
    """(top-level package, node) of every import in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node


@pytest.mark.parametrize("app", APPS)
def test_dependencies_run_one_way(app):
    wrong = []
    for path, tree in modules(app):
        for package, node in imported(tree):
            forbidden = set(APPS) - ALLOWED[app] - {app}
            if package in forbidden or package == "tests":
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} → {package}")
    assert wrong == []


def test_no_import_hides_inside_a_function():
    found = set()
    for app in APPS:
        for path, tree in modules(app):
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        found.add((str(path.relative_to(ROOT)), function.name))
    assert found <= LOCAL_IMPORTS, found - LOCAL_IMPORTS


def status_assignments(tree):
    """Lines that set an article's status: ``x.status = …``, ``status=`` given to
    a constructor, ``create``, ``update`` or ``update_or_create``."""
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == "status":
                yield node.lineno
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            setters = {"Article", "create", "update", "update_or_create", "bulk_create"}
            if name in setters and any(k.arg == "status" for k in node.keywords):
                yield node.lineno


def test_only_the_services_assign_an_articles_status():
    found = []
    for app in APPS:
        for path, tree in modules(app):
            if path == ROOT / "articles" / "services.py":
                continue
            found += [f"{path.relative_to(ROOT)}:{n}" for n in status_assignments(tree)]
    assert found == []


def test_the_status_check_sees_an_assignment():
    tree = ast.parse("article.status = 'published'\nArticle(status='draft')")
    assert list(status_assignments(tree)) == [1, 2]


@pytest.mark.parametrize("action", services.WORKFLOW)
def test_every_step_of_the_workflow_is_complete(action):
    step = services.WORKFLOW[action]
    assert step.starts_from and step.starts_from <= set(Article.Status)
    assert step.function.__name__ == f"article_{action}"
    assert step.label and step.button and step.done is not None
    assert action in ReviewLog.Action.values
    if step.comment_required:
        assert step.comment, "a required comment needs a label"


def test_no_html_is_assembled_in_python():
    """Pages come from templates: no mark_safe or format_html outside the admin's
    list columns and the template tag that caches rendered templates."""
    allowed = {"articles/admin/queue.py"}
    found = []
    for app in APPS:
        for path, tree in modules(app):
            names = {
                alias.name
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom)
                for alias in node.names
            }
            risky = names & {"mark_safe", "format_html", "format_html_join"}
            if risky and str(path.relative_to(ROOT)) not in allowed:
                found.append(f"{path.relative_to(ROOT)}: {sorted(risky)}")
    assert found == []
