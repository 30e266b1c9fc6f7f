"""Every ACLED sub-event type reachable from ordinary report wording, one sentence of our own per type,
and the argument rules that separate neighbours (issue 16): who was hit decides clash or attack, a crowd
without an armed side makes mob violence, the demonstration's conduct and the police's response decide
the protest types."""
from __future__ import annotations

import pytest

from sitrep.stages.events import extract_events
from sitrep.stages.events.incident import cues as incident_cues
from sitrep.stages.events.lexicon import acled_names

PUB = "2021-05-10"


@pytest.fixture
def top_subtype(resources, run_upto):
    """The ACLED sub-event type of the most confident typed event of a text run through the pipeline."""

    def run(text):
        doc = run_upto(text, "counts", published=PUB)
        evs = [e for e in extract_events(doc, res=resources) if e["acled_subtype"]]
        evs.sort(key=lambda e: -e["confidence"])
        return evs[0]["acled_subtype"] if evs else None

    return run


CASES = [
    ("Armed clash", "Rebels ambushed an army patrol near the border, killing four soldiers."),
    ("Armed clash", "Militants attacked a police checkpoint on the highway."),
    ("Government regains territory", "Government troops recaptured the town from the rebels."),
    ("Non-state actor overtakes territory", "Insurgents overran the district headquarters after a long fight."),
    ("Chemical weapon", "Dozens were sickened when a chlorine gas attack hit the suburb."),
    ("Air/drone strike", "A drone strike killed three fighters in the valley."),
    ("Suicide bomb", "A man blew himself up outside the ministry, killing four guards."),
    ("Shelling/artillery/missile attack", "Artillery shells hit the market on Tuesday."),
    ("Remote explosive/landmine/IED", "Two soldiers were killed when their truck struck a roadside bomb."),
    ("Grenade", "Attackers hurled a grenade into a crowded bar."),
    ("Sexual violence", "Soldiers raped two women in the village."),
    ("Attack", "Gunmen killed three farmers near the village."),
    ("Abduction/forced disappearance", "Armed men abducted a teacher on his way home."),
    ("Peaceful protest", "Teachers held a sit-in outside the ministry to demand unpaid wages."),
    ("Protest with intervention", "Students protested in the capital. Police fired tear gas to disperse them."),
    ("Excessive force against protesters", "Police fired live bullets at a demonstration, killing two protesters."),
    ("Violent demonstration", "Protesters threw stones at police and burned tyres on the main road."),
    ("Mob violence", "A mob lynched a suspected thief in the market."),
    ("Mob violence", "Angry residents set fire to the house of a suspect."),
    ("Agreement", "The rebels signed a ceasefire with the government."),
    ("Agreement", "Forty militants surrendered to the army."),
    ("Arrests", "Police arrested three suspects in the capital."),
    ("Change to group/activity", "Twenty soldiers defected and joined the rebels."),
    ("Disrupted weapons use", "Police defused a bomb found under a bridge."),
    ("Headquarters or base established", "The militants set up a base in the forest."),
    ("Looting/property destruction", "Militants looted shops in the town."),
    ("Looting/property destruction", "Gunmen seized two trucks and their livestock near the market."),
    ("Non-violent transfer of territory", "The rebels withdrew from the town without a fight."),
    ("Other", "Court staff in Gao closed down the court after receiving death threats."),
]


@pytest.mark.parametrize("subtype, text", CASES)
def test_acled_subtype_reached_from_wording(top_subtype, subtype, text):
    assert top_subtype(text) == subtype


def test_every_acled_subtype_has_a_case():
    named = {sub for _, sub in acled_names().values()}
    assert named <= {s for s, _ in CASES}


@pytest.mark.parametrize("text, subtype", [
    # Strategic developments, Other: what fits no other type, one kind a line (closures: in CASES)
    ("Suspected jihadists threatened to burn the schools of the commune if the teachers stayed.", "Other"),
    ("Soldiers rescued fourteen hostages held by kidnappers in the forest near Gusau.", "Other"),
    ("The rebels released twenty prisoners of war in Shan State.", "Other"),
    ("Police evicted forty families from a squatter camp outside Oaxaca.", "Other"),
    ("Gunmen tried to kidnap a priest in Michoacan, but he escaped.", "Other"),
    ("Police foiled a bomb attack on a market in Mogadishu.", "Other"),
    # a curfew or a state of emergency is a change to the authorities' activity, as ACLED codes it
    ("Authorities imposed a night curfew in Aleppo.", "Change to group/activity"),
    ("The government declared a state of emergency in three northern regions.", "Change to group/activity"),
    # beside an event of another type, they are its context; but a curfew imposed "after" the clashes is the
    # event its sentence tells (the clashes are what led to it), and "impose" lends it no Other
    ("Clashes broke out between the army and the rebels in Lashio. A curfew was imposed.", "Armed clash"),
    ("A curfew was imposed in Lashio after clashes between the army and the rebels.", "Change to group/activity"),
    ("The governor imposed a dusk-to-dawn curfew in Maiduguri after gunmen attacked a market.",
     "Change to group/activity"),
    ("Authorities in Bawku declared a curfew in the wake of clashes between two communities.",
     "Change to group/activity"),
    ("Police imposed a curfew in Bamako on Monday.", "Change to group/activity"),
    ("Authorities reimposed a curfew in Jos after mobs burned two churches.", "Change to group/activity"),
    # an armed group's "armed strike" (a forced shutdown) is no attack
    ("The Maoists called an armed strike across three districts of Jharkhand; shops stayed shut.", "Other"),
    ("Police arrested ten youths in Kano after gunmen attacked a church.", "Arrests"),
    ("Gunmen abducted a trader in Kidal and released him two days later.", "Abduction/forced disappearance"),
    ("Police arrested twelve suspects in Kano and later released five of them.", "Arrests"),
    # an attempt that hurt someone took place; one the other side fought off is a clash
    ("Gunmen tried to kill a councillor in Kharkiv, leaving him wounded.", "Attack"),
    ("Insurgents tried to storm an army base in Borno but were repelled by soldiers.", "Armed clash"),
    # a politician's threat is no ACLED event, nor a release or rescue that did not happen
    ("The senator threatened to close the ministry.", None),
    ("The rebels did not release the prisoners in Shan State.", None),
    ("Soldiers failed to rescue the hostages held near Gusau.", None),
])
def test_strategic_other_and_its_context(top_subtype, text, subtype):
    assert top_subtype(text) == subtype


@pytest.mark.parametrize("text, subtype", [
    # who was hit decides: people who can fight back (police, reservists, rangers, soldiers) make a clash ...
    ("Al-Shabaab fighters beheaded two policemen near Baidoa.", "Armed clash"),
    ("Two police reservists were shot dead when bandits raided a church in Zamfara.", "Armed clash"),
    ("Gunmen killed a forest ranger in the Virunga park.", "Armed clash"),
    ("Soldiers suffered casualties in an attack by rebels in Sagaing.", "Armed clash"),
    ("Militants attacked the town of Kidal at dawn.", "Armed clash"),
    ("A drone struck a pickup truck carrying Houthi fighters near Marib.", "Air/drone strike"),
    ("Soldiers opened fire on a truck carrying rebel fighters near Kalemie.", "Armed clash"),
    # ... people who cannot (a former soldier, an off-duty policeman, a chief, a crossing guard), their
    # vehicles and workplaces make an attack
    ("Gunmen shot dead a former soldier at a bus stop in Homs.", "Attack"),
    ("Cartel gunmen killed an off-duty policeman in Guerrero.", "Attack"),
    ("Gunmen assassinated the village chief near Tillaberi.", "Attack"),
    ("Raiders attacked and killed a crossing guard near the school in Marsabit.", "Attack"),
    ("Gunmen opened fire on a passenger bus near Mopti.", "Attack"),
    ("Gunmen opened fire on a bus carrying former soldiers near Gao, killing four.", "Attack"),
    ("Insurgents attacked a health centre in Cabo Delgado.", "Attack"),
    ("A militia attacked a herdsman near Jos.", "Attack"),
    # the attacked fought back
    ("Bandits raided the village of Kaura and the residents retaliated.", "Armed clash"),
])
def test_clash_or_attack_by_who_could_fight_back(top_subtype, text, subtype):
    assert top_subtype(text) == subtype


@pytest.mark.parametrize("text, subtype", [
    # a crowd of drivers or voters, not an armed side, is a mob; an attempt by a crowd is the crowd's violence
    ("Angry motorcycle taxi drivers attacked a bus in Lagos, setting it alight.", "Mob violence"),
    ("Voters tried to raid the tally centre in Chimoio.", "Mob violence"),
    # demonstrators deterred by the police: the police intervened
    ("Students marched in Harare over fees but were deterred by a heavy police presence from reaching parliament.",
     "Protest with intervention"),
])
def test_crowds_and_interventions(top_subtype, text, subtype):
    assert top_subtype(text) == subtype


@pytest.mark.parametrize("text, subtype", [
    # who was hit decides: an armed side -> clash, unarmed people -> attack
    ("Gunmen shot dead two policemen at the station.", "Armed clash"),
    ("Gunmen shot dead two traders at the station.", "Attack"),
    ("Gunmen assassinated a shopkeeper in the town.", "Attack"),
    ("Militants killed the village pastor and his wife.", "Attack"),
    # a crowd and no armed side: mob violence; an armed group doing the same: not
    ("Villagers beat a suspected thief to death.", "Mob violence"),
    ("A group of gunmen beat a suspected thief to death.", "Attack"),
    ("A group of youths beat a suspected thief to death.", "Mob violence"),
    ("A rival group attacked the candidate's supporters.", "Attack"),
    # a demonstration: conduct first, then the response
    ("Hundreds of people protested against the tax in the city.", "Peaceful protest"),
    ("Hundreds of people protested against the tax. Police arrested ten protesters.", "Protest with intervention"),
    ("Hundreds of people protested against the tax and looted shops.", "Violent demonstration"),
    ("Residents staged a protest march against the new tax.", "Peaceful protest"),
    ("Farmers protested cane prices and blocked the road with lit fires.", "Violent demonstration"),
    ("Militants attacked a check point, killing one policeman.", "Armed clash"),
    # people taken where people are also killed: the incident is coded by its violence
    ("Militants abducted two traders and executed one of them.", "Attack"),
    ("Rebels attacked an army post, killing three soldiers and taking two hostage.", "Armed clash"),
    # an attack that was only attempted does not take in the deaths that happened
    ("Four militants were killed in clashes with soldiers when they tried to attack a checkpoint.", "Armed clash"),
    # a victim the actors stage types as an armed side (a named movement), though not an armed word
    ("Two members of the Revolutionary Front were killed in the district.", "Armed clash"),
    ("Two members of the farmers' cooperative were killed in the district.", "Attack"),
    # the attacked side fights back: two-sided fighting makes the attack on a village a clash
    ("Gunmen attacked the village and killed two farmers.", "Attack"),
    ("Gunmen attacked the village and killed two farmers. Local guards repelled the assault.", "Armed clash"),
    ("Bandits raided a farm, killing a herder, before a gunfight with the owners.", "Armed clash"),
    # a vehicle hitting a mine, a bomb wounding people
    ("Three soldiers died when their vehicle hit a landmine.", "Remote explosive/landmine/IED"),
    ("A bomb planted by militants injured two policemen.", "Remote explosive/landmine/IED"),
    # a multiword trigger is not its own target: who the fire was opened on decides
    ("On 3 May gunmen opened fire on a farmer and his wife near the well.", "Attack"),
    ("On 3 May gunmen opened fire on a police patrol near the well.", "Armed clash"),
    # a collective is read through its "of" phrase
    ("Militants assaulted a group of eight women near the well.", "Attack"),
    ("Militants assaulted a group of eight soldiers near the well.", "Armed clash"),
    ("Thousands of students marched through the capital.", "Peaceful protest"),
    # a victim named as a member of an armed actor ("an al-Shabaab suspect") is an armed side
    ("Police shot dead an al-Shabaab suspect in the town.", "Armed clash"),
    ("Police shot dead a robbery suspect in the town.", "Attack"),
    # an object shared by coordinated verbs: the attack hit what the second verb names
    ("Rebels attacked and burned an army truck on the road.", "Armed clash"),
    # "killed 12 presumed rebels", parsed with "presumed" as a verb: its object is who was killed
    ("The army killed 12 presumed rebels in the hills.", "Armed clash"),
    # deaths outrank the goods taken with them; a death in a relative clause is background
    ("Bandits killed a herder and stole his goats near the river.", "Attack"),
    ("Bandits stole the goats of a herder and killed him near the river.", "Attack"),
    ("An angry mob burned a car that had killed a cyclist.", "Mob violence"),
    # an explosive that went off before its use
    ("A bomb carried by the rebels exploded prematurely, killing two of them.", "Disrupted weapons use"),
    # an operation launched, with no fighting reported
    ("The army launched an operation to secure the northern province.", "Change to group/activity"),
    # a march as a noun, and a protest begun (an -ing complement of "began" is under way, not planned)
    ("The day was marked by a march through the town centre.", "Peaceful protest"),
    ("Nurses began observing a sit-in at the hospital.", "Peaceful protest"),
    # a raid on a village is an attack on its people, even with nobody reported hurt
    ("Raiders attacked the village at dawn.", "Attack"),
    # road-blocking and running battles are the demonstrators' violence
    ("Residents blocked the highway in protest over insecurity.", "Violent demonstration"),
    ("Students protested over fees and fought running battles with police.", "Violent demonstration"),
    # headline-style notes the parser reads as one noun phrase: the verb is still the event
    ("Bandits attack farmers near the river", "Attack"),
    ("Teachers protest unpaid salaries in the county", "Peaceful protest"),
    ("Police exchange fire with cattle rustlers", "Armed clash"),
    ("Officers engage in a shoot-out with robbery suspects", "Armed clash"),
    ("A vigilante mob attacks a suspected burglar.", "Mob violence"),
    # dispersal of a crowd is the police's intervention; riot police are no riot
    ("Police dispersed protesters outside the parliament.", "Protest with intervention"),
    ("Riot police used tear gas to disperse students demonstrating against fees.", "Protest with intervention"),
    ("Residents marched to the town hall but were prevented by soldiers from entering it.", "Protest with intervention"),
    ("Riot police arrested three suspects in the market.", "Arrests"),
    # Afghan local police militias, named untranslated, are an armed side
    ("Two Arbakis were killed by insurgents in the district.", "Armed clash"),
    # an armed side changing sides or its activity
    ("Fifteen soldiers including an officer joined the rebels in the hills.", "Change to group/activity"),
    ("The army launched Operation Clean Sweep in the eastern region.", "Change to group/activity"),
    ("Local militias are said to be re-arming.", "Change to group/activity"),
])
def test_acled_subtype_from_arguments(top_subtype, text, subtype):
    assert top_subtype(text) == subtype


def test_incident_cue_lists_are_documented_sets():
    c = incident_cues()
    assert {"protest_cues", "riot_cues", "intervention_cues", "crowd_sources", "mob_verbs"} <= set(c)
    assert not c["protest_cues"] & {"strike", "march"}  # air strikes and the month of March are no protests


def test_a_protest_whose_paragraph_asks_to_prevent_something_is_no_intervention(top_subtype):
    assert top_subtype("Hundreds of traders held a peaceful demonstration at the market on Monday. "
                       "They asked the county to prevent fires at the market.") == "Peaceful protest"


@pytest.mark.parametrize("text, subtype", [
    # territory taken: a named place is a place too, and the lemmatizer's unknown past forms still count
    ("Rebels captured Bunagana on Monday.", "Non-state actor overtakes territory"),
    ("Jihadists took control of Djibo after the garrison surrendered.", "Non-state actor overtakes territory"),
    ("Government forces retook the airport and the university from the militants.", "Government regains territory"),
    ("The army captured a rebel commander near Beni.", "Armed clash"),
    ("Insurgents said they had taken full control of Kunduz.", "Non-state actor overtakes territory"),
    # territory left by the other side, nobody hurt and no fighting: a non-violent transfer
    ("Soldiers and clan militia retook two villages near Jowhar from al-Shabaab, which withdrew before they arrived.",
     "Non-violent transfer of territory"),
    ("Government troops recaptured the town of Tessit without a fight.", "Non-violent transfer of territory"),
    ("Rebels took control of the town of Kalehe without a fight. No casualties were reported.",
     "Non-violent transfer of territory"),  # a denied harm word is no harm
    ("Government troops recaptured the town of Tessit after the rebels withdrew, killing two of them.",
     "Government regains territory"),
    # fighting told in one sentence, its dead in the next: a clash
    ("Army troops fought ISWAP fighters in Marte on Sunday. Officials said 20 people were killed.", "Armed clash"),
    ("A number of traders fought with knives at the market in Kano. Two people were killed.", "Mob violence"),
    # goods looted or property burned in an attack that hurt nobody ("no casualties" is nobody hurt): looting
    ("Gunmen attacked the village of Kadi in Zamfara, burned a shop and seized livestock. No injuries were reported.",
     "Looting/property destruction"),
    ("Militants attacked a gendarmerie post in Tillaberi and burned two vehicles, no casualties reported.",
     "Armed clash"),
    ("Gunmen attacked villagers in Kadi and seized livestock.", "Attack"),
    ("Gunmen attacked the village of Kadi and seized livestock.", "Attack"),  # nobody said unhurt
    # a raid on farming settlements is an attack on the people living there
    ("Herders raided farming settlements near Bokkos at night, and 21 bodies were later found.", "Attack"),
    # two sides trading fire is a clash
    ("Militants in Kidal trade fire with soldiers; two killed.", "Armed clash"),
    # an ambush of a civilian vehicle is an attack on the people in it; of a military one, a clash
    ("Gunmen ambushed a bus near Gao, killing the driver.", "Attack"),
    ("Gunmen ambushed a military truck near Gao.", "Armed clash"),
    # a suicide car bomb is a suicide bombing
    ("A suicide car bomb exploded at a checkpoint in Mogadishu, killing five soldiers.", "Suicide bomb"),
    # people burned by a crowd: mob violence; the crime they are accused of is no event
    ("A mob burned two men accused of kidnapping in Puebla.", "Mob violence"),
    ("Police arrested two men charged with the murder of a trader in Kaduna.", "Arrests"),
])
def test_territory_ambush_suicide_and_charges(top_subtype, text, subtype):
    assert top_subtype(text) == subtype


@pytest.mark.parametrize("text, subtype", [
    # shots fired on demonstrators are an intervention; with deaths the force is excessive
    ("Soldiers fired on demonstrators in Mandalay; doctors said 12 people died.", "Excessive force against protesters"),
    ("Police opened fire on protesters in Lima, wounding three.", "Protest with intervention"),
    # a clause after a semicolon is no complement of the next verb ("push" is no request here)
    ("Teachers rally outside parliament in Nairobi over unpaid wages; police push them back with batons.",
     "Protest with intervention"),
    # supporters of rival parties or clubs fighting each other are a crowd, not armed sides
    ("Supporters of the ruling party and the opposition clashed with machetes in Lagos.", "Mob violence"),
    ("Fans of the two clubs fought outside the stadium in Cairo.", "Mob violence"),
    ("Supporters of the militia attacked a police post.", "Armed clash"),
    # what a protest is against is its grievance, not the event of its time and place
    ("Hundreds of women marched in Goma against the rape of a girl by soldiers.", "Peaceful protest"),
])
def test_shots_at_protests_and_rival_supporters(top_subtype, text, subtype):
    assert top_subtype(text) == subtype
