"""Word lists for believable local organisations (deterministic with a seeded random)."""

from __future__ import annotations

PLACES = [
    "Kentish Town",
    "Camden",
    "Gospel Oak",
    "Somers Town",
    "Belsize",
    "Kilburn",
    "Fortune Green",
    "Highgate",
    "Holborn",
    "Bloomsbury",
    "Primrose Hill",
    "Regent's Park",
    "King's Cross",
    "Haverstock",
    "Hampstead",
    "West Hampstead",
    "Swiss Cottage",
    "Chalk Farm",
    "Queen's Crescent",
    "Fleet Road",
    "Agar Grove",
    "Malden Road",
]
TRADES = [
    # (trade words, CPV division codes, services, vcse-friendly)
    ("Repairs", ["50", "45"], ["responsive repairs", "void property works", "plumbing", "carpentry"], False),
    ("Building Services", ["45"], ["estate refurbishment", "roofing", "damp and mould remediation"], False),
    ("Cleaning", ["90"], ["estate cleaning", "communal area cleaning", "deep cleans", "graffiti removal"], True),
    (
        "Green Spaces",
        ["77", "90"],
        ["grounds maintenance", "community gardening", "tree care", "estate planting"],
        True,
    ),
    ("Community Kitchen", ["55"], ["community meals", "event catering", "food skills workshops"], True),
    ("Youth Trust", ["80", "85", "92"], ["youth work", "holiday activity programmes", "mentoring"], True),
    ("Digital", ["72"], ["website development", "digital inclusion training", "data services"], False),
    ("Consulting", ["79"], ["resident engagement", "co-design workshops", "research and evaluation"], False),
    ("Care Collective", ["85"], ["home care", "befriending", "wellbeing support"], True),
    ("Energy", ["09", "45"], ["retrofit assessments", "solar installation", "energy advice"], False),
    ("Arts", ["92", "79"], ["participatory arts", "murals", "community events"], True),
    ("Security", ["79"], ["concierge services", "door entry systems", "CCTV monitoring"], False),
    ("Training", ["80"], ["construction skills training", "employability coaching", "ESOL classes"], True),
    ("Pest Control", ["90"], ["pest control", "proofing works"], False),
    ("Removals", ["60", "98"], ["furniture removals", "bulky waste collection", "furniture reuse"], True),
    ("Print", ["79", "22"], ["print and design", "leaflet distribution"], False),
]
FOUNDERS = [
    "Okafor",
    "Patel",
    "Murphy",
    "Rahman",
    "Kowalski",
    "Hussein",
    "Campbell",
    "Nguyen",
    "Adeyemi",
    "Silva",
    "O'Brien",
    "Begum",
    "Costa",
    "Yilmaz",
    "Mensah",
    "Ahmed",
]
STREETS = [
    "Kentish Town Road",
    "Prince of Wales Road",
    "Queen's Crescent",
    "Malden Road",
    "Camden High Street",
    "Euston Road",
    "Caledonian Road",
    "Finchley Road",
    "Kilburn High Road",
    "Leighton Road",
    "Royal College Street",
    "Eversholt Street",
    "Judd Street",
    "Lamb's Conduit Street",
]
POSTCODES_IN_BOROUGH = [
    "NW5 2AA",
    "NW5 4LN",
    "NW1 9NR",
    "NW1 8QL",
    "NW3 2QG",
    "NW1 1DB",
    "WC1N 3AX",
    "WC1H 9EU",
    "NW5 1TL",
    "NW1 0JH",
]
POSTCODES_ELSEWHERE = ["N7 8DB", "E8 3RL", "SE1 7PB", "N4 3JP", "NW10 4XY", "E1 6AN", "CR0 2RH", "M1 1AE", "BS1 4DJ"]
LEGAL_FORMS = {
    False: ["ltd", "ltd", "ltd", "sole-trader", "partnership", "llp", "plc"],
    True: ["cic", "cio", "charitable-company", "co-operative", "unincorporated-association"],
}
VCSE_SUFFIX = {
    "cic": " CIC",
    "cio": "",
    "charitable-company": "",
    "co-operative": " Co-operative",
    "unincorporated-association": " Group",
}
COMMERCIAL_SUFFIX = {"ltd": " Ltd", "plc": " plc", "llp": " LLP", "partnership": " & Co", "sole-trader": ""}
CLIENTS = [
    "Camden Council",
    "a local housing association",
    "Islington Council",
    "a tenants' and residents' association",
    "a London NHS trust",
    "a community centre",
]
