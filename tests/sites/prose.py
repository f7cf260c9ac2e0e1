"""Shared prose for the replica documents, written the way integrated care strategies read.

Takes a `Place` (the names of one fictional system) and returns `docgen.Section`s. Each system adds
its own commitments (the sentences that change between states) through the `extra` arguments, so
the shared text stays the same across versions and only the intended sentences differ.
Plan (JFP) prose is in `plan_prose.py`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from tests.docgen import Section


@dataclass(frozen=True)
class Place:
    name: str  # "Severn"
    icb: str  # "NHS Severn Integrated Care Board"
    icp: str  # "Severn Health and Care Partnership"
    councils: str  # "Severnshire County Council and Worcbridge City Council"
    population: str  # "1.3 million"
    places: tuple[str, ...]  # the local places (towns, boroughs)
    acute: str  # main hospital trust
    mh: str  # mental health trust
    cyp_lead: str  # "Dr Amara Okafor, Chief Nursing Officer"

    def fill(self, text: str, **more: str) -> str:
        names = {**asdict(self), "place_list": _join(self.places), "place_count": _count(len(self.places))}
        return text.format(**names, **more)


def _join(items: tuple[str, ...]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _count(n: int) -> str:
    return ("zero one two three four five six seven eight nine ten".split() + [str(n)])[min(n, 11)]


def section(place: Place, heading: str, texts: tuple[str, ...] | list[str], extra: tuple[str, ...] = ()) -> Section:
    return Section(place.fill(heading), [place.fill(t) for t in texts] + list(extra))


FOREWORD = (
    "This strategy sets out what the organisations of the {icp} will do together to improve the health and "
    "wellbeing of the {population} people who live in {name}. It has been agreed by the NHS, {councils}, "
    "Healthwatch and the voluntary, community and social enterprise sector.",
    "We have listened to more than 4,000 residents, including children and young people in schools, colleges "
    "and youth groups, parents and carers, and staff across our services. They told us that services are hard "
    "to navigate, that they have to tell their story again and again, and that the places where they live, "
    "learn and work matter as much to their health as hospitals do.",
)

ABOUT = (
    "{name} is home to {population} people living in {place_count} places: {place_list}. Life expectancy "
    "differs by more than nine years between the most and least deprived neighbourhoods, and healthy life "
    "expectancy is lower than the England average for both men and women.",
    "Around one in four of our residents is under 25. Child poverty has risen in every one of our places "
    "since 2015, and more than one in five pupils is eligible for free school meals. At the same time the "
    "number of residents aged over 85 is expected to rise by a third over the next ten years.",
    "Our communities are diverse. One in six residents was born outside the UK, more than 80 languages are "
    "spoken in our schools, and our rural areas have some of the oldest populations in England, with long "
    "journeys to hospital and poor public transport.",
    "The biggest causes of early death are cardiovascular disease, cancer and respiratory disease, and the "
    "gap in outcomes between our most and least deprived communities has widened since 2019.",
)

AMBITIONS = (
    "Our shared ambitions are that every child has the best start in life, that people live longer in good "
    "health, that people with long-term conditions are supported to stay well at home, and that health and "
    "care services are joined up around people and communities rather than around organisations.",
    "These ambitions build on the joint health and wellbeing strategies of our local authorities. This "
    "strategy does not replace them; it describes the areas where partners can achieve more together than "
    "any one organisation could on its own.",
)

START_WELL = (
    "We recognise babies, children and young people from conception to age 25 as a distinct population with "
    "their own needs, services and workforce. Too often their needs have been treated as an add-on to adult "
    "services, and the pandemic widened gaps in development, attendance and emotional wellbeing.",
    "The first 1,001 days of a child's life shape their health for decades. Together with our local "
    "authorities we will strengthen the Healthy Child Programme, so that every family receives all five "
    "mandated health visitor contacts and families who need more support get it early.",
    "Children and young people told us that mental health is their top concern. Demand for support has "
    "grown by more than half since 2019, and too many young people wait too long or are turned away because "
    "they do not meet a threshold.",
    "Children with special educational needs and disabilities (SEND) and their families deserve timely "
    "assessments and services that work together with schools. We will work with education and social care "
    "partners to reduce waits for neurodevelopmental assessments for autism and ADHD.",
    "Looked-after children, care leavers and young carers face some of the widest health inequalities. As "
    "corporate parents we will make sure that initial health assessments happen within 20 working days and "
    "that care leavers up to the age of 25 have a named health contact.",
    "We will adopt the Core20PLUS5 approach for children and young people, focusing on asthma, diabetes, "
    "epilepsy, oral health and mental health in our most deprived communities and in the groups of children "
    "who find it hardest to use services.",
    "Family hubs will bring together midwives, health visitors, infant feeding support, perinatal mental "
    "health, early help and parenting programmes, so that families can get help in one place close to home.",
    "Schools and colleges are where children spend most of their time. We will work with head teachers so "
    "that health professionals are part of the team around the school, including school nurses, mental "
    "health support teams and educational psychologists.",
    "Childhood obesity doubles between the start and the end of primary school. We will work with schools, "
    "leisure services and planners on active travel, healthy school food and safe places to play.",
)

LIVE_WELL = (
    "Cardiovascular disease is the biggest cause of the gap in life expectancy between our most and least "
    "deprived communities. We will find and treat more people with high blood pressure, high cholesterol and "
    "atrial fibrillation, working with community pharmacies, workplaces and faith groups.",
    "Smoking remains the single largest cause of preventable illness. We will offer every smoker admitted to "
    "hospital, and every pregnant woman who smokes, support to quit, and we will work with trading standards "
    "to reduce the illegal sale of tobacco and vapes.",
    "Alcohol harm, obesity and poor mental health are concentrated in the same communities. We will commission "
    "services that treat people as whole people, rather than one condition at a time, and that are "
    "designed with those who use them.",
    "Good work is good for health. As large employers, partners will offer apprenticeships, pay the real "
    "Living Wage and buy locally, so that the money we spend supports the local economy.",
)

AGE_WELL = (
    "Older people told us that getting a GP appointment is their biggest frustration. We will improve access "
    "to general practice for people over 65, with same-day telephone call-backs and proactive care for those "
    "living with frailty or several long-term conditions.",
    "Adult social care is under sustained pressure. Together with our councils we will expand home care "
    "capacity, support unpaid carers of older adults, and make sure people are discharged from hospital to "
    "their own homes wherever possible.",
    "Stroke is a leading cause of adult disability in {name}. We will make sure that people who have a "
    "stroke receive thrombectomy where it is appropriate and are supported by early supported discharge and "
    "community rehabilitation teams.",
    "We will help people plan for the end of their life, so that more people die in the place of their "
    "choosing with the support of palliative care teams and their families.",
)

INEQUALITIES = (
    "We will use the Core20PLUS5 framework to focus on the 20% most deprived neighbourhoods and on inclusion "
    "health groups, including people experiencing homelessness, Gypsy, Roma and Traveller communities, "
    "asylum seekers and refugees, and people in contact with the justice system.",
    "Every partner will publish how it is reducing inequalities in access, experience and outcomes, and we "
    "will report progress to the partnership each year using data broken down by age, ethnicity, sex, "
    "disability and deprivation.",
    "Digital exclusion is a growing barrier. We will keep telephone and face-to-face routes into every "
    "service and will support people to get online through libraries and community groups.",
)

DEVELOPED = (
    "This strategy was shaped by a year of conversations. Our youth panel of 30 young people aged 13 to 24 "
    "co-designed the start well chapter and chose the measures we will report against. Young people with "
    "experience of care and young carers met partnership members directly.",
    "We will continue to involve children, young people and families as we put the strategy into practice, "
    "and we will publish each year what they told us and what we changed as a result.",
)

WORKFORCE = (
    "Our health and care workforce of more than 60,000 people is our biggest asset. Vacancy rates are highest "
    "in domiciliary care, mental health nursing, health visiting and school nursing, and many staff live in "
    "the communities they serve.",
    "We will develop a single workforce plan across partners, with shared recruitment campaigns, rotational "
    "posts between the NHS and local authorities, and apprenticeships for local young people.",
    "We will make our organisations better places to work, with action on violence against staff, on race "
    "equality, and on flexible working for people with caring responsibilities.",
)

DELIVERY = (
    "The {icb} will set out how the NHS will deliver this strategy in its five-year Joint Forward Plan. Our "
    "local authorities will reflect it in their own plans, and our place partnerships will agree local "
    "priorities with their communities.",
    "The partnership will review progress every six months in public and will refresh this strategy when "
    "the needs of our population or the national context change.",
)

TOLD_US = (
    "'I had to tell my story five times to five different people before anyone helped.' Parent of a child "
    "with autism, Engagement workshop.",
    "'There is nowhere for young people to go in the evening, so we hang around and get moved on.' Young "
    "person aged 16, youth panel.",
    "'My mum needs more help at home but the carers keep changing and never have enough time.' Unpaid carer, "
    "online survey.",
    "'The bus to the hospital takes two hours and I cannot afford a taxi.' Resident aged 72, rural "
    "listening event.",
    "In total 4,212 people responded to our survey, 1,340 of them aged under 25. We held 46 listening events, "
    "including sessions in schools, colleges, care leavers' groups, mosques, churches and community centres.",
    "The themes people raised most often were access to GP appointments, waiting times for mental health "
    "support, the cost of living, loneliness, and services that do not talk to each other.",
)


CASE_STUDIES = (
    "Case study: the Bridge project. A youth worker based in the emergency department meets young people who "
    "attend after self-harm, violence or substance misuse, and stays in touch with them for up to six months. "
    "Repeat attendances among the young people supported fell by a third in the first year.",
    "Case study: Warm Homes on Prescription. GPs and community nurses refer people with respiratory conditions "
    "who live in cold, damp homes for insulation and heating improvements, funded jointly by the NHS and the "
    "councils. Emergency admissions for the households supported fell by 28%.",
    "Case study: Community Connectors. Link workers in every primary care network help people with loneliness, "
    "debt and housing problems, working with more than 300 local voluntary and community groups.",
)
OUTCOMES = (
    "Start well outcomes: more children ready for school at age five; fewer children living with obesity at "
    "age eleven; fewer hospital admissions for self-harm among young people aged 10 to 24; fewer children "
    "with tooth decay at age five; more young people in education, employment or training at age 18.",
    "Live well outcomes: fewer adults who smoke; more adults with high blood pressure diagnosed and treated; "
    "more adults physically active; fewer alcohol-related hospital admissions; more people with a long-term "
    "condition who feel supported to manage it.",
    "Age well outcomes: fewer emergency admissions after a fall; more older people still at home 91 days after "
    "discharge from hospital into reablement; more people dying in their preferred place; more carers who "
    "feel supported.",
    "Fairer outcomes: a narrower gap in healthy life expectancy between our most and least deprived "
    "neighbourhoods, and in each of the outcomes above between groups defined by ethnicity, disability and "
    "deprivation.",
    "We will publish these outcomes every year in an online dashboard, with the data broken down by place, "
    "so that residents and partners can hold us to account.",
)
PROFILE_PRIORITIES = (
    "childhood obesity, mental wellbeing in secondary schools and housing quality",
    "loneliness among older people, rural transport and access to dentistry",
    "smoking in pregnancy, employment support and alcohol harm",
    "frailty, falls prevention and carers' support",
    "school readiness, domestic abuse and digital inclusion",
)


def place_profiles(place: Place) -> list[str]:
    """One paragraph per local place: its size and what its partnership chose to focus on."""
    return [
        f"{name} is home to around {120 + 37 * i},000 people. Its place partnership, led jointly by the NHS "
        f"and the local authority, has chosen to focus on {PROFILE_PRIORITIES[i % len(PROFILE_PRIORITIES)]}. "
        f"{'Deprivation is above the England average in most of its wards.' if i % 2 == 0 else 'Pockets of deep deprivation sit alongside some of the most affluent areas in the region.'}"
        for i, name in enumerate(place.places)
    ]


def strategy_sections(place: Place, start_well_extra: tuple[str, ...] = (),
                      age_well_extra: tuple[str, ...] = ()) -> list[Section]:
    """The sections of an integrated care strategy, with system-specific sentences added."""
    return [
        section(place, "Foreword", FOREWORD),
        section(place, "About {name}", ABOUT),
        section(place, "Our places", (), tuple(place_profiles(place))),
        section(place, "Our shared ambitions", AMBITIONS),
        section(place, "Start well: babies, children and young people", START_WELL, start_well_extra),
        section(place, "Live well", LIVE_WELL),
        section(place, "Age well", AGE_WELL, age_well_extra),
        section(place, "Reducing health inequalities", INEQUALITIES),
        section(place, "How we developed this strategy", DEVELOPED),
        section(place, "Our workforce", WORKFORCE),
        section(place, "What partnership working looks like", CASE_STUDIES),
        section(place, "Delivering the strategy", DELIVERY),
        section(place, "How we will know we are making a difference", OUTCOMES),
        section(place, "Appendix: what people told us", TOLD_US),
    ]
