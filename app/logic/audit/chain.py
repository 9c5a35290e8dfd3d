"""The hash chain's verdict in words (English and Chinese), and digests read from text."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from app.data.kit.audit import ChainCheck, ChainProblem
from app.logic.audit.dto import AuditDigest, ChainFinding, ChainReport
from app.logic.kit.errors import FieldError, ValidationError
from app.logic.kit.fields import Label

# Each says what is wrong with the entry it is about ("entry 12: ...").
TEXTS = {
    "missing": Label("missing, or the entries are out of order", "缺失，或条目顺序错乱"),
    "link": Label("its link to the entry before it is broken", "与前一条的链接已断开"),
    "content": Label("changed after it was written", "写入后被修改"),
    "genesis": Label("the log has no genesis entry: it was emptied or begun again",
                     "日志没有起始条目：日志曾被清空或重新开始"),
    "head_missing": Label("the head (the newest entry's id and hash) is missing",
                          "链头（最新条目的编号和哈希）缺失"),
    "head_ahead": Label("removed: the head names entry {head_id} but the log ends at entry "
                        "{log_id}", "已被删除：链头指向第 {head_id} 条，但日志止于第 {log_id} 条"),
    "head_behind": Label("added without moving the head: the head names entry {head_id}, the "
                         "log goes on to entry {log_id}",
                         "绕过链头写入：链头指向第 {head_id} 条，日志却延续到第 {log_id} 条"),
    "head_differs": Label("its hash differs from the head's: the entry or the head was changed",
                          "哈希与链头不符：该条目或链头被修改过"),
    "recovered_missing": Label("written when the head was missing; the chain went on from "
                               "entry {log_id}", "写入时链头缺失；日志链从第 {log_id} 条继续"),
    "recovered_ahead": Label("written when the head named entry {head_id} but the log ended "
                             "at entry {log_id}: the entries after {log_id} had been removed",
                             "写入时链头指向第 {head_id} 条，但日志止于第 {log_id} 条："
                             "第 {log_id} 条之后的条目已被删除"),
    "recovered_behind": Label("written when the head named entry {head_id} but the log went "
                              "on to entry {log_id}: the entries after {head_id} had been "
                              "added without moving the head",
                              "写入时链头指向第 {head_id} 条，日志却延续到第 {log_id} 条："
                              "第 {head_id} 条之后的条目绕过了链头"),
    "recovered_emptied": Label("written when the log was empty and the head missing: the "
                               "chain began again", "写入时日志为空且链头缺失：日志链重新开始"),
    "recovered_wiped": Label("written when the log was empty but the head named entry "
                             "{head_id}: the entries up to {head_id} had been removed",
                             "写入时日志为空，链头却指向第 {head_id} 条：此前的条目已被删除"),
    "recovered_differs": Label("written when the head's hash differed from entry {log_id}'s",
                               "写入时链头的哈希与第 {log_id} 条不符"),
    "digest_missing": Label("gone, but the digest names it", "已不存在，但摘要记有此条"),
    "digest_changed": Label("differs from the digest: the log was rewritten",
                            "与摘要不符：日志被改写过"),
}
_DIGEST = re.compile(r"\s*(\d+)\s*[:\s]\s*([0-9a-fA-F]{64})\s*")


def describe_finding(finding: ChainFinding, language: str = "en") -> str:
    """What is wrong with the entry ``finding`` is about, in ``language``."""
    kind = finding.kind
    if kind == "recovered":
        kind = "recovered_" + _recovery_kind(finding.values)
    label = TEXTS.get(kind)
    if label is None:
        return kind
    return label.text(language).format(**{k: v if v is not None else "-"
                                          for k, v in finding.values.items()})


def _recovery_kind(values: Mapping[str, object]) -> str:
    """How the head was out of step when a write recovered it (its entry's values)."""
    head_id, log_id = values.get("head_id"), values.get("log_id")
    last = log_id if isinstance(log_id, int) else 0
    if not isinstance(head_id, int):
        return "missing" if last else "emptied"
    if not last and head_id:
        return "wiped"
    return "ahead" if head_id > last else "behind" if head_id < last else "differs"


def chain_report(check: ChainCheck, digest: AuditDigest | None = None) -> ChainReport:
    findings = tuple(_finding(p) for p in check.problems)
    first = check.problem
    return ChainReport(checked=check.checked, intact=not findings,
                       first_bad_id=first.entry_id if first else None,
                       reason=first.reason if first else "", head_hash=check.last_hash,
                       findings=findings, head_id=check.last_id, digest=digest)


def _finding(problem: ChainProblem) -> ChainFinding:
    return ChainFinding(problem.entry_id, problem.kind, dict(problem.values))


def parse_digest(text: str) -> AuditDigest:
    """A digest as ``kehu audit digest`` prints it (``ID:HASH``), or its JSON."""
    found = _DIGEST.fullmatch(text)
    if found is None and text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
            found = _DIGEST.fullmatch(f"{int(data['id'])}:{data['hash']}")
        except (ValueError, KeyError, TypeError):
            found = None
    if found is None:
        raise ValidationError({"digest": FieldError(
            "invalid_digest", "is not an audit digest: want ID:HASH as kehu audit digest "
                              "prints it (a number, a colon, 64 hexadecimal digits)")})
    return AuditDigest(int(found.group(1)), found.group(2).lower())
