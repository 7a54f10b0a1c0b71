"""Sweeps on Dask: the scheduler address checked before anything connects, the client (a
local cluster or an existing one), and the chunks submitted with bounded memory.

:func:`thermo_orbit.sweeps.engine.run_sweep` opens the client before it creates the
results folder, so an address that is wrong or does not answer leaves nothing behind.
The chunk tasks are the engine's, handed in by it (:class:`ChunkTasks`): this module
knows Dask, not what a chunk holds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from ..errors import InputError
from .store import SweepError

__all__ = ["check_scheduler_address", "dask_client", "run_dask", "payload_hash", "ChunkTasks"]


class ChunkTasks(NamedTuple):
    """The two tasks a Dask worker runs on chunk ``k`` of a spec payload:
    ``evaluate(payload, k)`` returns (Parquet bytes, stats) for the client to write;
    ``write(payload, k, directory)`` writes the chunk itself and returns its stats."""

    evaluate: Callable[[tuple, int], tuple[bytes, dict]]
    write: Callable[[tuple, int, str], dict]

_SCHEMES = ("tcp", "tls", "ws", "wss")
_ADDRESS = re.compile(r"(?:(?P<scheme>[A-Za-z]+)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.\-_]*)"
                      r":(?P<port>\d{1,5})/?")


def check_scheduler_address(address: str) -> str:
    """A Dask scheduler address in full (``host:8786`` becomes ``tcp://host:8786``), or
    :class:`InputError` naming ``scheduler`` when it is not of the form
    ``SCHEME://HOST:PORT`` (scheme tcp, tls, ws or wss; port 1 to 65535).  Nothing is
    contacted.  ``inproc://`` addresses (a cluster in this process) pass as they are.

    >>> check_scheduler_address("10.0.0.5:8786")
    'tcp://10.0.0.5:8786'
    """
    expected = "an address such as tcp://scheduler-host:8786 (tcp, tls, ws or wss; a host; a port 1 to 65535)"
    if not isinstance(address, str):
        raise InputError("scheduler", address, expected)
    text = address.strip()
    if text.startswith("inproc://"):
        return text
    m = _ADDRESS.fullmatch(text)
    why = ""
    if m is None:
        why = "no port" if ":" not in text.split("://")[-1] else "not HOST:PORT"
    elif m.group("scheme") and m.group("scheme").lower() not in _SCHEMES:
        why = f"unknown scheme {m.group('scheme')!r}"
    elif not 1 <= int(m.group("port")) <= 65535:
        why = f"port {m.group('port')} out of range"
    if why:
        raise InputError("scheduler", address, expected,
                         f"scheduler: expected {expected}, got {address!r} ({why})")
    return text if m.group("scheme") else f"tcp://{text}"


def _probe(address: str) -> None:
    """Fail at once on a TCP address where nothing listens (Dask itself retries until its
    timeout)."""
    import socket

    m = _ADDRESS.fullmatch(address)
    if m is None or (m.group("scheme") or "tcp").lower() != "tcp":
        return
    try:
        socket.create_connection((m.group("host").strip("[]"), int(m.group("port"))), timeout=10).close()
    except OSError as err:
        raise SweepError(f"cannot reach the Dask scheduler at {address}: {err.strerror or err}") from None


def _connect(address: str):
    from dask.distributed import Client

    _probe(address)
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as err:
        raise SweepError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    except Exception as err:  # noqa: BLE001 - e.g. a MemoryError on a frame length read from a non-Dask server
        raise SweepError(f"{address} answered, but not as a Dask scheduler ({type(err).__name__}); "
                         "check the host and port of the scheduler") from None
    try:
        client.scheduler_info()
    except Exception as err:  # noqa: BLE001
        client.close()
        raise SweepError(f"{address} answered, but not as a Dask scheduler ({type(err).__name__})") from None
    return client


@contextmanager
def dask_client(workers: int | None, scheduler: str | None):
    """A Dask client for the ``with`` block: a ``LocalCluster`` of ``workers``
    single-threaded processes, or the cluster at ``scheduler`` (checked by
    :func:`check_scheduler_address`; :class:`SweepError` when it does not answer as a
    scheduler).  Closed at the end."""
    import logging

    import dask
    from dask.distributed import Client, LocalCluster

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    # Dask sets MALLOC_TRIM_THRESHOLD_ for its workers, which also switches off glibc's
    # dynamic mmap threshold: every large numpy temporary is then mmapped and faulted in
    # anew, and the kernels run 2-3x slower (measured).  Keep glibc's defaults.
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    with dask.config.set({"distributed.comm.timeouts.connect": "120s",  # slow starts on a loaded machine
                          "distributed.nanny.pre-spawn-environ": environ}):
        cluster = client = None
        try:
            if scheduler is not None:
                client = _connect(check_scheduler_address(scheduler))
            else:
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
                client = Client(cluster)
            yield client
        finally:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()


def run_dask(client, payload: tuple, todo: list[int], record, workers: int | None, local: bool,
             directory: Path, tasks: ChunkTasks) -> None:
    """Submit the chunks ``todo`` to Dask, at most two per worker in flight, and
    ``record(k, data, stats)`` each as it finishes.  Local workers write their chunks
    themselves (``tasks.write``, same file system; ``data`` is None); a remote cluster's
    workers return the Parquet bytes (``tasks.evaluate``) and the client writes them (no
    shared file system needed)."""
    from dask.distributed import as_completed

    tag = payload_hash(payload)
    n_workers = max(len(client.scheduler_info().get("workers", {})), workers or 1)
    queue = list(todo)
    index = {}

    def submit(k):
        key = f"thermo-orbit-chunk-{k}-{tag}"
        fut = (client.submit(tasks.write, payload, k, str(directory.resolve()), key=key, pure=False) if local
               else client.submit(tasks.evaluate, payload, k, key=key, pure=False))
        index[fut.key] = k
        return fut

    ac = as_completed([submit(queue.pop(0)) for _ in range(min(2 * n_workers, len(queue)))])
    for fut in ac:
        result = fut.result()
        data, stats = (None, result) if local else result
        record(index.pop(fut.key), data, stats)
        fut.release()
        if queue:
            ac.add(submit(queue.pop(0)))


def payload_hash(payload: tuple) -> str:
    """Short hash of a spec payload: the chunk tasks' keys carry it."""
    return hashlib.sha256("\x00".join(payload).encode()).hexdigest()[:12]
