"""双随机: the draw of enterprises and inspectors, reproducible by anyone from the published seed and inputs.

Algorithm `sha256-rank-v1`:
1. Each candidate enterprise gets the key SHA-256(seed ":" enterprise_id) (UTF-8, lowercase hex); enterprises are
   sorted by key (then id) and the first `count` are drawn; a percentage draws ceil(percent × candidates / 100).
2. For each drawn enterprise, in drawn order, each candidate inspector without a declared conflict with it gets the
   key SHA-256(seed ":" enterprise_id ":" inspector_id); the first `inspectors_per_enterprise` by key are drawn.
Candidates are sorted before publication, so their order in the event plays no part.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import FieldProblem, InvalidInput
from enforcement.domain.problems import refuse

ALGORITHM = "sha256-rank-v1"


@dataclass(frozen=True)
class Selection:
    enterprise_id: str
    inspector_ids: tuple[str, ...]


def _key(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode("utf-8")).hexdigest()


def count_for(percent: int, candidates: int) -> int:
    """How many a percentage draws: rounded up, so 20% of 7 is 2 (a target of ≥ 20% is met)."""
    return math.ceil(percent * candidates / 100)


def draw(seed: str, enterprise_ids: Iterable[str], inspector_ids: Iterable[str],
         exclusions: Iterable[tuple[str, str]], count: int, inspectors_per_enterprise: int) -> list[Selection]:
    """The draw's result; `exclusions` are (inspector_id, enterprise_id) pairs that may not meet."""
    excluded = set(exclusions)
    ranked = sorted(set(enterprise_ids), key=lambda e: (_key(seed, e), e))[:count]
    inspectors: Sequence[str] = sorted(set(inspector_ids))
    selections = []
    for enterprise_id in ranked:
        allowed = [i for i in inspectors if (i, enterprise_id) not in excluded]
        chosen = sorted(allowed, key=lambda i: (_key(seed, enterprise_id, i), i))[:inspectors_per_enterprise]
        selections.append(Selection(enterprise_id, tuple(chosen)))
    return selections


def draw_checked(seed: str, enterprise_ids: Iterable[str], inspector_ids: Iterable[str],
                 exclusions: Iterable[tuple[str, str]], count: int, inspectors_per_enterprise: int) -> list[Selection]:
    """`draw` on inputs anyone gives (the public verification), refused as a published draw would be: a count beyond
    the candidates or an enterprise left without enough unconflicted inspectors is a 422, not a shorter answer."""
    enterprises = set(enterprise_ids)
    if count > len(enterprises):
        refuse([FieldProblem("count", f"抽取数量应在 0 到候选企业数 {len(enterprises)} 之间, 得到 {count}")])
    selections = draw(seed, enterprises, inspector_ids, exclusions, count, inspectors_per_enterprise)
    short = [s.enterprise_id for s in selections if len(s.inspector_ids) < inspectors_per_enterprise]
    if short:
        refuse([FieldProblem("inspectors_per_enterprise",
                             f"{len(short)} 家企业无法配齐 {inspectors_per_enterprise} 名无利害关系的检查人员: {short[0]}")])
    return selections


@dataclass(frozen=True)
class RandomDrawPublished:
    draw_id: str
    campaign_id: str
    jurisdiction_code: str
    algorithm: str
    seed: str
    percent: int
    count: int
    inspectors_per_enterprise: int
    candidate_enterprise_ids: tuple[str, ...]
    candidate_inspector_ids: tuple[str, ...]
    exclusions: tuple[tuple[str, str], ...]
    selections: tuple[Selection, ...]

    def recomputed(self) -> list[Selection]:
        """The result the published inputs give, for anyone to compare with `selections`."""
        return draw(self.seed, self.candidate_enterprise_ids, self.candidate_inspector_ids, self.exclusions,
                    self.count, self.inspectors_per_enterprise)


ALL_EVENTS = (RandomDrawPublished,)


class RandomDraw(Aggregate):
    """一次随机抽取: made and published at once, never changed."""

    def _init_state(self) -> None:
        self.published: RandomDrawPublished | None = None

    @classmethod
    def make(cls, draw_id: str, campaign_id: str, jurisdiction_code: str, seed: str, percent: int | None,
             count: int | None, inspectors_per_enterprise: int, enterprise_ids: Iterable[str],
             inspector_ids: Iterable[str], exclusions: Iterable[tuple[str, str]]) -> RandomDraw:
        enterprises = tuple(sorted(set(enterprise_ids)))
        inspectors = tuple(sorted(set(inspector_ids)))
        pairs = tuple(sorted({(i, e) for i, e in exclusions if i in inspectors and e in enterprises}))
        problems = []
        if (percent is None) == (count is None):
            problems.append(FieldProblem("percent", "须给出比例 percent 或数量 count 之一"))
        if not seed.strip():
            problems.append(FieldProblem("seed", "随机种子不能为空"))
        if not enterprises:
            problems.append(FieldProblem("campaign_id", "抽取范围内没有在册的专项行动范围内企业"))
        wanted = count if count is not None else count_for(percent or 0, len(enterprises))
        if enterprises and not 1 <= wanted <= len(enterprises):
            problems.append(FieldProblem("count" if count is not None else "percent",
                                         f"抽取数量应在 1 到候选企业数 {len(enterprises)} 之间, 得到 {wanted}"))
        refuse(problems)
        selections = tuple(draw(seed, enterprises, inspectors, pairs, wanted, inspectors_per_enterprise))
        short = [s.enterprise_id for s in selections if len(s.inspector_ids) < inspectors_per_enterprise]
        if short:
            raise InvalidInput(f"可抽取的检查人员不足: {len(short)} 家企业无法配齐 {inspectors_per_enterprise} 名无利害关系的检查人员",
                               [FieldProblem("inspectors_per_enterprise",
                                             f"候选检查人员 {len(inspectors)} 名, 排除利害关系后不足")])
        result = cls(draw_id)
        result._init_state()
        result._record(RandomDrawPublished(
            draw_id, campaign_id, jurisdiction_code, ALGORITHM, seed, percent or 0, wanted, inspectors_per_enterprise,
            enterprises, inspectors, pairs, selections))
        return result

    def apply_RandomDrawPublished(self, event: RandomDrawPublished) -> None:
        self.published = event
