"""Checks tasks.jsonl: the intent-tagged evaluation items (fact, summary, list, search, latest).

Stand-alone (standard library only): loads the 1,100 Senate releases from senate-releases.jsonl.gz and the
seed release from corpus/, validates every item and prints the counts per intent and split. Exits 1 on
any problem.

    python evals/datasets/check_tasks.py [path/to/tasks.jsonl]
    python evals/datasets/check_tasks.py evals/datasets/seedtasks.jsonl   # the same kinds on the seed release alone

Release ids in tasks.jsonl are the ids the assistant gives the releases: the collection's `id` slugified
(lower case, runs of other characters as "-"), e.g. "19Jan2005Burns21" -> "19jan2005burns21"; the seed
release keeps its file name. Texts are compared with "\\r\\n" read as "\\n", as the corpus files carry them.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SENATE = HERE / "senate-releases.jsonl.gz"
SEED = ROOT / "corpus" / "2024-12-05-eu-norway-security-and-defence-dialogue.txt"
SEED_DATE = "2024-12-05"
TASKS = HERE / "tasks.jsonl"

INTENTS = ("fact", "summary", "list", "search", "latest")
SPLITS = ("dev", "test")
COMMON = {"id", "split", "intent", "question", "release_ids"}
FIELDS = {  # required, optional (beyond COMMON)
    "fact": ({"key_facts", "evidence"}, set()),
    "summary": ({"key_points"}, {"part"}),
    "list": ({"items"}, {"count"}),
    "search": (set(), {"since", "until"}),
    "latest": (set(), set()),
}


def slugify(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:100].rstrip("-")


def load_corpus() -> dict[str, dict]:
    releases = {}
    with gzip.open(SENATE, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            releases[slugify(row["id"])] = {"text": row["text"].replace("\r\n", "\n"), "date": row.get("date")}
    releases[slugify(SEED.stem)] = {"text": SEED.read_text(encoding="utf-8").replace("\r\n", "\n"), "date": SEED_DATE}
    return releases


def iso(value) -> date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def variant_groups(value, name: str, errors: list[str], lo: int = 1, hi: int = 3) -> list[list[str]]:
    """A list of groups, each a list of lo..hi non-empty strings."""
    if not isinstance(value, list) or not value:
        errors.append(f"{name} must be a non-empty list of lists")
        return []
    groups = []
    for n, group in enumerate(value):
        if not isinstance(group, list) or not (lo <= len(group) <= hi) or \
                not all(isinstance(v, str) and v.strip() for v in group):
            errors.append(f"{name}[{n}] must be a list of {lo}-{hi} non-empty strings")
            continue
        groups.append(group)
    return groups


def check_unanswerable(item: dict, releases: dict[str, dict]) -> list[str]:
    """An item no release answers: no gold releases, and none of its `absent` patterns (the subject, its
    synonyms and spellings; case-insensitive) matches a release (of its period, when it names one)."""
    errors: list[str] = []
    extra = item.keys() - COMMON - {"unanswerable", "absent", "since", "until"}
    if extra:
        errors.append(f"fields not used by an unanswerable item: {sorted(extra)}")
    if item.get("split") not in SPLITS:
        errors.append(f"split {item.get('split')!r} is not dev or test")
    if not isinstance(item.get("question"), str) or not item["question"].strip():
        errors.append("question must be a non-empty string")
    if item.get("release_ids") != []:
        errors.append("an unanswerable item has no release_ids ([])")
    if ("since" in item) != ("until" in item):
        errors.append("since and until go together")
    since, until = iso(item.get("since")), iso(item.get("until"))
    if "since" in item and (not since or not until or since > until):
        errors.append(f"bad period {item.get('since')!r}..{item.get('until')!r}")
    patterns = item.get("absent")
    if not isinstance(patterns, list) or not 1 <= len(patterns) <= 6 or not all(isinstance(p, str) and p.strip() for p in patterns):
        return errors + ["absent must be a list of 1-6 non-empty patterns"]
    for pattern in patterns:
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            errors.append(f"absent pattern {pattern!r} is not a regular expression ({exc})")
            continue
        for release_id, release in releases.items():
            day = iso(release["date"])
            if since and until and (not day or not since <= day <= until):
                continue
            if compiled.search(release["text"]):
                errors.append(f"absent pattern {pattern!r} matches release {release_id}")
                break
    return errors


def check_item(item: dict, releases: dict[str, dict]) -> list[str]:
    errors: list[str] = []
    intent = item.get("intent")
    if intent not in INTENTS:
        return [f"intent {intent!r} is not one of {INTENTS}"]
    if item.get("unanswerable") is True:
        return check_unanswerable(item, releases)
    required, optional = FIELDS[intent]
    missing = (COMMON | required) - item.keys()
    extra = item.keys() - COMMON - required - optional
    if missing:
        errors.append(f"missing fields {sorted(missing)}")
    if extra:
        errors.append(f"fields not used by a {intent} item: {sorted(extra)}")
    if item.get("split") not in SPLITS:
        errors.append(f"split {item.get('split')!r} is not dev or test")
    if not isinstance(item.get("question"), str) or not item["question"].strip():
        errors.append("question must be a non-empty string")
    ids = item.get("release_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        return errors + ["release_ids must be a non-empty list of strings"]
    if len(set(ids)) != len(ids):
        errors.append("release_ids repeat an id")
    unknown = [i for i in ids if i not in releases]
    if unknown:
        return errors + [f"unknown release ids {unknown}"]
    texts = [releases[i]["text"] for i in ids]

    def verbatim(v: str, where: str, in_texts: list[str]) -> None:
        if not any(v in t for t in in_texts):
            errors.append(f"{where} {v!r} is not verbatim in {ids if len(in_texts) > 1 else ids[0]}")

    if intent == "fact":
        if len(ids) != 1:
            errors.append("a fact item names exactly one release")
        for n, group in enumerate(variant_groups(item.get("key_facts"), "key_facts", errors)):
            for v in group:
                verbatim(v, f"key_facts[{n}]", texts[:1])
        evidence = item.get("evidence")
        if not isinstance(evidence, str) or not evidence.strip():
            errors.append("evidence must be a non-empty string")
        else:
            verbatim(evidence, "evidence", texts[:1])
    elif intent == "summary":
        points = variant_groups(item.get("key_points"), "key_points", errors)
        if not 3 <= len(item.get("key_points") or []) <= 5:
            errors.append("a summary item has 3-5 key points")
        if "part" in item and (item["part"] is not True or len(item.get("release_ids") or []) != 1):
            errors.append("part is true, on a summary of one release (what it says about one part of it)")
        for n, group in enumerate(points):
            for v in group:
                words = len(v.split())
                if not 4 <= words <= 12:
                    errors.append(f"key_points[{n}] variant {v!r} has {words} words (4-12)")
                verbatim(v, f"key_points[{n}]", texts)
    elif intent == "list":
        groups = variant_groups(item.get("items"), "items", errors)
        if not 2 <= len(item.get("items") or []) <= 12:
            errors.append("a list item has 2-12 expected items")
        for n, group in enumerate(groups):
            for v in group:
                verbatim(v, f"items[{n}]", texts)
        if "count" in item and (not isinstance(item["count"], int) or item["count"] != len(item.get("items") or [])):
            errors.append(f"count {item['count']!r} differs from the number of items")
    elif intent == "search":
        if not 1 <= len(ids) <= 10:
            errors.append("a search item expects 1-10 releases")
        if ("since" in item) != ("until" in item):
            errors.append("since and until go together")
        if "since" in item:
            since, until = iso(item["since"]), iso(item["until"])
            if not since or not until or since > until:
                errors.append(f"bad period {item.get('since')!r}..{item.get('until')!r}")
            else:
                for i in ids:
                    d = iso(releases[i]["date"])
                    if not d or not since <= d <= until:
                        errors.append(f"release {i} ({releases[i]['date']}) lies outside {since}..{until}")
    elif intent == "latest":
        if not 1 <= len(ids) <= 2:
            errors.append("a latest item names the newest release (two only for same-day near-duplicates)")
        elif len({releases[i]["date"] for i in ids}) != 1:
            errors.append("the releases of a latest item must share one date")
    return errors


def main(path: Path = TASKS) -> int:
    releases = load_corpus()
    if path.stem == "seedtasks":  # asked of the seed release alone (the web chat's corpus)
        releases = {slugify(SEED.stem): releases[slugify(SEED.stem)]}
    problems: list[str] = []
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(item, dict):
            problems.append(f"line {number}: not an object")
            continue
        items.append(item)
        for error in check_item(item, releases):
            problems.append(f"line {number} ({item.get('id')}): {error}")

    ids = [i.get("id") for i in items]
    for dup, n in Counter(ids).items():
        if n > 1:
            problems.append(f"item id {dup!r} is used {n} times")
    for i in ids:
        if not isinstance(i, str) or not re.fullmatch(rf"{path.stem}-\d{{3,}}", i):
            problems.append(f"item id {i!r} is not of the form {path.stem}-NNN")

    # held-out discipline: test items use other releases than dev items (the seed release excepted)
    seed = slugify(SEED.stem)
    by_split = {s: {r for it in items if it.get("split") == s for r in it.get("release_ids") or []} for s in SPLITS}
    shared = sorted((by_split["dev"] & by_split["test"]) - {seed})
    if shared:
        problems.append(f"releases in both dev and test items: {shared}")
    dev_questions = {it.get("question", "").strip().lower() for it in items if it.get("split") == "dev"}
    for it in items:
        if it.get("split") == "test" and it.get("question", "").strip().lower() in dev_questions:
            problems.append(f"{it.get('id')}: test question repeats a dev question")

    counts = Counter((it.get("intent"), it.get("split")) for it in items)
    print(f"{'intent':<8} {'dev':>4} {'test':>5} {'all':>4}")
    for intent in INTENTS:
        dev, test = counts[(intent, "dev")], counts[(intent, "test")]
        print(f"{intent:<8} {dev:>4} {test:>5} {dev + test:>4}")
    dev, test = sum(counts[(i, 'dev')] for i in INTENTS), sum(counts[(i, 'test')] for i in INTENTS)
    print(f"{'all':<8} {dev:>4} {test:>5} {dev + test:>4}")
    none = Counter(it.get("split") for it in items if it.get("unanswerable") is True)
    print(f"{'of them unanswerable':<8} {none['dev']:>4} {none['test']:>5} {none['dev'] + none['test']:>4}")

    if problems:
        print(f"\n{len(problems)} problem(s) in {path}:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print(f"\n{path.name}: {len(items)} items OK against {len(releases)} releases")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else TASKS))
