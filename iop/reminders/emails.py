"""The reminder e-mail: Swedish, plain text and HTML, naming the agreement, the dates and the decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import render_template

from iop import swedish
from iop.agreements.models import Agreement
from iop.reminders.keydates import KeyDateKind

LABELS = swedish.labels(KeyDateKind, "reminder_kind")
SHORT_LABELS = swedish.labels(KeyDateKind, "reminder_kind_short")
DECISIONS = {
    KeyDateKind.NOTICE_DEADLINE: (
        "Ta ställning till om överenskommelsen ska förlängas, omförhandlas eller sägas upp. "
        "Ska den sägas upp måste uppsägningen ha kommit fram senast denna dag."),
    KeyDateKind.END_DATE: (
        "Ta ställning till om samarbetet ska fortsätta med en ny överenskommelse, och planera "
        "avslut och slutlig uppföljning tillsammans med organisationen."),
    KeyDateKind.FOLLOW_UP: (
        "Förbered uppföljningen tillsammans med organisationen: resultat, insatta resurser och "
        "eventuella avvikelser från överenskommelsen."),
    KeyDateKind.MILESTONE: "Stäm av med organisationen att milstolpen nås enligt tidplanen.",
}


@dataclass(frozen=True)
class ReminderItem:
    kind: KeyDateKind
    key_date: date
    titles: tuple[str, ...] = ()
    due_on: date | None = None  # the day the reminder was planned for; sent later, it is a late one


@dataclass(frozen=True)
class ComposedEmail:
    subject: str
    text: str
    html: str


def swedish_date(day: date, *, weekday: bool = True) -> str:
    """`fredag 26 februari 2027`."""
    return swedish.date_long(day, weekday=weekday)


def days_left(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return "i dag"
    if days == 1:
        return "i morgon"
    return f"om {swedish.days(days)}"


def agreement_url(base_url: str, agreement_id: int) -> str:
    return f"{base_url}/overenskommelser/{agreement_id}"


def compose_reminder(*, agreement: Agreement, items: list[ReminderItem], today: date,
                     base_url: str) -> ComposedEmail:
    """The e-mail for one agreement's reminders planned together, key dates in date order."""
    items = sorted(items, key=lambda i: (i.key_date, list(KeyDateKind).index(i.kind)))
    title = " ".join(agreement.title.split())
    case = f" ({agreement.case_number})" if agreement.case_number else ""
    dates = "; ".join(f"{SHORT_LABELS[i.kind]} {swedish_date(i.key_date, weekday=False)}" for i in items)
    late = any(i.due_on is not None and i.due_on < today for i in items)
    subject = f"{'Försenad påminnelse' if late else 'Påminnelse'}: {dates} – {title}{case}"
    if len(subject) > 250:
        subject = subject[:249] + "…"
    context = {
        "agreement": agreement,
        "organisations": [p.organisation.name for p in agreement.parties],
        "items": [{"label": LABELS[i.kind], "date": swedish_date(i.key_date), "iso": i.key_date.isoformat(),
                   "when": days_left(i.key_date, today), "titles": i.titles,
                   "decision": DECISIONS[i.kind],
                   "late": (f"Försenad påminnelse: den skulle ha skickats {swedish_date(i.due_on)}."
                            if i.due_on is not None and i.due_on < today else None)} for i in items],
        "late": late,
        "url": agreement_url(base_url, agreement.id),
        "notice_period_months": agreement.notice_period_months,
    }
    return ComposedEmail(subject=subject, text=render_template("mail/reminder.txt", **context),
                         html=render_template("mail/reminder.html", **context))
