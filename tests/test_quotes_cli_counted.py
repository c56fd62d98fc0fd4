"""`toolkit quotes` without -o shows which rows the metrics count."""

from toolkit.cli import main


def test_printed_quote_table_shows_counted(capsys):
    assert main(["quotes", "blinken-china-2024"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0].split()
    assert header[-1] == "counted"
    rows = [line.split() for line in out.splitlines()[1:34]]
    assert sum(r[-1] == "no" for r in rows) == 3  # NBC's two key-points bullets, RT's nested partial
    assert "counted no: left out of the metrics" in out
