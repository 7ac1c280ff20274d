"""NVIDIA NeMo text processing's English normalization cases as an external check of
``pipeline.speech.spoken_form`` (issue 17): every case is read, compared leniently
(``nemo_cases.lenient``) and counted per class; the table is printed (``pytest -s``).

A class must keep at least the matches measured when this file was last reviewed
(``MATCHED_AT_LEAST``), so a regression fails; a better reading raises the number.
``tests/fixtures/nemo/differences.tsv`` lists the cases earmark reads differently on
purpose, each with its reason; they count as misses, and the table shows the accuracy
without them too."""

from __future__ import annotations

from collections import Counter

import pytest
from nemo_cases import NEMO, Case, earmark_reading, matches, read_cases

MATCHED_AT_LEAST: dict[str, int] = {
    "address": 9, "cardinal": 15, "date": 48, "decimal": 12, "electronic": 19, "fraction": 11,
    "math": 4, "measure": 17, "money": 70, "normalize_with_audio": 47, "ordinal": 18,
    "punctuation": 55, "punctuation_match_input": 12, "range": 15, "roman": 3, "serial": 15,
    "special_text": 8, "telephone": 17, "time": 19, "whitelist": 6, "word": 38,
}  # fmt: skip
"""Class -> cases matched, as measured at the end of issue 17 (out of the class's total)."""


def read_differences() -> dict[tuple[str, str], str]:
    """(class, written) -> why earmark reads it differently on purpose."""
    differences = {}
    for line in (NEMO / "differences.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, written, reason = line.split("\t")
            differences[kind, written] = reason
    return differences


@pytest.fixture(scope="module")
def results() -> list[tuple[Case, str, bool]]:
    return [
        (case, reading, matches(case, reading))
        for case in read_cases()
        for reading in [earmark_reading(case)]
    ]


WIDTHS = (6, 8, 11, 10, 9)


def table(results: list[tuple[Case, str, bool]], differences: dict) -> list[str]:
    totals, matched, on_purpose = Counter(), Counter(), Counter()
    for case, _, ok in results:
        totals[case.kind] += 1
        matched[case.kind] += ok
        on_purpose[case.kind] += (case.kind, case.written) in differences
    lines = [
        f"{'class':<26}{'cases':>6}{'matched':>8}{'on purpose':>11}{'accuracy':>10}{'without':>9}"
    ]
    for kind in sorted(totals):
        rest = totals[kind] - on_purpose[kind]
        lines.append(
            f"{kind:<26}{totals[kind]:>6}{matched[kind]:>8}{on_purpose[kind]:>11}"
            f"{matched[kind] / totals[kind]:>10.1%}{matched[kind] / rest if rest else 1:>9.1%}"
        )
    all_matched, all_cases = sum(matched.values()), sum(totals.values())
    everything = sum(on_purpose.values())
    lines.append(
        f"{'all':<26}{all_cases:>6}{all_matched:>8}{everything:>11}"
        f"{all_matched / all_cases:>10.1%}{all_matched / (all_cases - everything):>9.1%}"
    )
    return lines


def test_every_class_keeps_its_matches(results) -> None:
    differences = read_differences()
    print("\n" + "\n".join(table(results, differences)))
    matched = Counter(case.kind for case, _, ok in results if ok)
    assert set(MATCHED_AT_LEAST) == {case.kind for case, _, _ in results}
    fallen = {
        kind: (matched[kind], floor)
        for kind, floor in MATCHED_AT_LEAST.items()
        if matched[kind] < floor
    }
    assert fallen == {}, "classes matching fewer NeMo cases than before (now, before)"


def test_the_differences_on_purpose_are_nemo_cases_that_still_differ(results) -> None:
    differences = read_differences()
    cases = {(case.kind, case.written): ok for case, _, ok in results}
    assert [key for key in differences if key not in cases] == [], "not a NeMo case"
    assert [key for key in differences if cases[key]] == [], "matches now: remove it"
    assert all(reason.strip() for reason in differences.values())


def test_the_lenient_comparison() -> None:
    from nemo_cases import lenient

    assert lenient("five a m") == lenient("five AM") == "fiveam"
    assert lenient("one hundred and twenty-three") == lenient("one hundred twenty three")
    assert lenient("The end of a day.") == "endday"
    case = Case("cardinal", "3", ("three",))
    assert matches(case, "Three.") and not matches(case, "3") and not matches(case, "four")
