"""Benchmarks at province scale (issue 8; the targets are DESIGN.md's "Figures it must reach").

``generate`` builds the data set, ``run`` measures pages and jobs in one process (``memory``
measures peak memory in child processes), ``load.sh`` drives gunicorn with wrk; ``make bench``
runs them all and docs/benchmarks.md holds the figures.

Importing the package sets Django up as production serves it (DEBUG off, quiet logs), with a
``var/`` of its own unless VAR_DIR is set, so every ``python -m bench.<module>`` starts configured.
Where Django is already set up (the tests of ``bench.rows``), it leaves it and the environment alone.
"""

import os
from pathlib import Path

import django
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent

if not apps.ready:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # keeps sign-in notices out of the tables
    os.environ.setdefault("VAR_DIR", str(ROOT / "var" / "bench"))
    django.setup()
