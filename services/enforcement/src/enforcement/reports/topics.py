"""The topics the reports' consumer reads: the hazard, notify and risk-map services' and this service's own streams
that hold facts."""

from __future__ import annotations

from ecosafe_kit.messaging.topics import event_topic
from enforcement.adapters.case_projections import CASE_STREAM
from enforcement.adapters.inspection_projections import INSPECTION_STREAM
from enforcement.reports.oversight import OVERSIGHT_STREAM


# Other services' topics the weekly and daily reports read: notify's reporting obligations and submissions (their
# state), risk-map's incidents (the daily report's content).
FOREIGN_TOPICS = [event_topic("notify", "report-obligation"), event_topic("risk-map", "incident")]


def report_topics(hazard_topic: str) -> list[str]:
    return [hazard_topic, *FOREIGN_TOPICS,
            *(event_topic("enforcement", s) for s in (INSPECTION_STREAM, CASE_STREAM, OVERSIGHT_STREAM))]
