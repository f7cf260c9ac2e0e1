"""One precedence everywhere: command-line option, then environment, then default."""

from pathlib import Path

from monitor.settings import DEFAULT_SOURCES, resolve_settings


def test_defaults_put_everything_in_the_data_directory():
    settings = resolve_settings(environ={})
    assert settings.data_dir == Path("data")
    assert settings.sources_path == DEFAULT_SOURCES
    assert settings.db_url == f"sqlite:///{Path('data').resolve() / 'icswatch.sqlite3'}"
    assert settings.blob_dir == Path("data/blobs")


def test_environment_beats_default():
    env = {"ICSWATCH_DATA": "/srv/ics", "ICSWATCH_SOURCES": "/etc/ics.yaml", "ICSWATCH_DB": "postgresql://db/ics"}
    settings = resolve_settings(environ=env)
    assert (settings.data_dir, settings.sources_path, settings.db_url) == (
        Path("/srv/ics"), Path("/etc/ics.yaml"), "postgresql://db/ics")


def test_option_beats_environment():
    env = {"ICSWATCH_DATA": "/srv/ics", "ICSWATCH_SOURCES": "/etc/ics.yaml", "ICSWATCH_DB": "postgresql://db/ics"}
    settings = resolve_settings(data_dir="/tmp/d", sources="s.yaml", db="sqlite:///x.db", environ=env)
    assert (settings.data_dir, settings.sources_path, settings.db_url) == (
        Path("/tmp/d"), Path("s.yaml"), "sqlite:///x.db")


def test_sqlite_default_follows_the_data_directory_wherever_it_comes_from():
    assert resolve_settings(environ={"ICSWATCH_DATA": "/srv/ics"}).db_url == "sqlite:////srv/ics/icswatch.sqlite3"
    assert resolve_settings(data_dir="/d", environ={}).db_url == "sqlite:////d/icswatch.sqlite3"


def test_empty_environment_values_count_as_unset():
    assert resolve_settings(environ={"ICSWATCH_DATA": ""}).data_dir == Path("data")
