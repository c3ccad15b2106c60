"""The document data an agreement revision renders from, by example.

This is the contract between `iop.agreements` (which builds the data from a revision)
and the renderer (which turns it into .docx bytes). The data is plain JSON: strings,
numbers, booleans, lists, dicts; dates as ISO strings. `iop templates check` renders
every template with it, and tests use it.

Keys:
  template_key, template_version   which template the revision was written for
  kind                             "iop" | "annual"
  title, case_number (or None), revision (int)
  municipality                     {"name"}
  department                       {"code", "name", "committee", "email"}
  organisations                    [{"id", "name", "org_number", "legal_form", "legal_form_label",
                                     "address", "email", "phone"}]
  background, governance, challenge, purpose, added_value, market_assessment,
  follow_up_description            free text (may be None or contain newlines)
  activities                       free text or None: what the organisation does (annual
                                   agreements); optional, like every key the renderer
                                   fills in when missing (see contract.OPTIONAL_DATA)
  resources                        [{"party": "municipality" | "organisation", "organisation_id",
                                     "organisation_name", "type", "type_label", "description",
                                     "amount_sek" (number or None), "hours" (number or None),
                                     "per": "year" | "total"}]
  start_date, end_date             ISO dates or None
  notice_period_months             int or None
  extension_months, max_extensions int or None; automatic_extension bool
  milestones, follow_ups           [{"date", "title"}]
  responsible_email
  predecessor                      {"id", "title", "case_number"} or None
  general_economic_interest        bool: a service of general economic interest (SGEI)
  decision                         {"body", "date", "section", "case_number", "delegation"}: the
                                   decision the agreement rests on (all may be None)
  payment_terms                    "yearly_in_advance" | "half_yearly_in_advance" |
                                   "quarterly_in_advance" | "per_milestone" | None (half-yearly)
  processes_personal_data          bool: the organisation processes personal data for the
                                   municipality (a data-processing section)
  signatories                      [{"party", "name", "title", "organisation_id"}] named on the
                                   draft: printed under their signature lines

At render time, and not part of a revision's content, the renderer is also told:
  draft        True only while the agreement is a draft: the UTKAST marking (body and header);
               from submission on the document is the signature version, without it
  signed       True for the active rendering: who signed and the signing date filled in
  signed_on    ISO date or None
  signatories  [{"party", "name", "title", "organisation_id"}]: who signed
  archive_copy True for the PDF/A copy, which says it renders the signed agreement
"""

SAMPLE_AGREEMENT: dict = {
    "template_key": "iop",
    "template_version": "1.0",
    "kind": "iop",
    "title": "Läxhjälp och föräldrastöd i Norra Sjöstad",
    "case_number": "KS 2026/0123",
    "revision": 3,
    "municipality": {"name": "Sjöstads kommun"},
    "department": {"code": "KFF", "name": "Kultur- och fritidsförvaltningen",
                   "committee": "Kultur- och fritidsnämnden", "email": "kultur@sjostad.example"},
    "organisations": [{
        "id": 1, "name": "Läxhjälpen i Sjöstad", "org_number": "802456-1238",
        "legal_form": "ideell_forening", "legal_form_label": "Ideell förening",
        "address": "Hamngatan 4, 611 30 Sjöstad", "email": "info@laxhjalpen.example",
        "phone": "070-111 22 33"}],
    "background": "Föreningen har sedan 2019 drivit läxhjälp med ideella krafter i Norra Sjöstad.\n"
                  "Parterna delar synen att alla barn ska ges förutsättningar att klara skolan.",
    "governance": "En styrgrupp med två företrädare för varje part möts fyra gånger per år.",
    "challenge": "Andelen elever i Norra Sjöstad som går ut grundskolan med behörighet till "
                 "gymnasiet är lägre än i kommunen som helhet.",
    "purpose": "Att fler elever i Norra Sjöstad når gymnasiebehörighet och att fler föräldrar "
               "kan stödja sina barns skolgång.",
    "added_value": "Föreningens volontärer har språkkunskaper och förtroende i området som "
                   "kommunen inte själv kan skapa eller köpa.",
    "market_assessment": "Det finns ingen fungerande marknad för ideellt buren läxhjälp med "
                         "föräldrastöd i området; insatsen bygger på frivilliga krafter.",
    "follow_up_description": "Föreningen redovisar antal deltagare och volontärtimmar varje "
                             "halvår; parterna utvärderar gemensamt inför varje nytt år.",
    "resources": [
        {"party": "municipality", "organisation_id": None, "organisation_name": None,
         "type": "money", "type_label": "Ekonomiskt bidrag", "description": "Bidrag till verksamheten",
         "amount_sek": 250000, "hours": None, "per": "year"},
        {"party": "municipality", "organisation_id": None, "organisation_name": None,
         "type": "premises", "type_label": "Lokaler", "description": "Lokal i Norra skolan "
         "två kvällar i veckan", "amount_sek": None, "hours": None, "per": "year"},
        {"party": "organisation", "organisation_id": 1, "organisation_name": "Läxhjälpen i Sjöstad",
         "type": "volunteer_hours", "type_label": "Ideella timmar",
         "description": "Volontärer som läxhjälpare", "amount_sek": None, "hours": 1200,
         "per": "year"},
    ],
    "start_date": "2027-01-01",
    "end_date": "2029-12-31",
    "notice_period_months": 6,
    "extension_months": 12,
    "max_extensions": 1,
    "automatic_extension": False,
    "milestones": [{"date": "2027-03-31", "title": "Verksamheten har startat i två skolor"}],
    "follow_ups": [{"date": "2027-06-30", "title": "Halvårsredovisning"},
                   {"date": "2027-12-31", "title": "Årlig uppföljning och utvärdering"}],
    "responsible_email": "karin@sjostad.example",
    "predecessor": None,
    "general_economic_interest": False,
    "decision": {"body": "Kultur- och fritidsnämnden", "date": "2026-11-24", "section": "§ 112",
                 "case_number": "KFN 2026/0456", "delegation": None},
    "payment_terms": "half_yearly_in_advance",
    "processes_personal_data": True,
    "signatories": [
        {"party": "municipality", "name": "Anna Andersson", "title": "Förvaltningschef",
         "organisation_id": None},
    ],
}

SAMPLE_SIGNATURES: dict = {
    "signed_on": "2026-12-15",
    "signatories": [
        {"party": "municipality", "name": "Anna Andersson", "title": "Förvaltningschef"},
        {"party": "organisation", "name": "Lena Lind", "title": "Ordförande"},
    ],
}
