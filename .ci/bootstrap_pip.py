"""Install pip into a virtual environment made with --without-pip.

Debian's python3 lacks ensurepip unless python3-venv is installed; this fetches the newest pip
wheel from PyPI and lets it install itself, so `make` needs nothing but Python and make.
"""

import json
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

with urllib.request.urlopen("https://pypi.org/pypi/pip/json", timeout=60) as response:
    release = json.load(response)
wheel = next(f for f in release["urls"] if f["packagetype"] == "bdist_wheel")
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / wheel["filename"]
    with urllib.request.urlopen(wheel["url"], timeout=120) as response:
        path.write_bytes(response.read())
    subprocess.check_call([sys.executable, f"{path}/pip", "install", "--quiet", str(path)])
