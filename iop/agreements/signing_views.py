"""Signing, ending and renewing on the web: activation with signatories, termination and
withdrawal with a confirmation step, renewal into a new draft. Routes are listed in
`iop.agreements.views`; the rules are the transitions' own.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from iop import daterange
from iop.agreements import services, steps, transitions
from iop.agreements.access import ensure_may_write
from iop.agreements.lifecycle import check_step
from iop.agreements.models import Agreement, Party
from iop.agreements.schemas import RenewalIn, TransitionIn
from iop.web.forms import FormState, form_page, posted, submit

SIGNATORY_FIELDS = ("party", "name", "title")
LABELS = {
    "signed_on": "Datum för undertecknandet", "signatories": "Undertecknare",
    "signatories-party": "Part", "signatories-name": "Namn", "signatories-title": "Befattning eller roll",
    "effective_on": "Upphör från och med", "reason": "Skäl",
    "start_date": "Ny startdag", "end_date": "Ny slutdag", "title": "Titel på den nya överenskommelsen",
}
MISSING = {
    "signed_on": "Ange datum för undertecknandet.",
    "signatories-party": "Välj vilken part personen företräder.",
    "signatories-name": "Ange namnet på den som undertecknar.",
    "start_date": "Ange när den nya perioden börjar.", "end_date": "Ange när den nya perioden slutar.",
}
ENDINGS = {
    # step -> (service, page heading, confirm button, done message)
    "terminate": (transitions.terminate_agreement, "Säg upp överenskommelsen", "Ja, säg upp överenskommelsen",
                  "Överenskommelsen är uppsagd."),
    "withdraw": (transitions.withdraw_agreement, "Återkalla överenskommelsen",
                 "Ja, återkalla överenskommelsen", "Överenskommelsen är återkallad."),
}


def _form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING, row_labels={"signatories": "Undertecknare"})


STEERING = ("confirmed", "edit")  # buttons of the confirmation step, not fields


def _agreement_for(agreement_id: int, step: str) -> Agreement:
    """The agreement, if this user may take `step` on it now (403 or 409 page otherwise)."""
    agreement = services.get_agreement(agreement_id=agreement_id)
    ensure_may_write(current_user, agreement.department)
    check_step(agreement, step)
    return agreement


def activate(agreement_id: int):
    agreement = _agreement_for(agreement_id, "activate")
    if request.method == "GET":
        form = _form({"signatories-0-party": Party.MUNICIPALITY.value,
                      "signatories-1-party": Party.ORGANISATION.value})
    else:
        form = _form(posted(exclude=STEERING))
    rows = form.take_rows("signatories", SIGNATORY_FIELDS)

    def save(data: dict):
        return transitions.activate_agreement(agreement=agreement, actor=current_user,
                                              signed_on=data.get("signed_on"),
                                              signatories=data.get("signatories"))

    def done(_) -> str:
        flash("Undertecknandet är registrerat. Överenskommelsen gäller nu och det undertecknade "
              "dokumentet är arkiverat.", "success")
        return url_for(".show", agreement_id=agreement.id)

    return form_page("agreements/activate.html", form=form, schema=TransitionIn(), save=save, done=done,
                     data=lambda: {"action": "activate", **form.input(("signed_on",)),
                                   "signatories": [{k: v for k, v in row.items() if v.strip()}
                                                   for row in rows]},
                     context={"agreement": agreement, "parties": steps.PARTY_CHOICES})


def terminate(agreement_id: int):
    return _end(agreement_id, "terminate", ("effective_on", "reason"))


def withdraw(agreement_id: int):
    return _end(agreement_id, "withdraw", ("reason",))


def _end(agreement_id: int, step: str, fields: tuple[str, ...]):
    """Ask, then confirm: the first post is checked by the service and undone, the second is kept."""
    agreement = _agreement_for(agreement_id, step)
    service, heading, confirm, done = ENDINGS[step]
    form = _form(posted(exclude=STEERING))
    confirming, status = False, 200
    if request.method == "POST" and "edit" not in request.form:
        confirmed = "confirmed" in request.form

        def save(data: dict):
            data.pop("action")
            return service(agreement=agreement, actor=current_user, **data)

        outcome = submit(form, save, schema=TransitionIn(), data={"action": step, **form.input(fields)},
                         keep=confirmed)
        if outcome.ok and confirmed:
            flash(done, "success")
            return redirect(url_for(".show", agreement_id=agreement.id))
        confirming, status = outcome.ok, outcome.status
    return render_template("agreements/end.html", form=form, agreement=agreement, step=step, fields=fields,
                           heading=heading, confirm=confirm, confirming=confirming), status


def renew(agreement_id: int):
    agreement = services.get_agreement(agreement_id=agreement_id)
    ensure_may_write(current_user, agreement.department)
    if request.method == "GET":
        start = daterange.shift(agreement.end_date, 1) if agreement.end_date else None
        form = _form({"title": agreement.title, "start_date": start.isoformat() if start else ""})
    else:
        form = _form(posted(exclude=STEERING))

    def done(successor: Agreement) -> str:
        flash("Ett nytt utkast är skapat med innehållet från den tidigare överenskommelsen och den nya "
              "perioden. Gå igenom det och skicka det för granskning.", "success")
        return url_for(".check", agreement_id=successor.id)

    return form_page("agreements/renew.html", form=form, schema=RenewalIn(),
                     data=lambda: form.input(("start_date", "end_date", "title")),
                     save=lambda data: transitions.renew_agreement(agreement=agreement, actor=current_user,
                                                                   **data),
                     done=done, context={"agreement": agreement})
