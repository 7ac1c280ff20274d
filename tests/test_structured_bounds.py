"""Bounded structured input (issue 19, item 1): a YAML alias bomb, a cycle, deep nesting or an
oversized TOML or JSON block is refused at once with file:line, exit 2, in front matter, the
house lexicon and earmark.toml alike. On main before this change, ``earmark outline`` on the
bomb below ran until killed (front_matter._cleaned expanded every alias)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.errors import SourceError
from pipeline.readers.structured import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_FRONT_MATTER_BYTES,
    MAX_VALUES,
    load_yaml,
)
from pipeline.speech.lexicon import read_house_lexicon


def bomb(levels: int = 9) -> str:
    """Nine levels of nine-fold aliases: about 387 million strings once expanded."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


BOMB_MESSAGE = f"uses YAML aliases that expand to more than {MAX_VALUES} values"


def test_front_matter_bomb_is_refused_in_a_second(tmp_path: Path) -> None:
    source = write(tmp_path, "bomb.md", f"---\ntitle: Boom\n{bomb()}---\n\nText.\n")
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "outline", str(source)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.perf_counter() - started
    assert run.returncode == 2, run.stderr
    # Line 8 (a5) is where the count passes the bound: each level is nine times the last.
    assert f"{source}:8: front matter {BOMB_MESSAGE}" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert elapsed < 5, f"took {elapsed:.1f} s (the interpreter's start included)"


def test_bomb_refused_before_anything_expands() -> None:
    started = time.perf_counter()
    with pytest.raises(SourceError, match=BOMB_MESSAGE):
        load_yaml(Path("x.yaml"), bomb(), "the file")
    assert time.perf_counter() - started < 1


def test_aliases_within_the_bound_still_load() -> None:
    text = "base: &base {voice: calm}\nfirst: *base\nsecond:\n  <<: *base\n  extra: 1\n"
    parsed = load_yaml(Path("x.yaml"), text, "the file")
    assert parsed.value["second"] == {"voice": "calm", "extra": 1}
    assert parsed.lines == {"base": 1, "first": 2, "second": 3}


def test_alias_cycle_and_deep_nesting_are_refused() -> None:
    with pytest.raises(SourceError, match="inside its own anchor"):
        load_yaml(Path("x.yaml"), "a: &a [1, *a]\n", "the file")
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(SourceError, match="levels deep"):
        load_yaml(Path("x.yaml"), deep, "the file")
    very_deep = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(SourceError):
        load_yaml(Path("x.yaml"), very_deep, "the file")


def test_house_lexicon_bomb(tmp_path: Path) -> None:
    lexicon = write(tmp_path, "pronunciations.yaml", f"Ok-Ju: Oak Joo\n{bomb()}")
    started = time.perf_counter()
    with pytest.raises(SourceError) as raised:
        read_house_lexicon(tmp_path)
    assert time.perf_counter() - started < 1
    assert str(raised.value).startswith(f"{lexicon}:7: the house lexicon {BOMB_MESSAGE}")


def test_house_lexicon_size_bound(tmp_path: Path) -> None:
    write(tmp_path, "pronunciations.yaml", "a: b\n" * (MAX_FILE_BYTES // 5 + 1))
    with pytest.raises(SourceError, match="larger than 4 MB"):
        read_house_lexicon(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("+++\n" + 'x = "' + "a" * MAX_FRONT_MATTER_BYTES + '"\n+++\n\nText.\n', "larger than"),
        ("{\n" + '"x": "' + "a" * MAX_FRONT_MATTER_BYTES + '"\n}\n\nText.\n', "larger than"),
        ("+++\nx = " + "[" * 3000 + "]" * 3000 + "\n+++\n\nText.\n", "nests too deeply"),
        ('{\n"x": ' + "[" * 3000 + "]" * 3000 + "\n}\n\nText.\n", "nests too deeply"),
        ("+++\nx = " + "[" * 80 + "]" * 80 + "\n+++\n\nText.\n", "nests too deeply"),
        ("+++\nx = " + "9" * 5000 + "\n+++\n\nText.\n", "TOML cannot read"),
    ],
    ids=["toml-size", "json-size", "toml-recursion", "json-recursion", "toml-depth", "toml-int"],
)
def test_toml_and_json_bounds(tmp_path: Path, text: str, message: str) -> None:
    source = write(tmp_path, "big.md", text)
    result = CliRunner().invoke(main, ["outline", str(source)])
    assert result.exit_code == 2, result.output
    assert f"{source}:" in result.output and message in result.output, result.output
    assert "Traceback" not in result.output


def test_earmark_toml_bounds(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "Text.\n")
    config = write(tmp_path, "earmark.toml", "[feed]\n" + "# filler\n" * (MAX_FILE_BYTES // 9 + 10))
    result = CliRunner().invoke(main, ["outline", str(tmp_path / "a.md")])
    assert result.exit_code == 2 and f"{config}: the project config is larger" in result.output
    write(tmp_path, "earmark.toml", "[feed]\ntitle = " + "[" * 3000 + "]" * 3000 + "\n")
    result = CliRunner().invoke(main, ["outline", str(tmp_path / "a.md")])
    assert result.exit_code == 2 and "nests too deeply" in result.output, result.output


# --- random YAML with anchors never hangs ----------------------------------------------------


@st.composite
def anchored_yaml(draw) -> str:
    """A flow-style YAML mapping whose values reuse earlier anchors, any number of times."""
    lines, anchors = [], []
    for index in range(draw(st.integers(1, 12))):
        refs = draw(st.lists(st.sampled_from(anchors), max_size=12)) if anchors else []
        scalars = draw(st.lists(st.sampled_from(["x", "1", "'y'", "null", "[]", "{}"]), max_size=4))
        items = [f"*{ref}" for ref in refs] + scalars
        kind = draw(st.sampled_from(["seq", "map", "merge"]))
        name = f"n{index}"
        if kind == "seq" or not refs:
            value = f"&{name} [{', '.join(items)}]"
        elif kind == "map":
            value = f"&{name} {{{', '.join(f'k{i}: {item}' for i, item in enumerate(items))}}}"
        else:
            value = f"&{name} {{<<: [{', '.join(f'*{ref}' for ref in refs)}], own: 1}}"
        if draw(st.booleans()) and anchors:  # sometimes an alias of something being built
            value = value[:-1] + f", *{name}" + value[-1]
        anchors.append(name)
        lines.append(f"{name}: {value}")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=150,
    deadline=2000,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(anchored_yaml())
def test_random_yaml_with_anchors_never_hangs(text: str) -> None:
    started = time.perf_counter()
    try:
        parsed = load_yaml(Path("x.yaml"), text, "the file")
    except SourceError:
        pass
    else:
        assert isinstance(parsed.value, dict)
    assert time.perf_counter() - started < 1.5


@settings(max_examples=60, deadline=2000, derandomize=True)
@given(st.text(alphabet="&*ab[]{}:, -\n<x'\"!|>", max_size=200))
def test_random_yaml_text_fails_cleanly(text: str) -> None:
    try:
        load_yaml(Path("x.yaml"), text, "the file")
    except SourceError:
        pass
    except yaml.YAMLError as error:  # pragma: no cover - a failure to report
        pytest.fail(f"unwrapped YAML error: {error}")
