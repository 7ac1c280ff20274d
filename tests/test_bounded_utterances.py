"""Bounded utterances: run-on sentences and long headings are cut before synthesis, and each
chunk keeps its own place on the page for the read-aloud highlight."""

from __future__ import annotations

import itertools

from conftest import write

from pipeline.config import BuildConfig
from pipeline.model import Section
from pipeline.narration.chunks import MAX_CHARS, MAX_CHARS_DENSE, bounded_spans
from pipeline.narration.script import Kind, build_script
from pipeline.narration.sentences import heading_chunks, paragraph_sentences
from pipeline.publishing.build import prepare
from pipeline.readers import read_article

PHRASE = "the night train, slow and patient; crossed a valley where nobody had ever lived — or so"
WORDS = PHRASE.split(" ")


def run_on(chars: int, punctuation: bool = True) -> str:
    words = itertools.cycle(WORDS if punctuation else [w.strip(",;—") for w in WORDS if w != "—"])
    text = ""
    while len(text) < chars:
        text += next(words) + " "
    return text.strip()


def check_bounded(text: str, spans: list[tuple[int, int]], limit: int) -> None:
    assert spans and all(0 < end - start <= limit for start, end in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    covered = "".join(text[start:end] for start, end in spans)
    assert covered == "".join(text.split()) or covered.replace(" ", "") == text.replace(" ", "")
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_a_29000_character_run_on_yields_only_bounded_utterances(tmp_path) -> None:
    paragraph = run_on(29_000)
    source = write(tmp_path, "run-on.md", f"# Run-on\n\nIt began {paragraph}\n")
    tracks = build_script(prepare(source, BuildConfig()), "Joe")
    spoken = [
        u for t in tracks for u in t.utterances if u.kind in (Kind.SENTENCE, Kind.PARAGRAPH_END)
    ]
    assert len(spoken) >= 29_000 // MAX_CHARS
    assert max(len(u.text) for u in spoken) <= MAX_CHARS
    assert " ".join(u.text for u in spoken) == f"It began {paragraph}"
    assert len({u.id for u in spoken}) == len(spoken)
    most = max(spoken, key=lambda u: len(u.text)).text
    assert most.endswith((",", ";", "—")), "cut at a clause boundary when there is one"


def test_without_punctuation_cuts_fall_on_conjunctions_then_spaces() -> None:
    text = run_on(5_000, punctuation=False)
    spans = bounded_spans(text, 0, len(text))
    check_bounded(text, spans, MAX_CHARS)
    follows = {text[end:].split()[0] for _, end in spans[:-1]}
    assert follows <= {"and", "or", "where", "so"}
    nospace = "x" * 1_000
    check_bounded(nospace, bounded_spans(nospace, 0, 1_000), MAX_CHARS_DENSE)


def test_cjk_text_is_cut_after_its_punctuation_then_by_length() -> None:
    chinese = "夜车缓缓穿过山谷，没有人在那里住过。" * 60
    spans = bounded_spans(chinese, 0, len(chinese))
    check_bounded(chinese, spans, MAX_CHARS_DENSE)
    assert all(chinese[end - 1] in "，。" for _, end in spans[:-1])
    unbroken = "夜车缓缓穿过山谷没有人在那里住过" * 40
    check_bounded(unbroken, bounded_spans(unbroken, 0, len(unbroken)), MAX_CHARS_DENSE)


def test_short_sentences_are_not_cut() -> None:
    text = "A short sentence, with a comma; and a clause."
    assert bounded_spans(text, 0, len(text)) == [(0, len(text))]


def test_the_xhtml_and_the_script_share_the_chunks(tmp_path) -> None:
    title = "A heading " + run_on(600)
    source = write(tmp_path, "a.md", f"---\ntitle: T\n---\n## {title}\n\n{run_on(900)}.\n")
    article = read_article(source)
    section: Section = article.sections[0]
    chunks = heading_chunks(section)
    assert len(chunks) >= 3 and all(c.id.startswith(f"{section.id}__h") for c in chunks)
    assert " ".join(c.text for c in chunks) == title
    (paragraph,) = paragraph_sentences(section, "en")
    tracks = build_script(prepare(source, BuildConfig()), "Joe")
    ids = [u.id for u in tracks[0].utterances]
    assert [c.id for c in chunks] + [s.id for s in paragraph] == ids[1:-1]
