import newsclean


def test_extracts_paragraphs_and_drops_navigation():
    html = """<html><head><title>Budget passes | Daily</title></head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
    <article><h1>Budget passes</h1>
    <p>The city council passed the budget on Tuesday after a long debate about schools and roads.</p>
    <p>Members voted seven to two, and the mayor said she would sign it before the end of the week.</p>
    </article><footer>Copyright Daily</footer></body></html>"""
    art = newsclean.extract(html)
    assert art.title == "Budget passes"
    assert art.text == ("The city council passed the budget on Tuesday after a long debate about schools and roads."
                        "\n\nMembers voted seven to two, and the mayor said she would sign it before the end of "
                        "the week.")
