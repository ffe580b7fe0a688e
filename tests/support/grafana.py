"""The shipped Grafana dashboard's queries, made checkable by promtool and against /metrics."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
GRAFANA_DIR = REPO / "deploy" / "grafana"
DASHBOARD = GRAFANA_DIR / "dashboards" / "counterclaim.json"
RATE_WINDOW = "5m"  # stands in for Grafana's $__rate_interval
_LABEL_VALUES = re.compile(r"^label_values\(([a-zA-Z_:][\w:]*)\s*,\s*\w+\)$")
OPERATOR_WORDS = {"and", "or", "unless", "bool"}


def dashboard() -> dict[str, Any]:
    return dict(json.loads(DASHBOARD.read_text(encoding="utf-8")))


def panels(board: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every panel that is not a row, rows' collapsed children included."""
    for panel in board["panels"]:
        if panel["type"] == "row":
            yield from panel.get("panels", [])
        else:
            yield panel


def queries(board: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(name, PromQL) for every panel target, named by panel id and refId."""
    for panel in panels(board):
        for target in panel.get("targets", []):
            yield f"panel_{panel['id']}_{target['refId']}", target["expr"]


def as_promql(expr: str) -> str:
    """A panel query with Grafana's variables replaced: a fixed rate window, every worker."""
    text = expr.replace("$__rate_interval", RATE_WINDOW).replace("${worker}", ".*").replace("$worker", ".*")
    if "$" in text:
        raise ValueError(f"unexpected Grafana variable in {expr!r}")
    return text


def recording_rules(board: dict[str, Any]) -> str:
    """Every panel query as a recording rule, for `promtool check rules`."""
    rules = [{"record": f"grafana:{name}", "expr": as_promql(expr)} for name, expr in queries(board)]
    return json.dumps({"groups": [{"name": "grafana-dashboard-queries", "rules": rules}]}, indent=1)


def metric_names(expr: str) -> set[str]:
    """The metric names in a panel query: what is left once label matchers, grouping clauses,
    function names, range windows and operator words are taken out."""
    text = re.sub(r"\{[^}]*\}", "", as_promql(expr))
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", text)
    text = re.sub(r"[a-zA-Z_][\w:]*\s*\(", "(", text)
    text = re.sub(r"\[[^\]]*\]|\boffset\s+\w+", "", text)
    return set(re.findall(r"(?<![\w.])[a-zA-Z_:][\w:]*", text)) - OPERATOR_WORDS


def variable_metrics(board: dict[str, Any]) -> set[str]:
    """Metrics the dashboard's query variables read (label_values(metric, label))."""
    found = set()
    for variable in board["templating"]["list"]:
        if variable["type"] == "query":
            match = _LABEL_VALUES.match(variable["definition"])
            if not match:
                raise ValueError(f"variable {variable['name']}: expected label_values(metric, label)")
            found.add(match.group(1))
    return found
