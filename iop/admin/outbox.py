"""E-mail for admins: the outbox (waiting, sent, failed, with the last error) with a retry
button, and the messages a local installation caught instead of sending (IOP_MAIL_BACKEND=file)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for

from iop import mail, swedish
from iop.errors import Conflict
from iop.extensions import db
from iop.outbox import services
from iop.outbox.models import MessageStatus
from iop.web.listing import page_args, page_of

STATUS_LABELS = {status.value: label
                 for status, label in swedish.labels(MessageStatus, "message_status").items()}


def index():
    status = request.args.get("status", "")
    status = status if status in STATUS_LABELS else ""
    pager = page_of(services.list_messages(status=status or None), **page_args(request.args))
    timezone = current_app.config["TIMEZONE"]
    words = {m.id: services.status_in_words(m, timezone=timezone) for m in pager.items}
    return render_template("admin/outbox.html", pager=pager, status=status, status_labels=STATUS_LABELS,
                           words=words, explain=services.error_in_words,
                           catching=current_app.config["MAIL_BACKEND"] == "file")


def retry(message_id: int):
    try:
        message = services.retry_message(message_id=message_id)
        db.session.commit()
    except Conflict as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(f"»{message.subject}« skickas igen vid nästa utskick (inom fem minuter).", "success")
    return redirect(url_for(".outbox", status=request.args.get("status") or None))


def caught():
    messages = mail.read_caught(current_app.config["MAIL_DIR"])
    return render_template("admin/caught_mail.html", messages=messages,
                           catching=current_app.config["MAIL_BACKEND"] == "file")
