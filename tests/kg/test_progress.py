"""The load's progress bar names its phase and the rate, and stays quiet unless asked."""

from __future__ import annotations

import pytest

from kg.loaders.progress import Progress

pytestmark = pytest.mark.embedded_only


def test_the_bar_names_the_phase_bytes_and_triples_per_second(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bar = Progress(enabled=True, delay=0)
    bar.phase("parse", total=2_000_000)
    bar.advance(1_000_000, triples=20_000)
    bar.phase("write", total=2_000_000)
    bar.advance(2_000_000)
    bar.close()
    err = capsys.readouterr().err
    assert "load: parse  50%" in err
    assert "triples/s" in err
    assert "load: write 100%" in err


def test_a_disabled_bar_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    bar = Progress(enabled=False)
    bar.phase("parse", total=10)
    bar.advance(5, triples=5)
    bar.close()
    assert capsys.readouterr() == ("", "")
