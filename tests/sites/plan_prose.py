"""Shared prose for the replica Joint Forward Plans (the ICB's five-year delivery plan).

Takes a `prose.Place` and, per part of the plan, the system's own sentences; returns `docgen.Section`s
in the order a JFP is usually laid out. `PLAN_PARTS` names the parts so a system can add sentences to
one part (`extra={"children": (...)}`) or publish the plan as chapters of an HTML book.
"""

from __future__ import annotations

from tests.docgen import Section

from .prose import Place, place_profiles, section

PLAN_PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "introduction": ("Introduction", (
        "This Joint Forward Plan describes how the {icb} and its partner NHS trusts will meet the health needs "
        "of the {population} people of {name} over the next five years. It is our delivery plan for the "
        "integrated care strategy agreed by the {icp}.",
        "The plan has been developed with {councils}, our NHS trusts, primary care networks, Healthwatch and "
        "the voluntary sector. Each health and wellbeing board has given its opinion on whether the plan "
        "takes proper account of its joint local health and wellbeing strategy.",
    )),
    "duties": ("Our statutory duties", (
        "The Health and Care Act 2022 requires every integrated care board to publish a Joint Forward Plan "
        "before the start of each financial year. The Act also requires the plan to set out the steps the "
        "board will take to address the particular needs of children and young persons under the age of 25.",
        "The plan describes how we will meet our duties to reduce inequalities, to involve the public, to "
        "promote research and innovation, and to safeguard children and adults at risk.",
    )),
    "population": ("Population health and inequalities", (
        "Our population health management programme links primary care, hospital, community, mental health "
        "and social care records so that neighbourhood teams can find the people who would benefit most from "
        "proactive support.",
        "We will target our Core20PLUS5 work at the most deprived fifth of neighbourhoods in {name}, where "
        "rates of emergency admission are twice as high as in the least deprived.",
    )),
    "places": ("Our places", ()),  # paragraphs made per place by prose.place_profiles
    "children": ("Children and young people", (
        "Babies, children and young people up to the age of 25 make up almost a third of our population. "
        "This chapter sets out the steps we will take to meet their particular needs, as the Act requires.",
        "Our Executive Lead for Children and Young People is {cyp_lead}, who is accountable to the board for "
        "this plan. The board also has a named executive lead for SEND and for safeguarding, and our "
        "designated doctor and designated nurse for looked-after children report to the Executive Lead.",
        "Our children and young people's programme board brings together the ICB, {councils}, schools and "
        "colleges, our NHS trusts and voluntary organisations. It oversees a single delivery plan for the "
        "Healthy Child Programme, SEND, mental health and the Core20PLUS5 clinical priorities for children.",
        "Health visitors and school nurses are the foundation of our universal offer. We will work with our "
        "public health teams to protect the number of health visitors and school nurses and to give every "
        "secondary school a named school nurse.",
        "Children and young people with asthma, diabetes and epilepsy will be cared for through networks that "
        "span hospital, community and school. We will make sure every child with asthma has a personalised "
        "asthma action plan and that schools have the training they need.",
        "Tooth decay remains the most common reason for a child to have a general anaesthetic in hospital. We "
        "will expand supervised toothbrushing in early years settings in our most deprived neighbourhoods.",
        "Looked-after children and care leavers will have their health needs assessed on time and will be "
        "able to see their health history. Young carers will be identified in primary care and offered "
        "support through their school and their GP practice.",
        "We will reduce waits for community paediatrics and for speech and language therapy, where some "
        "children currently wait more than a year. A single point of access will triage referrals with schools "
        "and early years settings so that children get the right help first time.",
        "For children with special educational needs and disabilities we will complete health advice for "
        "Education, Health and Care needs assessments on time, and our designated clinical officer will work "
        "with the local area SEND partnership on the actions from its most recent inspection.",
        "We will keep the voice of children and young people at the centre of this work. Our young people's "
        "health forum will review progress against this chapter each year, and what they tell us will be "
        "reported to the board alongside our performance data.",
    )),
    "maternity": ("Maternity and neonatal services", (
        "We will implement the three-year delivery plan for maternity and neonatal services, with continuity "
        "of carer for women from Black, Asian and minority ethnic communities and those living in the most "
        "deprived areas.",
        "Perinatal mental health services will be available to women and birthing people for up to 24 months "
        "after birth, and fathers and partners will be offered assessment and signposting.",
    )),
    "mental_health": ("Mental health, learning disability and autism", (
        "We will expand community mental health services for adults with severe mental illness, so that "
        "people are supported close to home and fewer people are placed in hospitals far from {name}.",
        "For children and young people, {mh} will extend its crisis service to 24 hours a day, seven days a "
        "week, and mental health support teams will continue to expand in schools and colleges.",
        "People with a learning disability and autistic people will receive an annual health check, and we "
        "will reduce reliance on inpatient care for autistic people and people with a learning disability.",
        "We will make sure that people in mental health crisis can get help by calling NHS 111 and choosing the "
        "mental health option, and that crisis cafes and safe havens are open in every place in the evenings.",
    )),
    "primary_care": ("Primary care and community services", (
        "We will improve access to general practice, with modern telephone systems in every practice and "
        "same-day assessment for those who need it. People aged over 65 with complex needs will have a named "
        "care coordinator in their practice.",
        "Community pharmacies will offer blood pressure checks, contraception and treatment for seven common "
        "conditions through Pharmacy First, freeing GP appointments for people with more complex needs.",
        "Integrated neighbourhood teams will bring together GPs, community nurses, social workers, pharmacists "
        "and voluntary sector staff around populations of 30,000 to 50,000 people, starting with adults who "
        "have frequent unplanned admissions.",
    )),
    "urgent_care": ("Urgent and emergency care", (
        "We will reduce the time people spend in emergency departments by expanding same day emergency care, "
        "urgent community response and virtual wards, so that 78% of patients are seen within four hours.",
        "Discharge to assess will be the default for adults leaving hospital, supported by a single transfer "
        "of care hub in each of our acute hospitals.",
        "We will improve ambulance response times for category two calls towards the national standard of 30 "
        "minutes, by reducing handover delays and offering more care over the telephone and at home.",
    )),
    "planned_care": ("Planned care, diagnostics and cancer", (
        "We will eliminate waits of more than 65 weeks for planned treatment and expand our community "
        "diagnostic centres so that more adults can have scans and tests close to home.",
        "Cancer screening uptake is lowest in our most deprived neighbourhoods. We will use targeted lung "
        "health checks and community outreach to diagnose 75% of cancers at stage one or two by 2028.",
        "Elective surgical hubs will protect planned operations from winter pressures. Patients will be offered "
        "the choice of a shorter wait at another provider and will receive help to prepare for surgery.",
    )),
    "adult_care": ("Adult social care and ageing well", (
        "With our local authorities we will expand reablement and home care so that older adults can return "
        "home from hospital sooner, and we will support unpaid carers with respite and advice.",
        "Stroke services will be organised around hyperacute stroke units, with early supported discharge and "
        "six-month reviews for every stroke survivor.",
        "We will roll out falls prevention, strength and balance classes and proactive frailty reviews, so that "
        "fewer older adults are admitted to hospital after a fall and more can live independently at home.",
    )),
    "workforce": ("Workforce", (
        "Our people plan aims to fill vacancies, retain experienced staff and grow new roles. The greatest "
        "gaps are in mental health nursing, paediatric therapies, health visiting and adult social care.",
        "We will grow the children's workforce with our universities, including speech and language "
        "therapists, paediatric nurses and educational psychologists, and we will analyse the risks that "
        "workforce gaps pose to each of our children's commitments.",
        "We will continue our programme of international recruitment for adult nursing and will offer every "
        "member of staff a health and wellbeing conversation, flexible working and a clear career pathway.",
    )),
    "digital": ("Digital, data and information sharing", (
        "A shared care record is now live across primary care, hospitals, community services and social care. "
        "We will add children's social care and education data, with the right safeguards, so that "
        "professionals supporting a child can see the whole picture.",
        "We will make it easier for residents to manage their care through the NHS App, while keeping "
        "telephone and face-to-face routes for people who are not online.",
        "Our population health platform will be used to report outcomes by age, ethnicity and deprivation, "
        "including for children and young people, so that partners can see where gaps are widening.",
    )),
    "finance": ("Finance and productivity", (
        "The ICB has a combined allocation of more than two billion pounds. We will live within our means "
        "while shifting investment towards prevention, primary care, community services and mental health.",
        "Every partner will contribute to a productivity programme covering theatres, outpatients, medicines "
        "and corporate services.",
        "Capital investment will focus on the backlog of maintenance in our hospitals, on community diagnostic "
        "centres and on the digital infrastructure our teams need.",
    )),
    "governance": ("Governance and delivery", (
        "The board of the {icb} will review delivery of this plan every quarter in public. Each programme has "
        "a senior responsible officer and a set of measures, which we will publish on our website.",
        "We will refresh this plan every year, as the Act requires, and we will involve the public, the "
        "partnership and our health and wellbeing boards in each refresh.",
    )),
    "milestones": ("Appendix A: Delivery milestones", (
        "2024/25: same day emergency care open 12 hours a day at both acute hospitals; community diagnostic "
        "centre at full capacity; cloud telephony in every general practice; shared care record extended to "
        "community pharmacies; first integrated neighbourhood teams live in two places.",
        "2025/26: virtual ward capacity of 40 beds per 100,000 adults; elective surgical hub accredited; "
        "reablement capacity increased by 15%; all staff able to access the shared care record on mobile "
        "devices; estates strategy agreed with local authority partners.",
        "2026/27: integrated neighbourhood teams live in every place; 85% of adults with severe mental illness "
        "receiving a full physical health check; outpatient follow-ups reduced by a quarter compared with "
        "2019/20; hospital discharge before midday for a third of patients.",
        "2027/28 and 2028/29: recurrent financial balance across the system; backlog maintenance reduced by a "
        "third; productivity in theatres and outpatients in the top quarter nationally; independent evaluation "
        "of this plan published.",
    )),
    "hwb_opinions": ("Appendix B: Opinions of the health and wellbeing boards", (
        "Each health and wellbeing board was consulted on a draft of this plan, as the Act requires. The boards "
        "welcomed the focus on prevention and on tackling inequalities, and asked that the plan describe more "
        "clearly how the NHS will work with local authority public health and social care teams.",
        "The boards asked for stronger links between this plan and their joint local health and wellbeing "
        "strategies, in particular on healthy weight, housing and employment. We have added these links to "
        "the relevant chapters.",
        "One board asked for clearer measures of progress for its most deprived neighbourhoods. We will agree "
        "these measures with each place partnership during the first year of the plan.",
    )),
    "measures": ("Appendix C: How we will measure progress", (
        "Population health: healthy life expectancy at birth for men and women; the gap in life expectancy "
        "between the most and least deprived tenth of neighbourhoods; premature mortality from cardiovascular "
        "disease, cancer and respiratory disease.",
        "Children and young people: the proportion of children with a good level of development at age five; "
        "waiting times for children's mental health, community paediatrics and speech and language therapy; "
        "the timeliness of initial health assessments for looked-after children; emergency admissions for "
        "asthma, diabetes and epilepsy; hospital tooth extractions for children aged under ten.",
        "Mental health: access to talking therapies and their recovery rate; out of area placements; physical "
        "health checks for people with severe mental illness; the number of people in crisis seen within 24 "
        "hours.",
        "Urgent care: four-hour performance; ambulance response times; the number of people in hospital who "
        "no longer need to be there; virtual ward occupancy.",
        "Planned care and cancer: waits of more than 52 and 65 weeks; the faster diagnosis standard; stage of "
        "cancer at diagnosis; diagnostic tests within six weeks.",
        "Primary care: appointments per 1,000 people; the proportion of appointments on the day or within two "
        "weeks; patient experience of contacting the practice; dental activity per head of population.",
        "Workforce and finance: vacancy and turnover rates; sickness absence; agency spending; the system's "
        "financial position against plan; productivity in theatres and outpatients.",
        "Each measure will be reported by age group, sex, ethnicity, deprivation and place wherever the data "
        "allow, and measures for children and young people will be reported separately from those for adults.",
    )),
    "glossary": ("Appendix D: Glossary", (
        "Core20PLUS5: the NHS England approach to reducing healthcare inequalities, focusing on the most "
        "deprived 20% of the national population, locally chosen population groups, and five clinical areas.",
        "Integrated care board (ICB): the NHS organisation that plans and pays for most NHS services in its "
        "area, and is accountable for NHS performance and finance there.",
        "Integrated care partnership (ICP): a joint committee of the ICB and the local authorities, with "
        "partners, which agrees the integrated care strategy for the area.",
        "Joint forward plan: the five-year plan each ICB and its partner trusts publish to describe how they "
        "will deliver the integrated care strategy and meet the health needs of their population.",
        "Place: a town, borough or county area, usually that of a local authority, where partners plan and "
        "deliver services together.",
        "Primary care network (PCN): a group of general practices working together, and with community "
        "services, to care for populations of around 30,000 to 50,000 people.",
        "Same day emergency care: assessment, diagnosis and treatment on the day of attendance, without "
        "admission to a hospital bed.",
        "Virtual ward: hospital-level care provided at home, with monitoring by a clinical team, for people "
        "who would otherwise be in hospital.",
        "VCSE: the voluntary, community and social enterprise sector, including charities, community groups "
        "and social enterprises.",
    )),
}


def plan_sections(place: Place, extra: dict[str, tuple[str, ...]] | None = None,
                  parts: tuple[str, ...] = tuple(PLAN_PARTS)) -> list[Section]:
    """The plan's sections in order; `extra` adds a system's own sentences at the end of a part."""
    extra = extra or {}
    unknown = set(extra) - set(PLAN_PARTS)
    if unknown:
        raise KeyError(f"unknown plan parts {sorted(unknown)}; known: {sorted(PLAN_PARTS)}")
    return [section(place, PLAN_PARTS[key][0], PLAN_PARTS[key][1], _extra(place, key, extra)) for key in parts]


def _extra(place: Place, key: str, extra: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    generated = tuple(place_profiles(place)) if key == "places" else ()
    return generated + extra.get(key, ())
