"""The platform under the features: database, broker, settings, migrations, translations."""

import logging
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from config.celery import app as celery_app
from config.settings import env

ROOT = Path(__file__).resolve().parent.parent
EXPECT_SERVICES = os.environ.get("EXPECT_SERVICES") == "1"


@pytest.mark.django_db
def test_database_is_postgresql_when_ci_sets_it():
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    if EXPECT_SERVICES:
        assert expected == "postgresql"
    assert connection.vendor == expected


def test_celery_broker_is_redis_when_ci_sets_it():
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        transport = conn.transport.driver_type
    expected = "redis" if os.environ.get("REDIS_URL") else "filesystem"
    if EXPECT_SERVICES:
        assert expected == "redis"
    assert transport == expected


def test_cache_reaches_redis_when_ci_sets_it():
    from django.core.cache import cache

    cache.set("infrastructure-probe", "ok", 10)
    assert cache.get("infrastructure-probe") == "ok"
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend.endswith("RedisCache") == bool(os.environ.get("REDIS_URL"))


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_committed_catalogues_are_compiled_from_their_sources(language):
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    assert po.percent_translated() == 100
    assert {e.msgid: e.msgstr for e in mo if e.msgid and not e.msgid_plural} == {
        e.msgid: e.msgstr for e in po.translated_entries() if not e.msgid_plural
    }


@pytest.mark.parametrize(
    ("helper", "value"),
    [(env.env_bool, "perhaps"), (env.env_int, "five"), (env.env_choice, "staging")],
)
def test_malformed_environment_values_stop_start_up(monkeypatch, helper, value):
    monkeypatch.setenv("SOME_SETTING", value)
    if helper is env.env_choice:
        args = ("SOME_SETTING", "development", ("development", "production"))
    else:
        args = ("SOME_SETTING", 1)
    with pytest.raises(ImproperlyConfigured, match="SOME_SETTING"):
        helper(*args)


def test_missing_required_variable_is_named(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env.env_str("SECRET_KEY")


def _manage(*args, env_overrides):
    environment = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    environment.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "APP_ENV": "production",
            "SECRET_KEY": "x" * 60 + "-production-secret-for-the-check-only-" + "y" * 20,
            "ALLOWED_HOSTS": "thidua.example.gov.vn",
            "SITE_URL": "https://thidua.example.gov.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
            "VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage(
        "check",
        env_overrides={
            "APP_ENV": "production",
            "SECRET_KEY": "",
            "ALLOWED_HOSTS": "thidua.example.gov.vn",
            "SITE_URL": "https://thidua.example.gov.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
            "VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def _embedded_default_settings(tmp_path, *names):
    """The settings `make run` starts with: no DEBUG, APP_ENV, DATABASE_URL or REDIS_URL set."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "APP_ENV", "DATABASE_URL", "REDIS_URL"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.base", "VAR_DIR": str(tmp_path)})
    code = f"from django.conf import settings; print(*(repr(getattr(settings, n)) for n in {names!r}), sep='|')"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().split("|")


def test_make_run_shows_the_products_error_pages_and_still_serves_static_files(tmp_path):
    # With DEBUG on, a 404 is Django's English technical page listing every URL (issue 14, item 10).
    assert _embedded_default_settings(tmp_path, "DEBUG", "WHITENOISE_USE_FINDERS") == ["False", "True"]


def test_expected_refusals_print_no_traceback(client, caplog, make_user):
    from campaigns.enums import Role

    # `make run`'s console printed each expected 403 with a traceback, twice (issue 14, item 26).
    client.force_login(make_user("uyvien-nhat-ky", Role.COUNCIL_MEMBER))
    with caplog.at_level("INFO"):
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
        assert client.get("/khong-co-trang-nay/").status_code == 404
    assert [r.getMessage() for r in caplog.records if r.name == "django.request"] == []
    assert logging.getLogger("django.request").isEnabledFor(logging.ERROR)


def test_the_embedded_broker_names_no_host_and_so_warns_of_none(caplog):
    with caplog.at_level("WARNING"), celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        conn.info()
    assert [r.getMessage() for r in caplog.records if "hostname" in r.getMessage()] == []
