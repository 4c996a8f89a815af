"""Word lists the analysis relies on, kept in one place so they can be reviewed and extended.

Everything here is lower-case; callers compare against ``token.lemma_.lower()`` or ``token.lower_``.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Verbs (by lemma) that reporters use to attribute speech or writing.
CUE_VERBS: frozenset[str] = _words(
    """
    beg plead remember read
    say tell add continue respond write argue warn note ask explain insist state claim reply
    declare announce admit acknowledge answer assert concede confirm contend counter deny
    describe emphasize emphasise comment observe point recall remark report reiterate stress
    suggest tweet post testify caution predict promise vow urge complain lament joke quip boast
    mutter shout scream yell whisper exclaim murmur concur agree disagree maintain allege
    recount reveal propose conclude summarize summarise put cite elaborate clarify underscore
    highlight indicate mention charge muse riff opine wonder boom question proclaim thunder
    retort snap scoff shrug sigh cry chant rail fume gush rave recite sing pronounce inform show
    demand scold interject find
    """
)

# Verbs that credit a quoted word or phrase to their subject when the parse ties the quote to them
# ("Trudeau called the allegation “false”", "Bush slammed the plan as “amnesty”"); never a cue for
# a quote that merely stands near them.
CALLING_VERBS: frozenset[str] = _words(
    """
    call dub label brand term deem tout praise hail slam blast criticize criticise accuse decry
    denounce dismiss mock ridicule condemn pledge vow worry
    """
)

# Nouns of speech whose possessor is the speaker: "Trump's claim that he was “treated unfairly”".
SPEECH_NOUNS: frozenset[str] = _words(
    """
    claim claims statement statements remark remarks comment comments words assertion
    description promise pledge warning argument accusation charge charges call plea answer
    response reply message speech testimony view views position insistence suggestion
    """
)

# Cues that only count when followed by a particle ("pointed out", "went on").
CUE_PHRASAL: dict[str, frozenset[str]] = {
    "point": frozenset({"out"}),
    "go": frozenset({"on"}),
    "put": frozenset({"it"}),
    "weigh": frozenset({"in"}),
}

# Cues that take whom they address as their object ("told AFP", "asked Smith"): the object is not
# the speaker, nor what was said.
ADDRESSEE_CUES: frozenset[str] = frozenset(
    {"tell", "ask", "inform", "warn", "urge", "remind", "assure", "thank", "call"}
)

# Verbs whose object does what the clause after them says ("led the journalist to fear …",
# "prompted voters to chant …"); after "asked Russia to …" or "helped Trump explain …" the words
# are still the subject's.
OBJECT_CONTROL_VERBS: frozenset[str] = frozenset(
    {"lead", "prompt", "cause", "force", "inspire", "drive", "spur", "move", "provoke", "compel", "get"}
)

# Cues of evidence: "records show", "the study indicates". With a pronoun subject ("it showed") they
# credit no one the reader could check; with a person ("Clinton had shown bad judgment") no speech.
EVIDENCE_CUES: frozenset[str] = frozenset({"show", "indicate", "find"})

# Cues that are no speech with an infinitive: "will continue to be", "went on to win".
NOT_WITH_XCOMP: frozenset[str] = frozenset({"continue", "go", "add"})

# Verbs that report a statement in a clause without quotation marks ("said Israel must …", "…, the
# ministry noted"): speech and reporting, not belief or intention ("thinks", "wants", "plans"), which
# a reader must not see shown as something said. Evidence verbs ("polls show", "the study found")
# report what a document or a survey says.
REPORT_VERBS: frozenset[str] = _words(
    """
    say tell add note argue claim insist acknowledge announce report explain warn suggest indicate
    point agree question write admit predict conclude state assert estimate assure imply allege deny
    confirm recall concede remind promise complain tweet post joke emphasize emphasise contend
    reiterate caution charge clarify stress respond reply boast remark declare reveal testify
    maintain counter observe comment recount vow pledge threaten show find ask urge
    """
)

# Verbs whose to-infinitive is what was said: "vowed to appeal", "urged Congress to act",
# "declined to comment".
REPORT_INFINITIVE_VERBS: frozenset[str] = _words(
    """
    urge vow promise pledge threaten refuse decline agree offer ask tell warn demand propose
    encourage implore beg plead call
    """
)

# Verbs of speech acts whose object is what was said ("expressed concern about the deal", "denied
# the allegations", "cited rising costs"): credited only to a speaker who resolves. Verbs whose object
# is as often a thing done as a thing said ("announced a hire", "rejected an offer") are left out.
REPORT_OBJECT_VERBS: frozenset[str] = _words("express cite criticize criticise defend question deny denounce")

# Of those, the verbs whose object is who is to act, so the object belongs to the statement:
# "urged Congress to act", "asked the court to dismiss the case".
REPORT_OBJECT_ACTORS: frozenset[str] = _words("urge ask tell warn encourage implore beg call advise")

# Cue lemmas that are weak alone (need a quote right next to them or a speech object).
WEAK_CUES: frozenset[str] = frozenset({"put", "point", "go", "post", "charge", "mention", "indicate", "cite"})

# Nouns that introduce speech in "in a statement", "in an interview", "his words".
CUE_NOUNS: frozenset[str] = frozenset({"statement", "interview", "remarks", "tweet", "post", "email"})

MALE_PRONOUNS: frozenset[str] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: frozenset[str] = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them", "their", "theirs", "themselves"})
OTHER_PRONOUNS: frozenset[str] = frozenset(
    {"i", "me", "my", "we", "us", "our", "you", "your", "it", "its", "one", "who", "whom", "that", "this"}
)
PRONOUNS: frozenset[str] = MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | OTHER_PRONOUNS

MALE_HONORIFICS: frozenset[str] = frozenset({"mr", "mr.", "sir", "lord", "king", "prince"})
FEMALE_HONORIFICS: frozenset[str] = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess"})

# Nouns for people of one sex, so "the man told her she …" never makes him "she".
FEMALE_NOUNS: frozenset[str] = _words(
    """
    woman mother wife daughter sister girl lady actress grandmother aunt niece widow chairwoman
    spokeswoman congresswoman businesswoman queen princess
    """
)
MALE_NOUNS: frozenset[str] = _words(
    """
    man father husband son brother boy gentleman grandfather uncle nephew widower chairman
    spokesman congressman businessman king prince
    """
)

# Words that head a title before or instead of a name ("Secretary of State", "Prime Minister").
TITLE_WORDS: frozenset[str] = _words(
    """
    president vice secretary minister premier chancellor senator sen. sen rep. rep
    representative congressman congresswoman governor gov. gov mayor director chief ceo cfo coo
    cto chairman chairwoman chair founder cofounder co-founder spokesman spokeswoman
    spokesperson ambassador envoy general gen. gen admiral adm. colonel col. captain capt.
    lieutenant lt. sergeant sgt. commander judge justice attorney prosecutor officer official
    leader speaker king queen prince princess pope bishop rev. reverend dr. dr professor prof.
    coach manager executive president-elect head commissioner administrator superintendent
    sheriff inspector analyst economist fellow editor correspondent reporter author researcher
    scientist mr. mrs. ms. mr mrs ms miss sir dame lord lady deputy assistant acting former late
    """
)

# Lower-case words that only people hold, so the name right after one is a person's even when the
# NER took it for an organisation ("Fox News host Sean Hannity", "columnist Ai Jun").
PERSON_TITLES: frozenset[str] = TITLE_WORDS | _words(
    """
    host anchor columnist commentator correspondent reporter writer author actor actress comedian
    singer rapper pundit pollster strategist analyst economist historian lawyer adviser advisor aide
    coach player candidate nominee challenger hopeful billionaire businessman businesswoman
    """
)

# Lower-case words inside or before a surname ("Bill de Blasio", "Chris Van Hollen", "bin Salman").
NAME_PARTICLES: frozenset[str] = _words("de del della di da dos das du van von der ter ten la le bin ibn al el")

# Honorifics before a name: how a person is addressed, never their role.
HONORIFICS: frozenset[str] = _words("mr mr. mrs mrs. ms ms. miss mx mx. sir dame madam")

# Nouns for recordings that show whoever speaks in them ("footage of Hillary Clinton asking …").
RECORDING_NOUNS: frozenset[str] = _words("footage video clip recording audio tape image images")

# Nouns for a share of a group ("52 percent of registered voters", "most of the delegates").
SHARE_NOUNS: frozenset[str] = _words("percent % majority minority most half third quarter share plurality")

# Honorifics and titles stripped from the front of a PERSON's canonical name.
NAME_PREFIXES: frozenset[str] = TITLE_WORDS | frozenset({"the", "a", "an", "then", "new", "current"})

# Nouns that may stand for an unnamed speaker; never a speaker name on their own.
GENERIC_SPEAKERS: frozenset[str] = _words(
    """
    official officials spokesman spokeswoman spokesperson source sources person people
    analyst analysts expert experts critic critics officer officers witness witnesses aide aides
    member members resident residents insider insiders operative operatives strategist
    strategists adviser advisers advisor advisors observer observers activist activists
    protester protesters demonstrator demonstrators supporter supporters voter voters
    lawmaker lawmakers diplomat diplomats investigator investigators employee employees
    worker workers staffer staffers user users
    """
)

# Nouns for people who speak for an organisation: "a spokesperson for X" gives X.
SPOKESPERSON_NOUNS: frozenset[str] = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative"}
)

# Nouns for writings that speak: "court records show", "the report said" (a document speaker).
DOCUMENT_NOUNS: frozenset[str] = _words(
    """
    record records document documents report reports filing filings statement letter complaint
    lawsuit suit memo memorandum study survey poll editorial release indictment ruling transcript
    affidavit email emails tweet post notice warrant order decision opinion analysis audit
    brief briefs motion petition
    """
)

# Words that make a capitalised name an organisation's ("Friends of the Earth", "Acme Corp").
ORG_HEAD_WORDS: frozenset[str] = _words(
    """
    friends ministry department association council party committee foundation institute
    group inc inc. corp corp. co co. ltd ltd. llc plc company university college agency
    commission union federation league coalition alliance society bank fund network
    campaign office authority board trust center centre court church
    """
)

# Nouns that stand for an organisation already named ("the company said", "the ministry said").
ORG_NOUNS: frozenset[str] = _words(
    """
    company firm agency ministry department government union party group team club league
    organisation organization bank court police army military council committee campaign network
    administration office authority authorities commission board university school hospital
    airline carrier regulator watchdog charity foundation institute association federation
    retailer maker manufacturer developer publisher studio startup business corporation
    """
)

# One canonical form for places and bodies that are written many ways.
CANONICAL_ALIASES: dict[str, str] = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "un": "United Nations",
    "u.n.": "United Nations",
    "united nations": "United Nations",
    "eu": "European Union",
    "e.u.": "European Union",
    "european union": "European Union",
    "uae": "United Arab Emirates",
    "u.a.e.": "United Arab Emirates",
    "ussr": "Soviet Union",
    "nyc": "New York City",
    "d.c.": "Washington, D.C.",
}

NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "a dozen": 12, "half": 0.5,
}  # fmt: skip
MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "dozen": 12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip
CURRENCY_SYMBOLS: dict[str, str] = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "yen": "JPY", "rupees": "INR", "yuan": "CNY",
}  # fmt: skip
TIME_UNITS: dict[str, str] = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour",
    "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}  # fmt: skip
PER_WORDS: frozenset[str] = frozenset({"per", "a", "an", "each", "every"})

# Words before a number that make it an approximation or a bound ("nearly two dozen", "more than
# half"); kept as the figure's qualifier. Longest first, so "more than" wins over "more".
QUALIFIERS: tuple[str, ...] = (
    "as many as", "as much as", "as few as", "as little as", "more than", "fewer than", "less than",
    "at least", "at most", "up to", "close to", "all but", "upwards of", "nearly", "almost", "about",
    "around", "roughly", "approximately", "some", "over", "under", "below", "above", "near", "only", "just",
)  # fmt: skip

# Units of measure a number can carry (written after it): the figure is then a measure.
MEASURE_UNITS: dict[str, str] = {
    "point": "point", "points": "point", "mile": "mile", "miles": "mile", "km": "km", "kilometre": "km",
    "kilometres": "km", "kilometer": "km", "kilometers": "km", "metre": "m", "metres": "m", "meter": "m",
    "meters": "m", "foot": "foot", "feet": "foot", "inch": "inch", "inches": "inch", "mm": "mm",
    "cm": "cm", "kg": "kg", "kilogram": "kg", "kilograms": "kg", "lb": "lb", "lbs": "lb",
    "pound": "lb", "pounds": "lb", "tonne": "tonne",
    "tonnes": "tonne", "ton": "ton", "tons": "ton", "gallon": "gallon", "gallons": "gallon",
    "millimeter": "mm", "millimeters": "mm", "millimetre": "mm", "millimetres": "mm", "centimeter": "cm",
    "centimeters": "cm", "centimetre": "cm", "centimetres": "cm", "mph": "mph", "kph": "kph",
    "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre", "acre": "acre",
    "acres": "acre", "hectare": "hectare", "hectares": "hectare", "degree": "degree", "degrees": "degree",
}  # fmt: skip

# Ordinal words and their values ("the third quarter", "its seventh session").
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip

# Verbs that give a level or a change to their subject ("U.S. crude fell 3.38% to $55.12",
# "revenue was $27.2 billion"): a figure they take is a figure of their subject.
LEVEL_VERBS: frozenset[str] = _words(
    """
    rise fall gain lose drop climb slip decline increase decrease jump rally slide tumble surge
    plunge sink edge add shed settle end close finish trade hit reach stand grow shrink be total
    strengthen weaken firm ease soften advance retreat dip stay remain hold average hover
    """
)
# Verbs that change what they take by a figure ("boosted base school spending by 2.5%"): the
# figure is a change of their object.
CHANGE_VERBS: frozenset[str] = _words("boost raise cut increase reduce lower lift slash hike trim double halve")
# Numbers that call for help, not count ("911 calls"), when a call is said beside them.
EMERGENCY_NUMBERS: frozenset[str] = frozenset({"911", "999", "112"})
CALL_WORDS: frozenset[str] = _words(
    "call calls dispatcher dispatchers operator operators line dial dialed dialled called"
)
# Verbs whose figure is named by the verb itself ("to yield 1.786%": the yield).
AMOUNT_VERBS: dict[str, str] = {"yield": "yield"}
# Nouns after "the number of"/"that number" whose object is carried to later bare numbers.
AMOUNT_NOUNS: frozenset[str] = frozenset({"number", "total", "count", "figure", "tally", "amount"})

# Endings of occupation nouns that head a role ("strategist", "lawyer", "co-founder").
OCCUPATION_ENDINGS: tuple[str, ...] = (
    "ist", "er", "or", "ian", "ant", "ent", "man", "woman", "person", "chair", "head", "chief", "dent",
)  # fmt: skip

# Nouns that refer back to a person already named, by what they are in the story ("the Democratic
# nominee", "the New York businessman"), besides titles and occupations.
DESCRIPTION_HEADS: frozenset[str] = _words(
    """
    candidate nominee frontrunner front-runner businessman businesswoman billionaire mogul
    hopeful contender incumbent challenger newcomer veteran lawmaker legislator
    """
)

# Abbreviated titles spelled out when they are a whole role ("Sen. Ben Sasse" → senator).
ROLE_ABBREVIATIONS: dict[str, str] = {
    "sen.": "senator", "sen": "senator", "rep.": "representative", "rep": "representative",
    "gov.": "governor", "gov": "governor", "gen.": "general", "lt.": "lieutenant", "col.": "colonel",
    "capt.": "captain", "sgt.": "sergeant", "adm.": "admiral", "prof.": "professor", "dr.": "doctor",
    "pres.": "president", "sec.": "secretary", "atty.": "attorney", "supt.": "superintendent",
}  # fmt: skip

# U.S. states by their AP abbreviation, postal code and name (lower-case, no dots or spaces).
US_STATES: dict[str, str] = {}
for _row in """
Alabama ala al|Alaska alaska ak|Arizona ariz az|Arkansas ark ar|California calif ca|Colorado colo co|
Connecticut conn ct|Delaware del de|Florida fla fl|Georgia ga ga|Hawaii hawaii hi|Idaho idaho id|
Illinois ill il|Indiana ind in|Iowa iowa ia|Kansas kan ks|Kentucky ky ky|Louisiana la la|Maine maine me|
Maryland md md|Massachusetts mass ma|Michigan mich mi|Minnesota minn mn|Mississippi miss ms|
Missouri mo mo|Montana mont mt|Nebraska neb ne|Nevada nev nv|New Hampshire nh nh|New Jersey nj nj|
New Mexico nm nm|New York ny ny|North Carolina nc nc|North Dakota nd nd|Ohio ohio oh|Oklahoma okla ok|
Oregon ore or|Pennsylvania pa pa|Rhode Island ri ri|South Carolina sc sc|South Dakota sd sd|
Tennessee tenn tn|Texas texas tx|Utah utah ut|Vermont vt vt|Virginia va va|Washington wash wa|
West Virginia wva wv|Wisconsin wis wi|Wyoming wyo wy
""".replace("\n", "").split("|"):
    _parts = _row.split()
    _name = " ".join(p for p in _parts if p[:1].isupper())
    for _key in [_name.lower().replace(" ", ""), *(p for p in _parts if p.islower())]:
        US_STATES[_key] = _name
del _row, _parts, _name, _key
