"""The delivery worker as the service runs it: its senders built from the settings, polling until stopped."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone

from sqlalchemy.engine import Engine

from notify.adapters.channels.dingtalk import DingTalkSender
from notify.adapters.channels.mail import EmailSender
from notify.adapters.channels.sms import SmsSender
from notify.adapters.channels.webhook import WebhookSender
from notify.adapters.channels.wecom import WeComSender
from notify.domain.delivery import Backoff
from notify.service_layer.delivery import DeliveryWorker
from notify.settings import Settings

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def build_worker(engine: Engine, settings: Settings, clock=utcnow) -> DeliveryWorker:
    timeout = settings.channel_timeout_seconds
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    sms_key = settings.sms_api_key.get_secret_value() if settings.sms_api_key else None
    senders = {
        "webhook": WebhookSender(timeout), "wecom": WeComSender(timeout), "dingtalk": DingTalkSender(timeout),
        "email": EmailSender(settings.smtp_host, settings.smtp_port, settings.smtp_sender, timeout,
                             settings.smtp_starttls, settings.smtp_username, password),
        "sms": SmsSender(settings.sms_gateway_url, sms_key, timeout),
    }
    backoff = Backoff(settings.delivery_max_attempts, settings.delivery_first_backoff_seconds,
                      settings.delivery_max_backoff_seconds)
    return DeliveryWorker(engine, senders, clock, backoff, lease_seconds=max(60.0, 3 * timeout))


def delivery_loop(settings: Settings):
    """The ServiceSpec worker: look for due deliveries every few seconds until the service stops."""

    def deliver(engine: Engine, stop: threading.Event) -> None:
        worker = build_worker(engine, settings)
        try:
            while not stop.is_set():
                try:
                    worker.run_once()
                except Exception:
                    # A failed look (database restarting) is logged and tried again at the next interval.
                    log.exception("claiming due deliveries failed")
                stop.wait(settings.delivery_poll_seconds)
        finally:
            worker.close()

    return deliver
