"""notify's settings as deployments give them: every variable set, an empty one meaning "not configured"."""

from __future__ import annotations

from notify.settings import Settings


def test_an_empty_mail_server_or_sms_gateway_is_not_configured(monkeypatch):
    for name, value in {"ECOSAFE_SMTP_HOST": "", "ECOSAFE_SMTP_PORT": "25", "ECOSAFE_SMTP_USERNAME": "",
                        "ECOSAFE_SMTP_PASSWORD": "", "ECOSAFE_SMTP_STARTTLS": "false", "ECOSAFE_SMS_GATEWAY_URL": "",
                        "ECOSAFE_SMS_API_KEY": ""}.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    assert (settings.smtp_host, settings.smtp_username, settings.smtp_password) == (None, None, None)
    assert (settings.sms_gateway_url, settings.sms_api_key) == (None, None)
    assert (settings.smtp_port, settings.smtp_starttls) == (25, False)


def test_a_configured_mail_server_and_gateway_are_kept(monkeypatch):
    monkeypatch.setenv("ECOSAFE_SMTP_HOST", "mail.example.cn")
    monkeypatch.setenv("ECOSAFE_SMS_API_KEY", "k-123")
    settings = Settings()
    assert settings.smtp_host == "mail.example.cn" and settings.sms_api_key.get_secret_value() == "k-123"
