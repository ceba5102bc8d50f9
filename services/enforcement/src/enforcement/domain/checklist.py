"""The spot-check items of seed 003's 调度表 (对企业自查自改进行抽查检查情况, rows 2-8): each names a problem found."""

from __future__ import annotations

ITEMS: dict[str, str] = {
    "principal_not_studied": "企业主要负责人未按要求亲自研究排查整治工作",
    "principal_not_leading_checks": "企业主要负责人未带队检查",
    "no_responsibility_list": "企业未制定分管负责人职责清单",
    "no_safety_organisation": "企业未依法建立安全管理机构和配足安全管理人员",
    "uncertified_special_operations": "电焊等特种作业岗位人员无证上岗作业",
    "chaotic_outsourcing": "外包外租安全管理混乱",
    "no_drills": "未按规定开展应急演练、员工不熟悉逃生出口",
}
