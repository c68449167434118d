"""Issue 22, item 5: one renderer per format (present/render), shared by the support table and the
audit's reports. Their whole output is pinned by the golden files (test_table.py) and the reports'
tests; these check what each helper promises on its own."""

from __future__ import annotations

from syncmatrix.present.render import csv, html, markdown


def test_one_page_skeleton_escapes_nothing_twice_and_closes_what_it_opens():
    style = html.Style(width="10rem", cell_padding="1px", table_rules=("caption { x }",), rules=("td ul { y }",))
    page = html.page_start("vi", html.text("A & <B>"), style, note="made by <us>")
    assert page[:3] == ["<!DOCTYPE html>", '<html lang="vi">', "<head>"]
    assert "<title>A &amp; &lt;B&gt;</title>" in page and page[-1] == "<h1>A &amp; &lt;B&gt;</h1>"
    assert page[-3:-1] == ["<!-- made by &lt;us&gt; -->", "<main>"]
    sheet = page[page.index("<style>") + 1 : page.index("</style>")]
    assert "max-width: 10rem;" in sheet[0] and sheet[2] == "caption { x }" and sheet[-1] == "td ul { y }"
    assert "padding: 1px;" in sheet[3]
    assert "<!--" not in "".join(html.page_start("en", "T", style))  # no note, no comment
    assert html.page_end() == ["</main>", "</body>", "</html>"]


def test_html_pieces_escape_their_attributes_and_take_markup_inside():
    assert html.link('x" onclick="y', "<b>a</b>") == '<a href="x&quot; onclick=&quot;y"><b>a</b></a>'
    assert html.link("#f-1", "1", aria_label="Note 1") == '<a href="#f-1" aria-label="Note 1">1</a>'
    assert html.paragraph("p", class_="rule", id="a<b") == '<p class="rule" id="a&lt;b">p</p>'
    assert html.heading(2, "h") == "<h2>h</h2>" and html.heading(2, "h", id="x") == '<h2 id="x">h</h2>'
    assert html.item("i", id="advisory-a") == '<li id="advisory-a">i</li>' and html.item("i") == "<li>i</li>"
    assert html.opening("section", aria_label="F") + html.closing("section") == '<section aria-label="F"></section>'
    assert html.row([html.row_header("d"), html.cell("1", "n")], before="<!-- r -->") == (
        '<tr><!-- r --><th scope="row">d</th><td class="n">1</td></tr>'
    )


def test_a_table_and_a_list_are_lines_their_document_joins():
    assert html.table_start(["a", "b"], caption="c") == [
        "<table>",
        "<caption>c</caption>",
        "<thead>",
        '<tr><th scope="col">a</th><th scope="col">b</th></tr>',
        "</thead>",
        "<tbody>",
    ]
    assert "".join(html.table_start(["a"])) == '<table><thead><tr><th scope="col">a</th></tr></thead><tbody>'
    assert "".join(html.table_end()) == "</tbody></table>"
    assert "".join(html.bullets(["<li>x</li>"])) == "<ul><li>x</li></ul>"


def test_the_bar_chart_says_each_figure_in_words_and_scales_to_the_largest():
    chart = html.bar_chart([("A", 4, "#111"), ("B", 1, "#222"), ("C", 0, "#333")], "Chart")
    assert chart.startswith("<figure><figcaption>Chart</figcaption>")
    assert 'style="width:100%;background:#111"></span><span>4</span>' in chart
    assert "width:25%;" in chart and 'width:0%;background:#333"></span><span>0</span>' in chart
    assert "width:0%" in html.bar_chart([("A", 0, "#111")], "Empty")  # nothing to scale to: no division by zero


def test_markdown_pieces_escape_only_through_text():
    assert markdown.text("![x](http://t/p.png)") == "\\!\\[x\\](http://t/p.png)"
    assert markdown.heading(3, "h") == "### h" and markdown.bullet(markdown.strong("b")) == "- **b**"
    assert markdown.table_head(["a", "b"], (markdown.RIGHT, markdown.LEFT)) == ["| a | b |", "|---:|---|"]
    assert markdown.table_head(["a", "b"])[1] == "|---|---|" and markdown.row(["1", ""]) == "| 1 |  |"
    assert markdown.link("see [1]", "https://x/a b") == "[see (1)](https://x/a%20b)"
    assert (
        markdown.quote("q") == "> q" and markdown.comment("c") == "<!-- c -->" and markdown.sup("1") == "<sup>1</sup>"
    )


def test_csv_lines_and_document_say_the_same_and_neither_runs_a_formula():
    rows = [["a", "=1+1"], [2, "x\ny"]]
    assert "".join(csv.lines(rows)) == csv.document(rows) == "a,'=1+1\r\n2,x\\u000ay\r\n"
    assert csv.document(rows, line_end="\n") == "a,'=1+1\n2,x\\u000ay\n"
