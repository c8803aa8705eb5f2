"""Writes seed.jsonl: hand-written Q/A items over the seed release (run once; the JSONL is the source)."""
import json
from pathlib import Path

R = "2024-12-05-eu-norway-security-and-defence-dialogue"
S = {  # evidence sentences, verbatim
    "held": "On Thursday 5 December 2024, the European Union and Norway held their fourth Dialogue on Security and Defence in Brussels.",
    "sdp": "This year our long-standing partnership has been taken to the next level through the signing of the Security and Defence Partnership, which has opened up avenues for further dialogue and cooperation.",
    "russia": "Norway-EU security and defence cooperation is more important than ever in the face of Russia's continued war of aggression against Ukraine.",
    "strategic": "Today's Dialogue included strategic discussions on transatlantic partnership and strengthening EU-NATO cooperation in the current security environment.",
    "ukraine": "Both parties reiterated their determination to step up support for Ukraine, including for its defence industry, and to continue deterring Russia and constraining its offensive capabilities, including through restrictive measures.",
    "commit": "This year, both the EU and Norway signed their respective security commitments with Ukraine, pledging sustained long-term support for Kyiv through military, diplomatic, economic and humanitarian measures.",
    "nansen": "The EU welcomed the expansion of Norway's Nansen Support Program for Ukraine.",
    "epf": "Norway has provided valuable voluntary financial contributions to the European Peace Facility in support of training the Ukrainian troops through EUMAM Ukraine and for the provision of military equipment for Ukraine.",
    "agenda": "Norway and EU exchanged on the EU's defence agenda, including work on the White Paper on the Future of European Defence and on the European Defence Industrial Programme, in the light of Norway's participation in EU programmes aimed at strengthening the European Defence Technological and Industrial Base.",
    "pesco": "Norway is a valued partner in the PESCO project on military mobility and the EU welcomes Norway hosting the next meeting of the project on 31 March to 2 April 2025 in Oslo.",
    "missions": "The EU appreciates Norway's contribution to EUMAM Ukraine, its interest in contributing to the EU's naval Operation ASPIDES in the Red Sea as well as to civilian CSDP missions in Armenia, Ukraine, and the Republic of Moldova, in addition to its current engagement in EULEX Kosovo.",
    "space": "Both Norway and the EU recognise space as a strategic domain.",
    "spacedlg": "They agreed to have a dedicated dialogue on space security and acknowledged the longstanding cooperation already in place, in particular at multilateral level.",
    "hybrid": "In light of Russia's unprecedented resort to hybrid attacks, it was decided to hold in early 2025 expert-level consultations on cyber and hybrid threats.",
    "mediation": "The EU and Norway also agreed to launch in the first half of next year a dialogue on peace mediation, which would enhance coordination on priority geographic and thematic areas.",
    "symposium": "Norway and the EU endeavour to organise a second edition of the symposium on the EU-Norway Security and Defence Partnership to accompany 2025 Security and Defence Dialogue to be hosted in Oslo, with a view to engaging civil society in charting our way forward.",
    "deplored": "The parties deplored the support of China, North Korea and Iran to Russia, which heightens security threats, also in the Indo-Pacific region.",
    "briefed": "The EU briefed Norway on its recent signing of Security and Defence Partnerships with Japan and the Republic of Korea.",
    "chairs": "The meeting was co-chaired by Charles Fries, Deputy Secretary General for Peace, Security and Defence at the European External Action Service, as well as Eivind Vad Petersson, State Secretary of the Ministry of Foreign Affairs of Norway, and State Secretary Hans Christian Hveem Kjølseth of the Ministry of Defence of Norway.",
}

items = []


def qa(q, ref, facts, ev, kind):
    items.append({"question": q, "answerable": True, "reference": ref, "key_facts": facts,
                  "evidence": S[ev], "release_id": R, "kind": kind})


def no(q, kind="unanswerable"):
    items.append({"question": q, "answerable": False, "kind": kind})


# single facts
qa("Where will the next PESCO military mobility meeting be held?", "In Oslo, from 31 March to 2 April 2025.", [["Oslo"], ["31 March"]], "pesco", "place")
qa("When did the EU and Norway hold their fourth Dialogue on Security and Defence?", "On Thursday 5 December 2024.", [["5 December 2024"]], "held", "date")
qa("Where was the fourth EU-Norway Dialogue on Security and Defence held?", "In Brussels.", [["Brussels"]], "held", "place")
qa("Which edition of the Dialogue on Security and Defence took place in December 2024?", "The fourth.", [["fourth"]], "held", "number")
qa("When will the next meeting of the PESCO military mobility project take place?", "From 31 March to 2 April 2025.", [["31 March"], ["2 April 2025"]], "pesco", "date")
qa("Who co-chaired the dialogue for the European External Action Service?", "Charles Fries, Deputy Secretary General for Peace, Security and Defence.", [["Charles Fries"]], "chairs", "person")
qa("What is Charles Fries's title?", "Deputy Secretary General for Peace, Security and Defence at the European External Action Service.", [["Deputy Secretary General"]], "chairs", "role")
qa("Which State Secretary represented Norway's Ministry of Foreign Affairs?", "Eivind Vad Petersson.", [["Eivind Vad Petersson"]], "chairs", "person")
qa("Who represented the Norwegian Ministry of Defence at the meeting?", "State Secretary Hans Christian Hveem Kjølseth.", [["Kjølseth"]], "chairs", "person")
qa("What position does Eivind Vad Petersson hold?", "State Secretary of the Ministry of Foreign Affairs of Norway.", [["State Secretary"], ["Foreign Affairs"]], "chairs", "role")
qa("When will the expert-level consultations on cyber and hybrid threats be held?", "In early 2025.", [["early 2025"]], "hybrid", "date")
qa("When will the EU and Norway launch a dialogue on peace mediation?", "In the first half of next year (2025).", [["first half of next year"]], "mediation", "date")
qa("Where will the 2025 Security and Defence Dialogue be hosted?", "In Oslo.", [["Oslo"]], "symposium", "place")
qa("In which sea would Norway contribute to Operation ASPIDES?", "The Red Sea.", [["Red Sea"]], "missions", "place")
qa("Which EU operation in the Red Sea is Norway interested in contributing to?", "The naval Operation ASPIDES.", [["ASPIDES"]], "missions", "fact")
qa("Which Norwegian programme for Ukraine did the EU welcome the expansion of?", "Norway's Nansen Support Program for Ukraine.", [["Nansen"]], "nansen", "fact")
qa("What did Norway contribute to the European Peace Facility?", "Voluntary financial contributions, supporting training of Ukrainian troops through EUMAM Ukraine and military equipment for Ukraine.", [["voluntary financial contributions"]], "epf", "fact")
qa("Through which mission are Ukrainian troops trained with support from the European Peace Facility?", "EUMAM Ukraine.", [["EUMAM Ukraine"]], "epf", "fact")
qa("Which partnership did the EU and Norway sign this year?", "The Security and Defence Partnership.", [["Security and Defence Partnership"]], "sdp", "fact")
qa("What domain do Norway and the EU recognise as strategic?", "Space.", [["space"]], "space", "fact")
qa("What kind of dialogue did they agree to have on space?", "A dedicated dialogue on space security.", [["dedicated dialogue on space security"]], "spacedlg", "fact")
qa("Which EU mission in Kosovo is Norway currently engaged in?", "EULEX Kosovo.", [["EULEX"]], "missions", "fact")
qa("Which countries' support to Russia did the parties deplore?", "China, North Korea and Iran.", [["China"], ["North Korea"], ["Iran"]], "deplored", "list")
qa("With which countries did the EU recently sign Security and Defence Partnerships?", "Japan and the Republic of Korea.", [["Japan"], ["Korea"]], "briefed", "list")
qa("In which countries are the civilian CSDP missions Norway is interested in?", "Armenia, Ukraine and the Republic of Moldova.", [["Armenia"], ["Moldova"]], "missions", "list")
qa("Who co-chaired the meeting?", "Charles Fries, Eivind Vad Petersson and Hans Christian Hveem Kjølseth.", [["Charles Fries"], ["Eivind Vad Petersson"], ["Kjølseth"]], "chairs", "list")
qa("Which EU defence documents and programmes were discussed?", "The White Paper on the Future of European Defence and the European Defence Industrial Programme.", [["White Paper"], ["European Defence Industrial Programme"]], "agenda", "list")
qa("What topics did the strategic discussions cover?", "Transatlantic partnership and strengthening EU-NATO cooperation.", [["transatlantic partnership"], ["EU-NATO cooperation"]], "strategic", "list")
qa("Through which measures did the EU and Norway pledge long-term support for Kyiv?", "Military, diplomatic, economic and humanitarian measures.", [["military"], ["diplomatic"], ["humanitarian"]], "commit", "list")
# worded unlike the text
qa("Why is security cooperation between Norway and the EU more important than ever?", "Because of Russia's continued war of aggression against Ukraine.", [["war of aggression"]], "russia", "paraphrase")
qa("What made the partnership reach a new level this year?", "The signing of the Security and Defence Partnership.", [["Security and Defence Partnership"]], "sdp", "paraphrase")
qa("Which Norwegian city will welcome the military mobility project participants next spring?", "Oslo.", [["Oslo"]], "pesco", "paraphrase")
qa("What prompted the decision to hold consultations on cyber threats?", "Russia's unprecedented resort to hybrid attacks.", [["hybrid attacks"]], "hybrid", "paraphrase")
qa("What is the aim of the second symposium edition?", "Engaging civil society in charting the way forward.", [["civil society"]], "symposium", "paraphrase")
qa("What would the peace mediation dialogue improve?", "Coordination on priority geographic and thematic areas.", [["coordination"]], "mediation", "paraphrase")
qa("Which region beyond Europe faces heightened threats from the support given to Russia?", "The Indo-Pacific region.", [["Indo-Pacific"]], "deplored", "paraphrase")
qa("How do both sides intend to limit Russia's offensive capabilities?", "Including through restrictive measures.", [["restrictive measures"]], "ukraine", "paraphrase")
qa("Does Norway take part in EU programmes for the defence industrial base?", "Yes, Norway participates in EU programmes aimed at strengthening the European Defence Technological and Industrial Base.", [["Norway's participation in EU programmes"]], "agenda", "paraphrase")
qa("At what level is space cooperation between the two already taking place?", "In particular at multilateral level.", [["multilateral"]], "spacedlg", "paraphrase")
qa("What support for Ukraine's industry did the parties commit to?", "To step up support for Ukraine, including for its defence industry.", [["defence industry"]], "ukraine", "paraphrase")
qa("Which ministry does Hans Christian Hveem Kjølseth belong to?", "The Ministry of Defence of Norway.", [["Ministry of Defence"]], "chairs", "role")
qa("In what year is the next PESCO military mobility meeting?", "2025.", [["2025"]], "pesco", "date")
# unanswerable: plausible, not in the release
for q in [
    "Who is the NATO Secretary General?",
    "How many euros did Norway give to the European Peace Facility?",
    "What is the population of Iceland?",
    "How much money has Norway pledged through the Nansen Support Program?",
    "What was the budget of the European Defence Industrial Programme?",
    "Who is the Prime Minister of Norway?",
    "When was the first EU-Norway Dialogue on Security and Defence held?",
    "How many troops has Norway sent to Operation ASPIDES?",
    "What is the name of Norway's Minister of Defence?",
    "When will the space security dialogue start?",
    "How many Ukrainian soldiers were trained through EUMAM Ukraine?",
    "Where will the peace mediation dialogue take place?",
    "What did the EU and Norway agree about fisheries quotas?",
    "Who chaired the PESCO military mobility project?",
    "How much did the military equipment for Ukraine cost?",
    "What is the capital of the Republic of Moldova?",
    "Which company will build the Oslo symposium venue?",
]:
    no(q)

conversations = [
    [("Who co-chaired the dialogue for the European External Action Service?", [["Charles Fries"]], "chairs"),
     ("What is his title?", [["Deputy Secretary General"]], "chairs")],
    [("Which naval operation is Norway interested in contributing to?", [["ASPIDES"]], "missions"),
     ("Where does it operate?", [["Red Sea"]], "missions")],
    [("Where will the next PESCO military mobility meeting be held?", [["Oslo"]], "pesco"),
     ("When will it take place?", [["31 March"]], "pesco")],
    [("Which Norwegian programme for Ukraine was expanded?", [["Nansen"]], "nansen"),
     ("Who welcomed its expansion?", [["EU"]], "nansen")],
    [("What did the parties decide to hold because of hybrid attacks?", [["expert-level consultations"]], "hybrid"),
     ("When will they be held?", [["early 2025"]], "hybrid")],
    [("Who represented Norway's Ministry of Foreign Affairs?", [["Eivind Vad Petersson"]], "chairs"),
     ("What is his title?", [["State Secretary"]], "chairs")],
    [("What did the EU and Norway agree to launch on peace mediation?", [["dialogue on peace mediation"]], "mediation"),
     ("When will they launch it?", [["first half of next year"]], "mediation")],
    [("Which symposium do Norway and the EU want to organise a second edition of?", [["symposium on the EU-Norway Security and Defence Partnership"]], "symposium"),
     ("Where will it be hosted?", [["Oslo"]], "symposium")],
]
for i, turns in enumerate(conversations):
    items.append({"kind": "conversation", "turns": [
        {"question": q, "answerable": True, "key_facts": f, "evidence": S[e], "release_id": R} for q, f, e in turns
    ]})

out = []
for i, item in enumerate(items, start=1):
    item = {"id": f"seed-{i:03d}", "split": "dev" if i % 2 else "test", **item}
    out.append(item)
# Held-out paraphrases, written for the reader issue in other words than the release uses ("talks"
# for "Dialogue", "round" for "fourth"): test split only, never tuned on.
held_out = []


def paraphrase(q, ref, facts, ev):
    held_out.append({"question": q, "answerable": True, "reference": ref, "key_facts": facts,
                     "evidence": S[ev], "release_id": R, "kind": "paraphrase"})


paraphrase("On what date did the fourth round of EU–Norway security talks take place?", "On Thursday 5 December 2024.", [["5 December 2024"]], "held")
paraphrase("Which city hosted the latest round of security talks between the Union and Oslo's government?", "Brussels.", [["Brussels"]], "held")
paraphrase("Who led the talks on behalf of the EU's diplomatic service?", "Charles Fries.", [["Charles Fries"]], "chairs")
paraphrase("Which Norwegian aid scheme for Kyiv was enlarged, to the EU's satisfaction?", "The Nansen Support Program for Ukraine.", [["Nansen"]], "nansen")
paraphrase("When are experts going to meet about cyber threats?", "In early 2025.", [["early 2025"]], "hybrid")
paraphrase("Which governments were criticised for backing Moscow?", "China, North Korea and Iran.", [["China"], ["North Korea"], ["Iran"]], "deplored")
paraphrase("Where will next year's round of these talks be hosted?", "In Oslo.", [["Oslo"]], "symposium")
paraphrase("Which Asian partners recently concluded defence pacts with the Union?", "Japan and the Republic of Korea.", [["Japan"], ["Korea"]], "briefed")
paraphrase("Who spoke for Norway's defence ministry?", "State Secretary Hans Christian Hveem Kjølseth.", [["Kjølseth"]], "chairs")
paraphrase("Which maritime mission might Norway join?", "Operation ASPIDES in the Red Sea.", [["ASPIDES"]], "missions")
paraphrase("What did the two sides agree to set up to talk about security in orbit?", "A dedicated dialogue on space security.", [["dedicated dialogue"]], "spacedlg")
paraphrase("When is the gathering of the troop-transport project scheduled?", "31 March to 2 April 2025.", [["31 March"]], "pesco")
for q in ["How large was Norway's cash donation to the Peace Facility?", "Who will lead the talks on peace mediation?",
          "How many people attended the meeting in Brussels?"]:
    held_out.append({"question": q, "answerable": False, "kind": "unanswerable"})
for item in held_out:
    out.append({"id": f"seed-{len(out) + 1:03d}", "split": "test", **item})
Path(__file__).with_name("seed.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in out))
print(len(out), "items:", sum(1 for x in out if x.get("answerable")), "answerable,",
      sum(1 for x in out if x.get("answerable") is False), "unanswerable,", sum(1 for x in out if x["kind"] == "conversation"), "conversations")
