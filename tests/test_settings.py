from pathlib import Path

import pytest

from caravan.settings import Settings, get_settings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CARAVAN_LEDGER", "CARAVAN_DATA", "CARAVAN_STORE"):
        monkeypatch.delenv(name, raising=False)
    s = get_settings()
    assert (s.ledger, s.data, s.store_dir) == (Path("caravan.duckdb"), Path("data"), Path("caravan.store"))


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CARAVAN_LEDGER", str(tmp_path / "x.duckdb"))
    monkeypatch.setenv("CARAVAN_DATA", str(tmp_path / "d"))
    monkeypatch.setenv("CARAVAN_STORE", "")
    s = get_settings()
    assert s.ledger == tmp_path / "x.duckdb" and s.data == tmp_path / "d"
    assert s.store_dir == tmp_path / "x.store"


def test_strings_become_paths() -> None:
    s = Settings(ledger="a.duckdb", data="d", store="s")  # type: ignore[arg-type]
    assert s == Settings(ledger=Path("a.duckdb"), data=Path("d"), store=Path("s"))


def test_spark_settings_come_from_the_environment(tmp_path: Path) -> None:
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text("# cluster\nspark.executor.memory 4g\nspark.sql.shuffle.partitions=200\n", encoding="utf-8")
    s = Settings.from_env({"CARAVAN_SPARK_MASTER": "spark://head:7077", "CARAVAN_SPARK_CONF": str(conf)})
    assert s.spark_master == "spark://head:7077" and s.spark_conf == conf
    from caravan.ledger.backends import spark_properties

    props = spark_properties(s.spark_master, s.spark_conf)
    # A cluster keeps its own sizing; the file's properties win over Caravan's.
    assert props["spark.executor.memory"] == "4g" and props["spark.sql.shuffle.partitions"] == "200"
    assert "spark.driver.memory" not in props and props["spark.sql.session.timeZone"] == "UTC"
    local = spark_properties("local[2]")
    assert local["spark.sql.shuffle.partitions"] == "2" and local["spark.driver.memory"] == "1g"


def test_a_bad_spark_properties_file_is_one_line(tmp_path: Path) -> None:
    from caravan.errors import InputError
    from caravan.ledger.backends import spark_properties

    conf = tmp_path / "bad.conf"
    conf.write_text("spark.executor.memory\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1.*has no value"):
        spark_properties("yarn", conf)
    with pytest.raises(InputError, match="CARAVAN_SPARK_CONF"):
        spark_properties("yarn", tmp_path / "missing.conf")


def test_builds_to_keep_come_from_the_environment_and_bad_counts_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from caravan.errors import InputError

    monkeypatch.delenv("CARAVAN_KEEP_BUILDS", raising=False)
    assert get_settings().keep_builds == 5
    monkeypatch.setenv("CARAVAN_KEEP_BUILDS", "3")
    assert get_settings().keep_builds == 3
    for bad in ("0", "-1", "five", "2.5"):
        monkeypatch.setenv("CARAVAN_KEEP_BUILDS", bad)
        with pytest.raises(InputError, match=r"CARAVAN_KEEP_BUILDS .* at least 1") as info:
            get_settings()
        assert "\n" not in str(info.value)
