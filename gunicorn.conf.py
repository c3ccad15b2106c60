"""gunicorn settings for the IOP service. gunicorn reads this file from the working directory:

    IOP_DATABASE_URL=postgresql://... IOP_SECRET_KEY=... IOP_BASE_URL=https://iop.kommun.se \\
        gunicorn                      # or: gunicorn -c /path/to/gunicorn.conf.py

Every setting can be changed through the environment (IOP_BIND, IOP_WORKERS, ...) so the
same file serves every installation. The scheduler does NOT run here: start exactly one
`iop scheduler` process beside the web workers (README, "Drift").
"""

import multiprocessing
import os

wsgi_app = "iop:create_app()"

# Behind a reverse proxy (nginx, a load balancer) that terminates TLS: listen locally.
bind = os.environ.get("IOP_BIND", "127.0.0.1:8000")

# Sync workers, one request each: the work is database- and CPU-bound (documents, reports).
# Two per core and one more, at most eight: each holds its own pool of database connections.
workers = int(os.environ.get("IOP_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "sync"

# A worker silent this long is killed and replaced; a report or a document conversion can
# take a few seconds, a stuck one must not hold a worker forever.
timeout = int(os.environ.get("IOP_WORKER_TIMEOUT", "60"))
graceful_timeout = 30  # on restart, requests in flight get this long to finish
keepalive = 5

# Replace a worker after this many requests (with jitter, not all at once): memory stays bounded.
max_requests = 1000
max_requests_jitter = 100

# Off: every worker builds its own app, and with it its own database connections, after the
# fork. Preloading would open the engine in the master and hand the same sockets to every
# worker (SQLAlchemy's warning about pools and fork), and a HUP would not load new code.
preload_app = False

# The heartbeat file on tmpfs: a worker is not killed for a slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# X-Forwarded-Proto/-For are believed from these addresses only (the proxy); the app's own
# IOP_TRUSTED_PROXIES decides what it makes of X-Forwarded-For for login limits.
forwarded_allow_ips = os.environ.get("IOP_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Requests larger than the app accepts never reach a worker in pieces worth parsing.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Logs: JSON lines on stdout (access) and stderr (errors, and the app's own log lines),
# each with the request id; IOP_LOG_FORMAT=text for people reading a terminal.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("IOP_LOG_LEVEL", "info").lower()
logger_class = "iop.logs.GunicornLogger"
proc_name = "iop"
