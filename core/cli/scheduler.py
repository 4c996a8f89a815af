"""``--scheduler ADDRESS`` on ``analyze`` and ``add``: the analysis on a Dask cluster.

Dask is an extra (``pip install 'newsread[dask]'``): this module names it without importing it, and
``core.analysis.cluster`` (which does) is imported only when ``--scheduler`` is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from ..errors import NewsreadError
from .common import F

if TYPE_CHECKING:
    from ..analysis.cluster import Cluster

DASK_EXTRA = "pip install 'newsread[dask]'"


def scheduler_option(func: F) -> F:
    return click.option(
        "--scheduler",
        "scheduler",
        default=None,
        metavar="ADDRESS",
        help="Analyse on a Dask cluster: a scheduler's address (tcp://HOST:8786), or local:N for N local workers.",
    )(func)


@contextmanager
def cluster_for(address: str | None, model: str | None) -> Iterator[Cluster | None]:
    """The cluster named by ``--scheduler`` with ``model`` loaded on its workers (None without the
    option), closed on exit; without Dask installed, one line saying how to install it."""
    if address is None:
        yield None
        return
    try:
        from ..analysis import cluster
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("dask", "distributed"):
            raise
        raise NewsreadError(f"--scheduler needs Dask, which is not installed: {DASK_EXTRA}") from None
    with cluster.connected(address, model) as connected:
        yield connected
