"""Every page of the web interface passes axe-core with no serious or critical violation, on a
wide screen and on a phone 390 px wide, where it also fits without sideways scrolling.

PAGES lists the pages to check, in the state and role each is seen in. A new page
must be added here: the first test fails for any GET page of the interface that is
missing from the list, and runs without a browser, so it fails on every machine.
Each page is loaded once and checked at both widths (the window is narrowed, not the
page reloaded, so a state reached by pressing a button is checked at 390 px too); the
390 px screenshots are saved beside the others, named `…-390px.png`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.web import web_pages

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class PageCheck:
    endpoint: str
    path: str  # `{organisation}` is the id of an organisation made for the check, `{user}` a user's,
    # `{committee}` Socialnämnden's
    role: str | None  # who looks at it; None: signed out
    press: str | None = None  # a button to press first, to check the state it leads to
    status: int = 200
    download: bool = False  # a file, not a page: checked to arrive as an attachment, not by axe
    image: bool = False  # an image a page shows (a chart): checked to arrive as a PNG, not by axe


PAGES = [
    PageCheck("auth.login", "/login", None),
    PageCheck("auth.login", "/login", None, press="Logga in", status=422),
    PageCheck("start.accessibility", "/tillganglighet", None),
    PageCheck("auth.my_sessions", "/konto/sessioner", "officer"),
    PageCheck("auth.my_account", "/konto", "officer"),
    PageCheck("auth.my_account", "/konto", "officer", press="Byt lösenord", status=422),
    PageCheck("calendar_feeds.mine", "/konto/kalendrar", "officer"),
    PageCheck("calendar_feeds.mine", "/konto/kalendrar", "officer", press="Skapa kalendern"),
    PageCheck("start.search", "/sok?q=l%C3%A4xhj%C3%A4lp", "officer"),
    PageCheck("start.search", "/sok?q=8024561238", "viewer"),
    PageCheck("start.search", "/sok", "viewer"),
    PageCheck("organisations.index", "/organisationer?sort=name&dir=desc", "officer"),
    PageCheck("organisations.index", "/organisationer?format=xlsx", "viewer", download=True),
    PageCheck("organisations.index", "/organisationer?q=802&format=csv", "viewer", download=True),
    PageCheck("organisations.show", "/organisationer/{organisation}?page=1", "viewer"),
    PageCheck("agreements.index", "/overenskommelser?mina=1&sort=title&dir=asc", "officer"),
    PageCheck("agreements.index", "/overenskommelser?format=csv", "viewer", download=True),
    PageCheck("initiatives.index", "/initiativ?mina=1&sort=respond_by", "officer"),
    PageCheck("initiatives.index", "/initiativ?format=xlsx", "viewer", download=True),
    *(PageCheck("start.index", "/", role) for role in ("officer", "coordinator", "legal", "viewer", "admin")),
    PageCheck("organisations.index", "/organisationer", "officer"),
    PageCheck("organisations.index", "/organisationer?q=finns+inte&legal_form=stiftelse", "viewer"),
    PageCheck("organisations.new", "/organisationer/ny", "officer"),
    PageCheck("organisations.new", "/organisationer/ny", "officer", press="Registrera organisationen",
              status=422),
    PageCheck("organisations.show", "/organisationer/{organisation}", "officer"),
    PageCheck("organisations.show", "/organisationer/999999", "officer", status=404),
    PageCheck("organisations.edit", "/organisationer/{organisation}/andra", "officer"),
    PageCheck("reminders.index", "/paminnelser", "officer"),
    PageCheck("reminders.index", "/paminnelser?status=failed", "viewer"),
    PageCheck("agreements.index", "/overenskommelser", "officer"),
    PageCheck("agreements.index", "/overenskommelser?status=draft&kind=iop&ends_before=2030-01-01&q=l%C3%A4x",
              "viewer"),
    PageCheck("agreements.index", "/overenskommelser?ends_before=inte-ett-datum", "viewer"),
    PageCheck("agreements.new", "/overenskommelser/ny", "officer"),
    PageCheck("agreements.new", "/overenskommelser/ny", "officer", press="Skapa utkastet", status=422),
    *(PageCheck("agreements.step", f"/overenskommelser/{{draft}}/utkast/{step}", "officer")
      for step in ("mall", "parter", "innehall", "resurser", "tidplan")),
    PageCheck("agreements.step", "/overenskommelser/{draft}/utkast/resurser", "officer",
              press="Lägg till en resurs"),
    PageCheck("agreements.check", "/overenskommelser/{draft}/utkast/kontroll", "officer"),
    PageCheck("agreements.check", "/overenskommelser/{incomplete}/utkast/kontroll", "officer",
              press="Skicka för juridisk granskning", status=409),
    *(PageCheck("agreements.show", f"/overenskommelser/{{{state}}}", "officer")
      for state in ("draft", "incomplete", "in_review", "approved", "active")),
    PageCheck("agreements.show", "/overenskommelser/{active}", "viewer"),
    PageCheck("agreements.show", "/overenskommelser/{active}", "officer", press="Ladda upp", status=422),
    PageCheck("agreements.document", "/overenskommelser/{draft}/dokument", "viewer", download=True),
    PageCheck("agreements.redline", "/overenskommelser/{in_review}/andringar?from=1&to=2", "legal",
              download=True),
    PageCheck("agreements.archived", "/overenskommelser/{active}/arkiv/{archived}", "viewer", download=True),
    PageCheck("agreements.activate", "/overenskommelser/{approved}/undertecknande", "officer"),
    PageCheck("agreements.activate", "/overenskommelser/{approved}/undertecknande", "officer",
              press="Registrera undertecknandet", status=422),
    PageCheck("agreements.terminate", "/overenskommelser/{active}/uppsagning", "officer"),
    PageCheck("agreements.terminate", "/overenskommelser/{active}/uppsagning", "officer", press="Fortsätt",
              status=422),
    PageCheck("agreements.withdraw", "/overenskommelser/{draft}/aterkallelse", "officer"),
    PageCheck("agreements.withdraw", "/overenskommelser/{draft}/aterkallelse", "officer", press="Fortsätt"),
    PageCheck("agreements.renew", "/overenskommelser/{active}/fornyelse", "officer"),
    PageCheck("reviews.show", "/overenskommelser/{in_review}/granskning", "legal"),
    PageCheck("reviews.show", "/overenskommelser/{in_review}/granskning", "legal", press="Spara beslutet",
              status=422),
    PageCheck("reviews.show", "/overenskommelser/{in_review}/granskning", "officer"),
    PageCheck("reviews.show", "/overenskommelser/{active}/granskning?revision=1", "viewer"),
    PageCheck("initiatives.index", "/initiativ", "officer"),
    PageCheck("initiatives.index", "/initiativ?status=in_network&flagged=true&overdue=true&q=hall", "viewer"),
    PageCheck("initiatives.index", "/initiativ?status=klar&department=KFF", "viewer"),
    PageCheck("initiatives.queue", "/initiativ/ko", "coordinator"),
    PageCheck("initiatives.new", "/initiativ/ny", "officer"),
    PageCheck("initiatives.new", "/initiativ/ny", "officer", press="Registrera initiativet", status=422),
    PageCheck("initiatives.show", "/initiativ/{queued}", "coordinator"),
    PageCheck("initiatives.show", "/initiativ/{queued}", "coordinator", press="Tilldela", status=422),
    PageCheck("initiatives.show", "/initiativ/{assigned}", "coordinator", press="Avsluta initiativet",
              status=422),
    PageCheck("initiatives.show", "/initiativ/{received}", "officer"),
    PageCheck("initiatives.show", "/initiativ/{received}", "officer", press="Spara anteckningen", status=422),
    PageCheck("initiatives.show", "/initiativ/{closed}", "officer"),
    PageCheck("initiatives.show", "/initiativ/{queued}", "viewer"),
    PageCheck("initiatives.edit", "/initiativ/{received}/andra", "officer"),
    PageCheck("initiatives.edit", "/initiativ/{closed}/andra", "officer"),  # the statement on gender equality
    PageCheck("grants.index", "/bidrag", "coordinator"),
    PageCheck("grants.index", "/bidrag", "coordinator", press="Läs in filen", status=422),
    PageCheck("grants.index", "/bidrag?year=tjugo&committee=Socialn%C3%A4mnden&page=2", "viewer"),
    PageCheck("reports.index", "/arsrapport", "viewer"),
    PageCheck("reports.index", "/arsrapport?year=abc", "viewer", status=422),
    PageCheck("reports.show", "/arsrapport/{grant_year}", "viewer"),
    PageCheck("reports.show", "/arsrapport/0", "viewer", status=404),
    PageCheck("reports.show", "/arsrapport/{grant_year}", "coordinator"),  # the form to produce the ärende
    PageCheck("reports.show", "/arsrapport/{grant_year}", "coordinator", press="Ta fram ärendet", status=422),
    PageCheck("reports.produced_document", "/arsrapport/framtagna/{produced}.docx", "viewer", download=True),
    *(PageCheck("reports.chart", f"/arsrapport/{{grant_year}}/diagram/{name}.png", "viewer", image=True)
      for name in ("overenskommelser-per-ar", "pengar-per-namnd")),
    *(PageCheck("reports.download", f"/arsrapport/{{grant_year}}.{file_format}", "viewer", download=True)
      for file_format in ("docx", "xlsx", "csv", "json")),
    PageCheck("admin.index", "/admin", "admin"),
    PageCheck("admin.users", "/admin/anvandare", "admin"),
    PageCheck("admin.new_user", "/admin/anvandare/ny", "admin"),
    PageCheck("admin.new_user", "/admin/anvandare/ny", "admin", press="Registrera användaren", status=422),
    PageCheck("admin.user", "/admin/anvandare/{user}", "admin"),
    PageCheck("admin.user", "/admin/anvandare/{user}", "admin", press="Sätt lösenordet"),
    PageCheck("admin.user", "/admin/anvandare/{user}", "admin", press="Skapa en token"),
    PageCheck("admin.departments", "/admin/forvaltningar", "admin"),
    PageCheck("admin.new_department", "/admin/forvaltningar/ny", "admin"),
    PageCheck("admin.new_department", "/admin/forvaltningar/ny", "admin", press="Registrera förvaltningen",
              status=422),
    PageCheck("admin.edit_department", "/admin/forvaltningar/SOC/andra", "admin"),
    PageCheck("admin.committees", "/admin/namnder", "admin"),
    PageCheck("admin.new_committee", "/admin/namnder/ny", "admin"),
    PageCheck("admin.new_committee", "/admin/namnder/ny", "admin", press="Lägg till nämnden", status=422),
    PageCheck("admin.edit_committee", "/admin/namnder/{committee}/andra", "admin"),
    PageCheck("admin.goals", "/admin/mal", "admin"),
    PageCheck("admin.new_goal", "/admin/mal/nytt", "admin"),
    PageCheck("admin.new_goal", "/admin/mal/nytt", "admin", press="Lägg till målet", status=422),
    PageCheck("admin.edit_goal", "/admin/mal/{goal}/andra", "admin"),
    PageCheck("admin.templates", "/admin/mallar", "admin"),
    PageCheck("admin.outbox", "/admin/e-post", "admin"),
    PageCheck("admin.caught_mail", "/admin/e-post/fangad", "admin"),
    # The organisations' portal: signed out, and signed in as the organisation's contact person
    # (role "portal": by a one-time link and its button, see test_every_page_…).
    PageCheck("portal.sign_in", "/portal/logga-in", None),
    PageCheck("portal.sign_in", "/portal/logga-in", None, press="Skicka länk", status=422),
    PageCheck("portal.confirm", "/portal/logga-in/en-gammal-lank", None, status=410),
    PageCheck("portal.initiative", "/portal/initiativ", None),
    PageCheck("portal.initiative", "/portal/initiativ", None, press="Skicka initiativet", status=422),
    PageCheck("portal.home", "/portal", "portal"),
    PageCheck("portal.report", "/portal/overenskommelser/{active}/aterrapport", "portal"),
    PageCheck("portal.report", "/portal/overenskommelser/{active}/aterrapport", "portal",
              press="Lämna rapporten", status=422),
    PageCheck("portal.document", "/portal/overenskommelser/{active}/dokument/{signed_document}", "portal",
              download=True),
    PageCheck("portal.details", "/portal/uppgifter", "portal"),
    PageCheck("portal.de_minimis", "/portal/stod-av-mindre-betydelse", "portal"),
    PageCheck("portal.de_minimis", "/portal/stod-av-mindre-betydelse", "portal", press="Spara stödet",
              status=422),
    PageCheck("portal.de_minimis_file", "/portal/stod-av-mindre-betydelse/{declared_aid}/fil", "portal",
              download=True),
]


def test_every_page_of_the_web_interface_is_in_the_accessibility_list(app):
    missing = web_pages(app) - {check.endpoint for check in PAGES}
    assert not missing, f"add these pages to PAGES in {__file__}: {sorted(missing)}"


@pytest.fixture
def organisation(app):
    """An organisation with contacts, and enough others for the list to have several pages."""
    from iop.extensions import db
    from iop.organisations import services
    from iop.organisations.numbers import luhn_check_digit

    with app.app_context():
        made = services.create_organisation(
            name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening",
            email="info@laxhjalpen.example", phone="070-111 22 33", address="Hamngatan 4\n611 30 Sjöstad",
            contacts=[{"name": "Lena Lind", "title": "Ordförande", "email": "lena@laxhjalpen.example"},
                      {"name": "Olle Ek", "title": "Kassör"}])
        services.update_organisation(organisation=made, email="kansli@laxhjalpen.example")
        for index in range(60):
            digits = f"80250{index:04d}"
            services.create_organisation(name=f"Förening nummer {index + 1}", legal_form="ideell_forening",
                                         org_number=f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}")
        db.session.commit()
        return made.id


@pytest.fixture
def agreements(app, accounts, organisation) -> dict[str, int]:
    """Agreements of the officer's department (KFF) in each state a page is seen in, with a review
    comment, revisions to compare and archived documents."""
    import sqlalchemy as sa

    from iop import clock
    from iop.agreements import services, transitions
    from iop.agreements.archive import list_documents
    from iop.agreements.documents import document_for
    from iop.agreements.schemas import AgreementCreate
    from iop.auth.models import User
    from iop.extensions import db
    from iop.reviews.services import comment_on, review_agreement
    from tests.agreements.factories import SIGNATORIES, clean_iop

    officer_email, lawyer_email = accounts["officer"], accounts["legal"]
    with app.app_context():
        officer, lawyer = (db.session.scalar(sa.select(User).filter_by(email=e)) for e in (officer_email,
                                                                                            lawyer_email))

        def drafted(**changes):
            data = AgreementCreate().load(clean_iop(organisation, case_number=None, **changes))
            return services.draft_agreement(author=officer, **data)

        def submitted(**changes):
            agreement = drafted(**changes)
            transitions.submit_agreement(agreement=agreement, actor=officer)
            return agreement

        def approved():
            agreement = submitted()
            review_agreement(agreement=agreement, reviewer=lawyer, decision="approve",
                             revision=agreement.revision, document_sha256=document_for(agreement).sha256)
            return agreement

        made = {"draft": drafted(), "incomplete": drafted(challenge=None, resources=[]),
                "approved": approved()}
        in_review = drafted()
        services.update_agreement(agreement=in_review, author=officer, purpose="Fler elever når behörighet.")
        transitions.submit_agreement(agreement=in_review, actor=officer)
        comment_on(agreement=in_review, author=lawyer, section="market_assessment",
                   body="Utveckla bedömningen av marknaden.")
        active = approved()
        transitions.activate_agreement(agreement=active, actor=officer, signed_on=clock.today(),
                                       signatories=SIGNATORIES)
        db.session.commit()
        ids = {key: agreement.id for key, agreement in made.items()}
        archived = db.session.scalars(list_documents(agreement=active)).first()
        return {**ids, "in_review": in_review.id, "active": active.id, "archived": archived.id}


@pytest.fixture
def initiatives(app, accounts, organisation, agreements) -> dict[str, int]:
    """Initiatives in each state a page is seen in: received by the officer's department (KFF) with a
    note, flagged in the network's queue, assigned, and closed as the active agreement."""
    from datetime import timedelta

    import sqlalchemy as sa

    from iop.auth.models import User
    from iop.extensions import db
    from iop.initiatives import services, transitions
    from iop.initiatives.escalation import escalate_overdue_initiatives

    emails = [accounts["officer"], accounts["coordinator"]]  # made first, each in a transaction of its own
    with app.app_context():
        officer, coordinator = (db.session.scalar(sa.select(User).filter_by(email=e)) for e in emails)
        today = services.local_today()

        def registered(**changes):
            fields = {"title": "Spontanidrott i Norrbyhallen på fredagskvällar",
                      "description": "Föreningen vill hålla hallen öppen för unga fredagar 19–23.\n"
                                     "Med egna ledare.",
                      "organisation_id": organisation, "contact_name": "Erik Berg",
                      "contact_email": "erik@ifk.example", "departments": ["KFF"], "municipal_matter": True}
            return services.register_initiative(by=officer, **{**fields, **changes})

        received = registered()
        services.add_note(initiative=received, by=officer, text="Ringde Erik, han återkommer med tider.")
        queued = registered(title="Sommarlovsaktiviteter tillsammans", departments=["KFF", "SOC"],
                            received_on=today - timedelta(days=60), municipal_matter=None)
        escalate_overdue_initiatives(today=today)
        assigned = registered(title="Mötesplats för föräldrar", departments=["KFF", "SOC"])
        transitions.assign_initiative(initiative=assigned, by=coordinator, department="KFF")
        closed = registered(title="Läxhjälp i biblioteket")
        transitions.transition_initiative(initiative=closed, by=officer, action="close", outcome="agreement",
                                          agreement_id=agreements["active"], note="Blev en IOP.")
        db.session.commit()
        return {"received": received.id, "queued": queued.id, "assigned": assigned.id, "closed": closed.id}


@pytest.fixture
def grants(app, departments, accounts) -> dict[str, int]:
    """A year of grants, with one possible double funding and enough rows for a second page, and
    the year's report produced once as an ärende."""
    from datetime import date

    import sqlalchemy as sa

    from iop.auth.models import User
    from iop.extensions import db
    from iop.grants.services import import_grants
    from iop.reports.produced import produce_report
    from tests.reports.year_2026 import GRANTS_CSV

    more = "".join(f"2026,Socialnämnden,802471-9653,Sjöstads Stadsmission,Ändamål {n},{1000 + n}\n"
                   for n in range(25))
    email = accounts["coordinator"]  # made first, in a transaction of its own
    with app.app_context():
        import_grants(data=(GRANTS_CSV + more).encode(), filename="bidrag-2026.csv")
        coordinator = db.session.scalar(sa.select(User).filter_by(email=email))
        kept = produce_report(year=2026, by=coordinator, case_number="KS 2027/0042",
                              decision_date=date(2027, 2, 1))
        db.session.commit()
        return {"grant_year": 2026, "produced": kept.id}


@pytest.fixture
def goals(app, accounts, agreements) -> dict[str, int]:
    """Two municipal goals; the active agreement tagged with one, stating how it concerns girls and boys."""
    import sqlalchemy as sa

    from iop.agreements import goals as services
    from iop.agreements.models import Agreement
    from iop.auth.models import User
    from iop.extensions import db

    emails = [accounts["admin"], accounts["officer"]]  # made first, each in a transaction of its own
    with app.app_context():
        admin, officer = (db.session.scalar(sa.select(User).filter_by(email=e)) for e in emails)
        school = services.create_goal(by=admin, number=1, name="Barn och unga lyckas i skolan",
                                      description="Alla barn ska nå målen i skolan.")
        services.create_goal(by=admin, number=2, name="En trygg kommun")
        services.set_agreement_goals(agreement=db.session.get(Agreement, agreements["active"]), by=officer,
                                     goal_ids=[school.id], gender_equality="Lika många flickor som pojkar.")
        db.session.commit()
        return {"goal": school.id}


@pytest.fixture
def user(app, accounts) -> int:
    """An officer as the admin sees it: with an API token in use and a revoked one."""
    from iop.auth import services
    from iop.extensions import db

    with app.app_context():
        officer = services.get_user(email=accounts["officer"])
        services.user_for_token(services.issue_token(user=officer, name="Import från bidragssystemet"))
        services.issue_token(user=officer, name="Gammal")
        services.revoke_token(token_id=db.session.scalars(services.list_tokens(user=officer)).first().id)
        db.session.commit()
        return officer.id


@pytest.fixture
def committee(app, departments) -> int:
    from iop.departments.services import find_committee

    with app.app_context():
        return find_committee(name="Socialnämnden").id


@pytest.fixture
def portal(app, organisation, agreements) -> dict:
    """A one-time sign-in link for the organisation's contact person Lena, the signed document
    of its active agreement, and an item of its de minimis declaration with a file."""
    import hashlib
    import secrets
    from datetime import date, timedelta
    from decimal import Decimal

    import sqlalchemy as sa

    from iop.agreements.models import StoredDocument
    from iop.clock import utcnow
    from iop.extensions import db
    from iop.organisations import de_minimis
    from iop.organisations.models import ContactPerson, Organisation
    from iop.portal.models import PortalLink

    with app.app_context():
        lena = db.session.scalars(sa.select(ContactPerson).filter_by(email="lena@laxhjalpen.example")).one()
        token = secrets.token_urlsafe(32)
        db.session.add(PortalLink(contact=lena, token_hash=hashlib.sha256(token.encode()).hexdigest(),
                                  email_digest="", address_digest="", created_at=utcnow(),
                                  expires_at=utcnow() + timedelta(hours=2)))
        signed = db.session.scalars(sa.select(StoredDocument.id).filter_by(
            agreement_id=agreements["active"], purpose="active")).first()
        laxhjalpen = db.session.get(Organisation, organisation)
        aid = de_minimis.record_declared_aid(organisation=laxhjalpen, actor=None, granted_on=date(2025, 5, 1),
                                             amount=Decimal(50000), granting_body="Region Sjöland")
        de_minimis.attach_declaration_file(aid=aid, content=b"%PDF-1.4\n%%EOF\n", filename="forsakran.pdf")
        db.session.commit()
        return {"token": token, "signed_document": signed, "declared_aid": aid.id}


# The pages are checked in PARTS runs (one test each), so the test workers share them.
PARTS = 4


def part_of(part: int) -> list[PageCheck]:
    """The part'th of PARTS runs of the list, by role (so each run signs in as few times as it can)."""
    pages = sorted(PAGES, key=lambda c: c.role or "")
    return pages[part * len(pages) // PARTS:(part + 1) * len(pages) // PARTS]


@pytest.mark.browser
@pytest.mark.parametrize("visitor", [True], indirect=True, ids=["with-javascript"])
@pytest.mark.parametrize("part", range(PARTS), ids=[f"part-{n + 1}-of-{PARTS}" for n in range(PARTS)])
def test_every_page_has_no_serious_or_critical_accessibility_violations(visitor, part, accounts, organisation,
                                                                          agreements, initiatives, grants,
                                                                          goals, user, committee, portal,
                                                                          record_property):
    axe = AXE.read_text(encoding="utf-8")
    found, lesser, checked, signed_in = {}, set(), 0, None
    for check in part_of(part):
        if check.role != signed_in:
            visitor.page.context.clear_cookies()
            if check.role == "portal":
                visitor.goto(f"/portal/logga-in/{portal['token']}")
                visitor.press("Logga in")
            elif check.role:
                visitor.login(accounts[check.role])
            signed_in = check.role
        path = check.path.format(organisation=organisation, user=user, committee=committee, **agreements,
                                 **initiatives, **grants, **goals,
                                 **{k: v for k, v in portal.items() if k != "token"})
        if check.image:
            response = visitor.page.request.get(visitor.live.url + path)
            assert (response.status, response.headers["content-type"]) == (check.status, "image/png"), path
            continue
        if check.download:
            response = visitor.page.request.get(visitor.live.url + path)
            assert response.status == check.status, (path, response.status)
            assert response.headers["content-disposition"].startswith("attachment"), path
            continue
        visitor.goto(path, status=200 if check.press else check.status)
        if check.press:
            visitor.press(check.press)
        label = f"{path} as {check.role or 'signed out'}"
        label += f", after '{check.press}'" if check.press else ""
        found.update({f"{label}: {problem}": [] for problem in csp_problems(visitor.page)})
        visitor.page.evaluate(axe)
        run_axe(visitor.page, label, found, lesser)
        visitor.page.set_viewport_size(PHONE)
        label += f" at {PHONE['width']} px"
        wide = visitor.page.evaluate("document.scrollingElement.scrollWidth")
        if wide > PHONE["width"]:
            found[f"{label}: {wide} px wide, scrolls sideways"] = visitor.page.evaluate(WIDER_THAN,
                                                                                         PHONE["width"])
        run_axe(visitor.page, label, found, lesser)
        visitor.screenshot("-390px")
        visitor.page.set_viewport_size(WIDE)
        checked += 1
    version = visitor.page.evaluate("axe.version")
    summary = (f"accessibility, part {part + 1} of {PARTS}: {checked} pages checked with axe-core {version} "
               f"at 1280 and 390 px, "
               f"{len(found)} serious or critical violations, {len(lesser)} moderate or minor")
    record_property("summary", summary)
    print(summary, *sorted(lesser), sep="\n")
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)


def run_axe(page, label: str, found: dict, lesser: set) -> None:
    """Run axe (already loaded in the page) and note what it finds: serious and critical in `found`."""
    for violation in page.evaluate(AXE_RUN):
        name = f"{label}: {violation['impact']} {violation['id']} ({violation['help']})"
        if violation["impact"] in BLOCKING:
            found[name] = violation["nodes"]
        else:
            lesser.add(name)


# The elements that reach past the screen's right edge (their box, or content that overflows it:
# a long word), innermost first, leaving out those inside a box that scrolls or clips them (a
# table in its .table-scroll): what makes the page scroll sideways.
WIDER_THAN = """(width) => {
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
      [...e.classList].map(c => "." + c).join("");
  const contained = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  const reach = e => {
    const box = e.getBoundingClientRect();
    const spills = getComputedStyle(e).overflowX === "visible";  // else it scrolls or clips its content
    return box.width > 0 ? Math.max(box.right, spills ? box.left + e.scrollWidth : 0) : 0;
  };
  const wide = [...document.body.querySelectorAll("*")].filter(e => reach(e) > width + 0.5 && !contained(e));
  return wide.filter(e => ![...e.children].some(c => wide.includes(c))).slice(0, 5)
      .map(e => `${name(e)} reaches ${Math.round(reach(e))} px: ` +
                (e.innerText || "").slice(0, 60).replace(/\\s+/g, " "));
}"""


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary),
  }));
}"""


def csp_problems(page) -> list[str]:
    """What a Content-Security-Policy without 'unsafe-inline' would refuse on this page."""
    counts = page.evaluate("""() => ({
      "style attributes": document.querySelectorAll("[style]").length,
      "inline <style>": document.querySelectorAll("style").length,
      "inline <script>": [...document.scripts].filter(s => !s.src).length,
      "event handler attributes": [...document.querySelectorAll("*")]
          .filter(e => [...e.attributes].some(a => a.name.startsWith("on"))).length,
    })""")
    return [f"{count} {what}" for what, count in counts.items() if count]
