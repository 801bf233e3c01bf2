"""The Haarlem demo: a municipality, its sociale kaart and one account per role.

Organisations, services and places are public facts (DOMAIN.md §7 and the
seed report); every contact detail and every person is invented. Phone
numbers use the 023-555 range, e-mail addresses and websites live under
``DEMO_DOMAIN``, so nothing here reaches a real desk or a real person. The
one exception is Veilig Thuis: its national number 0800-2000 is kept,
because a demo must never show a wrong number for domestic violence.

Descriptions are public text for residents: plain Dutch, short sentences.
"""

from dataclasses import dataclass
from typing import TypedDict

from wegwijs.accounts.constants import OrganisationKind, Role

DEMO_DOMAIN = "demo.wegwijs.nl"

# Published in the README: anyone may log in to the demo with it.
DEMO_PASSWORD = "Wegwijs-demo-2026"

CITY = "Haarlem"


@dataclass(frozen=True)
class DemoMunicipality:
    slug: str
    name: str


class OrganisationDetails(TypedDict):
    """The extra Organisation fields that ``organisation_create`` accepts as keywords."""

    description: str
    phone: str
    whatsapp: str
    email: str
    website: str
    street_address: str
    postcode: str
    city: str
    address_is_confidential: bool
    opening_hours: str


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    description: str
    kind: OrganisationKind = OrganisationKind.FACILITY
    is_independent: bool = False
    phone: str = ""
    whatsapp: str = ""
    email: str = ""
    website: str = ""
    street_address: str = ""
    postcode: str = ""
    city: str = CITY
    address_is_confidential: bool = False
    opening_hours: str = ""

    def details(self) -> OrganisationDetails:
        """Return the fields that ``organisation_create`` takes as extra keywords."""
        return {
            "description": self.description,
            "phone": self.phone,
            "whatsapp": self.whatsapp,
            "email": self.email,
            "website": self.website,
            "street_address": self.street_address,
            "postcode": self.postcode,
            "city": self.city,
            "address_is_confidential": self.address_is_confidential,
            "opening_hours": self.opening_hours,
        }


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: Role
    full_name: str
    organisation_slug: str | None = None
    municipality_slug: str | None = None


def _email(subdomain: str, local: str = "info") -> str:
    return f"{local}@{subdomain}.{DEMO_DOMAIN}"


def _website(subdomain: str) -> str:
    return f"https://{subdomain}.{DEMO_DOMAIN}/"


MUNICIPALITY = DemoMunicipality(slug="haarlem", name="Haarlem")

# --- The five organisations that give client support (seed report §3.1) -----

CLIENT_SUPPORT: list[DemoOrganisation] = [
    DemoOrganisation(
        slug="sociale-wijkteams",
        name="Sociale Wijkteams Haarlem",
        kind=OrganisationKind.CLIENT_SUPPORT,
        description=(
            "Heeft u een vraag over geld, wonen, zorg, opvoeden of meedoen? "
            "En weet u niet waar u moet beginnen? Ga dan naar het sociaal wijkteam "
            "in uw stadsdeel. Haarlem heeft vijf wijkteams: Centrum, Noord, Oost, "
            "Zuid-West en Schalkwijk. Sinds 2023 horen de wijkteams bij VanHier, "
            "samen met het welzijnswerk.\n\n"
            "Een cliëntondersteuner zoekt samen met u uit wat uw vraag is. Hij of zij "
            "denkt mee over oplossingen met mensen om u heen en in de wijk. U krijgt "
            "hulp bij een aanvraag bij de gemeente. De ondersteuner kan ook meegaan "
            "naar een gesprek. De hulp is gratis."
        ),
        phone="023-555 01 00",
        email=_email("wijkteams"),
        website=_website("wijkteams"),
        street_address="Gasthuisvest 40",
        postcode="2011 ES",
        opening_hours=(
            "Bellen: maandag tot en met vrijdag van 9.00 tot 17.00 uur.\n"
            "Inloop in elk stadsdeel: dinsdag en donderdag van 9.30 tot 11.30 uur. "
            "Het adres van uw wijkteam staat op de website."
        ),
    ),
    DemoOrganisation(
        slug="cjg-haarlem",
        name="Centrum voor Jeugd en Gezin (CJG) Haarlem",
        kind=OrganisationKind.CLIENT_SUPPORT,
        description=(
            "Het CJG is er voor ouders, kinderen en jongeren tot 23 jaar. U kunt er "
            "terecht met vragen over opgroeien en opvoeden. Bijvoorbeeld over slapen, "
            "eten, pesten, school of de puberteit. Ook als u zich zorgen maakt over "
            "uw kind.\n\n"
            "Een cliëntondersteuner van het CJG helpt u om uw vraag helder te krijgen. "
            "Hij of zij legt uit welke hulp er is en helpt bij een aanvraag voor "
            "jeugdhulp. Voor het inloopspreekuur hoeft u geen afspraak te maken. "
            "De hulp is gratis."
        ),
        phone="023-555 02 00",
        whatsapp="023-555 02 01",
        email=_email("cjg"),
        website=_website("cjg"),
        street_address="Verspronckweg 60",
        postcode="2023 BH",
        opening_hours=(
            "Bellen en WhatsApp: maandag tot en met vrijdag van 8.30 tot 17.00 uur.\n"
            "Inloopspreekuur: woensdag van 13.30 tot 16.00 uur."
        ),
    ),
    DemoOrganisation(
        # Seed: about 25% of the clients have a physical and 13% an intellectual
        # disability, 10% a psychological vulnerability; most questions are
        # about rules and money.
        slug="mee-de-wering",
        name="MEE & De Wering",
        kind=OrganisationKind.CLIENT_SUPPORT,
        description=(
            "MEE & De Wering helpt mensen met een beperking of een chronische ziekte. "
            "Bijvoorbeeld een lichamelijke of verstandelijke beperking, autisme of "
            "psychische klachten. Ook familie en mantelzorgers kunnen hier terecht.\n\n"
            "Een cliëntondersteuner helpt u met regels, formulieren en geldzaken. "
            "Hij of zij gaat mee naar het gesprek met de gemeente, het "
            "keukentafelgesprek. En helpt u bij een aanvraag voor zorg of een "
            "persoonsgebonden budget (pgb). De hulp is gratis."
        ),
        phone="023-555 03 00",
        email=_email("mee-dewering"),
        website=_website("mee-dewering"),
        street_address="Zijlweg 245",
        postcode="2015 CK",
        opening_hours=(
            "Bellen: maandag tot en met vrijdag van 9.00 tot 17.00 uur.\n"
            "Een gesprek is bij u thuis of op kantoor, op afspraak."
        ),
    ),
    DemoOrganisation(
        slug="wijkcontactvrouwen",
        name="Wijkcontactvrouwen van Haarlem Effect",
        kind=OrganisationKind.CLIENT_SUPPORT,
        description=(
            "De wijkcontactvrouwen helpen vrouwen en gezinnen met een "
            "migratieachtergrond. Zij spreken onder meer Turks, Arabisch, Berbers, "
            "Engels en Nederlands.\n\n"
            "Ze helpen u met brieven, formulieren en afspraken. Ze leggen uit hoe "
            "dingen in Nederland werken, zoals school, zorg en toeslagen. Ze gaan mee "
            "naar de huisarts, de school of de gemeente. Een wijkcontactvrouw komt "
            "ook bij u thuis. De hulp is gratis en vertrouwelijk."
        ),
        phone="023-555 04 00",
        whatsapp="023-555 04 01",
        email=_email("wijkcontactvrouwen"),
        website=_website("wijkcontactvrouwen"),
        street_address="Europaweg 12",
        postcode="2036 AB",
        opening_hours=(
            "Spreekuur zonder afspraak: maandag en donderdag van 9.30 tot 12.00 uur "
            "in Schalkwijk, woensdag van 9.30 tot 12.00 uur in Haarlem-Oost.\n"
            "Bellen of WhatsApp: maandag tot en met vrijdag van 9.00 tot 16.00 uur."
        ),
    ),
    DemoOrganisation(
        # The only fully independent one: it offers nothing but client support
        # and has no part in the access decision (seed report §2.3).
        slug="clientenbelang",
        name="Cliëntenbelang Amsterdam/Haarlem",
        kind=OrganisationKind.CLIENT_SUPPORT,
        is_independent=True,
        description=(
            "Cliëntenbelang is een volledig onafhankelijke cliëntondersteuner. "
            "De organisatie geeft zelf geen zorg en beslist niet over uw aanvraag. "
            "Zij staat alleen aan uw kant.\n\n"
            "U kunt hier terecht als u een lichamelijke, psychische of verstandelijke "
            "beperking heeft. Ook als u het niet eens bent met een besluit van de "
            "gemeente of met uw zorg. Een cliëntondersteuner helpt u een klacht of "
            "bezwaar te maken. Hij of zij gaat mee naar een gesprek of hoorzitting. "
            "Cliëntenbelang is ook vertrouwenspersoon bij klachten over organisaties "
            "in het sociaal domein. De hulp is gratis."
        ),
        phone="023-555 05 00",
        whatsapp="023-555 05 01",
        email=_email("clientenbelang"),
        website=_website("clientenbelang"),
        opening_hours=(
            "Bellen: elke werkdag van 9.00 tot 17.00 uur.\n"
            "Een vraag stellen kan ook via WhatsApp, e-mail, de website, Facebook of X.\n"
            "Een gesprek is bij u thuis of op een plek in uw buurt."
        ),
    ),
]

# --- The rest of the sociale kaart ---------------------------------------------

FACILITIES: list[DemoOrganisation] = [
    # Municipal desks.
    DemoOrganisation(
        slug="wmo-loket",
        name="Wmo-loket gemeente Haarlem",
        kind=OrganisationKind.MUNICIPAL_SERVICE,
        description=(
            "Bij het Wmo-loket vraagt u hulp om zelfstandig te blijven wonen en mee "
            "te doen. Bijvoorbeeld hulp bij het huishouden, begeleiding, een "
            "scootmobiel of een aanpassing in uw huis.\n\n"
            "Eerst doet u een melding. Daarna onderzoekt de gemeente binnen zes weken "
            "samen met u wat u nodig heeft. Dat gesprek heet het keukentafelgesprek. "
            "U en uw mantelzorger mogen een cliëntondersteuner meenemen. Die hulp is "
            "gratis. De gemeente vertelt u dat vóór het gesprek."
        ),
        phone="023-555 10 00",
        email=_email("gemeente", "wmo"),
        website=_website("gemeente"),
        street_address="Grote Markt 2",
        postcode="2011 RD",
        opening_hours=(
            "Bellen: maandag tot en met vrijdag van 8.30 tot 17.00 uur.\nLoket: alleen op afspraak."
        ),
    ),
    DemoOrganisation(
        slug="loket-jeugd",
        name="Loket Jeugd gemeente Haarlem",
        kind=OrganisationKind.MUNICIPAL_SERVICE,
        description=(
            "Het Loket Jeugd regelt jeugdhulp die u via de gemeente krijgt. "
            "Bijvoorbeeld hulp bij het opvoeden of begeleiding voor uw kind. Heeft u "
            "een verwijzing van de huisarts of het CJG? Dan kunt u hier terecht met "
            "vragen over uw aanvraag of over het besluit.\n\n"
            "Wilt u hulp bij uw vraag? Een cliëntondersteuner van het CJG denkt "
            "gratis met u mee."
        ),
        phone="023-555 11 00",
        email=_email("gemeente", "jeugd"),
        website=_website("gemeente"),
        street_address="Grote Markt 2",
        postcode="2011 RD",
        opening_hours="Bellen: maandag tot en met vrijdag van 8.30 tot 17.00 uur.",
    ),
    DemoOrganisation(
        slug="schuldhulpverlening",
        name="Schuldhulpverlening gemeente Haarlem",
        kind=OrganisationKind.MUNICIPAL_SERVICE,
        description=(
            "Heeft u schulden of kunt u uw rekeningen niet meer betalen? Wacht niet "
            "te lang en neem contact op. De gemeente helpt u gratis om overzicht te "
            "krijgen. Samen maakt u een plan. Soms regelt de gemeente een "
            "schuldregeling met de mensen en bedrijven waar u geld aan moet betalen.\n\n"
            "Dreigt u uw huis uit te moeten, of worden gas, water of licht "
            "afgesloten? Dan krijgt u snel hulp."
        ),
        phone="023-555 12 00",
        email=_email("gemeente", "schuldhulp"),
        website=_website("gemeente"),
        street_address="Zijlvest 39",
        postcode="2011 VB",
        opening_hours=(
            "Bellen: maandag tot en met vrijdag van 9.00 tot 12.30 uur.\n"
            "Inloop zonder afspraak: dinsdag van 13.00 tot 16.00 uur."
        ),
    ),
    DemoOrganisation(
        slug="werkplein",
        name="Werkplein Haarlem (werk en inkomen)",
        kind=OrganisationKind.MUNICIPAL_SERVICE,
        description=(
            "Bij het Werkplein kunt u terecht voor een bijstandsuitkering en voor hulp "
            "bij het vinden van werk. Het Werkplein helpt ook met bijzondere bijstand "
            "voor hoge kosten die u niet zelf kunt betalen. Voor een WW-uitkering of "
            "een uitkering bij ziekte gaat u naar het UWV.\n\n"
            "Een aanvraag doet u online met DigiD. Lukt dat niet? Maak dan een "
            "afspraak. U mag iemand meenemen."
        ),
        phone="023-555 13 00",
        email=_email("werkplein"),
        website=_website("werkplein"),
        street_address="Zijlvest 39",
        postcode="2011 VB",
        opening_hours=(
            "Bellen: maandag tot en met vrijdag van 9.00 tot 17.00 uur.\nBalie: alleen op afspraak."
        ),
    ),
    DemoOrganisation(
        # Haarlem is the centrumgemeente for maatschappelijke opvang in
        # Kennemerland, so this desk serves the whole region.
        slug="centrale-toegang-opvang",
        name="Centrale toegang maatschappelijke opvang Kennemerland",
        kind=OrganisationKind.MUNICIPAL_SERVICE,
        description=(
            "Bent u dakloos of dreigt u uw huis kwijt te raken? Bij de centrale "
            "toegang kunt u terecht voor opvang en voor hulp bij het vinden van een "
            "eigen woonplek. Haarlem regelt de opvang voor de hele regio "
            "Kennemerland. Woont u in een andere gemeente in de regio? Dan kunt u "
            "zich hier ook melden.\n\n"
            "Heeft u geen adres waar uw post komt? Vraag hier naar een postadres."
        ),
        phone="023-555 14 00",
        email=_email("opvang-kennemerland", "toegang"),
        website=_website("opvang-kennemerland"),
        street_address="Kennemerplein 8",
        postcode="2011 MJ",
        opening_hours=(
            "Inloop zonder afspraak: maandag tot en met vrijdag van 9.00 tot 12.00 uur.\n"
            "'s Avonds en in het weekend: bel de nachtopvang."
        ),
    ),
    # Money, papers and rights.
    DemoOrganisation(
        slug="schuldhulpmaatje",
        name="SchuldHulpMaatje Haarlem",
        description=(
            "Vrijwilligers van SchuldHulpMaatje helpen u met uw geldzaken. Een maatje "
            "komt bij u thuis. Samen ordent u uw post en maakt u een overzicht van uw "
            "inkomsten en uitgaven. Uw maatje helpt u ook om hulp te vragen bij de "
            "gemeente.\n\n"
            "De vrijwilligers zijn getraind en werken vertrouwelijk. De hulp is gratis."
        ),
        phone="023-555 20 00",
        email=_email("schuldhulpmaatje"),
        website=_website("schuldhulpmaatje"),
        opening_hours=(
            "Aanmelden via de website, of bellen op dinsdag en donderdag van 10.00 tot 12.00 uur."
        ),
    ),
    DemoOrganisation(
        slug="thuisadministratie",
        name="Thuisadministratie Haarlem",
        description=(
            "Heeft u moeite met uw post en papieren? Een vrijwilliger van de "
            "Thuisadministratie komt bij u thuis. Samen brengt u orde in uw papieren. "
            "U leert hoe u uw rekeningen op tijd betaalt. De vrijwilliger helpt zo "
            "lang als nodig is, meestal een paar maanden. De hulp is gratis."
        ),
        phone="023-555 21 00",
        email=_email("thuisadministratie"),
        website=_website("thuisadministratie"),
        opening_hours="Bellen: maandag tot en met donderdag van 9.00 tot 13.00 uur.",
    ),
    DemoOrganisation(
        slug="formulierenbrigade",
        name="Formulierenbrigade Haarlem",
        description=(
            "Vindt u formulieren moeilijk? De Formulierenbrigade helpt u gratis met "
            "invullen. Bijvoorbeeld voor toeslagen, een uitkering of een aanvraag bij "
            "de gemeente.\n\n"
            "Neem de brief of het formulier mee, en uw bankafschriften. Uw "
            "DigiD-wachtwoord houdt u voor uzelf."
        ),
        phone="023-555 22 00",
        email=_email("formulierenbrigade"),
        website=_website("formulierenbrigade"),
        street_address="Gasthuisstraat 32",
        postcode="2011 XP",
        opening_hours=(
            "Inloop zonder afspraak: maandag van 13.00 tot 16.00 uur in de "
            "bibliotheek in het centrum, donderdag van 9.30 tot 12.00 uur in "
            "Wijkcentrum Schalkwijk."
        ),
    ),
    DemoOrganisation(
        slug="sociaal-raadslieden",
        name="Sociaal raadslieden Haarlem",
        description=(
            "Sociaal raadslieden geven gratis advies over geld, regels en rechten. "
            "Bijvoorbeeld over toeslagen, een uitkering, uw huur, belastingen of een "
            "brief van een instantie. Zij leggen uit wat u kunt doen. Zij helpen u "
            "met een brief of een bezwaar."
        ),
        phone="023-555 23 00",
        email=_email("sociaalraadslieden"),
        website=_website("sociaalraadslieden"),
        street_address="Rijksstraatweg 101",
        postcode="2022 CA",
        opening_hours=(
            "Inloop zonder afspraak: maandag en woensdag van 9.00 tot 12.00 uur.\n"
            "Bellen voor een afspraak: maandag tot en met vrijdag van 9.00 tot "
            "12.00 uur."
        ),
    ),
    DemoOrganisation(
        slug="juridisch-loket",
        name="Het Juridisch Loket (spreekuur Haarlem)",
        description=(
            "Het Juridisch Loket geeft gratis juridisch advies. Bijvoorbeeld over uw "
            "werk, ontslag, huur, schulden, scheiden of een boete. U krijgt uitleg "
            "over uw rechten.\n\n"
            "Is er meer hulp nodig? Dan verwijst het Juridisch Loket u naar een "
            "advocaat of mediator. U betaalt dan misschien een eigen bijdrage. Die "
            "hangt af van uw inkomen."
        ),
        phone="023-555 24 00",
        email=_email("juridischloket"),
        website=_website("juridischloket"),
        street_address="Tempeliersstraat 21",
        postcode="2012 EA",
        opening_hours=(
            "Bellen: maandag tot en met vrijdag van 9.00 tot 17.00 uur.\n"
            "Spreekuur in Haarlem: op afspraak."
        ),
    ),
    DemoOrganisation(
        slug="huurteam",
        name="Huurteam Haarlem",
        description=(
            "Betaalt u te veel huur? Is uw huis vochtig, of repareert de verhuurder "
            "gebreken niet? Het Huurteam controleert gratis uw huurprijs en "
            "servicekosten. Het Huurteam helpt u met een brief aan uw verhuurder of "
            "met een zaak bij de Huurcommissie."
        ),
        phone="023-555 25 00",
        email=_email("huurteam"),
        website=_website("huurteam"),
        street_address="Amsterdamstraat 16",
        postcode="2032 PM",
        opening_hours="Inloop zonder afspraak: donderdag van 13.00 tot 17.00 uur.",
    ),
    # Food, clothes and shelter.
    DemoOrganisation(
        slug="voedselbank",
        name="Voedselbank Haarlem",
        description=(
            "De Voedselbank geeft gratis voedselpakketten aan mensen die tijdelijk te "
            "weinig geld hebben voor eten. U heeft een verwijzing nodig, bijvoorbeeld "
            "van het sociaal wijkteam, de schuldhulpverlening of de huisarts. De "
            "Voedselbank kijkt naar uw inkomen en vaste lasten.\n\n"
            "U haalt uw pakket één keer per week op bij een uitgiftepunt in de buurt."
        ),
        phone="023-555 30 00",
        email=_email("voedselbank"),
        website=_website("voedselbank"),
        street_address="Oudeweg 91",
        postcode="2031 CC",
        opening_hours=(
            "Uitgifte: donderdag en vrijdag. Bij uw inschrijving hoort u de tijd en de plek."
        ),
    ),
    DemoOrganisation(
        slug="kledingbank",
        name="Kledingbank Haarlem",
        description=(
            "Bij de Kledingbank kiest u gratis kleding, schoenen en beddengoed. U kunt "
            "hier terecht als u weinig geld heeft. U heeft een verwijzing nodig van "
            "een hulpverlener, zoals het sociaal wijkteam of de Voedselbank. U kunt "
            "vier keer per jaar komen."
        ),
        phone="023-555 31 00",
        email=_email("kledingbank"),
        website=_website("kledingbank"),
        street_address="Spaarndamseweg 150",
        postcode="2021 KG",
        opening_hours="Open: dinsdag en zaterdag van 10.00 tot 13.00 uur.",
    ),
    DemoOrganisation(
        slug="nachtopvang",
        name="Nachtopvang Kennemerland",
        description=(
            "De nachtopvang biedt een bed, een douche, een avondmaaltijd en ontbijt "
            "voor mensen zonder slaapplek. Een begeleider praat met u over de "
            "volgende stap. Aanmelden gaat via de centrale toegang maatschappelijke "
            "opvang. 's Avonds en in het weekend belt u de nachtopvang zelf."
        ),
        phone="023-555 32 00",
        email=_email("opvang-kennemerland", "nachtopvang"),
        website=_website("opvang-kennemerland"),
        street_address="Jansweg 5",
        postcode="2011 KK",
        opening_hours=(
            "Open: elke dag van 20.00 tot 9.00 uur.\n"
            "Als het vriest, is de winteropvang ook overdag open."
        ),
    ),
    DemoOrganisation(
        # A shelter's address must never be shown: the phone is the way in.
        slug="vrouwenopvang",
        name="Vrouwenopvang Kennemerland",
        description=(
            "De vrouwenopvang is een veilige plek voor vrouwen, met of zonder "
            "kinderen, die thuis niet veilig zijn. Het adres is geheim. Zo bent u "
            "beschermd. U kunt dag en nacht bellen. Hulpverleners helpen u met "
            "veiligheid, geld, wonen en de zorg voor uw kinderen.\n\n"
            "Bent u in direct gevaar? Bel 112."
        ),
        phone="023-555 33 00",
        email=_email("vrouwenopvang"),
        website=_website("vrouwenopvang"),
        city="",
        address_is_confidential=True,
        opening_hours="Dag en nacht bereikbaar, ook in het weekend.",
    ),
    DemoOrganisation(
        slug="veilig-thuis",
        name="Veilig Thuis Kennemerland",
        description=(
            "Veilig Thuis is het advies- en meldpunt voor huiselijk geweld en "
            "kindermishandeling. Bijvoorbeeld als iemand u slaat, bedreigt of "
            "vernedert. Of als u zich zorgen maakt om een kind, een oudere of een "
            "buur. U kunt bellen voor advies of een melding doen, ook anoniem. "
            "Bellen is gratis.\n\n"
            "Bij direct gevaar belt u 112."
        ),
        phone="0800-2000",
        website=_website("veiligthuis"),
        city="",
        opening_hours="Dag en nacht bereikbaar, zeven dagen per week.",
    ),
    # Health and care.
    DemoOrganisation(
        slug="verslavingszorg",
        name="Verslavingszorg Kennemerland",
        description=(
            "Maakt u zich zorgen over uw gebruik van alcohol, drugs of medicijnen, of "
            "over gokken? Of over iemand in uw omgeving? Bij de verslavingszorg krijgt "
            "u advies en behandeling.\n\n"
            "Een eerste adviesgesprek kan zonder verwijzing. Voor een behandeling "
            "heeft u meestal een verwijzing van de huisarts nodig. Via de website "
            "kunt u ook anoniem chatten."
        ),
        phone="023-555 40 00",
        email=_email("verslavingszorg"),
        website=_website("verslavingszorg"),
        street_address="Leidsevaart 220",
        postcode="2014 HG",
        opening_hours="Bellen: maandag tot en met vrijdag van 8.30 tot 17.00 uur.",
    ),
    DemoOrganisation(
        slug="ggz-inloop",
        name="GGZ-inloophuis Haarlem",
        description=(
            "Het inloophuis is een plek voor iedereen met psychische klachten. Loop "
            "binnen voor een kop koffie, een praatje of een activiteit. U hoeft niets "
            "te vertellen en u heeft geen verwijzing nodig. Medewerkers en "
            "ervaringsdeskundigen luisteren en denken mee. Zij helpen u de weg te "
            "vinden naar hulp."
        ),
        phone="023-555 41 00",
        email=_email("inloophuis"),
        website=_website("inloophuis"),
        street_address="Kleverparkweg 44",
        postcode="2023 CG",
        opening_hours=(
            "Open: maandag tot en met vrijdag van 10.00 tot 16.00 uur, zaterdag van "
            "12.00 tot 16.00 uur."
        ),
    ),
    DemoOrganisation(
        slug="mantelzorgsteunpunt",
        name="Mantelzorgsteunpunt Haarlem",
        description=(
            "Zorgt u voor een partner, ouder, kind of vriend die ziek is of een "
            "beperking heeft? Dan bent u mantelzorger. Het Mantelzorgsteunpunt geeft "
            "u informatie en advies. Bijvoorbeeld over respijtzorg, zodat u even vrij "
            "kunt nemen. U kunt ook andere mantelzorgers ontmoeten. Vraag ook naar de "
            "jaarlijkse mantelzorgwaardering van de gemeente."
        ),
        phone="023-555 42 00",
        email=_email("mantelzorg"),
        website=_website("mantelzorg"),
        street_address="Lange Herenvest 122",
        postcode="2011 BX",
        opening_hours="Bellen: maandag tot en met vrijdag van 9.00 tot 16.00 uur.",
    ),
    DemoOrganisation(
        slug="ouderenadvies",
        name="Ouderenadviseurs Haarlem",
        description=(
            "Bent u 65 jaar of ouder en heeft u een vraag over wonen, zorg, geld of "
            "eenzaamheid? Een ouderenadviseur komt bij u thuis voor een gesprek. "
            "Samen kijkt u wat u nodig heeft om fijn thuis te blijven wonen. De "
            "ouderenadviseur helpt ook met aanvragen en formulieren. De hulp is "
            "gratis."
        ),
        phone="023-555 43 00",
        email=_email("ouderenadvies"),
        website=_website("ouderenadvies"),
        opening_hours="Bellen voor een afspraak: maandag tot en met vrijdag van 9.00 tot 12.00 uur.",
    ),
    DemoOrganisation(
        slug="hulpmiddelenuitleen",
        name="Uitleenpunt hulpmiddelen Haarlem",
        description=(
            "Heeft u even een hulpmiddel nodig, bijvoorbeeld na een operatie of een "
            "ongeluk? Bij het uitleenpunt leent u een rolstoel, rollator, krukken, "
            "douchestoel of toiletverhoger. Meestal kunt u het meteen meenemen. U "
            "leent tot drie maanden. Neem uw legitimatie en uw zorgpas mee.\n\n"
            "Heeft u het hulpmiddel langer nodig? Vraag dan uw zorgverzekeraar of het "
            "Wmo-loket wat er kan."
        ),
        phone="023-555 44 00",
        email=_email("uitleenpunt"),
        website=_website("uitleenpunt"),
        street_address="Schipholweg 72",
        postcode="2034 LS",
        opening_hours="Open: maandag tot en met vrijdag van 9.00 tot 17.00 uur.",
    ),
    DemoOrganisation(
        slug="wmo-vervoer",
        name="Regiotaxi Kennemerland (Wmo-vervoer)",
        description=(
            "Kunt u door een beperking niet goed met de bus of trein reizen? Dan kunt "
            "u met de Regiotaxi reizen in de regio. Met een Wmo-vervoerspas van de "
            "gemeente betaalt u een lager tarief. Die pas vraagt u aan bij het "
            "Wmo-loket. Bestel uw rit minstens een uur van tevoren."
        ),
        phone="023-555 45 00",
        email=_email("regiotaxi"),
        website=_website("regiotaxi"),
        opening_hours="Ritten bestellen: elke dag van 6.00 tot 24.00 uur.",
    ),
    # Language, meeting and taking part.
    DemoOrganisation(
        slug="taalhuis",
        name="Taalhuis in de Bibliotheek Haarlem",
        description=(
            "Wilt u beter leren lezen, schrijven, rekenen of Nederlands spreken? Of "
            "wilt u leren werken met een computer, DigiD of uw telefoon? In het "
            "Taalhuis helpen vrijwilligers u op weg. Samen kijkt u welke les of "
            "taalgroep bij u past. Het Taalhuis is gratis. U hoeft geen lid van de "
            "bibliotheek te zijn."
        ),
        phone="023-555 50 00",
        email=_email("bibliotheek", "taalhuis"),
        website=_website("bibliotheek"),
        street_address="Gasthuisstraat 32",
        postcode="2011 XP",
        opening_hours="Inloop zonder afspraak: dinsdag en vrijdag van 10.00 tot 12.00 uur.",
    ),
    DemoOrganisation(
        slug="repair-cafe-noord",
        name="Repair Café Haarlem-Noord",
        description=(
            "Is uw broodrooster, lamp of broek kapot? Neem het mee naar het Repair "
            "Café. Vrijwilligers repareren het samen met u, gratis. Ondertussen drinkt "
            "u een kop koffie en maakt u een praatje. Zo leert u ook uw buren kennen."
        ),
        email=_email("repaircafe"),
        website=_website("repaircafe"),
        street_address="Marsmanplein 2",
        postcode="2025 DT",
        opening_hours="Elke tweede zaterdag van de maand van 10.00 tot 13.00 uur.",
    ),
    DemoOrganisation(
        slug="wijkcentrum-schalkwijk",
        name="Wijkcentrum Schalkwijk",
        description=(
            "Het wijkcentrum is een ontmoetingsplek voor iedereen in Schalkwijk. Er is "
            "veel te doen: samen eten, een taalcafé, bewegen voor ouderen en "
            "huiswerkhulp. Het sociaal wijkteam en de Formulierenbrigade houden hier "
            "spreekuur. U bent altijd welkom om binnen te lopen."
        ),
        phone="023-555 51 00",
        email=_email("wijkcentra", "schalkwijk"),
        website=_website("wijkcentra"),
        street_address="Fie Carelsenplein 1",
        postcode="2036 AA",
        opening_hours=(
            "Open: maandag tot en met vrijdag van 9.00 tot 21.30 uur, zaterdag van "
            "10.00 tot 16.00 uur."
        ),
    ),
    DemoOrganisation(
        slug="buurthuis-delftwijk",
        name="Buurthuis Delftwijk",
        description=(
            "Het buurthuis in Delftwijk is er voor jong en oud. Drink een kop koffie "
            "bij de inloop, doe mee met de breiclub of eet mee op vrijdag. Heeft u een "
            "idee voor de buurt? De buurtwerker helpt u het te regelen."
        ),
        phone="023-555 52 00",
        email=_email("wijkcentra", "delftwijk"),
        website=_website("wijkcentra"),
        street_address="Delftlaan 120",
        postcode="2024 DA",
        opening_hours=(
            "Inloop met koffie: maandag tot en met donderdag van 10.00 tot 12.00 uur.\n"
            "Samen eten: vrijdag om 17.30 uur, aanmelden tot woensdag."
        ),
    ),
    DemoOrganisation(
        slug="buurthuis-slachthuisbuurt",
        name="Buurthuis Slachthuisbuurt",
        description=(
            "Het buurthuis in de Slachthuisbuurt is een plek om elkaar te ontmoeten. "
            "Er is een inloop, een kinderclub na school en een computerspreekuur. "
            "Ook kunt u hier een ruimte gebruiken voor een activiteit met de buurt."
        ),
        phone="023-555 53 00",
        email=_email("wijkcentra", "slachthuisbuurt"),
        website=_website("wijkcentra"),
        street_address="Slachthuisplein 5",
        postcode="2033 RA",
        opening_hours=(
            "Open: maandag tot en met vrijdag van 9.00 tot 17.00 uur.\n"
            "Computerspreekuur: woensdag van 14.00 tot 16.00 uur."
        ),
    ),
]

DEMO_ORGANISATIONS: list[DemoOrganisation] = CLIENT_SUPPORT + FACILITIES

# --- Demo accounts: every person is invented ----------------------------------

# One account per role, plus a second supporter in the independent
# organisation so the demo shows that supporters only see their own
# organisation's cases.
DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount(
        email=f"coordinator@{DEMO_DOMAIN}",
        role=Role.COORDINATOR,
        full_name="Jolien Spaarnestad",
        organisation_slug="sociale-wijkteams",
    ),
    DemoAccount(
        email=f"ondersteuner@{DEMO_DOMAIN}",
        role=Role.SUPPORTER,
        full_name="Ruben Zijlvest",
        organisation_slug="sociale-wijkteams",
    ),
    DemoAccount(
        email=f"ondersteuner-clientenbelang@{DEMO_DOMAIN}",
        role=Role.SUPPORTER,
        full_name="Leyla Molenaarsveld",
        organisation_slug="clientenbelang",
    ),
    DemoAccount(
        email=f"gemeente@{DEMO_DOMAIN}",
        role=Role.MUNICIPALITY,
        full_name="Noor Houtvaart",
        municipality_slug=MUNICIPALITY.slug,
    ),
    DemoAccount(
        email=f"beheer@{DEMO_DOMAIN}",
        role=Role.ADMINISTRATOR,
        full_name="Bas Kenaupark",
    ),
]


def account_works_for(account: DemoAccount) -> str:
    """Return the name of the organisation or municipality the account works for."""
    if account.organisation_slug:
        names = {organisation.slug: organisation.name for organisation in DEMO_ORGANISATIONS}
        return names[account.organisation_slug]
    if account.municipality_slug:
        return f"Gemeente {MUNICIPALITY.name}"
    return "-"
