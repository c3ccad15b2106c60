"""Every page of the web interface passes axe-core with no serious or critical violation.

PAGES lists the pages to check, in the state and role each is seen in. A new page
must be added here: the first test fails for any GET page of the interface that is
missing from the list, and runs without a browser, so it fails on every machine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.web import web_pages

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@dataclass(frozen=True)
class PageCheck:
    endpoint: str
    path: str  # `{organisation}` is the id of an organisation made for the check
    role: str | None  # who looks at it; None: signed out
    press: str | None = None  # a button to press first, to check the state it leads to
    status: int = 200


PAGES = [
    PageCheck("auth.login", "/login", None),
    PageCheck("auth.login", "/login", None, press="Logga in", status=422),
    PageCheck("start.accessibility", "/tillganglighet", None),
    *(PageCheck("start.index", "/", role) for role in ("officer", "coordinator", "legal", "viewer", "admin")),
    PageCheck("organisations.index", "/organisationer", "officer"),
    PageCheck("organisations.index", "/organisationer?q=finns+inte&legal_form=stiftelse", "viewer"),
    PageCheck("organisations.new", "/organisationer/ny", "officer"),
    PageCheck("organisations.new", "/organisationer/ny", "officer", press="Registrera organisationen",
              status=422),
    PageCheck("organisations.show", "/organisationer/{organisation}", "officer"),
    PageCheck("organisations.show", "/organisationer/999999", "officer", status=404),
    PageCheck("organisations.edit", "/organisationer/{organisation}/andra", "officer"),
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


@pytest.mark.browser
@pytest.mark.parametrize("visitor", [True], indirect=True, ids=["with-javascript"])
def test_every_page_has_no_serious_or_critical_accessibility_violations(visitor, accounts, organisation,
                                                                          record_property):
    axe = AXE.read_text(encoding="utf-8")
    found, lesser, checked, signed_in = {}, set(), 0, None
    for check in sorted(PAGES, key=lambda c: c.role or ""):
        if check.role != signed_in:
            visitor.page.context.clear_cookies()
            if check.role:
                visitor.login(accounts[check.role])
            signed_in = check.role
        path = check.path.format(organisation=organisation)
        visitor.goto(path, status=200 if check.press else check.status)
        if check.press:
            visitor.press(check.press)
        label = f"{path} as {check.role or 'signed out'}"
        label += f", after '{check.press}'" if check.press else ""
        found.update({f"{label}: {problem}": [] for problem in csp_problems(visitor.page)})
        visitor.page.evaluate(axe)
        for violation in visitor.page.evaluate(AXE_RUN):
            name = f"{label}: {violation['impact']} {violation['id']} ({violation['help']})"
            if violation["impact"] in BLOCKING:
                found[name] = violation["nodes"]
            else:
                lesser.add(name)
        checked += 1
    version = visitor.page.evaluate("axe.version")
    summary = (f"accessibility: {checked} pages checked with axe-core {version}, "
               f"{len(found)} serious or critical violations, {len(lesser)} moderate or minor")
    record_property("summary", summary)
    print(summary, *sorted(lesser), sep="\n")
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)


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
