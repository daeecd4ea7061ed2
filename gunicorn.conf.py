"""gunicorn settings read from the project folder: `gunicorn app:app` uses them."""

import ctypes
import ctypes.util
import gc
import itertools

from consultations.config import ConfigurationError, check_workers

# One request at a time per worker. Four threads (chosen so that a slow 10 MB upload would
# not hold up readers) crashed workers with a segmentation fault (in the garbage collector,
# Jinja's template cache or an import, while other threads sat in SQLite calls) once or twice
# a minute under the benchmark's mix with pages kept (16 connections, SQLite),
# never with one thread (docs/performance.md, "Workers"); one thread also gave the mix
# steadier latency. A reverse proxy that buffers request bodies (README, production) keeps
# slow uploads off the workers instead.
threads = 1


def on_starting(server):
    # The worker count is known for sure only here (--workers, WEB_CONCURRENCY or
    # GUNICORN_CMD_ARGS): production refuses rate limits each worker would count alone.
    try:
        check_workers(server.cfg.workers)
    except ConfigurationError as error:
        server.log.error("%s", error)
        raise SystemExit(1) from error


def post_worker_init(worker):
    # The app's modules, templates and catalogs are loaded now and live as long as the
    # worker: keep them out of the garbage collector's full passes, which otherwise
    # stop a request for several milliseconds now and then.
    gc.freeze()


# Rendering a page makes and drops many small objects; the C allocator keeps the freed
# memory for later instead of handing it back, so a worker's resident memory creeps up to
# its peak of garbage (about 45 MB over the benchmark's mix). Handing it back every few
# hundred requests keeps a worker near what it really holds (docs/performance.md, "Memory").
TRIM_EVERY_REQUESTS = 500
_served = itertools.count(1)


def _malloc_trim():
    """glibc's malloc_trim, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None


_trim = _malloc_trim()


def post_request(worker, req, environ, resp):
    if _trim is not None and next(_served) % TRIM_EVERY_REQUESTS == 0:
        _trim(0)
