"""gunicorn settings read from the project folder: `gunicorn app:app` uses them."""

import gc

from consultations.config import ConfigurationError, check_workers

# Each worker answers with 4 threads: while one thread waits on a 10 MB upload arriving or
# being stored, the others go on answering readers (bench/run.py --mode uploads measured the
# read pages' p99 1.4-1.8x higher beside uploads with one thread, 1.1-1.2x with four).
# Rendering holds the interpreter's lock, so more threads would not render more pages.
threads = 4


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
