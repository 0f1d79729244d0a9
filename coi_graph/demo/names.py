"""Vocabularies for the synthetic demo corporation (:mod:`coi_graph.demo`).

Plain data: Dutch and migrant given names and surnames, streets, cities with their real
four-digit postcode ranges, supplier name patterns and the descriptions that go with them.
Nothing here is random; :mod:`coi_graph.demo` draws from these lists with a seeded generator.

Surnames are ``(tussenvoegsel, core)`` pairs, so ``("van der", "Meer")`` is written
``Jan van der Meer`` in HR, ``Meer, Jan van der`` in a KvK extract and ``Van der Meer`` at the
start of a company name.
"""

from __future__ import annotations

__all__ = [
    "BACKGROUNDS",
    "BUSINESS_STREETS",
    "CITIES",
    "GIVEN_NAMES",
    "INSTITUTIONS",
    "JOB_TITLES",
    "MAIL_DOMAINS",
    "ORG_CATEGORIES",
    "ORG_WORDS",
    "REGION_CITIES",
    "RESIDENTIAL_STREETS",
    "SIDE_FUNCTION_ORGS",
    "SURNAMES",
]

#: Background code -> share of the population drawn (employees, relatives, applicants).
BACKGROUNDS: dict[str, float] = {
    "nl": 0.74,
    "tr": 0.07,
    "ma": 0.08,
    "sr": 0.06,
    "id": 0.02,
    "pl": 0.03,
}

#: (background, sex) -> given names.  Sex codes: ``m``, ``v`` (vrouw).
GIVEN_NAMES: dict[tuple[str, str], list[str]] = {
    ("nl", "m"): [
        "Jan", "Pieter", "Kees", "Henk", "Gerrit", "Willem", "Johan", "Hans", "Peter", "Marco",
        "Erik", "Mark", "Dennis", "Jeroen", "Bas", "Tim", "Sander", "Niels", "Thijs", "Daan",
        "Sem", "Lucas", "Bram", "Ruben", "Koen", "Joost", "Maarten", "Michiel", "Wouter", "Sjoerd",
        "Arjen", "Ronald", "Frank", "Ad", "Cor", "Theo", "Rob", "Dirk", "Hendrik", "Jaap",
        "Wim", "Gert-Jan", "Jan-Willem", "Teun", "Stijn", "Luuk", "Jesse", "Thomas", "Rik", "Jelle",
        "Freek", "Geert", "Harm", "Anton", "René", "André", "Jozef", "Frans", "Huub", "Sven",
        "Martijn", "Robbert", "Léon", "Matthijs", "Roel", "Olaf", "Vincent", "Jasper", "Ewout",
    ],
    ("nl", "v"): [
        "Maria", "Anna", "Johanna", "Cornelia", "Elisabeth", "Wilhelmina", "Petra", "Monique",
        "Sandra", "Ingrid", "Marieke", "Annemieke", "Linda", "Esther", "Saskia", "Sanne", "Lisa",
        "Emma", "Julia", "Sophie", "Anouk", "Femke", "Iris", "Lotte", "Eva", "Fleur", "Noor",
        "Marloes", "Ilse", "Karin", "Wendy", "Miranda", "Jolanda", "Ans", "Truus", "Gerda",
        "Hennie", "Marjan", "Ellen", "Renée", "Chloë", "Zoë", "Noëlle", "Daniëlle", "Joëlle",
        "Loïs", "Ingeborg", "Mirjam", "Hanneke", "Tineke", "Janneke", "Carola", "Astrid",
        "Judith", "Brenda", "Yvonne", "Mieke", "Suzanne", "Anne-Marie", "Margriet", "Nathalie",
        "Claudia", "Kim", "Roos", "Merel", "Eline", "Evelien", "Manon", "Desiree",
    ],
    ("tr", "m"): [
        "Mehmet", "Mustafa", "Ahmet", "Hüseyin", "Hasan", "Ali", "İbrahim", "Murat", "Emre",
        "Gökhan", "Serkan", "Burak", "Kerem", "Okan", "Cem", "Yusuf", "Ömer", "Tolga", "Barış",
        "Volkan", "Erdem", "Can", "Osman", "Kemal",
    ],
    ("tr", "v"): [
        "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Özlem", "Gül", "Gülşen",
        "Büşra", "Merve", "Derya", "Sevgi", "Esra", "Hülya", "Dilek", "Songül", "Nurcan",
        "Sibel", "Meryem", "Melek", "Ebru", "Aylin", "Selin",
    ],
    ("ma", "m"): [
        "Mohamed", "Ahmed", "Youssef", "Said", "Karim", "Mustapha", "Rachid", "Abdelkader",
        "Hassan", "Soufiane", "Anouar", "Ilias", "Bilal", "Hamza", "Mimoun", "Driss", "Khalid",
        "Nordin", "Younes", "Redouan", "Adil", "Samir", "Jamal", "Tarik",
    ],
    ("ma", "v"): [
        "Fatima", "Khadija", "Naima", "Samira", "Nadia", "Hanane", "Imane", "Hafsa", "Nora",
        "Malika", "Latifa", "Rachida", "Souad", "Yasmina", "Loubna", "Salma", "Siham", "Ikram",
        "Asmae", "Btissam", "Houda", "Zineb", "Karima", "Najat",
    ],
    ("sr", "m"): [
        "Rajesh", "Anil", "Ravi", "Dewanand", "Sunil", "Ashwin", "Kishan", "Marlon", "Ricardo",
        "Glenn", "Jerrel", "Romano", "Errol", "Clyde", "Iwan", "Sergio", "Radjen", "Prakash",
    ],
    ("sr", "v"): [
        "Sunita", "Shanti", "Priya", "Anita", "Kavita", "Reshma", "Sharon", "Ingrid", "Jessica",
        "Chantal", "Sheila", "Natasja", "Rosita", "Marisca", "Geeta", "Asha", "Roshni", "Denise",
    ],
    ("id", "m"): ["Johnny", "Ronny", "Frits", "Eddy", "Rudy", "Boy", "Ferry", "Wim"],
    ("id", "v"): ["Wilma", "Jeannette", "Lenny", "Rita", "Tanja", "Ingrid", "Mona", "Yolanda"],
    ("pl", "m"): ["Piotr", "Paweł", "Tomasz", "Marek", "Krzysztof", "Łukasz", "Michał", "Adam"],
    ("pl", "v"): ["Agnieszka", "Katarzyna", "Magdalena", "Anna", "Joanna", "Małgorzata", "Ewa"],
}

#: background -> (tussenvoegsel, core) surnames, most frequent first.
SURNAMES: dict[str, list[tuple[str, str]]] = {
    "nl": [
        ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
        ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
        ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"),
        ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"),
        ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
        ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
        ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
        ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"),
        ("van", "Vliet"), ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"),
        ("", "Koster"), ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"),
        ("", "Huisman"), ("", "Peeters"), ("de", "Lange"), ("", "Kuipers"), ("van", "Wijk"),
        ("", "Postma"), ("", "Kramer"), ("van den", "Bosch"), ("", "Schipper"), ("", "Veenstra"),
        ("", "Kroon"), ("", "Vink"), ("", "Molenaar"), ("", "Timmermans"), ("", "Boersma"),
        ("van", "Doorn"), ("", "Evers"), ("de", "Ruiter"), ("", "Hermans"), ("", "Groen"),
        ("", "Bosman"), ("", "Wouters"), ("van 't", "Hof"), ("van 't", "Veer"), ("in 't", "Veld"),
        ("", "Koopman"), ("ter", "Horst"), ("ten", "Brink"), ("", "Hoogendoorn"), ("", "Sluiter"),
        ("", "Zwart"), ("van", "Rijn"), ("", "Wijnands"), ("", "Geerts"), ("", "Rademaker"),
        ("van", "Vugt"), ("", "Stam"), ("", "Verbeek"), ("", "Oosterhuis"), ("", "Nijland"),
        ("de", "Kruijf"), ("van", "Egmond"), ("van", "Hees"), ("", "Brinkman"), ("", "Wolters"),
        ("", "Dupré"), ("", "Hoëvenaars"), ("", "Geuzebroek"), ("", "Kuijpers"), ("", "Claassen"),
        ("", "Rutten"), ("", "Gerritsen"), ("van", "Es"), ("", "Aarts"), ("", "Lammers"),
        ("", "Scholten"), ("van", "Ommen"), ("", "Nieuwenhuis"), ("", "Knoop"), ("", "Tuinstra"),
        ("op de", "Weegh"), ("", "Zijlstra"), ("", "Bouwman"), ("van", "Rooij"), ("", "Mertens"),
        ("", "Lemmens"), ("van", "Gils"), ("", "Pronk"), ("", "Hoogland"), ("", "Kwakman"),
        ("", "Müller"), ("", "Schröder"), ("", "Haverkamp"), ("", "Bijl"), ("", "Wagenaar"),
    ],
    "tr": [
        ("", "Yılmaz"), ("", "Kaya"), ("", "Demir"), ("", "Çelik"), ("", "Şahin"),
        ("", "Yıldız"), ("", "Öztürk"), ("", "Aydın"), ("", "Arslan"), ("", "Doğan"),
        ("", "Koç"), ("", "Kılıç"), ("", "Özdemir"), ("", "Ünal"), ("", "Güneş"),
        ("", "Polat"), ("", "Erdoğan"), ("", "Aksoy"), ("", "Kurt"), ("", "Özkan"),
        ("", "Keskin"), ("", "Tekin"), ("", "Ateş"), ("", "Bulut"), ("", "Karataş"),
        ("", "Yilmaz"), ("", "Aydin"), ("", "Dogan"), ("", "Sahin"), ("", "Yildiz"),
    ],
    "ma": [
        ("", "El Amrani"), ("", "El Idrissi"), ("", "Bouzid"), ("", "Ouali"), ("", "Ait Taleb"),
        ("", "Benali"), ("", "Boukhari"), ("", "El Khatib"), ("", "Azzouzi"), ("", "Ben Haddou"),
        ("", "Chaouch"), ("", "Tahiri"), ("", "El Ouardi"), ("", "Amrani"), ("", "Bakkali"),
        ("", "Ziani"), ("", "El Hamdaoui"), ("", "Aouragh"), ("", "Boulahrouz"), ("", "Mokhtari"),
        ("", "Essafi"), ("", "El Yassini"), ("", "Haddouchi"), ("", "Lamrini"), ("", "Belhaj"),
    ],
    "sr": [
        ("", "Ramdin"), ("", "Sewnath"), ("", "Jagessar"), ("", "Ramsaran"), ("", "Mohan"),
        ("", "Bhagwandin"), ("", "Soekhai"), ("", "Ramautar"), ("", "Baldewsingh"), ("", "Kalloe"),
        ("", "Pinas"), ("", "Vroom"), ("", "Wijngaarde"), ("", "Sabajo"), ("", "Linger"),
        ("", "Tjon A Fong"), ("", "Kasanmoesdiran"), ("", "Karsowidjojo"), ("", "Tjin-A-Tsoi"),
        ("", "Doelwijt"), ("", "Lachmon"), ("", "Ramlal"), ("", "Nanhoe"), ("", "Biharie"),
    ],
    "id": [
        ("", "Latuheru"), ("", "Pattinama"), ("", "Tahapary"), ("", "Manuhutu"), ("", "Souisa"),
        ("", "Wattimena"), ("", "Lawalata"), ("", "Sahertian"), ("", "Tuasuun"), ("", "Nanlohy"),
    ],
    "pl": [
        ("", "Kowalski"), ("", "Nowak"), ("", "Wiśniewski"), ("", "Wójcik"), ("", "Kamiński"),
        ("", "Lewandowski"), ("", "Zieliński"), ("", "Szymański"), ("", "Woźniak"),
        ("", "Mazur"),
    ],
}

RESIDENTIAL_STREETS: list[str] = [
    "Kerkstraat", "Dorpsstraat", "Molenweg", "Schoolstraat", "Julianastraat", "Wilhelminastraat",
    "Beatrixlaan", "Oranjestraat", "Stationsweg", "Prins Bernhardlaan",
    "Burgemeester de Withstraat",
    "Van 't Hoffstraat", "Willem van Oranjelaan", "Händelstraat", "Ruysdaelkade", "Eikenlaan",
    "Beukenlaan", "Lindelaan", "Populierenweg", "Vondelstraat", "Bilderdijkstraat", "Da Costakade",
    "Rembrandtlaan", "Vermeerstraat", "Spoorstraat", "Havenstraat", "Marktstraat", "Nieuwe Gracht",
    "Oudegracht", "Zuiderdiep", "Hoofdstraat", "Parallelweg", "Ampèrestraat", "Kanaalweg",
    "De Schans", "Anne Frankstraat", "Thorbeckelaan", "Koningin Emmalaan", "Hobbemastraat",
    "Merelstraat", "Lijsterlaan", "Zwaluwstraat", "Meidoornstraat", "Berkenhof", "Esdoornlaan",
    "Rozenstraat", "Tulpstraat", "Narcissenstraat", "Goudenregenstraat", "Kastanjelaan",
    "Johan de Wittstraat", "Pieter de Hoochstraat", "Van Goghstraat", "Mauritsweg",
    "Sint Jansstraat", "Kloosterstraat", "Veldweg", "Emmastraat", "Hendrik Kraemerpark",
    "Jan Steenstraat", "Frans Halsstraat", "Graaf Florislaan", "Lorentzweg", "Curiestraat",
    "Dr. Schaepmanstraat", "Smidsstraat", "Bakkerstraat", "Brugstraat", "Waterstraat",
    "Achter de Muur", "Weverstraat", "Nieuwstraat", "Korte Kerkstraat", "Lange Voorhout",
    "Coöperatiestraat", "Cornelis Trompstraat", "Piet Heinstraat", "Michiel de Ruyterweg",
]

BUSINESS_STREETS: list[str] = [
    "Industrieweg", "Edisonweg", "Ambachtsweg", "Nijverheidsweg", "Handelsweg", "Transportweg",
    "Energieweg", "Nobelweg", "Bedrijvenweg", "Boerhaavelaan", "Zuiderinslag",
    "Celsiusweg", "Newtonstraat", "Fokkerweg", "Marconistraat", "Wattstraat",
    "Zeppelinstraat", "Galvanistraat", "Ohmweg", "Bosscheweg", "Rijnkade", "Europalaan",
    "Stationsplein", "Kantorenpark", "Laan van Kronenburg", "Westblaak", "Koningsweg",
    "Papendorpseweg", "Orteliuslaan", "Atoomweg", "Savannahweg", "Pascalweg", "Einsteinbaan",
]

#: (city, first pc4, last pc4, landline area code).  The four-digit ranges are real.
CITIES: list[tuple[str, int, int, str]] = [
    ("Amsterdam", 1011, 1109, "020"),
    ("Rotterdam", 3011, 3089, "010"),
    ("Den Haag", 2491, 2599, "070"),
    ("Utrecht", 3511, 3585, "030"),
    ("Eindhoven", 5611, 5658, "040"),
    ("Groningen", 9711, 9747, "050"),
    ("Tilburg", 5011, 5049, "013"),
    ("Almere", 1311, 1363, "036"),
    ("Breda", 4811, 4839, "076"),
    ("Nijmegen", 6511, 6546, "024"),
    ("Apeldoorn", 7311, 7339, "055"),
    ("Haarlem", 2011, 2037, "023"),
    ("Arnhem", 6811, 6846, "026"),
    ("Enschede", 7511, 7548, "053"),
    ("Amersfoort", 3811, 3829, "033"),
    ("Zaandam", 1501, 1509, "075"),
    ("'s-Hertogenbosch", 5211, 5237, "073"),
    ("Zwolle", 8011, 8043, "038"),
    ("Leiden", 2311, 2334, "071"),
    ("Maastricht", 6211, 6229, "043"),
    ("Dordrecht", 3311, 3329, "078"),
    ("Zoetermeer", 2711, 2729, "079"),
    ("Deventer", 7411, 7428, "0570"),
    ("Delft", 2611, 2629, "015"),
    ("Leeuwarden", 8911, 8939, "058"),
    ("Alkmaar", 1811, 1827, "072"),
    ("Hilversum", 1211, 1223, "035"),
    ("Helmond", 5701, 5709, "0492"),
    ("Heerlen", 6411, 6422, "045"),
    ("Gouda", 2801, 2809, "0182"),
    ("Nieuwegein", 3430, 3439, "030"),
    ("Houten", 3991, 3999, "030"),
    ("Zeist", 3701, 3709, "030"),
    ("Veenendaal", 3901, 3906, "0318"),
    ("Woerden", 3441, 3449, "0348"),
    ("IJsselstein", 3401, 3404, "030"),
    ("Soest", 3761, 3769, "035"),
    ("Capelle aan den IJssel", 2901, 2909, "010"),
    ("Schiedam", 3111, 3125, "010"),
    ("Purmerend", 1441, 1448, "0299"),
    ("Hoorn", 1621, 1628, "0229"),
    ("Lelystad", 8211, 8245, "0320"),
    ("Assen", 9401, 9409, "0592"),
    ("Ede", 6711, 6718, "0318"),
    ("Bergen op Zoom", 4611, 4625, "0164"),
    ("Middelburg", 4331, 4338, "0118"),
    ("Venlo", 5911, 5928, "077"),
    ("Oss", 5341, 5353, "0412"),
    ("Roosendaal", 4701, 4709, "0165"),
    ("Emmen", 7811, 7815, "0591"),
]

#: The corporation's own region: most staff, relatives and applicants live here.
REGION_CITIES: list[str] = [
    "Utrecht", "Nieuwegein", "Houten", "Zeist", "IJsselstein", "Woerden", "Amersfoort",
    "Veenendaal", "Soest", "Hilversum",
]

MAIL_DOMAINS: list[str] = [
    "gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl", "live.nl",
    "icloud.com", "planet.nl", "hetnet.nl", "xs4all.nl", "yahoo.com", "caiway.nl",
]

#: Supplier categories: code, handling department, org_type, share of the vendor master,
#: name patterns (``{S}`` surname, ``{W}`` word, ``{C}`` city), legal forms,
#: typical decision kinds with weights, median amount per kind (EUR),
#: decision descriptions (``{n}`` a complex number, ``{street}`` a street).
ORG_CATEGORIES: list[dict] = [
    {
        "code": "bouw", "department": "Vastgoed", "org_type": "contractor", "share": 0.10,
        "names": ["Bouwbedrijf {S}", "{S} Bouw", "Aannemersbedrijf {S}", "Bouwonderneming {W}",
                  "{S} Bouwgroep", "Bouwcombinatie {W}"],
        "forms": [" B.V.", " B.V.", " B.V.", " V.O.F.", ""],
        "descriptions": ["Renovatie complex {n}", "Nieuwbouw {n} woningen {street}",
                         "Verduurzaming complex {n}", "Funderingsherstel {street}",
                         "Groot onderhoud complex {n}", "Transformatie {street}"],
    },
    {
        "code": "installatie", "department": "Onderhoud", "org_type": "contractor", "share": 0.12,
        "names": ["Installatietechniek {S}", "{S} Installatietechniek", "Installatiebedrijf {S}",
                  "{W} Installaties", "{S} Warmte en Water"],
        "forms": [" B.V.", " B.V.", "", " V.O.F."],
        "descriptions": ["Vervangen cv-ketels complex {n}", "Onderhoud mechanische ventilatie",
                         "Storingsdienst cv en warm water", "Plaatsen warmtepompen complex {n}",
                         "Periodiek onderhoud installaties {street}"],
    },
    {
        "code": "schilder", "department": "Onderhoud", "org_type": "contractor", "share": 0.09,
        "names": ["Schildersbedrijf {S}", "{S} Schilders", "Schilder- en Onderhoudsbedrijf {S}",
                  "{W} Schilderwerken"],
        "forms": [" B.V.", "", " V.O.F."],
        "descriptions": ["Schilderwerk buitenzijde complex {n}", "Schilderwerk {street}",
                         "Houtrotherstel complex {n}", "Schilderwerk trappenhuizen {street}"],
    },
    {
        "code": "hovenier", "department": "Onderhoud", "org_type": "contractor", "share": 0.06,
        "names": ["Hoveniersbedrijf {S}", "{S} Groenvoorziening", "{W} Groen",
                  "Hoveniers {S}"],
        "forms": ["", " B.V.", " V.O.F."],
        "descriptions": ["Groenonderhoud complex {n}", "Snoeiwerk {street}",
                         "Herinrichting binnentuin complex {n}"],
    },
    {
        "code": "schoonmaak", "department": "Inkoop", "org_type": "supplier", "share": 0.06,
        "names": ["Schoonmaakbedrijf {S}", "{W} Schoonmaakdiensten", "{S} Schoonmaak",
                  "{W} Facilitair"],
        "forms": [" B.V.", "", " B.V."],
        "descriptions": ["Schoonmaak trappenhuizen complex {n}", "Glasbewassing {street}",
                         "Schoonmaak kantoor", "Eindschoonmaak mutatiewoning {street}"],
    },
    {
        "code": "dak", "department": "Onderhoud", "org_type": "contractor", "share": 0.05,
        "names": ["Dakdekkersbedrijf {S}", "{S} Dakwerken", "{W} Daken"],
        "forms": [" B.V.", "", " V.O.F."],
        "descriptions": ["Dakrenovatie complex {n}", "Dakreparatie {street}",
                         "Vervangen dakgoten complex {n}"],
    },
    {
        "code": "elektro", "department": "Onderhoud", "org_type": "contractor", "share": 0.05,
        "names": ["Elektrotechniek {S}", "{S} Elektro", "Elektrotechnisch Bureau {S}"],
        "forms": [" B.V.", "", " V.O.F."],
        "descriptions": ["Keuring elektrische installaties complex {n}",
                         "Vervangen groepenkasten {street}", "Plaatsen zonnepanelen complex {n}"],
    },
    {
        "code": "loodgieter", "department": "Onderhoud", "org_type": "contractor", "share": 0.05,
        "names": ["Loodgietersbedrijf {S}", "{S} Loodgieters", "{S} Sanitair"],
        "forms": ["", " B.V.", " V.O.F."],
        "descriptions": ["Lekkage {street}", "Vervangen badkamer {street}",
                         "Rioolontstopping complex {n}"],
    },
    {
        "code": "glas", "department": "Onderhoud", "org_type": "contractor", "share": 0.02,
        "names": ["Glashandel {S}", "{W} Glas", "Glaszetterij {S}"],
        "forms": [" B.V.", ""],
        "descriptions": ["Glasschade {street}", "HR++-glas complex {n}"],
    },
    {
        "code": "lift", "department": "Onderhoud", "org_type": "contractor", "share": 0.01,
        "names": ["{W} Liftservice", "Liftinstallaties {W}"],
        "forms": [" B.V."],
        "descriptions": ["Onderhoudscontract liften complex {n}", "Storing lift {street}"],
    },
    {
        "code": "asbest", "department": "Vastgoed", "org_type": "contractor", "share": 0.02,
        "names": ["Asbestsanering {W}", "{S} Sloop en Asbest", "{W} Milieutechniek"],
        "forms": [" B.V."],
        "descriptions": ["Asbestinventarisatie complex {n}", "Asbestsanering {street}"],
    },
    {
        "code": "advies", "department": "Vastgoed", "org_type": "supplier", "share": 0.08,
        "names": ["Adviesbureau {S}", "{S} Bouwadvies", "Ingenieursbureau {S}",
                  "{W} Vastgoedadvies", "{W} Advies", "Bureau {S}"],
        "forms": [" B.V.", "", " B.V."],
        "descriptions": ["Bouwkundige opname complex {n}", "Advies verduurzaming complex {n}",
                         "Directievoering renovatie {street}", "Energielabels complex {n}",
                         "Constructieve berekening {street}"],
    },
    {
        "code": "ict", "department": "Inkoop", "org_type": "supplier", "share": 0.05,
        "names": ["{W} ICT", "{W} Software", "{W} Automatisering", "{W} IT Solutions"],
        "forms": [" B.V.", " B.V.", ""],
        "descriptions": ["Licenties ERP-systeem", "Hosting en beheer werkplekken",
                         "Implementatie klantportaal", "Laptops en randapparatuur"],
    },
    {
        "code": "accountant", "department": "Inkoop", "org_type": "supplier", "share": 0.015,
        "names": ["{S} Accountants", "{S} & Partners Accountants", "{W} Accountancy"],
        "forms": [" B.V.", " N.V."],
        "descriptions": ["Controle jaarrekening", "Fiscaal advies", "Advies treasury"],
    },
    {
        "code": "advocaat", "department": "Inkoop", "org_type": "supplier", "share": 0.015,
        "names": ["{S} Advocaten", "Advocatenkantoor {S}", "{S} & {S2} Advocaten"],
        "forms": ["", " B.V.", " N.V."],
        "descriptions": ["Juridisch advies huurgeschil", "Incassozaken huurachterstand",
                         "Advies aanbesteding"],
    },
    {
        "code": "makelaar", "department": "Vastgoed", "org_type": "supplier", "share": 0.03,
        "names": ["Makelaardij {S}", "{S} Makelaars", "{W} Vastgoed"],
        "forms": [" B.V.", "", " O.G."],
        "descriptions": ["Taxatie complex {n}", "Verkoopbemiddeling {street}",
                         "Marktwaardetaxaties"],
    },
    {
        "code": "uitzend", "department": "Inkoop", "org_type": "supplier", "share": 0.04,
        "names": ["{W} Uitzendbureau", "{W} Detachering", "{W} Interim", "{S} Personeelsdiensten"],
        "forms": [" B.V."],
        "descriptions": ["Inhuur projectleider", "Inhuur woonconsulent",
                         "Detachering opzichter", "Inhuur medewerker klantcontact"],
    },
    {
        "code": "beveiliging", "department": "Inkoop", "org_type": "supplier", "share": 0.02,
        "names": ["{W} Beveiliging", "{W} Security", "Beveiligingsbedrijf {S}"],
        "forms": [" B.V."],
        "descriptions": ["Leegstandsbeheer {street}", "Cameratoezicht complex {n}",
                         "Sluitrondes bedrijfspand"],
    },
    {
        "code": "verhuizing", "department": "Onderhoud", "org_type": "supplier", "share": 0.02,
        "names": ["Verhuisbedrijf {S}", "{S} Verhuizingen", "{W} Verhuizingen"],
        "forms": [" B.V.", ""],
        "descriptions": ["Wisselwoning verhuizing {street}", "Opslag inboedel {street}"],
    },
    {
        "code": "overig", "department": "Inkoop", "org_type": "other", "share": 0.09,
        "names": ["{W} Kantoorinrichting", "{S} Drukwerk", "{W} Catering", "{W} Communicatie",
                  "{W} Opleidingen", "{S} Ongediertebestrijding", "{W} Sleutelservice"],
        "forms": [" B.V.", "", " V.O.F."],
        "descriptions": ["Drukwerk huurdersblad", "Catering personeelsbijeenkomst",
                         "Training klantgericht werken", "Bestrijding overlast duiven {street}",
                         "Sleutels en cilinders complex {n}", "Kantoorartikelen"],
    },
    {
        "code": "institution", "department": "Inkoop", "org_type": "institution", "share": 0.0,
        "names": [], "forms": [""],
        "descriptions": ["Aanslag gemeentelijke belastingen", "Bijdrage wijkaanpak",
                         "Waterschapsbelasting", "Afrekening energie", "Leges omgevingsvergunning"],
    },
]

#: Words for company names (``{W}``).
ORG_WORDS: list[str] = [
    "Noordwest", "Rijnland", "Delta", "Polder", "Vecht", "Eem", "Lek", "Kennemer", "Hollandia",
    "Prima", "Optimaal", "Groenland", "Duurzaam", "Solide", "Totaal", "Midden", "Utrechtse",
    "Heuvelrug", "Stichtse", "Gooi", "Amstel", "Oranje", "Horizon", "Kompas", "Vakwerk",
    "Meridiaan", "Zenit", "Noorderlicht", "Zuiderzee", "Lingewaard", "Betuwe", "Gelderse",
    "Veluwe", "Randstad-Oost", "Kromme Rijn", "Domstad", "Nedervecht", "Centraal", "Atlas",
    "Pallas", "Topaas", "Saffier", "Robijn", "Smaragd", "Eikenhorst", "Linde", "Valk",
    "Zwaluw", "Reiger", "Kraanvogel", "Merwede", "Waal", "IJssel", "Dommel", "Maasland",
    "Vallei", "Eempolder", "Bunnik", "Lopik", "Oudland",
]

#: Institutions in the vendor master (no KvK officers): municipalities, water boards, utilities.
INSTITUTIONS: list[str] = [
    "Gemeente Utrecht", "Gemeente Nieuwegein", "Gemeente Houten", "Gemeente Zeist",
    "Gemeente IJsselstein", "Gemeente Woerden", "Gemeente Amersfoort", "Gemeente Veenendaal",
    "Hoogheemraadschap De Stichtse Rijnlanden", "Waterschap Vallei en Veluwe",
    "Vitens N.V.", "Eneco Zakelijk B.V.", "Stedin Netbeheer B.V.", "Belastingsamenwerking BghU",
    "Autoriteit Woningcorporaties", "Waarborgfonds Sociale Woningbouw",
    "Aedes vereniging van woningcorporaties", "Kadaster",
]

#: Organizations outside the vendor master where staff hold side functions.
#: ``{C}`` a city.  They never look like supplier names.
SIDE_FUNCTION_ORGS: list[tuple[str, str]] = [
    ("Voetbalvereniging {C}", "penningmeester"),
    ("Korfbalvereniging {C}", "bestuurslid"),
    ("Tennisvereniging {C}", "voorzitter"),
    ("Stichting Voedselbank {C}", "vrijwilliger"),
    ("Muziekvereniging {C}", "secretaris"),
    ("Basisschool De Regenboog {C}", "lid medezeggenschapsraad"),
    ("Stichting Vluchtelingenwerk {C}", "vrijwilliger"),
    ("Zwemvereniging {C}", "trainer"),
    ("Scoutinggroep {C}", "bestuurslid"),
    ("Parochie H. Maria {C}", "kerkbestuurslid"),
    ("Stichting Buurtbeheer {C}", "bestuurslid"),
    ("Roeivereniging {C}", "commissaris"),
    ("Toneelvereniging {C}", "voorzitter"),
    ("Stichting Welzijn Ouderen {C}", "lid raad van toezicht"),
    ("Hockeyclub {C}", "penningmeester"),
]

#: department -> job titles for regular staff (the ``functie`` extra column).
JOB_TITLES: dict[str, list[str]] = {
    "Verhuur": ["Medewerker verhuur", "Verhuurconsulent", "Woonconsulent verhuur"],
    "Wonen": ["Woonconsulent", "Wijkconsulent", "Medewerker klantcontact", "Huismeester"],
    "Vastgoed": ["Projectleider vastgoed", "Assetmanager", "Medewerker vastgoedbeheer"],
    "Onderhoud": ["Opzichter", "Werkvoorbereider", "Planner onderhoud", "Projectleider onderhoud"],
    "Inkoop": ["Inkoper", "Contractmanager", "Medewerker inkoop"],
    "Financiën": ["Financieel medewerker", "Controller", "Medewerker crediteuren"],
    "ICT": ["Applicatiebeheerder", "Functioneel beheerder", "Medewerker ICT"],
    "HR": ["HR-adviseur", "Salarisadministrateur", "Medewerker HR"],
    "Bestuur": ["Bestuurssecretaris", "Managementassistent", "Bestuursadviseur"],
    "RvC": ["Lid Raad van Commissarissen"],
}
