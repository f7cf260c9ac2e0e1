"""Distractor documents every ICB publishes: board meeting papers (which mention the Joint Forward
Plan but are not it), annual reports, and single-service plans.

Takes a `prose.Place` and a meeting date, year or title; returns a `docgen.Doc` for `make_pdf`. The text
is data below, with `{icb}`-style fields filled from the place and the arguments.
"""

from __future__ import annotations

from tests.docgen import Doc, Section

from .prose import Place


def board_papers(place: Place, meeting: str, plan_title: str) -> Doc:
    """Board papers for one meeting; `meeting` like "12 March 2024", `plan_title` the JFP discussed."""
    sections = _sections(place, BOARD_SECTIONS, meeting=meeting, plan_title=plan_title)
    return Doc(f"{place.icb}: Board meeting papers, {meeting}", sections)


def annual_report(place: Place, year: str) -> Doc:
    """The ICB's annual report and accounts for `year` like "2022-23"."""
    return Doc(f"{place.icb} Annual Report and Accounts {year}", _sections(place, ANNUAL_SECTIONS, year=year))


def service_plan(place: Place, title: str, focus: str) -> Doc:
    """A single-service plan (primary care access and the like): not a strategy, not a JFP."""
    return Doc(title, _sections(place, SERVICE_SECTIONS, focus=focus))


def _sections(place: Place, data: tuple, **more: str) -> list[Section]:
    return [Section(place.fill(heading, **more), [place.fill(p, **more) for p in texts]) for heading, texts in data]


BOARD_SECTIONS = (
    ('Agenda', (
        'Meeting in public, {meeting}, 10am to 1pm, at the Civic Centre.',
        '1. Welcome, apologies and declarations of interest.',
        '2. Minutes of the previous meeting and action log.',
        '3. Questions from members of the public.',
        "4. Chief Executive's report.",
        '5. Quality, performance and finance report.',
        '6. Joint Forward Plan: approval for publication.',
        "7. Children and young people's programme: annual update.",
        '8. Board assurance framework and corporate risk register.',
        '9. Reports from the committees of the Board.',
    )),
    ('Questions from members of the public', (
        "Question: when will the minor injuries unit in the market town reopen overnight? Answer: the unit's "
        'overnight service remains suspended because of staffing. A review will report to the Board in June.',
        'Question: why do residents have to travel so far for an NHS dentist? Answer: the ICB took on '
        'responsibility for dental commissioning last year and is funding additional urgent dental sessions '
        'while a longer-term dental plan is developed.',
        'Question: how is the ICB making sure carers are involved in hospital discharge? Answer: every '
        "transfer of care hub now includes a carers' support worker, and carers are asked for their views "
        'before a discharge plan is agreed.',
    )),
    ('Minutes of the previous meeting', (
        'The minutes of the previous meeting were agreed as an accurate record. The Chair thanked members of '
        'the public who had submitted questions about access to general practice and about waiting times for '
        "children's community services, and confirmed that written answers would be published.",
        'Action 41 (report on ambulance handover delays at {acute}) was closed. Action 44 (review of '
        'continuing healthcare assessments) remains open and will return to the Board in two months.',
    )),
    ("Chief Executive's report", (
        'The system continues to face significant pressure in urgent and emergency care, with occupancy above'
        ' 95% in both acute hospitals for most of the winter. Industrial action by resident doctors led to '
        'the rescheduling of more than 2,300 appointments and procedures.',
        '{councils} have confirmed their budgets for the coming year. Savings in adult social care and public'
        ' health will require close joint working to protect prevention services.',
    )),
    ('Quality, performance and finance report', (
        'At month ten the ICB reports a year-to-date deficit of 4.1 million pounds against a planned break-'
        'even position, driven by continuing healthcare costs and prescribing growth.',
        'Performance against the four-hour standard was 71.8% in January. The number of patients waiting more'
        ' than 65 weeks for planned treatment fell to 312, and the faster diagnosis standard for cancer was '
        'met for the third month running.',
    )),
    ('Finance report', (
        'Pay costs are above plan because of the use of agency staff to cover vacancies in mental health and '
        'emergency medicine, and because of the cost of industrial action. Non-pay costs are broadly on plan.',
        'Prescribing costs are 3.2% above plan, driven by the price of medicines in short supply and by '
        'growth in the prescribing of medicines for diabetes and weight management.',
        'Continuing healthcare costs have grown by 11% on the previous year. A review of high-cost packages '
        'is under way with the local authorities.',
        'The system capital programme is forecast to spend in full, including the new theatres at the '
        'elective hub and the expansion of the community diagnostic centre.',
    )),
    ('Item 6: {plan_title}', (
        'The Board is asked to approve the {plan_title} for publication. The plan has been developed with '
        'partners across the {icp} and reflects the opinion of each health and wellbeing board.',
        'The plan includes a chapter on children and young people, as the Health and Care Act 2022 requires. '
        'The Board noted the comments of the Executive Lead for Children and Young People, {cyp_lead}, on the'
        ' capacity of community paediatrics.',
        'Recommendation: the Board approves the plan for publication, subject to final amendments delegated '
        'to the Chief Executive and the Chair.',
    )),
    ("Item 7: Children and young people's programme: annual update", (
        'The Executive Lead for Children and Young People presented the annual report of the children and '
        "young people's programme board. Average waits for a first appointment with children's mental health "
        'services fell from 26 weeks to 22 weeks over the year.',
        'The programme board highlighted continuing pressure in community paediatrics and in speech and '
        'language therapy, and the number of children awaiting a neurodevelopmental assessment, which has '
        'risen by 40% in two years.',
        'Members asked how the voice of young people was heard in the programme. The youth forum had reviewed'
        " the programme's priorities in the autumn and will present to the Board next year.",
        'Resolved: the Board noted the report.',
    )),
    ('Quality report', (
        'There were two never events in the period, both at the same provider, and a thematic review has been'
        ' commissioned. The Care Quality Commission published inspection reports for four GP practices, all '
        'rated good.',
        'Infection prevention and control remains a focus, with Clostridioides difficile cases above the '
        'threshold set for the year. Learning from patient safety incident investigations is shared through '
        'the system quality group.',
    )),
    ('Reports from the committees of the Board', (
        'The Finance and Performance Committee reviewed the financial recovery plan and the risks to its '
        'delivery, and recommended that the Board note the forecast position.',
        'The Quality Committee received a deep dive on pressure ulcers in community settings and on maternity'
        ' safety, and escalated no new concerns.',
        'The Remuneration Committee met once and approved the annual pay award for very senior managers in '
        'line with national guidance.',
    )),
    ('Board assurance framework', (
        'The highest scoring risks remain the financial position, urgent and emergency care flow, workforce '
        'gaps in mental health nursing, and cyber security. No new risks scoring 20 or above were added this '
        'month.',
        'The Audit and Risk Committee reviewed the register in detail and is assured that mitigating actions '
        'are in place and owned by named executives.',
    )),
)
ANNUAL_SECTIONS = (
    ('Performance overview', (
        'This annual report describes the work of the {icb} during {year}, our performance against national '
        'standards and our financial statements.',
        'During the year we commissioned health services for {population} people, with a budget of more than '
        'two billion pounds, and we worked with {councils} on our shared priorities.',
    )),
    ("Chair's foreword", (
        'It has been a year of recovery and of change. Our staff, partners and volunteers have worked under '
        'sustained pressure, and I thank them for everything they have done for the people of {name}.',
        'We have made real progress in reducing the longest waits for planned care, and we have strengthened '
        'our partnerships with local government, the voluntary sector and our communities.',
        'There is much more to do. Demand for urgent care continues to grow, our financial position is '
        'challenging, and health inequalities remain too wide.',
    )),
    ("Chief Executive's statement", (
        'This report sets out what we have achieved in our second year as an integrated care board. We have '
        'worked with {councils} to join up services around people and places.',
        'We reduced our running costs by 20% in line with national requirements, while protecting the '
        'functions that matter most to patients, including quality assurance and safeguarding.',
    )),
    ('Performance analysis', (
        'Elective recovery continued, with the number of people waiting more than 78 weeks falling to zero by'
        ' the end of the year. Ambulance response times improved but remained below the national standard.',
        'Access to general practice improved, with more than 600,000 appointments a month delivered across '
        'our practices, a rise of 6% on the previous year.',
        'We met the mental health investment standard and increased access to talking therapies for adults.',
    )),
    ('Engaging people and communities', (
        'We held 38 public engagement events during the year and received more than 9,000 survey responses. '
        "Our citizens' panel has 1,200 members, reflecting the diversity of our population.",
        'We published what we heard and what we did in response, including changes to the location of a new '
        'urgent treatment centre after feedback from residents.',
    )),
    ('Reducing health inequalities', (
        'We used the Core20PLUS5 framework to target hypertension case finding, lung health checks and '
        'maternity continuity of carer in our most deprived neighbourhoods.',
        "Our health inequalities funding supported 42 community projects, from men's health checks in "
        'football clubs to digital inclusion sessions in libraries.',
    )),
    ('Sustainability', (
        'Our green plan commits us to net zero for the emissions we control directly by 2040. During the year'
        ' we reduced the carbon footprint of inhalers prescribed by 9% and moved our fleet to electric '
        'vehicles.',
        'We are working with our estates partners to reduce energy use and to improve the energy efficiency '
        'of our buildings.',
    )),
    ('Performance against national standards', (
        'Four-hour standard in emergency departments: 72.4% against a national ambition of 76%.',
        'Category two ambulance response: mean 41 minutes against a standard of 30 minutes.',
        'Referral to treatment within 18 weeks: 58.9% against a standard of 92%.',
        'Cancer faster diagnosis standard: 77.3% against an ambition of 75%.',
        'Diagnostic tests within six weeks: 81.2% against a standard of 95%.',
        'Talking therapies recovery rate: 50.6% against a standard of 50%.',
        'Dementia diagnosis rate: 63.1% against an ambition of 66.7%.',
        'Annual health checks for people with a learning disability: 78% against an ambition of 75%.',
        'Out of area placements for adult acute mental health care: 1,290 bed days in the final quarter.',
    )),
    ('Accountability report', (
        'The Board met six times in public during the year. Its committees covered audit and risk, quality, '
        'finance and performance, and remuneration.',
        'Our head of internal audit gave an opinion of substantial assurance on our system of internal '
        'control. There were no significant control issues.',
    )),
    ('Annual governance statement', (
        "The ICB's constitution sets out the arrangements for ensuring that it meets its statutory duties, "
        'including its duties on quality, inequalities, public involvement and safeguarding.',
        'The Board has reviewed the effectiveness of its committees and of the system of internal control, '
        'informed by the work of internal audit, external audit and the Audit and Risk Committee.',
        'Conflicts of interest are managed through a register of interests, declarations at every meeting and'
        ' a procurement decisions register, all of which are published on our website.',
        'The ICB complied with the Data Security and Protection Toolkit standards and reported two data '
        "breaches to the Information Commissioner's Office, neither of which required further action.",
    )),
    ('Remuneration and staff report', (
        'The ICB employed an average of 612 whole-time equivalent staff during the year. The gender pay gap '
        'reduced to 14.2%, and 96% of staff completed their mandatory training.',
        'Details of the salaries and pension entitlements of senior managers are set out in the tables that '
        'follow, as required by the Government Financial Reporting Manual.',
    )),
    ('Financial statements', (
        'The ICB delivered a surplus of 0.4 million pounds against its revenue resource limit. Running costs '
        'were within the allocation set by NHS England.',
        'The accounts have been prepared under the direction of the Secretary of State and were audited by '
        "the ICB's external auditors, who gave an unqualified opinion.",
    )),
)
SERVICE_SECTIONS = (
    ('Purpose', (
        'This plan sets out how the {icb} will improve {focus} over the next two years, in line with national'
        ' guidance and our Joint Forward Plan.',
    )),
    ('Where we are now', (
        'Demand has grown faster than capacity. Patients told us that the 8am rush for appointments is their '
        'biggest frustration, and practices told us that their telephone systems cannot cope.',
        'Practices in our most deprived neighbourhoods have fewer clinicians per head of population than '
        'those in the least deprived.',
    )),
    ('What we will do', (
        'Every practice will move to cloud-based telephony with call-back and queue messages. Practices will '
        'offer online consultation tools during core hours.',
        'We will expand Pharmacy First and self-referral routes to physiotherapy, podiatry and audiology, and'
        ' we will support practice managers through a transformation programme.',
    )),
    ('Engagement and communication', (
        'We will run a communications campaign explaining the different professionals in general practice, '
        'including pharmacists, physiotherapists and paramedics, and how to use online services.',
        'Patient participation groups will be supported to review practice access plans and to feed back what'
        ' patients are experiencing.',
    )),
    ('Funding', (
        'Practices will receive transition cover and transformation support funding, allocated on the basis '
        'of need, with additional support for practices in the most deprived neighbourhoods.',
        'The ICB will fund additional roles through the Additional Roles Reimbursement Scheme, including care'
        ' coordinators and physician associates.',
    )),
    ('How we will measure progress', (
        'We will report the number of appointments, the time to appointment and patient experience each '
        'quarter, broken down by primary care network.',
    )),
)
