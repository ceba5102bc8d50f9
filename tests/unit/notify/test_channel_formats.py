"""The channels' wire formats: webhook signature, 钉钉 加签 URL, 企业微信 markdown, SMS text; the back-off."""

import base64
import hashlib
import hmac
import json
import urllib.parse
from datetime import datetime, timedelta, timezone

from notify.adapters.channels import markdown
from notify.adapters.channels.dingtalk import dingtalk_body, signed_url
from notify.adapters.channels.sms import sms_text
from notify.adapters.channels.webhook import signature
from notify.adapters.channels.wecom import wecom_body
from notify.domain.channels import ChannelSpec, OutgoingMessage, problems_of
from notify.domain.delivery import Backoff

MESSAGE = OutgoingMessage(notification_id="n-1", delivery_id="d-1", event_type="incident.reported", subject_id="i-1",
                          jurisdiction_code="140525", title="突发环境事件报告: 甲醇泄漏事件",
                          body="事件: 突发环境事件报告\n地点: 某化工 (辖区 140525)\n处置: 立即响应\n详情: https://x/i-1",
                          link="https://x/i-1", urgent=True, drill=False)


def test_the_webhook_signature_is_hmac_sha256_over_timestamp_dot_body():
    expected = hmac.new(b"k" * 16, b"1700000000.{}", hashlib.sha256).hexdigest()
    assert signature("k" * 16, "1700000000", b"{}") == f"sha256={expected}"


def test_the_dingtalk_signed_url_carries_timestamp_and_url_encoded_base64_sign():
    url = signed_url("https://oapi.dingtalk.com/robot/send?access_token=t", "SECabc", 1700000000000)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    digest = hmac.new(b"SECabc", b"1700000000000\nSECabc", hashlib.sha256).digest()
    assert query["timestamp"] == ["1700000000000"] and query["access_token"] == ["t"]
    assert query["sign"] == [base64.b64encode(digest).decode()]
    body = json.loads(dingtalk_body(MESSAGE))
    assert body["msgtype"] == "markdown" and body["markdown"]["title"] == MESSAGE.title


def test_robot_markdown_shows_urgency_every_line_and_the_link_once():
    text = markdown(MESSAGE)
    assert text.startswith("### 【紧急, 请确认】突发环境事件报告")
    assert "地点: 某化工 (辖区 140525)" in text and text.count("https://x/i-1") == 1
    assert text.endswith("[查看详情](https://x/i-1)")
    content = json.loads(wecom_body(MESSAGE))["markdown"]["content"]
    assert content == text
    long = OutgoingMessage(**{**MESSAGE.__dict__, "body": "很长的描述" * 2000})
    assert len(json.loads(wecom_body(long))["markdown"]["content"].encode()) <= 4096


def test_sms_is_short_and_carries_the_link():
    text = sms_text(MESSAGE)
    assert text == "【生态环境安全】【紧急, 请确认】突发环境事件报告: 甲醇泄漏事件。详情: https://x/i-1"


def test_back_off_doubles_up_to_its_limit_then_gives_up():
    now = datetime(2026, 12, 6, tzinfo=timezone.utc)
    backoff = Backoff(max_attempts=4, first_seconds=30, max_seconds=90)
    assert [backoff.next_attempt(a, now) - now for a in (1, 2, 3)] == [
        timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=90)]
    assert backoff.next_attempt(4, now) is None


def test_channel_targets_are_checked_per_kind():
    assert problems_of(ChannelSpec("群", "140525", "dingtalk", "https://oapi.dingtalk.com/robot/send")) == []
    assert [p.field for p in problems_of(ChannelSpec("短信", "140525", "sms", "138-0000"))] == ["target"]
    assert [p.field for p in problems_of(ChannelSpec("x", "140525", "pager", "1"))] == ["kind"]
