"""The closed loop's state rules: which command each state allows, and where it leads."""

from __future__ import annotations

from ecosafe_kit.errors import Conflict
from hazard.domain.values import State

OPEN_STATES = frozenset({State.reported, State.assigned, State.rectifying, State.verifying})

# command → (states that allow it, state it leads to; None keeps the current state)
TRANSITIONS: dict[str, tuple[frozenset[State], State | None]] = {
    "assign": (frozenset({State.reported}), State.assigned),
    # A revised plan may follow a failed verification, so rectifying allows a new one.
    "submit_plan": (frozenset({State.assigned, State.rectifying}), State.rectifying),
    "record_progress": (frozenset({State.rectifying}), None),
    "complete": (frozenset({State.rectifying}), State.verifying),
    "pass_verification": (frozenset({State.verifying}), None),
    "fail_verification": (frozenset({State.verifying}), State.rectifying),
    "close": (frozenset({State.verifying}), State.closed),
    "list": (OPEN_STATES, None),
    "confirm": (OPEN_STATES, None),
    # A closed hazard's grade is history: regrading it would rewrite who had to sign its closure.
    "regrade": (OPEN_STATES, None),
    "mark_overdue": (frozenset({State.assigned, State.rectifying}), None),
    # Until the bureau has accepted the work, it may give more time (a failed verification returns to rectifying).
    "extend_deadline": (frozenset({State.assigned, State.rectifying, State.verifying}), None),
    # A whistleblower's contact and reward may be needed after 销号 too (to pay the reward, to hear a witness).
    "request_contact_unseal": (frozenset(State), None),
    "flag_reward": (frozenset(State), None),
    "decide_reward": (frozenset(State), None),
}

COMMAND_LABELS = {
    "assign": "交办",
    "submit_plan": "提交整改方案",
    "record_progress": "报告整改进展",
    "complete": "报告整改完成",
    "pass_verification": "督查验收通过",
    "fail_verification": "督查验收不通过",
    "close": "销号",
    "list": "挂牌督办",
    "confirm": "隐患确认",
    "regrade": "重新定级",
    "mark_overdue": "标记逾期",
    "extend_deadline": "整改延期",
    "request_contact_unseal": "申请启封举报人联系方式",
    "flag_reward": "标记举报奖励",
    "decide_reward": "决定举报奖励",
}

_ORDER = [State.reported, State.assigned, State.rectifying, State.verifying, State.closed]


def allowed_states(command: str) -> list[State]:
    """The states that allow `command`, in loop order."""
    allowed, _ = TRANSITIONS[command]
    return [s for s in _ORDER if s in allowed]


def check(command: str, current: State) -> State:
    """The state after `command` from `current`; Conflict naming the states that allow it otherwise."""
    allowed, target = TRANSITIONS[command]
    if current not in allowed:
        names = "、".join(f"{s.label}({s.value})" for s in allowed_states(command))
        raise Conflict(
            f"隐患当前状态为{current.label}({current.value}), 不能{COMMAND_LABELS[command]}; "
            f"仅在以下状态可以{COMMAND_LABELS[command]}: {names}",
            extra={"state": current.value, "command": command,
                   "allowed_states": [s.value for s in allowed_states(command)]},
        )
    return target or current
