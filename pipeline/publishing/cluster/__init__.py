"""Building a batch on a Dask cluster (the optional ``earmark[dask]`` extra).

``executor.py`` runs on the client (checks, one task per article, progress, cancelling),
``task.py`` on the Dask workers (each article is built by a runner subprocess), and
``runner.py`` is that subprocess. Only ``dask_executor`` is imported without Dask installed.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from pipeline.errors import UsageError

if TYPE_CHECKING:
    from pipeline.publishing.jobs import Executor


def dask_executor(address: str) -> Executor:
    """The batch executor for the Dask scheduler at ``address`` (``"local"``: a LocalCluster
    on this machine); a ``UsageError`` when Dask is not installed."""
    try:
        from pipeline.publishing.cluster.executor import build_on_dask
    except ImportError as error:
        raise UsageError(
            f"--scheduler needs Dask distributed, which is not installed ({error}).",
            "Install earmark with its dask extra: pip install 'earmark[dask]'.",
        ) from None
    return functools.partial(build_on_dask, address)
