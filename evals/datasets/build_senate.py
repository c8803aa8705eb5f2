"""Writes senate.jsonl: hand-written Q/A items over the first 1000 US Senate press releases (run once; the JSONL is the source).

Every release used is among the first 1000 rows `evals.senate.rows()` yields (the test index). Evidence is
copied verbatim from row["text"] with "\\r\\n" -> "\\n" (double spaces included: many texts lost their
punctuation). Questions name enough specifics (senator, place, programme) to single out one release; the
key fact of each was checked to occur in no other release among the 1000, or only in an unrelated context."""
import json
from pathlib import Path

items = []


def qa(q, ref, facts, release, ev, kind):
    items.append({"kind": kind, "question": q, "answerable": True, "reference": ref, "key_facts": facts,
                  "evidence": ev, "release_id": release})


def no(q):
    items.append({"kind": "unanswerable", "question": q, "answerable": False})


# --- dollar amounts
qa("How much will the West Helena Valley Volunteer Fire Department receive in the firefighter grant round announced by Sen. Conrad Burns?",
   "$180,000, for the purchase of a new firefighting vehicle.", [["180,000"]], "19jan2005burns21",
   "the West Helena Valley Volunteer Fire Department will receive $180,000 for the purchase of a new firefighting vehicle", "money")
qa("What was the total of the COPS school safety grants that Senators Dodd and Lieberman announced for Clinton, Granby, Hartford and Stamford?",
   "$278,028.", [["278,028"]], "8sep2006dodd108",
   "The grants, totaling $278,028 and distributed to the towns of Clinton and Granby and the cities of Hartford and Stamford", "money")
qa("How much did the Adkins Arboretum receive from the Institute of Museum and Library Services, per Senators Sarbanes and Mikulski?",
   "$72,705, for a Native Plant Education Initiative.", [["72,705"]], "22sep2004sarbanes110",
   "The Adkins Arboretum has been awarded $72,705 to launch a comprehensive two-part Native Plant Education Initiative", "money")
qa("How much was the five-year State Personnel Development grant to the Maine Department of Education announced by Senators Snowe and Collins?",
   "$670,000.", [["670,000"]], "4oct2006snowe117",
   "the U.S. Department of Education has awarded a five year grant for $670,000 to the Maine Department of Education in Augusta", "money")
qa("How much EPA funding did Delaware receive in fiscal year 2007 for beach water-quality monitoring, according to Biden, Carper and Castle?",
   "$211,040.", [["211,040"]], "10jan2007biden8",
   "today announced $211,040 in federal funding for Delaware in fiscal year 2007 from the Environment Protection Agency for beach water-quality monitoring and public notification programs", "money")
qa("How much did the Shrewsbury Volunteer Fire Department get in the Vermont fire grants announced by Sen. Jim Jeffords?",
   "$27,225.", [["27,225"]], "29jun2004jeffords312",
   "* Shrewsbury Volunteer Fire Department: $ 27,225", "money")
qa("In Senator Bayh's announcement of $67 million for Indianapolis-based defense companies, how much was for Allison Transmission?",
   "$37 million (with $23 million for Rolls-Royce and $7 million for Raytheon) for fiscal year 2005.", [["37 million"]], "24jun2004bayh19",
   "The act will provide $37 million for Allison Transmission, $23 million for Rolls-Royce, and $7 million for Raytheon for fiscal year 2005.", "money")
qa("What grant amount did Millwood Station Volunteer Fire & Rescue receive, as announced by Sen. George Allen?",
   "$62,915.", [["62,915"]], "8dec2004allen322",
   "has awarded a grant in the amount of $62,915 to Millwood Station Volunteer Fire & Rescue in Winchester, VA", "money")
qa("Under the College Cost Reduction and Access Act of 2007, what will the average Pell Grant in Indiana rise to next year, according to Senator Bayh?",
   "$2,780 (an increase of $350).", [["2,780"]], "07sep2007bayh11",
   "It is estimated that this will increase the average Pell Grant in Indiana by $350 next year to $2,780.", "money")
qa("How large is the maintenance backlog of the Great Smoky Mountains National Park, according to Senator Alexander?",
   "$180 million.", [["180 million"]], "28jun2005alexander186",
   "but it has a  180 million maintenance backlog and a funding disadvantage", "money")

# --- counts and other numbers
qa("How many miles of border with Mexico is U.S. Customs and Border Protection responsible for, according to the release on Sen. Hagel's border visit?",
   "1,900 miles.", [["1,900"]], "18mar2005hagel256",
   "The U.S. Customs and Border Protection is responsible for protecting 1,900 miles of border with Mexico.", "number")
qa("Senator Murkowski's Boys and Girls Club funding aims to raise the number of clubs nationwide from 3,500 to how many?",
   "5,000.", [["5,000"]], "4jun2004murkowski387",
   "help increase the number of clubs nationwide to 5,000 from the current 3,500", "number")
qa("To what length will the runway at Hagerstown Regional-Richard A. Henson Airport be extended?",
   "From 5,461 feet to 7,000 feet.", [["7,000"]], "1jun2007mikulski400",
   "The runway extension project involves extending the runway from 5,461 feet to 7,000 feet", "number")
qa("How many tons of chemical agent was the Nunn-Lugar project in Albania expected to eliminate?",
   "16 tons, over about two years at a cost of about $20 million.", [["16 tons"]], "21oct2004lugar305",
   "The project is expected to take approximately two years to complete at a cost of approximately $20 million to eliminate 16 tons of chemical agent.", "number")
qa("How many of the 1,000 ThanksUSA scholarships praised by Sen. George Allen went to Virginians?",
   "68.", [["68"]], "12sep2006allen31",
   "ThanksUSA recently awarded 1,000 scholarships, 68 of whom are Virginians, totaling $3.5 million.", "number")
qa("How many start-up businesses will the proposed Grant County Innovators Network Center have space for, per Senator Bayh's incubator grant announcement?",
   "Up to 20.", [["20"]], "06sep2007bayh17",
   "Plans for the GCINC include space for up to 20 start-up businesses.", "number")
qa("To what rate does the College Cost Reduction and Access Act of 2007, backed by Senator Bayh, cut the interest on subsidized student loans?",
   "From 6.8 to 3.4 percent.", [["3.4"]], "07sep2007bayh11",
   "cuts the interest rate on subsidized student loans from 6.8 to 3.4 percent", "number")
qa("By what vote did the Senate reject the Nelson-Burr amendment to temper cuts to the FFEL student loan program?",
   "36 to 61.", [["36"], ["61"]], "19jul2007bennelson84",
   "The Senate rejected the amendment by a 36 61 vote", "number")
qa("How many people did Biden say Al Qaeda murdered on 9/11, in his opening statement at the Iraq hearing with General Petraeus and Ambassador Crocker?",
   "2,998.", [["2,998"]], "11sep2007biden3",
   "agents of Al Qaeda attacked the United States of America and murdered 2,998 people", "number")
qa("How many students is BYU's Achievement in Reading and Content Learning project estimated to impact, per Senator Bennett?",
   "Over 1,000 students.", [["1,000"]], "04oct2005bennett188",
   "It is estimated that this project will impact over 1,000 students.", "number")

# --- dates
qa("Since what year has the Hagerstown Regional Airport been operating without interruption?",
   "Since 1928.", [["1928"]], "1jun2007mikulski400",
   "one of the oldest continually operated airports in the country operating without interruption since 1928", "date")
qa("When did Senator Lugar travel to Albania to meet Albanian leaders about destroying its chemical weapons?",
   "On August 27 and 28, 2004.", [["August 27"]], "21oct2004lugar305",
   "Senator Lugar traveled to Albania on August 27 and 28 of this year", "date")
qa("On what date was Super Bowl XL to be played, according to the Santorum, Murray and Cantwell wager release?",
   "Sunday, February 5, 2006, at 6 pm, in Detroit.", [["February 5"]], "26jan2006santorum290",
   "Super Bowl XL will be played in Detroit on Sunday, February 5, 2006 at 6 pm.", "date")
qa("When did Delaware's congressional delegation and Governor Minner meet Chrysler CEO Tom LaSorda?",
   "On January 7th (2007), during the North American International Auto Show.", [["January 7"]], "08feb2007biden19",
   "met with Chrysler CEO and President, Tom LaSorda, on January 7th during the North American International Auto Show", "date")
qa("When was Judge Odell Horton appointed, and by which president?",
   "By President Carter on May 12, 1980.", [["May 12"], ["1980"]], "9mar2007alexander219",
   "who was appointed by President Carter on May 12  1980", "date")
qa("In what year were the twin cities of Bristol, Tennessee and Bristol, Virginia officially chartered?",
   "In 1856.", [["1856"]], "28jun2006alexander45",
   "The twin cities were officially chartered in 1856 and celebrated the Bristol Centennial in 1956", "date")

# --- people
qa("Which deputy director of the Colorado Department of Public Safety did Senator Allard secure an invitation for to the President's Conference on School Safety?",
   "Micheal Acree.", [["Acree"]], "7oct2006allard7",
   "Allard has secured an invitation for Micheal Acree  deputy director of the Colorado Department of Public Safety", "person")
qa("Which senator joined Ben Nelson in introducing the Senate resolution honoring Johnny Carson?",
   "Chuck Hagel, a fellow Nebraskan.", [["Hagel"]], "25jan2005bennelson184",
   "introduced jointly today by fellow Nebraskans  Senators Ben Nelson and Chuck Hagel", "person")
qa("Who accepted the Office of Compliance's Office Safety Award on behalf of Senator Allard's office?",
   "Kris Hanisch.", [["Hanisch"]], "24jan2006allard5",
   "Kris Hanisch  from Senator Allard s office accepts the Office Safety Award", "person")
qa("Which senator offered the amendment with Ben Nelson to temper cuts to the Federal Family Education Loan program?",
   "Senator Richard Burr.", [["Burr"]], "19jul2007bennelson84",
   "Nelson and Senator Richard Burr today offered an amendment to temper cuts in federal subsidies for the Federal Family Education Loan  FFEL  program", "person")
qa("Who is the executive director of the Grant County Economic Growth Council quoted in Senator Bayh's incubator grant release?",
   "Tim Eckerle.", [["Eckerle"]], "06sep2007bayh17",
   "said Tim Eckerle, executive director for the Grant County Economic Growth Council", "person")
qa("Which Polish president presented Senator Lugar with the Order of Merit of the Republic of Poland?",
   "Lech Kaczynski.", [["Kaczy"]], "17jul2007lugar210",
   "Polish President Lech Kaczyski presented U.S. Sen. Dick Lugar the Commanders' Cross with Star of the Order of Merit of the Republic of Poland", "person")
qa("Which student did Senator Biden nominate to the Merchant Marine Academy for the Class of 2009?",
   "Kennedy Keenan of Delmar High School.", [["Kennedy Keenan"]], "10feb2005biden19",
   "Senator Biden also nominated one student to the Merchant Marine Academy in Kings Point, New York: Kennedy Keenan at Delmar High School.", "person")
qa("Which senator joined Barbara Mikulski in proposing the Ronald Reagan Alzheimer's Breakthrough Act of 2004?",
   "Kit Bond (R-MO).", [["Kit Bond"]], "8jun2004mikulski280",
   "Sens. Barbara A. Mikulski (D-MD) and Kit Bond (R-MO) announced today on the floor of the U.S. Senate", "person")

# --- places
qa("Which port of entry on the U.S.-Mexico border did Sen. Chuck Hagel plan to visit in March 2005?",
   "The Mariposa Nogales Port of Entry in Nogales, Arizona.", [["Mariposa"]], "18mar2005hagel256",
   "Sen. Chuck Hagel (R-NE) will visit the Mariposa Nogales Port of Entry in Nogales, Arizona on Monday to observe border crossing operations.", "place")
qa("Near which Utah town is the Boy Scout camp land that the BLM gave the BSA in 1983, subject of Senator Hatch's land exchange bill?",
   "Near Parowan, Utah.", [["Parowan"]], "28feb2005hatch76",
   "In 1983, the Bureau of Land Management gave the BSA roughly 1,300 acres near Parowan, Utah, for a Boy Scout camp.", "place")
qa("In which part of Yellowstone National Park will the $3.8 million announced by Senators Baucus and Tester be used?",
   "The West Yellowstone-Hebgen Basin portion of the park.", [["Hebgen"]], "19jun2007tester296",
   "The funds will be used in the West Yellowstone-Hebgen Basin portion of the park.", "place")
qa("Where was Senator Lugar presented with the Order of Merit of the Republic of Poland?",
   "At the Blair House in Washington, D.C.", [["Blair House"]], "17jul2007lugar210",
   "in a ceremony last night at the Blair House in Washington, D.C.", "place")
qa("Which Tennessee county did Frist and Alexander cite for the firefighter grants to Morrison Fire & Rescue and the Collins River and Centertown volunteer fire departments?",
   "Warren County.", [["Warren County"]], "24aug2005alexander143",
   "Department of Homeland Security s investment in Warren County for emergency preparedness", "place")
qa("Where is the Fifth Annual Rural Business Conference hosted by Senator Bennett and the Utah Rural Development Council held?",
   "At Western Park in Vernal, on April 19 and 20, 2006.", [["Vernal"]], "15feb2006bennett169",
   "will host the Fifth Annual Rural Business Conference at Western Park in Vernal on April 19 and 20, 2006.", "place")
qa("Which office will Kristi Pollard manage as Senator Allard's Area Director?",
   "His Grand Junction office (Western Slope).", [["Grand Junction"]], "13aug2007allard5",
   "announced today that Kristi Pollard will rejoin his staff as his Area Director  managing his Grand Junction office", "place")

# --- facts
qa("With which ski resort would Senator Hatch's Boy Scouts of America Land Transfer Act let the Utah National Parks Council exchange land?",
   "Brian Head Ski Resort.", [["Brian Head"]], "28feb2005hatch76",
   "Hatch's bill will allow the exchange of two small parcels of land between the BSA Utah National Parks Council and Brian Head Ski Resort.", "fact")
qa("Which organisation received the $299,960 USDA Rural Development grant announced by Senators Snowe and Collins?",
   "Bread of Life Ministries.", [["Bread of Life"]], "31mar2006snowe429",
   "a $299,960 Rural Development grant from the U.S. Department of Agriculture (USDA) to Bread of Life Ministries", "fact")
qa("In which 1953 case, one of the five combined under Brown v. Board of Education, was Howard High School cited?",
   "Belton v. Gebhart.", [["Belton"]], "08apr2005biden17",
   "Howard High was the black school cited in Belton v. Gebhart (1953), one of the five cases combined under the Brown case.", "fact")
qa("What is the name of the new permanent exhibit at the Chesapeake Bay Maritime Museum funded by the IMLS grant announced by Sarbanes and Mikulski?",
   "\"Chesapeake Encounters\".", [["Chesapeake Encounters"]], "22sep2004sarbanes110",
   "a new permanent exhibit entitled \"Chesapeake Encounters\" that will open in 2006", "fact")
qa("Which federal building in Memphis would Senators Alexander and Corker rename to honor Judge Odell Horton?",
   "The Clifford Davis Federal Building (to become the Clifford Davis and Odell Horton Federal Building).", [["Clifford Davis"]], "9mar2007alexander219",
   "legislation to redesignate the Clifford Davis Federal Building in Memphis as the", "fact")

# --- worded unlike the text
qa("What will the West Helena Valley volunteer firefighters buy with the money Senator Burns announced?",
   "A new firefighting vehicle.", [["firefighting vehicle"]], "19jan2005burns21",
   "the West Helena Valley Volunteer Fire Department will receive $180,000 for the purchase of a new firefighting vehicle", "paraphrase")
qa("Families in which part of Maine will get help constructing their own houses under the Snowe-Collins self-help housing grant?",
   "The Kennebec County area.", [["Kennebec"]], "31mar2006snowe429",
   "to families of the Kennebec County area seeking to build their own homes", "paraphrase")
qa("Who started the scholarship charity ThanksUSA that Senator Allen praised?",
   "Two Virginia public school students.", [["school students"]], "12sep2006allen31",
   "The organization was founded by two Virginia public school students", "paraphrase")
qa("Which other senator was honoured at the same Polish award ceremony as Senator Lugar?",
   "Senator Carl Levin of Michigan.", [["Levin"]], "17jul2007lugar210",
   "Senator Carl Levin of Michigan was also recognized last night.", "paraphrase")
qa("What would Colorado's senators hand over if Boston beat the Rockies in the 2007 World Series?",
   "Colorado raised beef, donated to a Massachusetts charity chosen by Kennedy and Kerry.", [["beef"]], "23oct2007allard7",
   "If the Red Sox win the World Series  Senators Salazar and Allard will donate Colorado raised beef to a Massachusetts charity chosen by Senators Kennedy and Kerry", "paraphrase")
qa("Why were World War II merchant mariners left out of the post-war GI Bill, according to Senator Ben Nelson?",
   "Because they were classified as civilians.", [["civilians"]], "02aug2007bennelson74",
   "they were denied benefits in the post war GI Bill of Rights because they were classified as civilians", "paraphrase")
qa("By how much would the Ronald Reagan Alzheimer's Breakthrough Act change NIH spending on Alzheimer's research?",
   "It would double it.", [["double"]], "8jun2004mikulski280",
   "legislation that would double the funding for Alzheimer's research at the National Institutes of Health", "paraphrase")
qa("What is the hometown of Senator Ken Salazar, mentioned in the release on the rural law enforcement training bill?",
   "Manassa, in the San Luis Valley.", [["Manassa"]], "13feb2007pryor243",
   "like my hometown of Manassa in the San Luis Valley", "paraphrase")
qa("Of how many newly designated national landmarks was Delaware's Howard High School one?",
   "One of 24 new National Historic Landmark sites.", [["24"]], "08apr2005biden17",
   "Howard High School is one of 24 new NHL designated sites", "paraphrase")
qa("Which city is home to the Allen Institute for Brain Science, which Senator Stevens congratulated on its brain atlas?",
   "Seattle, Washington.", [["Seattle"]], "26sep2006stevens292",
   "Located in Seattle, Washington, the Allen Institute for Brain Science was founded in 2001 by philanthropists Paul G. Allen and Jody Patton.", "paraphrase")

# --- unanswerable: plausible, but not in any of the 1000 releases
for q in [
    "What was the final score of Super Bowl XL, on which Senator Santorum wagered with Senators Murray and Cantwell?",
    "Which Massachusetts charity received the Colorado beef after the 2007 World Series wager between Salazar, Allard, Kennedy and Kerry?",
    "How much did it cost to build the Allen Brain Atlas that Senator Stevens praised?",
    "On what date was Senator Hatch's Boy Scouts of America Land Transfer Act of 2005 signed into law?",
    "How many passengers use the Hagerstown Regional-Richard A. Henson Airport each year?",
    "Who is the fire chief of the West Helena Valley Volunteer Fire Department?",
    "Where in Albania is the chemical weapons stockpile that the Nunn-Lugar program will destroy?",
    "What salary will Kristi Pollard earn as Senator Allard's Area Director?",
    "How many ThanksUSA scholarships went to military families in Maryland?",
    "Who is the director of the Chesapeake Bay Maritime Museum, which received an IMLS grant announced by Sarbanes and Mikulski?",
]:
    no(q)

out = []
for i, item in enumerate(items, start=1):
    out.append({"id": f"senate-{i:03d}", "split": "dev" if i % 2 else "test", **item})
Path(__file__).with_name("senate.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in out), encoding="utf-8")
print(len(out), "items:", sum(1 for x in out if x["answerable"]), "answerable,",
      sum(1 for x in out if not x["answerable"]), "unanswerable,",
      sum(1 for x in out if x["split"] == "dev"), "dev,", sum(1 for x in out if x["split"] == "test"), "test")
