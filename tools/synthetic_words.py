"""The phrases the benchmark's synthetic case studies are made of (tools/synthetic.py): invented places,
themes, partners and sentences with slots, describing no real programme. Declarative data only."""

# name, kind of place, the wider area (for police, health and fire services)
PLACES = [line.split("|") for line in """\
Barnsley|town|South Yorkshire
Bath|city|Avon and Somerset
Birkenhead|town|Merseyside
Blackburn|town|Lancashire
Blackpool|town|Lancashire
Bolton|town|Greater Manchester
Bournemouth|town|Dorset
Bradford|city|West Yorkshire
Brighton and Hove|city|Sussex
Bristol|city|Avon and Somerset
Burnley|town|Lancashire
Bury|town|Greater Manchester
Calderdale|borough|West Yorkshire
Cambridge|city|Cambridgeshire
Camden|borough|London
Carlisle|city|Cumbria
Cheltenham|town|Gloucestershire
Chesterfield|town|Derbyshire
Colchester|city|Essex
Cornwall|county|Devon and Cornwall
Croydon|borough|London
Darlington|town|Durham
Derby|city|Derbyshire
Doncaster|city|South Yorkshire
Dudley|borough|West Midlands
Durham|county|Durham
Ealing|borough|London
East Sussex|county|Sussex
Exeter|city|Devon and Cornwall
Gateshead|borough|Northumbria
Gloucester|city|Gloucestershire
Great Yarmouth|town|Norfolk
Hackney|borough|London
Halifax|town|West Yorkshire
Haringey|borough|London
Harlow|town|Essex
Hartlepool|town|Cleveland
Hastings|town|Sussex
Hull|city|Humberside
Ipswich|town|Suffolk
Kirklees|borough|West Yorkshire
Knowsley|borough|Merseyside
Lambeth|borough|London
Lancaster|city|Lancashire
Leeds|city|West Yorkshire
Leicester|city|Leicestershire
Lewisham|borough|London
Lincoln|city|Lincolnshire
Liverpool|city|Merseyside
Luton|town|Bedfordshire
Manchester|city|Greater Manchester
Mansfield|town|Nottinghamshire
Middlesbrough|town|Cleveland
Milton Keynes|city|Thames Valley
Newcastle upon Tyne|city|Northumbria
Newham|borough|London
Northampton|town|Northamptonshire
North Tyneside|borough|Northumbria
Norwich|city|Norfolk
Nottingham|city|Nottinghamshire
Oldham|borough|Greater Manchester
Oxford|city|Thames Valley
Peterborough|city|Cambridgeshire
Plymouth|city|Devon and Cornwall
Portsmouth|city|Hampshire
Preston|city|Lancashire
Reading|town|Thames Valley
Redcar and Cleveland|borough|Cleveland
Rochdale|borough|Greater Manchester
Rotherham|borough|South Yorkshire
Salford|city|Greater Manchester
Sandwell|borough|West Midlands
Scarborough|town|North Yorkshire
Sefton|borough|Merseyside
Sheffield|city|South Yorkshire
Shropshire|county|West Mercia
Somerset|county|Avon and Somerset
Southampton|city|Hampshire
Southend-on-Sea|city|Essex
Southwark|borough|London
South Tyneside|borough|Northumbria
Stockport|borough|Greater Manchester
Stockton-on-Tees|borough|Cleveland
Stoke-on-Trent|city|Staffordshire
Sunderland|city|Northumbria
Swindon|town|Wiltshire
Tameside|borough|Greater Manchester
Torbay|borough|Devon and Cornwall
Tower Hamlets|borough|London
Wakefield|city|West Yorkshire
Walsall|borough|West Midlands
Waltham Forest|borough|London
Warrington|town|Cheshire
Wigan|borough|Greater Manchester
Wirral|borough|Merseyside
Wolverhampton|city|West Midlands
Worcester|city|West Mercia
York|city|North Yorkshire
Barking and Dagenham|borough|London
Coventry|city|West Midlands""".splitlines()]

# theme -> the people the work was for
THEMES = {
    "homelessness": "people sleeping rough or in hostels",
    "housing": "tenants at risk of losing their homes",
    "mental health": "adults with mental ill health who kept reaching crisis",
    "substance use": "people using drugs or alcohol who had dropped out of treatment",
    "domestic abuse": "survivors of domestic abuse and their children",
    "youth justice": "young people in contact with the youth justice system",
    "early help": "families who needed help before problems became a crisis",
    "adult social care": "older and disabled adults who draw on care",
    "loneliness": "older people living alone",
    "employment": "people out of work for more than a year",
    "skills": "adults without qualifications",
    "food poverty": "households using food banks",
    "debt advice": "households in problem debt",
    "community safety": "neighbourhoods with high levels of antisocial behaviour",
    "public health": "residents with the poorest health",
    "children in care": "children in care and their carers",
    "care leavers": "young people leaving care",
    "families": "families facing several problems at once",
    "commissioning": "people using commissioned support services",
    "integrated care": "patients moving between hospital, care and home",
    "neighbourhood working": "residents of the most deprived wards",
    "digital inclusion": "residents without internet access or skills",
    "offending": "adults leaving prison",
    "hospital discharge": "patients waiting to leave hospital",
    "physical activity": "residents who do little or no exercise",
    "refugees": "refugees and people seeking asylum",
    "fuel poverty": "households who could not afford to heat their homes",
    "volunteering": "volunteers and the groups they support",
    "faith groups": "people supported by churches, mosques and temples",
    "schools": "pupils at risk of exclusion",
    "regeneration": "residents of a town centre under pressure",
    "social prescribing": "patients whose problems were not only medical",
    "carers": "unpaid carers",
    "learning disability": "adults with a learning disability",
    "dementia": "people living with dementia and their families",
    "data sharing": "people whose details were held by many services",
    "multiple needs": "adults facing several disadvantages at once",
    "contract management": "people using services run under contract",
    "participatory budgeting": "residents deciding how to spend local money",
    "prevention": "residents at risk of needing crisis services",
}

PROGRAMME_NAMES = [
    "Open Door", "Common Ground", "Firm Foundations", "Every Street", "Bridges", "New Leaf", "Fresh Start",
    "Stepping Stones", "Our Place", "Better Together", "Front Door", "Team Around the Place", "Good Neighbours",
    "Roots", "One Plan", "Safe Harbour", "Next Steps", "Connected Communities", "Home First", "Turning Point",
]

PARTNERS = [
    "{place} Council for Voluntary Service", "{area} Integrated Care Board", "{area} Police",
    "{area} Fire and Rescue Service",
    "{place} Citizens Advice", "{place} Food Partnership", "{place} Housing Trust", "{place} Community Foundation",
    "{area} Probation Service", "{place} Mind", "{place} Carers Centre", "{place} Youth Service",
    "{place} Faith Forum", "{place} Recovery Partnership", "{place} College", "{area} Community Rehabilitation Company",
    "{place} Tenants Federation", "{place} Women's Aid", "{place} Credit Union", "{place} Jobcentre Plus",
]

COUNCIL = {"city": "{place} City Council", "borough": "{place} Council", "town": "{place} Borough Council",
           "county": "{place} County Council"}

CONTEXT_OPENINGS = [
    "{place} is a {kind} where need is unevenly spread: some wards are among the most deprived in England while others "
    "are comfortably off.",
    "Public money in {place} fell sharply over the decade before this work, and demand for crisis services rose at the "
    "same time.",
    "{place} has a strong voluntary sector and a history of partnership working, but services had grown up separately "
    "and rarely shared what they knew.",
    "In {place}, as in many places, each service had its own front door, its own assessment and its own idea of "
    "success.",
    "{place} had tried several short-term projects on this issue, each funded for a year or two and then closed.",
]

CONTEXT_PROBLEMS = [
    "The work focused on {group}. Many of them were known to five or more services, yet nobody held the whole picture "
    "and people told their story again at every door.",
    "The starting point was a review of about {n} cases involving {group}. It found that most of the money went on "
    "crisis responses and very little on help that came early enough to make a difference.",
    "Frontline staff raised the alarm: {group} were being passed between services, and each service was meeting its "
    "own targets while the people it served got worse.",
    "Residents and staff agreed that support for {group} was fragmented. Eligibility rules, waiting lists and separate "
    "contracts left gaps that people fell through.",
]

CONTEXT_RESPONSES = [
    "{council} brought together {partner}, {partner2} and local community groups to design a different approach, which "
    "became known as {programme}.",
    "Led at first by {council}, the {programme} work was soon run by a partnership board that included {partner} and "
    "{partner2}, and later people with lived experience.",
    "With a small grant, {partner} and {council} set up {programme}: a team drawn from several organisations, given "
    "freedom to try things and report back every quarter.",
    "{programme} began as a test in two neighbourhoods, run jointly by {council} and {partner}, with {partner2} "
    "joining after the first year.",
]

FINDINGS = {
    "A": {
        "present": ["Partners agreed a small set of outcomes for {group} and judged their own services against them, "
                    "not against activity counts.",
                    "The partnership board reviewed progress by looking at what had changed for residents, and "
                    "services stopped reporting only on their own contracts."],
        "absent": ["Each organisation kept its own targets, so a service could succeed on paper while {group} saw no "
                   "change.",
                   "Funding rules rewarded the number of people seen, not whether their lives improved, and staff felt "
                   "pushed to close cases quickly."],
        "mixed": ["Outcomes for residents guided the frontline team, but the organisations above it still reported "
                  "mainly on their own performance."],
        "emerging": ["Partners had begun to write a shared outcomes framework, though budgets were still set service "
                     "by service."],
    },
    "B": {
        "present": ["People with lived experience sat on the design group from the start and changed how the service "
                    "was offered, including where and when staff met people.",
                    "Staff asked {group} what mattered to them and rebuilt the referral process around the answers, "
                    "cutting the number of forms from five to one."],
        "absent": ["The service was designed around professional meetings, and {group} were consulted only after the "
                   "main decisions had been made.",
                   "Residents said they still had to repeat their story to each new worker, and nobody asked what they "
                   "wanted from the service."],
        "mixed": ["Some teams worked alongside residents as equals while others still treated consultation as a box to "
                  "tick."],
        "emerging": ["A small panel of residents had begun to review new policies, and the partnership planned to pay "
                     "them for their time."],
    },
    "C": {
        "present": ["Leaders accepted that no single organisation could solve the problem and pooled part of their "
                    "budgets so that the work could follow the person.",
                    "Partners mapped how {group} moved between services and used the map to agree who would act at "
                    "each point."],
        "absent": ["Each organisation saw the problem through its own remit, so housing, health and police responses "
                   "were planned separately.",
                   "Some key services, including {partner2}, were not involved at the start, and gaps appeared where "
                   "their work met everyone else's."],
        "mixed": ["Partners agreed the issue was shared, yet data still could not move between them, so each acted on "
                  "half the picture."],
        "emerging": ["A joint case review of a few people with very complex lives had started to show leaders how "
                     "their services fitted together."],
    },
    "D": {
        "present": ["The work drew on {place}'s own networks and history, and partners were also willing to borrow "
                    "ideas that had worked elsewhere.",
                    "Local community groups shaped the approach, so it fitted the streets and people it served rather "
                    "than a national template."],
        "absent": ["A model was brought in from elsewhere with little adaptation, and local groups felt their "
                   "knowledge had been ignored.",
                   "Established organisations in {place} closed ranks against newcomers, and fresh ideas struggled to "
                   "get a hearing."],
        "mixed": ["Pride in the {kind} helped people pull together, but the same loyalty sometimes made outside "
                  "challenge unwelcome."],
        "emerging": ["Partners had begun to visit other places and invite them to {place}, testing what might travel."],
    },
    "E": {
        "present": ["Partners took time to understand what drove each other, and that trust let them share risks and "
                    "data without long negotiations.",
                    "When a disagreement arose over funding, {council} and {partner} settled it quickly because they "
                    "already knew each other's limits."],
        "absent": ["A competitive tender left some organisations feeling they had lost out, and trust between them "
                   "took years to rebuild.",
                   "Partners met often but spoke mainly about their own organisations, and little changed between "
                   "meetings."],
        "mixed": ["Relationships between senior leaders were strong, but frontline teams in different organisations "
                  "still mistrusted each other."],
        "emerging": ["Joint training for staff from several organisations had started to build understanding across "
                     "professional lines."],
    },
    "F": {
        "present": ["The work started from what {group} and their neighbours could do, and services stepped back where "
                    "community support was stronger.",
                    "A map of local assets, from community centres to informal networks, shaped where new support was "
                    "placed."],
        "absent": ["Assessments recorded only what people could not do, and community groups were treated as places to "
                   "refer people to rather than as partners."],
        "mixed": ["Community groups were valued in the plan, yet most of the money still went to statutory services."],
        "emerging": ["Staff had begun to use strengths-based conversations, though assessment forms had not yet "
                     "changed to match."],
    },
    "G": {
        "present": ["Leadership moved to whoever was best placed: frontline staff and residents led parts of the work, "
                    "and senior leaders gave cover.",
                    "The chair of the partnership rotated, and decisions were often taken by the people closest to the "
                    "problem."],
        "absent": ["Decisions had to go up through several layers in each organisation, and staff waited weeks for "
                   "permission to try something small."],
        "mixed": ["Frontline staff were trusted to lead in practice, but formal authority stayed with a few senior "
                  "posts."],
        "emerging": ["A network of staff from different organisations had started to meet without managers to solve "
                     "problems together."],
    },
    "H": {
        "present": ["Partners treated early setbacks as learning, wrote down what went wrong and changed course "
                    "without looking for someone to blame.",
                    "The team ran small tests before changing the whole service, so a failure cost little and taught a "
                    "lot."],
        "absent": ["A serious incident early on led to new rules that made staff cautious, and the work lost much of "
                   "its early energy.",
                   "Fear of audit and inspection kept partners to familiar ways of working even when they could see a "
                   "better option."],
        "mixed": ["Leaders encouraged staff to try new things, but some managers still penalised mistakes."],
        "emerging": ["Partners had agreed a simple way to record and share what went wrong, though it was not yet used "
                     "everywhere."],
    },
    "I": {
        "present": ["{council} stepped back from running the service and acted as a platform, giving community groups "
                    "money, space and freedom to deliver.",
                    "Control over a share of the budget passed to a residents' panel, and the council supported their "
                    "choices instead of second-guessing them."],
        "absent": ["The council kept tight control over every decision, so community groups that could have led the "
                   "work were left waiting for approval."],
        "mixed": ["The council handed over delivery, but kept reporting rules so detailed that groups spent much of "
                  "their time filling in forms."],
        "emerging": ["A first small grant scheme run by residents had started to show what could happen if the council "
                     "let go further."],
    },
}

# Second sentences that could follow any finding with that status.
DETAILS = {
    "present": ["Partners said this made the biggest difference in the first year.",
                "An evaluation by {partner} found people waited less and were seen by fewer workers.",
                "Staff described it as the first time they had felt part of one team.",
                "About {n} people were helped this way over the period."],
    "absent": ["The cost showed up in repeat referrals and crisis admissions.",
               "Partners said this was the main reason the work stalled in its second year.",
               "Residents noticed and said so at a public meeting.",
               "It took a change of leadership at {council} before this began to shift."],
    "mixed": ["The gap between the two was most visible when money was tight.",
              "Partners disagreed about which side mattered more.",
              "An internal review by {council} recommended closing the gap."],
    "emerging": ["It was too soon to say whether it would last.",
                 "Partners planned to review it after a year.",
                 "Staff were enthusiastic but unsure whether funding would continue."],
}

DID_NOT_WORK = [
    "**Short-term funding.** Most of the money came in one-year grants, so staff left before the work had bedded in "
    "and partners spent months on each renewal.",
    "**Too many meetings.** The partnership grew to more than {n} members, and decisions slowed as every organisation "
    "wanted a say.",
    "**Data that would not move.** Information-sharing agreements took over a year to sign, and in the meantime "
    "workers relied on phone calls and goodwill.",
    "**Missing partners.** {partner2} joined late, and some early decisions had to be unpicked once they did.",
    "**Measuring the wrong things.** The first evaluation counted activity, not change for {group}, and gave a "
    "misleading picture of success.",
    "**Leadership changes.** Two chief executives left in quick succession, and each new leader needed convincing "
    "afresh.",
    "**Pressure from inspection.** A critical inspection report pushed partners back towards familiar ways of working "
    "for several months.",
    "**Residents involved too late.** The first design was drawn up by professionals, and residents were asked for "
    "their views only once it was fixed.",
    "**Scaling up.** What worked in two neighbourhoods did not transfer easily to the whole {kind}, where "
    "relationships were thinner.",
]

LESSONS = [
    "Agree a few outcomes that matter to residents before deciding which services to fund.",
    "Put people with lived experience in the room when the work is designed, not only when it is evaluated, and pay "
    "them for their time.",
    "Map who is involved in the lives of {group} before you start, and invite the partners you are tempted to leave "
    "out.",
    "Trust is built in small, visible acts: paying on time, sharing bad news early and keeping promises.",
    "Give frontline staff permission to try things, and a quick way to report back what happened.",
    "Plan for the end of short-term funding from the first day, including how relationships will be kept going.",
    "Treat community groups as partners with their own strengths, not as places to refer people to.",
    "Write down what went wrong as well as what went right, and share it with partners without blame.",
    "A council does not have to run a service to make it happen; funding, space and freedom can be enough.",
    "Test a change on a small scale before rolling it out, so failures are cheap and learning is quick.",
    "Shared data is worth the effort, but start with a few questions that everyone wants answered.",
    "Expect relationships to suffer when money is competed for, and plan how you will repair them.",
]

QUESTIONS = [
    "Which outcomes for residents would every partner in your place sign up to?",
    "Who would notice first if a new service opened in their area, and are they involved now?",
    "How many times does a person tell their story before anyone helps?",
    "Which decisions could be taken by the people closest to the problem?",
    "What would you stop doing if you judged your service by what changed for {group}?",
    "Where does your place already have strengths that services overlook?",
    "How do partners in your place learn from something that went wrong?",
    "What could your council stop running so that others could lead?",
    "Which partner is missing from your table, and why?",
    "How would your partnership cope if its main funding ended next year?",
]
