"""The one statement of what the library's data may hold.

Every rule about a field lives here: its type, whether it is required, the
values it may take, and the help and example a contributor sees when it is
wrong. The validator, the JSON Schema files in `schema/` and the pages all
read these declarations; `python -m macros schema` rewrites the JSON Schema
files and a test fails if they drift.
"""

from __future__ import annotations

from .spec import Annotated, Record, Spec, record

LETTERS = tuple("ABCDEFGHI")
# Each precondition's short title, as data/preconditions.yaml gives it (a test checks they agree): the issue form's
# questions and the comments of the file from-issue writes name the preconditions by them.
SHORT_TITLES = {
    "A": "Beneficiary impact",
    "B": "Citizen-centred",
    "C": "Systemic issues",
    "D": "Grounded in place",
    "E": "Trusted partners",
    "F": "Strengths based",
    "G": "Distributed leadership",
    "H": "Resilient and risk-embracing",
    "I": "Able to let go",
}
GROUPS = ("vision", "behaviours")
# What each group of preconditions is about (the report's grouping, p. 8), for the studio's first question.
GROUP_MEANINGS = {"vision": "what the system as a whole is aiming for",
                  "behaviours": "how the people and organisations in the system act"}
# The two scales (the glossary explains both, and the Coventry verdicts): the evidence scale says how far
# a precondition was in place in one piece of work; the place scale how far it shows across a whole place,
# as a group judges its own system in the reflection tool and as we read Coventry where the report is silent.
STATUSES = ("present", "absent", "mixed", "emerging")
# What each status of the evidence scale means and an example of it, for the studio's status chooser and the guides.
STATUS_MEANINGS = {
    "present": ("the precondition was clearly in place",
                "partners pooled a budget and kept it pooled when it overspent"),
    "absent": ("it was missing, and you can say what that cost",
               "the police were not involved, and a new site met local opposition they could have helped with"),
    "mixed": ("it was in place in some ways or parts of the work and missing in others",
              "young people designed the assessment but had no say over the budget"),
    "emerging": ("it was starting to show, but it is too early to say",
                 "a programme designed around each neighbourhood that has only just begun"),
}
PRESENCE = ("not yet visible", "in pockets", "widespread", "embedded")
MATURITIES = ("draft", "published", "reviewed")
BASES = ("reported", "editorial")
LICENCES = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0")

# Which characters text may hold, for every text field: the validator and the studio both read these.
# Refused everywhere, each kind with the words a message names it by: control characters other than tab and
# new line (C0, DEL and C1: MkDocs and YAML readers give up on some of them, and none shows on a page); the
# "Trojan Source" direction overrides and isolates, which make text read differently from how it is stored
# and can hide words from a reviewer; line and paragraph separators; and noncharacters and lone surrogates.
REFUSED_CHARACTERS = (
    (r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "an invisible control character"),
    (r"[\u202a-\u202e\u2066-\u2069]", "an invisible direction override, which can hide words from a reviewer"),
    (r"[\u2028\u2029]", "a line or paragraph separator"),
    (r"[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
     + "".join(rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(1, 17)) + "]",
     "a noncharacter, which stands for no letter or sign"),
)
# A field of one line (any but Markdown fields) holds no new line or tab either: it is a title, a name or a sentence.
ONE_LINE_REFUSED = r"[\t\n]"

# Names Windows keeps for devices: no file or folder can have them, so no id or slug may be one (the offline zip).
RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                            *(f"lpt{n}" for n in range(10))})
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
FILE_NAME = r"^[a-z0-9]+(-[a-z0-9]+)*\.yaml$"  # a case study's file: its id, then .yaml
SLUG_HELP = "lower-case letters, digits and single hyphens, with no spaces"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
PAGE = Spec("a page number of the source", example=21, minimum=1, maximum=2000)

TITLE = 120  # characters: a title must fit a card and a table header
SHORT = 400  # one or two sentences
PARAGRAPH = 2000
LONG = 6000

Letter = Annotated[str, Spec(
    "the letter of a precondition, A to I", example="E", choices=LETTERS, choice_noun="precondition")]


# --- Preconditions (data/preconditions.yaml) ---------------------------------------------

@record
class Related(Record):
    precondition: Letter
    reason: Annotated[str, Spec(
        "why the two preconditions affect each other, in a sentence or two",
        example="Without resilience, partners retreat into protecting their own budgets.",
        markdown=True, max_length=SHORT)]


@record
class TellApart(Record):
    precondition: Annotated[str, Spec(
        "the letter of the other precondition a finding about this one is often filed under, A to I",
        example="B", choices=LETTERS, choice_noun="precondition")]
    question: Annotated[str, Spec(
        "a question that tells the two apart, in one sentence",
        example="Is this about who leads, or about whose view shapes the service?",
        max_length=SHORT)]
    this_one: Annotated[str, Spec(
        "the answer that points to this precondition, in a few words", example="whose view shapes the service",
        max_length=TITLE)]
    other: Annotated[str, Spec(
        "the answer that points to the other precondition, in a few words", example="who leads", max_length=TITLE)]
    pages: Annotated[list[int], Spec(
        "the pages of the report the distinction rests on", example=[11, 16], item=PAGE, min_items=1, unique=True)]


@record
class Vignette(Record):
    situation: Annotated[str, Spec(
        "our one-sentence summary of the report's example: the situation of a person facing multiple needs, "
        "in the third person and never as their own words",
        example="A person has to leave a home that no longer suits them.", max_length=SHORT)]
    when_present: Annotated[str, Spec(
        "our summary of what changes for that person when the precondition is in place, in the third person",
        example="One assessment records their needs, and they help choose the new home.", markdown=True,
        max_length=PARAGRAPH)]
    when_absent: Annotated[str, Spec(
        "our summary of what happens to them when the precondition is missing, in the third person",
        example="The new home makes their situation worse.", markdown=True, max_length=PARAGRAPH)]
    pages: Annotated[list[int], Spec(
        "the page of the report the example is on", example=[19], item=PAGE, min_items=1, unique=True)]


@record
class InTheReport(Record):
    place: Annotated[str, Spec("the place the report studied", example="Coventry", max_length=TITLE)]
    basis: Annotated[str, Spec(
        "reported (the report gives its own short verdict, quoted in verdict) or editorial "
        "(the report gives none, and presence is our reading)",
        example="reported", choices=BASES, choice_noun="basis")]
    verdict: Annotated[str | None, Spec(
        "the report's own short verdict on the precondition in that place, in its words, shown in quotation marks "
        "(basis: reported only; under ten words, with … where words are left out)",
        example="a potential asset", max_length=TITLE)] = None
    pages: Annotated[list[int], Spec(
        "the pages the verdict is quoted from (basis: reported only)", example=[14], item=PAGE, unique=True)] = ()
    presence: Annotated[str | None, Spec(
        "our reading of how far the precondition shows across the place, on the place scale (basis: editorial only)",
        example="in pockets", choices=PRESENCE, choice_noun="word of the place scale")] = None
    account: Annotated[str, Spec(
        "where and how it showed up, or did not, with the report's examples",
        example="Seen in the homelessness contract but not yet across the city.",
        markdown=True, max_length=PARAGRAPH)]


@record
class Source(Record):
    title: Annotated[str, Spec("the title of the document", example="Behaving like a system?", max_length=200)]
    publisher: Annotated[str | None, Spec("who published it", example="Collaborate CIC", max_length=TITLE)] = None
    year: Annotated[int | None, Spec("the year it was published", example=2015, minimum=1900, maximum=2100)] = None
    url: Annotated[str | None, Spec(
        "a web address for it, starting with https://", example="https://example.org/report.pdf",
        pattern=r"^https?://\S+$", pattern_help="a full web address starting with https://", max_length=300)] = None
    pages: Annotated[list[int], Spec("the pages drawn on", example=[21, 22], item=PAGE, unique=True)] = ()


@record
class Precondition(Record):
    id: Letter
    slug: Annotated[str, Spec(
        "the last part of the page's web address", example="trusted-partners",
        pattern=SLUG, pattern_help=SLUG_HELP, max_length=60)]
    title: Annotated[str, Spec(
        "the precondition's name as the report gives it",
        example="Trusted partners: understand and adapt to each other's values", max_length=TITLE)]
    short_title: Annotated[str,
                           Spec("a name of two or three words for tables and cards", example="Trusted partners",
                                max_length=40)]
    group: Annotated[str, Spec(
        "vision (A to D) or behaviours (E to I)", example="behaviours", choices=GROUPS, choice_noun="group")]
    summary: Annotated[str,
                       Spec("what the precondition is, in one sentence",
                            example="Partners know what drives each other and work with it.", max_length=SHORT)]
    aliases: Annotated[list[str], Spec(
        "words practitioners use for this idea, so search finds the page",
        example=["trust", "relationships"], item=Spec("a search word or phrase", max_length=60), unique=True)] = ()
    description: Annotated[str, Spec("what the precondition means and why it matters", markdown=True, max_length=LONG,
                                     example="Partners need not share values, but they must understand them.")]
    looks_like: Annotated[list[str], Spec(
        "signs that the precondition is in place", example=["Partners share data without being asked."],
        item=Spec("one sign", markdown=True, max_length=SHORT), min_items=1)]
    signs_of_absence: Annotated[list[str], Spec(
        "signs that it is missing", example=["Nobody knows what the other team does."],
        item=Spec("one sign", markdown=True, max_length=SHORT), min_items=1)]
    in_the_report: Annotated[InTheReport, Spec("how it showed up in the place the report studied")]
    questions: Annotated[list[str], Spec(
        "open questions a place could ask itself", example=["Who would notice if this partnership ended?"],
        item=Spec("one question", max_length=SHORT), min_items=1)]
    related: Annotated[list[Related], Spec("other preconditions this one affects, each with the reason")] = ()
    tell_apart: Annotated[list[TellApart], Spec(
        "preconditions a finding about this one is often mistaken for, each with a question that tells them apart "
        "(written once, on either of the two)")] = ()
    vignette: Annotated[Vignette, Spec(
        "what the precondition could mean for a person facing multiple needs: our summary of the report's example")]
    further_reading: Annotated[list[Source], Spec("publications the report points to")] = ()
    source_pages: Annotated[list[int], Spec(
        "the pages of the report this entry draws on", example=[14], item=PAGE, min_items=1, unique=True)]
    redirect_from: Annotated[list[str], Spec(
        "former slugs, so old links keep working", example=["trust"],
        item=Spec("a former slug", pattern=SLUG, pattern_help=SLUG_HELP), unique=True)] = ()


# --- Case studies (data/case_studies/<id>.yaml) --------------------------------------------

@record
class Evidence(Record):
    precondition: Letter
    status: Annotated[str, Spec(
        "how far the precondition was in place: present, absent, mixed (both, in different parts or ways) "
        "or emerging (starting to show)",
        example="present", choices=STATUSES, choice_noun="status")]
    basis: Annotated[str, Spec(
        "reported (the source says this about the work) or editorial (an editor's reading of the source, "
        "shown as 'Our reading')",
        example="reported", choices=BASES, choice_noun="basis")]
    finding: Annotated[str, Spec(
        "what happened that shows it, in your own words",
        example="The council paid each year's contract money up front and let the provider decide how to spend it.",
        markdown=True, max_length=PARAGRAPH)]
    pages: Annotated[list[int],
                     Spec("pages of the source this finding comes from", example=[21], item=PAGE, unique=True)] = ()
    redirect_from: Annotated[list[str], Spec(
        "anchors this finding had before, so old links to it keep working", example=["evidence-e-2"],
        item=Spec("a former anchor", pattern=r"^evidence-[a-i](-[0-9]+)?$",
                  pattern_help="evidence-, the precondition's letter in lower case, and a number if there was one"),
        unique=True)] = ()


@record
class CaseStudy(Record):
    id: Annotated[str, Spec(
        "the case study's identifier; the file must be named <id>.yaml", example="coventry-homelessness",
        pattern=SLUG, pattern_help=SLUG_HELP, max_length=80)]
    title: Annotated[str,
                     Spec("a short title naming the place and the work", example="Homelessness and housing in Coventry",
                          max_length=TITLE)]
    place: Annotated[str, Spec("the town, city, borough or area", example="Coventry", max_length=80)]
    themes: Annotated[list[str], Spec(
        "what the work is about, as lower-case tags", example=["homelessness", "housing"],
        item=Spec("a theme", pattern=r"^[a-z0-9]+( [a-z0-9]+)*$",
                  pattern_help="lower-case words separated by single spaces",
                  example="homelessness", max_length=40),
        min_items=1, max_items=8, unique=True)]
    period: Annotated[str, Spec("when the work happened", example="2014 to 2015", max_length=60)]
    summary: Annotated[str,
                       Spec("the case study in one or two sentences",
                            example="A single contract made one provider answerable for everyone sleeping rough.",
                            max_length=SHORT)]
    context: Annotated[str,
                       Spec("the background a reader needs: the place, the problem, who was involved", markdown=True,
                            max_length=LONG,
                            example="The city had many small homelessness services, each with its own contract.")]
    organisations: Annotated[list[str], Spec(
        "the organisations involved", example=["Coventry City Council"], item=Spec("an organisation", max_length=TITLE),
        min_items=1, unique=True)]
    evidence: Annotated[list[Evidence], Spec(
        "what the case study shows about each precondition, one entry per precondition", min_items=1)]
    what_did_not_work: Annotated[list[str], Spec(
        "what went wrong or is still unresolved; this matters as much as what worked",
        example=["Trust between providers fell when the contract went to one bidder."],
        item=Spec("one thing", markdown=True, max_length=PARAGRAPH), min_items=1)]
    lessons: Annotated[list[str], Spec(
        "what other places can learn", example=["Bring the police in before opening a new site."],
        item=Spec("one lesson", markdown=True, max_length=PARAGRAPH), min_items=1)]
    questions: Annotated[list[str], Spec(
        "questions other places could ask themselves", example=["Who is missing from the table?"],
        item=Spec("one question", max_length=SHORT), min_items=1)]
    sources: Annotated[list[Source], Spec("where the account comes from", min_items=1)]
    contributors: Annotated[list[str], Spec(
        "the organisations that wrote or supplied this case study (no personal names)",
        example=["Coventry City Council"],
        item=Spec("an organisation", max_length=TITLE), min_items=1, unique=True)]
    licence: Annotated[str, Spec(
        "the licence the text is shared under", example="CC-BY-4.0", choices=LICENCES, choice_noun="licence")]
    maturity: Annotated[str, Spec(
        "draft (being written), published (checked by an editor) or reviewed (checked against its sources)",
        example="published", choices=MATURITIES, choice_noun="maturity")]
    last_reviewed: Annotated[str | None, Spec(
        "when an editor last checked it, as YYYY-MM-DD", example="2026-11-01",
        pattern=DATE, pattern_help="a date written YYYY-MM-DD")] = None
    next_review: Annotated[str | None, Spec(
        "when it is next due to be checked, as YYYY-MM-DD", example="2027-11-01",
        pattern=DATE, pattern_help="a date written YYYY-MM-DD")] = None
    public_contact_details: Annotated[list[str], Spec(
        "organisational e-mail addresses or phone numbers that are public and may appear in the text",
        example=["enquiries@example.org"], item=Spec("an exact address or number", max_length=80), unique=True)] = ()
    redirect_from: Annotated[list[str], Spec(
        "former ids, so old links keep working", example=["coventry-housing"],
        item=Spec("a former id", pattern=SLUG, pattern_help=SLUG_HELP), unique=True)] = ()


# --- Places (data/places.yaml) --------------------------------------------------------------

@record
class Connection(Record):
    precondition: Letter
    basis: Annotated[str, Spec(
        "reported (the source says so) or editorial (our reading of the source)",
        example="reported", choices=BASES, choice_noun="basis")]
    note: Annotated[str, Spec("what connects the place to the precondition", markdown=True, max_length=PARAGRAPH,
                              example="The borough started from a shared vision written with residents.")]


@record
class Place(Record):
    name: Annotated[str, Spec("the place's name, as case studies write it", example="Coventry", max_length=80)]
    slug: Annotated[str,
                    Spec("the last part of the page's web address", example="coventry", pattern=SLUG,
                         pattern_help=SLUG_HELP, max_length=60)]
    summary: Annotated[str,
                       Spec("the place in one sentence", example="A West Midlands city that studied its own services.",
                            max_length=SHORT)]
    context: Annotated[str, Spec("the background: people, history, pressures", markdown=True, max_length=LONG,
                                 example="The city lost a quarter of its core government funding in four years.")]
    facts: Annotated[list[str], Spec(
        "figures worth knowing, each with its source page", example=["About 337,000 people live in the city (p. 5)."],
        item=Spec("one fact", markdown=True, max_length=SHORT))] = ()
    route_in: Annotated[str | None, Spec(
        "how systems change work started there", markdown=True, max_length=PARAGRAPH,
        example="Through prototypes led by a director for public service reform.")] = None
    questions: Annotated[list[str],
                         Spec("questions the place's experience raises",
                              example=["Who decides what counts as success here?"],
                              item=Spec("one question", max_length=SHORT))] = ()
    connections: Annotated[list[Connection], Spec("links between the place and the preconditions")] = ()
    sources: Annotated[list[Source], Spec("where the account comes from", min_items=1)]


# --- Glossary (data/glossary.yaml) ----------------------------------------------------------

@record
class Term(Record):
    term: Annotated[str, Spec("the word or phrase as it appears in text", example="Payment by Results", max_length=60)]
    definition: Annotated[str,
                          Spec("what it means, in one or two plain sentences; shown as a tooltip", max_length=SHORT,
                               example="A way of funding services in which money is paid when agreed results are "
                                       "achieved.")]
    forms: Annotated[list[str], Spec(
        "other ways the term is written that should show the same tooltip", example=["payment by results"],
        item=Spec("another form", max_length=60), unique=True)] = ()


# --- Learning pathways (data/pathways.yaml) -------------------------------------------------

# A page: in docs/ is named by its path from there, folder by folder: no leading '/', no '..', no empty part.
PAGE_REF = (r"^(precondition:[A-I]|case-study:[a-z0-9]+(-[a-z0-9]+)*|place:[a-z0-9]+(-[a-z0-9]+)*"
            r"|page:[a-z0-9_-]+(/[a-z0-9_-]+)*\.md)$")


@record
class Step(Record):
    page: Annotated[str, Spec(
        "the page for this step: precondition:E, case-study:<id>, place:<slug> or page:<path of a page in docs/>",
        example="precondition:E", pattern=PAGE_REF,
        pattern_help="precondition:<letter>, case-study:<id>, place:<slug> or page:<file in docs/, e.g. "
                     "framework/index.md>")]
    section: Annotated[str | None, Spec(
        "a section of that page to open at (its anchor)", example="vignette", pattern=SLUG,
        pattern_help=SLUG_HELP)] = None
    minutes: Annotated[int | None, Spec("roughly how long the step takes", example=10, minimum=1, maximum=240)] = None
    note: Annotated[str,
                    Spec("the trainer's note: what to look for and what to ask", markdown=True, max_length=PARAGRAPH,
                         example="Ask the group where they have seen partners blame each other.")]


@record
class Pathway(Record):
    id: Annotated[str, Spec("the pathway's identifier, used in its address", example="trust-breaks-down",
                            pattern=SLUG, pattern_help=SLUG_HELP, max_length=60)]
    title: Annotated[str, Spec("the pathway's title", example="When trust breaks down", max_length=TITLE)]
    audience: Annotated[str, Spec("who it is for", example="Partnership boards and their officers", max_length=SHORT)]
    summary: Annotated[str, Spec("what the group will get from it, in one or two sentences", max_length=SHORT,
                                 example="Follow one precondition from its definition to a case where it failed.")]
    steps: Annotated[list[Step],
                     Spec("the pages in order, each with a note for the trainer", min_items=2, max_items=12)]


# --- The files and what they hold -----------------------------------------------------------

# (path pattern, record class, whether the file holds a list of records, JSON Schema file name)
FILES = (
    ("data/preconditions.yaml", Precondition, True, "preconditions.schema.json"),
    ("data/case_studies/*.yaml", CaseStudy, False, "case-study.schema.json"),
    ("data/places.yaml", Place, True, "places.schema.json"),
    ("data/glossary.yaml", Term, True, "glossary.schema.json"),
    ("data/pathways.yaml", Pathway, True, "pathways.schema.json"),
)
