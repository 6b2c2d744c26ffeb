from acme_widgets.core import render


def test_render():
    assert render("x") == "<x>"
