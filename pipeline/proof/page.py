"""``proof.html`` beside the article's output: each flagged sentence with a player that starts
at it (a media fragment, ``#t=start,end``), what was written, spoken and heard, and suggested
``pronunciations.yaml`` lines for the words that were misheard; then the softer list of every
span earmark speaks differently from how it is written, for a person to confirm."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import yaml

from pipeline.durations import player_clock
from pipeline.proof.aligning import words_of
from pipeline.proof.flagging import Verdict
from pipeline.proof.run import ArticleProof
from pipeline.system.files import write_atomically
from pipeline.writers.xhtml import UI_LANG, XHTML_NS, Element, child, element, serialize

PAGE_NAME = "proof.html"
STYLE = (
    "body{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:auto;padding:1rem}"
    "dt{font-weight:bold}dd{margin:0 0 .5rem 1rem}audio{width:100%}"
    "table{border-collapse:collapse}th,td{border:1px solid;padding:.25rem;text-align:left}"
    "article{border-top:1px solid;margin-top:1.5rem}"
)


def write_page(proof: ArticleProof) -> Path:
    """Write ``proof.html`` into the article's output folder and return its path."""
    path = proof.article.folder / PAGE_NAME
    write_atomically(path, proof_page(proof))
    return path


def proof_page(proof: ArticleProof) -> bytes:
    """The complete page for one article's proof."""
    name = proof.article.folder.name
    html = element("html", lang=UI_LANG)
    head = child(html, "head")
    child(head, "meta", charset="utf-8")
    child(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    child(head, "title", f"Proof-listening: {name}")
    child(head, "style", STYLE)
    body = child(html, "body")
    main = child(body, "main")
    child(main, "h1", f"Proof-listening: {name}")
    flagged = proof.flagged
    child(
        main,
        "p",
        f"{len(flagged)} of {len(proof.verdicts)} utterances flagged: what the recogniser "
        f"({proof.model}) heard differs from what earmark asked the voice to say by more than "
        f"the tolerance (threshold {proof.threshold:g}, more for short sentences).",
    )
    section = child(main, "section", aria_labelledby="flagged")
    child(section, "h2", f"Flagged sentences ({len(flagged)})", id="flagged")
    if not flagged:
        child(section, "p", "Nothing was flagged.")
    for track in proof.tracks:
        for verdict in track.verdicts:
            if verdict.flagged:
                section.append(_flagged(verdict, track.track.file_name, proof.article.lang))
    main.append(_changes(proof))
    return f"<!DOCTYPE html>\n{serialize(html, XHTML_NS, method='html')}\n".encode()


def _flagged(verdict: Verdict, track: str, lang: str) -> Element:
    comparison = verdict.comparison
    u = comparison.utterance
    times = f"{player_clock(u.start)} to {player_clock(u.end)}"
    node = element("article", aria_labelledby=u.id)
    child(node, "h3", f"{Path(track).stem}, {times}", id=u.id)
    child(
        node,
        "audio",
        f"Your browser cannot play it: {track}",
        controls="controls",
        preload="none",
        src=f"{quote(track)}#t={u.start:.3f},{u.end:.3f}",
        aria_label=f"Listen to this sentence, {times} in {Path(track).stem}",
    )
    facts = child(node, "dl")
    heard = comparison.heard or "(nothing)"
    for label, text in (("Written", u.written), ("Spoken", u.spoken), ("Heard", heard)):
        child(facts, "dt", label)
        _in_lang(child(facts, "dd", text), lang)
    child(facts, "dt", "Error")
    child(facts, "dd", f"{verdict.error:.2f} (tolerance {verdict.tolerance:.2f})")
    lines = suggestions(verdict, lang)
    if lines:
        child(node, "h4", "Suggested pronunciations.yaml lines")
        child(
            node,
            "p",
            "Misheard names: write how each should be said on the right, then rebuild.",
        )
        child(child(node, "pre"), "code", "\n".join(lines))
    return node


def suggestions(verdict: Verdict, lang: str) -> list[str]:
    """A ``pronunciations.yaml`` line for each name the recogniser misheard (a written word
    with a capital after the first word, or a hyphen inside: what a lexicon is for), its spoken
    form to be edited, with what was heard as a comment."""
    words = verdict.comparison.utterance.written.split()
    tokens = [w.strip(".,;:!?\"'()[]“”‘’") for w in words[1:]]
    names = [t for t in tokens if t and (any(c.isupper() for c in t) or "-" in t[1:-1])]
    lines = {}
    for meant, heard in verdict.comparison.misheard:
        written = next((t for t in names if meant in words_of(t, lang)), None)
        if written and written not in lines:
            entry = yaml.safe_dump({written: written}, allow_unicode=True).strip()
            lines[written] = f'{entry}  # heard "{heard}"'
    return list(lines.values())


def _changes(proof: ArticleProof) -> Element:
    section = element("section", aria_labelledby="changes")
    changed = [v.comparison.utterance for v in proof.verdicts if v.comparison.utterance.changes]
    count = sum(len(u.changes) for u in changed)
    child(section, "h2", f"Spoken differently from written ({count})", id="changes")
    child(
        section,
        "p",
        "Every span earmark reads aloud in another form than it is written (numbers, "
        "abbreviations, symbols, pronunciations): confirm that each is right.",
    )
    if not count:
        return section
    table = child(section, "table")
    child(table, "caption", "Spans spoken differently, in reading order")
    head = child(child(table, "thead"), "tr")
    for label in ("Sentence", "Written", "Spoken", "Rule"):
        child(head, "th", label, scope="col")
    rows = child(table, "tbody")
    for u in changed:
        for change in u.changes:
            row = child(rows, "tr")
            child(row, "th", u.id, scope="row")
            _in_lang(child(row, "td", change.written), proof.article.lang)
            _in_lang(child(row, "td", change.spoken), proof.article.lang)
            child(row, "td", change.rule)
    return section


def _in_lang(node: Element, lang: str) -> None:
    """Mark the article's own words when it is not in the page's language."""
    if lang.split("-")[0].lower() != UI_LANG:
        node.set("lang", lang)
