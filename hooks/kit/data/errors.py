"""Data problems: one record per problem, printed yamllint style, in Chinese."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    path: str
    message: str
    level: str = "错误"

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.col}: {self.level}: {where}{self.message}"


@dataclass
class Report:
    """Collects every problem of a run so editors see all of them at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, col: int, path: str, message: str) -> None:
        # one problem, one line: a value quoted in the message may hold line breaks
        message = message.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "↵")
        self.problems.append(Problem(file, line, col, path, message))

    def extend(self, other: "Report") -> None:
        self.problems.extend(other.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def lines(self) -> list[str]:
        return [str(p) for p in sorted(set(self.problems))]


class DataInvalid(Exception):
    """Raised when data has problems; carries the full report."""

    def __init__(self, report: Report):
        self.report = report
        lines = report.lines()
        super().__init__("\n".join(lines + [f"共发现 {len(lines)} 个数据错误，网站未生成。请按提示修改后重试。"]))
