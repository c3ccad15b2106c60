"""The portal's pages under /portal: sign-in by e-mailed link, the organisation's overview,
handing in a follow-up report, and bringing an initiative (also without signing in)."""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from iop import clock
from iop.audit.context import ANONYMOUS, set_actor
from iop.departments.models import Department
from iop.errors import Invalid, NotFound
from iop.extensions import db
from iop.followups import files as report_files
from iop.portal import services, sessions, signin
from iop.web.forms import FormState, posted, submit

bp = Blueprint("portal", __name__, url_prefix="/portal")
log = logging.getLogger(__name__)

SIGN_IN_LABELS = {"email": "Din e-postadress"}
SENT = ("Om adressen finns hos oss som kontaktperson för en förening har vi skickat en länk dit. "
        "Länken fungerar i 30 minuter. Titta också i skräpposten.")
REPORT_LABELS = {"follow_up_date": "Vilken uppföljning gäller rapporten?", "summary": "Vad vill ni berätta?",
                 "files": "Bifoga filer"}
INITIATIVE_LABELS = {"name": "Ditt namn", "email": "Din e-postadress", "organisation": "Förening eller grupp",
                     "description": "Beskriv ert initiativ", "departments": "Vilka områden gäller det?"}
HONEYPOT = "website"  # hidden from people; a form that fills it in is a robot's
INITIATIVES_PER_CLIENT_PER_HOUR = 5
# An initiative's status in words for the organisation that brought it.
INITIATIVE_STATUS = {"received": "Mottaget, väntar på en förvaltning",
                     "in_network": "Mottaget, kommunen väljer vem som tar hand om det",
                     "assigned": "En förvaltning tar hand om det", "closed": "Avslutat"}


@bp.before_request
def portal_session() -> None:
    set_actor(ANONYMOUS)
    g.portal = sessions.current()
    g.contact = g.portal.contact if g.portal else None


@bp.context_processor
def portal_context() -> dict:
    return {"contact": g.get("contact"), "nav_links": [], "viewer": None,
            "document_labels": services.DOCUMENT_LABELS,
            "initiative_status": lambda i: INITIATIVE_STATUS.get(i.status.value, i.status.value)}


def _signed_in():
    if g.get("contact") is None:
        flash("Logga in för att fortsätta.", "info")
        return redirect(url_for("portal.sign_in"))
    return None


def _today():
    return clock.today(current_app.config["TIMEZONE"])


@bp.route("/logga-in", methods=["GET", "POST"])
def sign_in():
    if request.method == "GET":
        if g.contact is not None:
            return redirect(url_for("portal.home"))
        return render_template("portal/sign_in.html", form=FormState(labels=SIGN_IN_LABELS))
    form = FormState.from_request(labels=SIGN_IN_LABELS)
    email = form.value("email").strip()
    if not email or "@" not in email or len(email) > 320:
        form.add_error("email", ["Skriv din e-postadress, till exempel namn@forening.se."])
        return render_template("portal/sign_in.html", form=form), 422
    try:
        signin.request_link(email=email, client=request.remote_addr, base_url=current_app.config["BASE_URL"])
    except signin.TooManyRequests as error:  # not committed: the request's end rolls it back
        form.add_error("email", [error.message])
        return render_template("portal/sign_in.html", form=form), 429, {"Retry-After": "3600"}
    db.session.commit()
    return render_template("portal/link_sent.html", message=SENT)


@bp.route("/logga-in/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """GET shows a button only (a mail scanner's visit uses nothing up); POST signs in."""
    if request.method == "GET":
        valid = signin.valid_link(token) is not None
        return render_template("portal/confirm.html", valid=valid), 200 if valid else 410
    contact = signin.use_link(token)
    if contact is None:  # nothing to keep: the request's end rolls back
        return render_template("portal/confirm.html", valid=False), 410
    sessions.start(contact, method=signin.EMAIL_LINK.key)
    db.session.commit()
    return redirect(url_for("portal.home"))


@bp.route("/logga-ut", methods=["POST"])
def sign_out():
    sessions.end()
    db.session.commit()
    flash("Du är utloggad från e-tjänsten.", "success")
    return redirect(url_for("portal.sign_in"))


@bp.route("")
def home():
    if (away := _signed_in()) is not None:
        return away
    organisation = g.contact.organisation
    today = _today()
    agreements = [(a, services.documents_of(a), services.follow_ups_of(a, today),
                   services.milestones_ahead(a, today)) for a in services.agreements_of(organisation.id)]
    return render_template("portal/home.html", organisation=organisation, agreements=agreements,
                           initiatives=services.initiatives_of(organisation.id), reference=services.reference)


@bp.route("/overenskommelser/<int:agreement_id>/dokument/<int:document_id>")
def document(agreement_id: int, document_id: int):
    if (away := _signed_in()) is not None:
        return away
    from iop.downloads import content_disposition

    agreement = services.agreement_of(g.contact.organisation_id, agreement_id)
    row, name = services.document_of(agreement, document_id)
    return current_app.response_class(row.content, mimetype=row.media_type,
                                      headers={"Content-Disposition": content_disposition(name)})


@bp.route("/overenskommelser/<int:agreement_id>/aterrapport", methods=["GET", "POST"])
def report(agreement_id: int):
    if (away := _signed_in()) is not None:
        return away
    agreement = services.agreement_of(g.contact.organisation_id, agreement_id)
    open_dates = [(s.date.isoformat(), f"{s.date.isoformat()} – {', '.join(s.titles)}")
                  for s in services.follow_ups_of(agreement, _today()) if s.report is None]
    form = FormState(posted() if request.method == "POST" else None, labels=REPORT_LABELS)
    status = 200
    if request.method == "POST":
        uploads = [(content, f.filename) for f in request.files.getlist("files")
                   if (content := f.read()) or f.filename]

        def save():
            try:
                return services.hand_in_report(
                    contact=g.contact, agreement_id=agreement.id, follow_up_date=form.value("follow_up_date"),
                    summary=form.value("summary"), uploads=uploads, today=_today())
            except Invalid as error:  # the service names the file `file`, the page `files`
                if error.errors and "file" in error.errors:
                    error.errors["files"] = error.errors.pop("file")
                raise

        outcome = submit(form, save)
        if outcome.ok:
            flash("Tack! Er rapport är inlämnad. Handläggaren på kommunen läser den.", "success")
            return redirect(url_for("portal.home", _anchor=f"overenskommelse-{agreement.id}"))
        status = outcome.status
    return render_template("portal/report.html", form=form, agreement=agreement, open_dates=open_dates,
                           accept=report_files.ACCEPT, allowed=report_files.ALLOWED_TEXT,
                           max_mb=current_app.config["MAX_FOLLOW_UP_FILE_BYTES"] // (1024 * 1024)), status


@bp.route("/initiativ", methods=["GET", "POST"])
def initiative():
    departments = [(d.code, d.name) for d in db.session.query(Department).order_by(Department.name)]
    values = posted() if request.method == "POST" else {}
    if request.method == "GET" and g.contact is not None:
        values = {"name": g.contact.name, "email": g.contact.email or "",
                  "organisation": g.contact.organisation.name}
    form = FormState(values, labels=INITIATIVE_LABELS)
    chosen = request.form.getlist("departments") if request.method == "POST" else []
    status = 200
    if request.method == "POST":
        if request.form.get(HONEYPOT):
            log.info("portal initiative refused: the hidden field was filled in")
            return render_template("portal/initiative_received.html", reference=None)
        if not signin.count_request(kind="initiative", client=request.remote_addr,
                                    limit=INITIATIVES_PER_CLIENT_PER_HOUR):  # not committed
            form.add_error("description", ["Många initiativ har lämnats från din adress på kort tid. "
                                           "Vänta en timme och försök igen."])
            return render_template("portal/initiative.html", form=form, departments=departments,
                                   chosen=chosen), 429

        def save():
            return services.bring_initiative(
                name=form.value("name"), email=form.value("email"),
                organisation_name=form.value("organisation"),
                description=form.value("description"), departments=chosen, contact=g.contact)

        outcome = submit(form, save)
        if outcome.ok:
            return render_template("portal/initiative_received.html",
                                   reference=services.reference(outcome.result))
        status = outcome.status
    return render_template("portal/initiative.html", form=form, departments=departments,
                           chosen=chosen), status



DETAIL_LABELS = {"email": "Föreningens e-postadress", "phone": "Telefon", "address": "Postadress",
                 "contacts-name": "Namn", "contacts-title": "Roll i föreningen", "contacts-email": "E-post",
                 "contacts-phone": "Telefon"}
CONTACT_FIELDS = ("name", "title", "email", "phone")


@bp.route("/uppgifter", methods=["GET", "POST"])
def details():
    if (away := _signed_in()) is not None:
        return away
    organisation = g.contact.organisation
    contacts = list(organisation.current_contacts)
    if request.method == "GET":
        values = {"email": organisation.email or "", "phone": organisation.phone or "",
                  "address": organisation.address or ""}
        for i, person in enumerate(contacts):
            values[f"contacts-{i}-id"] = str(person.id)
            values.update({f"contacts-{i}-{k}": getattr(person, k) or "" for k in CONTACT_FIELDS})
    else:
        values = posted()
    form = FormState(values, labels=DETAIL_LABELS)
    rows = len(contacts) + 1  # the people there are, and one new

    def data() -> dict:
        people = []
        for i in range(rows):
            person = {k: form.value(f"contacts-{i}-{k}").strip() or None for k in CONTACT_FIELDS}
            kept_id = form.value(f"contacts-{i}-id")
            if person["name"] is None and not any(person.values()):
                continue  # an empty row: a person taken away, or no new one
            people.append({**person, "name": person["name"] or "",
                           **({"id": int(kept_id)} if kept_id.isdigit() else {})})
        return {"email": form.value("email").strip() or None, "phone": form.value("phone").strip() or None,
                "address": form.value("address").strip() or None, "contacts": people}

    status = 200
    if request.method == "POST":
        outcome = submit(form, lambda loaded: services.update_details(contact=g.contact, **loaded),
                         schema=services.DETAILS_SCHEMA, data=data)
        if outcome.ok:
            flash("Uppgifterna är sparade. Kommunen ser ändringen.", "success")
            return redirect(url_for("portal.details"))
        status = outcome.status
    return render_template("portal/details.html", form=form, organisation=organisation, rows=rows), status


AID_LABELS = {"granted_on": "Datum då stödet beviljades", "amount": "Belopp i kronor",
              "granting_body": "Vem gav stödet?", "file": "Försäkran som fil"}


@bp.route("/stod-av-mindre-betydelse", methods=["GET", "POST"])
def de_minimis():
    if (away := _signed_in()) is not None:
        return away
    organisation = g.contact.organisation
    form = FormState(posted() if request.method == "POST" else None, labels=AID_LABELS)
    status = 200
    if request.method == "POST":
        upload = request.files.get("file")
        content, filename = (upload.read(), upload.filename) if upload else (b"", None)

        def save(loaded):
            return services.declare_aid(contact=g.contact, upload=(content, filename), **loaded)

        outcome = submit(form, save, schema=services.AID_SCHEMA,
                         data=lambda: {"granted_on": form.value("granted_on").strip(),
                                       "amount": _amount(form.value("amount")),
                                       "granting_body": form.value("granting_body").strip()})
        if outcome.ok:
            flash("Stödet är sparat i er försäkran.", "success")
            return redirect(url_for("portal.de_minimis"))
        status = outcome.status
    return render_template("portal/de_minimis.html", form=form,
                           declared=services.declared_aid(organisation)), status


def _amount(text: str):
    """Kronor as typed ("50 000", "1234,50") as a number; anything else as typed, for the schema."""
    cleaned = text.replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        return float(Decimal(cleaned)) if cleaned else None
    except InvalidOperation:
        return text


@bp.route("/stod-av-mindre-betydelse/<int:aid_id>/fil")
def de_minimis_file(aid_id: int):
    if (away := _signed_in()) is not None:
        return away
    from iop.downloads import download
    from iop.organisations.de_minimis import download_name

    aid = services.declared_aid_of(g.contact.organisation, aid_id)
    if aid.file_content is None:
        raise NotFound("Uppgiften har ingen fil.")
    return download(aid.file_content, aid.file_media_type, download_name(aid))
