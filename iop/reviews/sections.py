"""The parts of an agreement a review comment can be anchored to, as the document names them."""

SECTIONS = {
    "general": "Överenskommelsen som helhet",
    "background": "Bakgrund och gemensamma värderingar",
    "parties": "Parterna, organisation och styrning",
    "challenge": "Samhällsutmaningen",
    "purpose": "Mål och syfte",
    "added_value": "Organisationens mervärde och egna engagemang",
    "market_assessment": "Marknadsbedömning",
    "resources": "Parternas resurser och åtaganden",
    "timeline": "Tidplan och milstolpar",
    "follow_up": "Uppföljning och utvärdering",
    "term": "Avtalstid och förlängning",
    "termination": "Uppsägning och upphörande",
    "changes": "Ändringar och omförhandling",
    "disputes": "Tvister",
    "signatures": "Underskrifter",
}
