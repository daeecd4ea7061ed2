"""gunicorn settings read from the project folder: `gunicorn app:app` uses them."""

import gc


def post_worker_init(worker):
    # The app's modules, templates and catalogs are loaded now and live as long as the
    # worker: keep them out of the garbage collector's full passes, which otherwise
    # stop a request for several milliseconds now and then.
    gc.freeze()
