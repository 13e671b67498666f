"""The example plugin's own test: lint a string in-process with copydesk.testing."""

from copydesk.testing import lint_text, spans


def test_flags_exclamation_outside_quotes():
    text = 'Shares rose 40%! "Wow!" said one trader.\n'
    reports = lint_text(text, select=["exclamation-mark"])
    assert spans(reports, text) == ["!"]
    assert reports[0].column == 16
