"""The delivery worker as the service runs it: its senders built from the settings, polling until stopped."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from notify.adapters.channels.dingtalk import DingTalkSender
from notify.adapters.channels.mail import EmailSender
from notify.adapters.channels.sms import SmsSender
from notify.adapters.channels.webhook import WebhookSender
from notify.adapters.channels.wecom import WeComSender
from notify.domain.delivery import Backoff
from notify.domain.times import utcnow
from notify.entrypoints.workers import polling
from notify.service_layer.delivery import DeliveryWorker
from notify.settings import Settings


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
    return polling("deliver", lambda engine: build_worker(engine, settings), settings.delivery_poll_seconds)
