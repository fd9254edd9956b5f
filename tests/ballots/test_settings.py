"""BALLOT_QUORUM, the share of the council that must be present to vote: 2/3 by default; a value
that is no fraction between 0 and 1 stops start-up, naming the setting."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start(tmp_path, value):
    environment = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "BALLOT_QUORUM"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.base", "VAR_DIR": str(tmp_path)})
    if value is not None:
        environment["BALLOT_QUORUM"] = value
    code = "from django.conf import settings; print(settings.BALLOT_QUORUM)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)


@pytest.mark.parametrize(("value", "read"), [(None, "2/3"), ("0.5", "1/2"), ("3/4", "3/4")])
def test_the_quorum_is_two_thirds_unless_set(tmp_path, value, read):
    assert start(tmp_path, value).stdout.strip() == read


@pytest.mark.parametrize("value", ["hai phần ba", "3/2", "0"])
def test_a_quorum_that_is_no_share_stops_start_up(tmp_path, value):
    result = start(tmp_path, value)

    assert (result.returncode != 0, "BALLOT_QUORUM" in result.stderr) == (True, True)
