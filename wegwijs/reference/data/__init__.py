"""Default reference lists of DOMAIN.md §2 and the Atw bridge days of §4.

Codes are the contract for imports, exports and the API: never change one.
Labels are (Dutch, English).
"""

from datetime import date

TOPICS: list[tuple[str, str, str]] = [
    ("bezwaar", "Bezwaar, beroep en klachten", "Objections, appeals and complaints"),
    ("dagbesteding", "Dagbesteding", "Day activities"),
    ("financien", "Financiën en schulden", "Money and debts"),
    ("huishouden", "Hulp bij het huishouden", "Help in the household"),
    ("jeugd-onderwijs", "Jeugd en onderwijs", "Youth and education"),
    ("vervoer", "Vervoer", "Transport"),
    ("wonen-opvang", "Wonen en maatschappelijke opvang", "Housing and shelter"),
    ("werk-inkomen", "Werk en inkomen", "Work and income"),
    ("zorg-gezondheid", "Zorg en gezondheid", "Care and health"),
    ("hulpmiddelen", "Hulpmiddelen en woningaanpassing", "Aids and home adaptations"),
    ("regelgeving", "Regelgeving en formulieren", "Rules and forms"),
    ("sociaal-netwerk", "Sociale contacten en eenzaamheid", "Social contacts and loneliness"),
    ("mantelzorg", "Mantelzorg", "Informal care"),
    ("veiligheid", "Huiselijk geweld en veiligheid", "Domestic violence and safety"),
    ("taal-meedoen", "Taal en meedoen", "Language and taking part"),
    ("overig", "Overig", "Other"),
]

CHANNELS: list[tuple[str, str, str]] = [
    ("telefoon", "Telefoon", "Phone"),
    ("email", "E-mail", "E-mail"),
    ("website", "Website (formulier of chat)", "Website (form or chat)"),
    ("whatsapp", "WhatsApp", "WhatsApp"),
    ("sociale-media", "Sociale media", "Social media"),
    ("huisbezoek", "Huisbezoek", "Home visit"),
    ("locatie", "Op locatie (kantoor of wijkplek)", "At a location (office or neighbourhood)"),
    ("video", "Videobellen", "Video call"),
    ("brief", "Brief", "Letter"),
    # Time spent without the client (preparation, consulting an organisation).
    (
        "zonder-client",
        "Zonder cliënt (voorbereiding, overleg)",
        "Without the client (preparation, consultation)",
    ),
]

ACTIVITIES: list[tuple[str, str, str]] = [
    ("informatie-advies", "Informatie en advies", "Information and advice"),
    ("vraagverheldering", "Vraagverheldering", "Clarifying the question"),
    ("meedenken", "Meedenken over oplossingen", "Thinking along about solutions"),
    ("bemiddeling", "Bemiddeling", "Mediation"),
    ("begeleiding-gesprek", "Meegaan naar een gesprek", "Going along to a meeting"),
    ("hulp-aanvraag", "Hulp bij een aanvraag", "Help with an application"),
    ("klacht", "Klacht", "Complaint"),
    ("bezwaar-beroep", "Bezwaar en beroep", "Objection and appeal"),
    ("evaluatie", "Evaluatie", "Evaluation"),
    ("overig", "Overig", "Other"),
]

TARGET_GROUPS: list[tuple[str, str, str]] = [
    ("lichamelijke-beperking", "Lichamelijke beperking", "Physical disability"),
    ("verstandelijke-beperking", "Verstandelijke beperking", "Intellectual disability"),
    ("psychische-kwetsbaarheid", "Psychische kwetsbaarheid", "Mental vulnerability"),
    ("zintuiglijke-beperking", "Zintuiglijke beperking", "Sensory impairment"),
    ("ouderen", "Ouderen", "Older people"),
    ("migratieachtergrond", "Migratieachtergrond", "Migration background"),
    ("dak-thuisloos", "Dak- en thuisloos", "Homeless"),
    ("jeugd-gezin", "Jeugd en gezin", "Youth and family"),
    ("mantelzorger", "Mantelzorger", "Informal carer"),
    ("schulden", "Schulden", "Debts"),
    ("laaggeletterd", "Laaggeletterd", "Low literacy"),
]

OUTCOMES: list[tuple[str, str, str]] = [
    ("opgelost", "Opgelost", "Solved"),
    ("deels-opgelost", "Deels opgelost", "Partly solved"),
    ("doorverwezen", "Doorverwezen", "Referred"),
    ("gestopt-door-client", "Gestopt door cliënt", "Stopped by the client"),
    ("niet-bereikt", "Cliënt niet bereikt", "Client not reached"),
    ("overig", "Overig", "Other"),
]

REFERRAL_STATUSES: list[tuple[str, str, str]] = [
    ("verstuurd", "Verstuurd", "Sent"),
    ("geaccepteerd", "Geaccepteerd", "Accepted"),
    ("afgewezen", "Afgewezen", "Declined"),
    ("afgerond", "Afgerond", "Completed"),
    ("ingetrokken", "Ingetrokken", "Withdrawn"),
]

REFERRAL_DECLINE_REASONS: list[tuple[str, str, str]] = [
    ("geen-capaciteit", "Geen capaciteit", "No capacity"),
    ("niet-passend", "Past niet bij ons aanbod", "Does not fit our services"),
    ("client-niet-bereikt", "Cliënt niet bereikt", "Client not reached"),
    ("overig", "Overig", "Other"),
]

# Atw art. 3 lid 3: days set equal to feestdagen by Royal Decree.
# Stcrt. 2025, 24713 for 2026-2028; earlier decrees for 2023-2025.
ROYAL_DECREE_DAYS: list[tuple[date, str, str]] = [
    (date(2023, 4, 28), "Vrijdag na Koningsdag", "Friday after King's Day"),
    (date(2023, 5, 19), "Vrijdag na Hemelvaartsdag", "Friday after Ascension Day"),
    (date(2024, 5, 10), "Vrijdag na Hemelvaartsdag", "Friday after Ascension Day"),
    (date(2024, 12, 27), "Vrijdag na Kerstmis", "Friday after Christmas"),
    (date(2025, 5, 30), "Vrijdag na Hemelvaartsdag", "Friday after Ascension Day"),
    (date(2026, 1, 2), "Vrijdag na Nieuwjaarsdag", "Friday after New Year's Day"),
    (date(2026, 5, 15), "Vrijdag na Hemelvaartsdag", "Friday after Ascension Day"),
    (date(2027, 5, 7), "Vrijdag na Hemelvaartsdag", "Friday after Ascension Day"),
    (date(2028, 4, 28), "Vrijdag na Koningsdag", "Friday after King's Day"),
    (date(2028, 5, 26), "Vrijdag na Hemelvaartsdag", "Friday after Ascension Day"),
]

# Statutory feestdagen are stored for these years so the calendar is visible
# and checkable in the admin; the rules compute any other year.
HOLIDAY_YEARS = range(2020, 2041)

# Areas per municipality slug: stadsdeel -> wijken.
AREAS: dict[str, dict[str, list[str]]] = {
    "haarlem": {
        "Centrum": ["Oude Stad", "Stationsbuurt"],
        "Noord": ["Delftwijk", "Vondelkwartier", "Transvaalbuurt", "Indische Buurt", "Kleverpark"],
        "Oost": ["Slachthuisbuurt", "Parkwijk", "Amsterdamsewijk", "Van Zeggelenbuurt"],
        "Zuid-West": ["Rozenprieel", "Leidsebuurt", "Houtvaartkwartier"],
        "Schalkwijk": ["Europawijk", "Boerhaavewijk", "Molenwijk", "Meerwijk"],
    },
}
