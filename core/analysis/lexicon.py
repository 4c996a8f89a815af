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
    highlight indicate mention charge
    """
)

# Cues that only count when followed by a particle ("pointed out", "went on").
CUE_PHRASAL: dict[str, frozenset[str]] = {
    "point": frozenset({"out"}),
    "go": frozenset({"on"}),
    "put": frozenset({"it"}),
    "weigh": frozenset({"in"}),
}

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

# Honorifics and titles stripped from the front of a PERSON's canonical name.
NAME_PREFIXES: frozenset[str] = TITLE_WORDS | frozenset({"the", "a", "an", "then", "new", "current"})

# Nouns that may stand for an unnamed speaker; never a speaker name on their own.
GENERIC_SPEAKERS: frozenset[str] = _words(
    """
    official officials spokesman spokeswoman spokesperson source sources person people statement
    analyst analysts expert experts report reports critic critics officer officers witness
    witnesses aide aides member members group groups resident residents
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
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
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
# Nouns after "the number of"/"that number" whose object is carried to later bare numbers.
AMOUNT_NOUNS: frozenset[str] = frozenset({"number", "total", "count", "figure", "tally", "amount"})
