"""Fixed written forms with one reading wherever they stand, as NeMo's whitelist keeps them:
"WWII" ("World War Two"), "401(k)" ("four oh one K"), "9/11" ("nine eleven"), "24/7"."""

from __future__ import annotations

import re

from pipeline.speech.en import tables
from pipeline.speech.en.context import Context, Rule, rule


def whitelist_rule() -> Rule:
    """A form from ``data/whitelist.tsv``, standing alone (not part of a longer word)."""
    forms = sorted(tables.mapping("whitelist"), key=len, reverse=True)
    return rule(
        "whitelist",
        r"(?<![\w/-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w/]|-\w)",
        _whitelist,
    )


def _whitelist(match: re.Match[str], _ctx: Context) -> str:
    return tables.mapping("whitelist")[match.group()]
