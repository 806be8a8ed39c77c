"""The rated statements in the content file: one question each, anchored levels, evidence
hints, examples tied to suggestions, and wording that does not overstate the brief.

These read the checked-in file itself (no database), so they hold for what ships.
"""

import re

import pytest

from guidance.content import read_content_file
from guidance.models import ANCHOR_FIELDS, ANCHOR_LEVELS
from questionnaire.models import Answer

CONTENT = read_content_file()
DOMAINS = CONTENT["domains"]
STATEMENTS = [item for domain in DOMAINS for item in domain["items"]]
ACTIVE = [item for item in STATEMENTS if item["is_active"]]
SUGGESTIONS = {s["slug"]: s for domain in DOMAINS for s in domain["suggestions"]}

# --- One question per statement ------------------------------------------------------------
#
# A statement that asks two things ("we work with X and did so from the start") cannot be
# answered by an agency that does one and not the other. The check below flags every " and "
# that is followed, after at most two subject words, by a verb from a short list or a word in
# -ed: a crude test that catches "and did", "and we keep", "and they get", "and report". A
# person reviews what it flags: either the statement is split, or the " and " is recorded here
# with the reason it joins one thing, not two.
# fmt: off
VERBS = frozenset({
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "can",
    "could", "will", "would", "should", "must", "may", "might", "keep", "keeps", "get", "gets",
    "make", "makes", "report", "reports", "track", "tracks", "meet", "meets", "share", "shares",
    "explain", "explains", "answer", "answers", "give", "gives", "take", "takes", "hold", "holds",
    "show", "shows", "lead", "leads", "build", "builds", "reward", "rewards", "hire", "hires",
    "promote", "promotes", "agree", "agrees", "decide", "decides", "assess", "assesses", "deliver",
    "delivers", "follow", "follows", "review", "reviews", "support", "supports", "work", "works",
    "tell", "tells", "train", "trains", "fund", "funds", "address", "addresses", "communicate",
    "communicates", "involve", "involves",
})
SUBJECT_WORDS = frozenset({
    "we", "they", "it", "he", "she", "our", "its", "their", "the", "officers", "partners", "staff",
    "command", "then", "also", "still", "regularly",
})
# fmt: on
ONE_SUBJECT = "joins the two subjects of one verb: the department and its partners act together"
REVIEWED_AND = {
    ("buy-in-officers-told-why", "and their work"): "joins two nouns: them, their work",
    ("information-sharing-guidelines-agreed", "and its partners have"): ONE_SUBJECT,
    ("information-sharing-direction-decided", "and its partners have"): ONE_SUBJECT,
    ("information-sharing-guidelines-agreed-at-outset", "and its partners agreed"): ONE_SUBJECT,
}


def and_joins(text: str) -> list[str]:
    """Each " and …" of ``text`` that may join two verbs: "and" and the words up to the verb."""
    flagged = []
    words = re.findall(r"[a-z'-]+", text.lower())
    for index, word in enumerate(words):
        if word != "and":
            continue
        following = words[index + 1 : index + 4]
        for position, candidate in enumerate(following):
            if candidate in VERBS or (candidate.endswith("ed") and len(candidate) > 4):
                flagged.append(" ".join(["and", *following[: position + 1]]))
                break
            if candidate not in SUBJECT_WORDS:
                break
    return flagged


def test_the_check_flags_the_statements_the_content_review_found_double_barrelled():
    retired = {item["slug"]: item["text"] for item in STATEMENTS if not item["is_active"]}
    for slug in [
        "implementation-experienced-partner-from-start",  # … and did so from the start
        "buy-in-community-told-why",  # … and we keep communicating regularly
        "buy-in-officers-concerns-answered",  # … and they get answers
        "buy-in-promises-tracked",  # … and report back
    ]:
        assert and_joins(retired[slug]), slug


def test_no_statement_in_use_joins_two_verbs_outside_the_reviewed_list():
    flagged = {
        (item["slug"], phrase)
        for item in ACTIVE
        for text in (item["text"], item["partner_text"])
        for phrase in and_joins(text)
    }
    assert flagged - REVIEWED_AND.keys() == set(), "Split these statements, or review them"


def test_every_reviewed_exception_still_occurs():
    found = {
        (i["slug"], p) for i in ACTIVE for t in (i["text"], i["partner_text"]) for p in and_joins(t)
    }
    assert set(REVIEWED_AND) <= found, "Remove exceptions whose statement changed"


# --- Anchored levels and evidence ----------------------------------------------------------


def test_the_described_levels_are_the_answer_scale_without_dont_know():
    assert list(ANCHOR_LEVELS) == [v for v in Answer.values if v != Answer.DONT_KNOW]


@pytest.mark.parametrize("item", ACTIVE, ids=lambda item: item["slug"])
def test_every_statement_in_use_describes_all_five_levels_and_hints_at_evidence(item):
    descriptions = [item[name].strip() for name in ANCHOR_FIELDS]
    assert all(descriptions), "describe every level"
    assert len(set(descriptions)) == 5, "each level reads differently"
    assert item["evidence_hint"].startswith("For example: ")
    # Written in the third person, so the same words serve partners and the agency's staff.
    for text in descriptions:
        assert not re.search(r"\b(we|our|us)\b", text, re.IGNORECASE), text


def test_retired_statements_stay_in_the_file_so_past_answers_keep_their_statement():
    retired = {item["slug"] for item in STATEMENTS if not item["is_active"]}
    assert retired == {
        "implementation-experienced-partner-from-start",
        "buy-in-community-told-why",
        "buy-in-officers-concerns-answered",
        "buy-in-promises-tracked",
        "information-sharing-written-guidelines",
        "information-sharing-agreed-at-outset",
    }


# --- Faithful wording ----------------------------------------------------------------------


def all_text(*, retired: bool = True) -> str:
    """Every piece of prose in the file (not slugs or the stored perspective names), with or
    without the retired statements, whose words stay as past assessments were answered."""
    parts = []

    def walk(value, key=""):
        if isinstance(value, dict) and not retired and value.get("is_active") is False:
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            names_only = key in {"perspectives", "suggestions", "domains"}
            for v in value:
                if not (names_only and isinstance(v, str)):
                    walk(v, key)
        elif isinstance(value, str) and key not in {"slug", "suggestion", "url", "kind"}:
            parts.append(value)

    walk(CONTENT)
    return "\n".join(parts)


@pytest.mark.parametrize(
    "phrase",
    [
        "the ground a CVI grows in",  # the brief asks about culture; it does not rank it
        "every commitment",  # the brief says to deliver on promises made
        "told PERF",  # the brief says agencies "report"
        "gave them time",  # the brief says tempering expectations "can" afford time
        "what it gains",  # the benefit is to officers and the community, not the agency
        "the benefits it expects",
        "in writing",  # the brief asks for clear guidelines agreed at the outset
        "or will be",  # an intention is not a practice in place
    ],
)
def test_the_content_does_not_overstate_the_brief(phrase):
    assert phrase.lower() not in all_text(retired=False).lower()


def test_the_benefit_is_read_one_way_as_the_brief_does_to_officers_and_the_community():
    suggestion = SUGGESTIONS["explain-why-and-how"]
    assert suggestion["title"].endswith("how it will benefit officers and the community")
    buy_in = next(d for d in DOMAINS if d["slug"] == "buy-in")
    assert "how it will benefit officers and the community" in buy_in["summary"]


def test_no_statement_points_back_to_another_one():
    for item in ACTIVE:
        assert not re.match(r"(these|this|those|they)\b", item["text"], re.IGNORECASE), item["slug"]


def test_the_facts_beside_nnsc_and_nicjr_are_labeled_as_not_from_the_report():
    for resource in CONTENT["resources"]:
        if resource["slug"] in {"nnsc", "nicjr"}:
            named, _, beyond = resource["description"].partition("Not from the report: ")
            assert named.startswith("Named in the PERF brief") and beyond


BRITISH = re.compile(
    r"organis|behaviour|recognis|prioritis|colour|favour|honour|centre|programme|analys|"
    r"judgement|neighbour|licence|defence|travell|labell|cancell|practise",
    re.IGNORECASE,
)


def test_the_content_is_in_american_english():
    assert BRITISH.findall(all_text()) == []


# --- Examples and suggestions --------------------------------------------------------------


def test_every_example_illustrates_suggestions_of_its_own_part_of_the_report():
    for domain in DOMAINS:
        own = {s["slug"] for s in domain["suggestions"]}
        for example in domain["examples"]:
            assert set(example["suggestions"]) <= own, example["slug"]


def test_the_fears_over_shared_information_tie_to_the_information_sharing_parameters():
    fears = next(i for i in STATEMENTS if i["slug"] == "information-sharing-fears-discussed")
    assert fears["suggestion"] == "establish-information-sharing-parameters"
