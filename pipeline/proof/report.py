"""The proof's reports for people and machines: the terminal table and the ``--json`` data."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from pipeline.durations import player_clock
from pipeline.proof.flagging import Verdict
from pipeline.proof.run import ArticleProof

LABELS = ("written", "spoken", "heard")


def proof_data(proofs: list[ArticleProof], base: Path | None = None) -> dict[str, object]:
    """The ``--json`` report: one entry per article, one per utterance (paths relative to
    ``base``, the working folder, when they are inside it)."""
    return {"articles": [_article(proof, base or Path.cwd()) for proof in proofs]}


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _article(proof: ArticleProof, base: Path) -> dict[str, object]:
    article = proof.article
    return {
        "source": _relative(article.source, base),
        "output": _relative(article.folder, base),
        "model": proof.model,
        "threshold": proof.threshold,
        "flagged": len(proof.flagged),
        "utterances": [
            _utterance(verdict, track.track.file_name)
            for track in proof.tracks
            for verdict in track.verdicts
        ],
    }


def _utterance(verdict: Verdict, track: str) -> dict[str, object]:
    comparison = verdict.comparison
    utterance = comparison.utterance
    return {
        "id": utterance.id,
        "kind": utterance.kind.value,
        "track": track,
        "start": round(utterance.start, 3),
        "end": round(utterance.end, 3),
        "written": utterance.written,
        "spoken": utterance.spoken,
        "heard": comparison.heard,
        "error": round(verdict.error, 3),
        "wer": round(comparison.error, 3),
        "tolerance": round(verdict.tolerance, 3),
        "flagged": verdict.flagged,
        "misheard": [list(pair) for pair in comparison.misheard],
        "changes": [
            {"written": c.written, "spoken": c.spoken, "rule": c.rule} for c in utterance.changes
        ],
    }


def table_lines(proof: ArticleProof, page: Path | None = None) -> list[str]:
    """The terminal report of one article: a summary line, then each flagged utterance as a
    row (track, time, error, id) with its written, spoken and heard text under it."""
    verdicts = proof.verdicts
    lines = [
        f"{proof.article.folder.name}: {len(proof.flagged)} of {len(verdicts)} utterances "
        f"flagged (model {proof.model}, threshold {proof.threshold:g})"
    ]
    width = max(40, shutil.get_terminal_size().columns - 14)
    if proof.flagged:
        lines.append(f"  {'track':<6}{'time':<14}{'error':<7}id")
    for track in proof.tracks:
        number = Path(track.track.file_name).name.split(" ")[0]
        for verdict in track.verdicts:
            if not verdict.flagged:
                continue
            u = verdict.comparison.utterance
            clock = f"{player_clock(u.start)}-{player_clock(u.end)}"
            lines.append(f"  {number:<6}{clock:<14}{verdict.error:<7.2f}{u.id}")
            texts = (u.written, u.spoken, verdict.comparison.heard or "(nothing)")
            for label, text in zip(LABELS, texts, strict=True):
                wrapped = textwrap.wrap(text, width) or [""]
                lines.append(f"    {label:<9}{wrapped[0]}")
                lines.extend(f"    {'':<9}{rest}" for rest in wrapped[1:])
    changed = sum(bool(v.comparison.utterance.changes) for v in verdicts)
    if changed:
        lines.append(
            f"  {changed} {'utterance is' if changed == 1 else 'utterances are'} spoken "
            "differently from how they are written "
            "(numbers, abbreviations, pronunciations): confirm them"
            + (f" in {page}" if page else " with --json")
            + "."
        )
    elif page:
        lines.append(f"  Listen: {page}")
    return lines
