from macros.html_compact import compact, first_use_only


def test_indentation_goes_but_preformatted_text_stays():
    html = ("<div>\n    <p>Hello\n      world</p>\n\n\n  <pre>  keep\n    this</pre>\n  <textarea>\n  as "
            "typed</textarea>\n</div>")
    assert (compact(html)
            == "<div>\n<p>Hello\nworld</p>\n<pre>  keep\n    this</pre>\n<textarea>\n  as typed</textarea>\n</div>")


def test_a_glossary_term_is_explained_on_first_use_only():
    html = ('<p><abbr title="A way of paying.">Payment by Results</abbr> and <abbr title="A way of paying.">payment by '
            'results</abbr>.</p>')
    assert (first_use_only(html)
            == '<p><abbr title="A way of paying.">Payment by Results</abbr> and payment by results.</p>')
