"""E-mail over SMTP (stdlib smtplib): plain-text Chinese message, optional STARTTLS and login."""

from __future__ import annotations

import smtplib
import socket
from email.message import EmailMessage
from email.utils import make_msgid

from notify.adapters.channels import SendFailed
from notify.domain.channels import OutgoingMessage


class EmailSender:
    def __init__(self, host: str | None, port: int, sender: str, timeout: float, starttls: bool = False,
                 username: str | None = None, password: str | None = None) -> None:
        self.host = host
        self.port = port
        self.sender = sender
        self.timeout = timeout
        self.starttls = starttls
        self.username = username
        self.password = password

    def send(self, target: str, secret: str | None, message: OutgoingMessage) -> str:
        if not self.host:
            raise SendFailed("未配置邮件服务器 (ECOSAFE_SMTP_HOST)")
        mail = EmailMessage()
        prefix = ("【可能重复】" if message.possible_duplicate else "") + ("【紧急, 请确认】" if message.urgent else "")
        mail["Subject"] = prefix + message.title
        mail["From"] = self.sender
        mail["To"] = target
        mail["Message-ID"] = make_msgid(idstring=message.delivery_id)
        mail.set_content(message.body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password or "")
                refused = smtp.send_message(mail)
        except (smtplib.SMTPException, OSError, socket.timeout) as exc:
            raise SendFailed(f"邮件发送失败: {exc}") from exc
        if refused:
            raise SendFailed(f"收件人被拒绝: {', '.join(refused)}")
        return "SMTP 250"
