"""E-mail for admins: the outbox (waiting, sent, failed, with the last error) with a retry
button, and the messages a local installation caught instead of sending (IOP_MAIL_BACKEND=file)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for

from iop import mail, swedish
from iop.outbox import services
from iop.outbox.models import MessageStatus
from iop.web.forms import FormState, submit
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
    form = FormState()
    outcome = submit(form, lambda: services.retry_message(message_id=message_id))
    if outcome.ok:
        flash(f"»{outcome.result.subject}« skickas igen vid nästa utskick (inom en minut).", "success")
    else:
        flash(form.problem, "error")
    return redirect(url_for(".outbox", status=request.args.get("status") or None))


def caught():
    messages = mail.read_caught(current_app.config["MAIL_DIR"])
    return render_template("admin/caught_mail.html", messages=messages,
                           catching=current_app.config["MAIL_BACKEND"] == "file")
