"""The words of the dashboard, in every language of kb.LANGUAGES.

The command line's words (verdicts, Source, Remedy…) live in syncmatrix.i18n and are shared: a
key not found here is looked up there, so the two faces never name a verdict differently.
"""

from __future__ import annotations

from syncmatrix import i18n

_WORDS: dict[str, tuple[str, str]] = {
    # key: (English, Vietnamese)
    "page_title": ("syncmatrix: is this email set-up supported?", "syncmatrix: thiết lập email này có được hỗ trợ?"),
    "title": ("Is this email set-up supported?", "Thiết lập email này có được hỗ trợ không?"),
    "intro": (
        "Server-side synchronization of Dynamics 365 Customer Engagement (on-premises). Choose what you "
        "know about the mailbox; what you leave open stays open, and the other choices narrow as you go.",
        "Đồng bộ hóa phía máy chủ của Dynamics 365 Customer Engagement (on-premises). Hãy chọn những gì bạn "
        "biết về hộp thư; những gì để ngỏ vẫn để ngỏ, và các lựa chọn khác thu hẹp dần theo từng bước.",
    ),
    "language": ("Language", "Ngôn ngữ"),
    "undo": ("Undo", "Hoàn tác"),
    "undo_help": ("Take back the last change", "Bỏ thay đổi gần nhất"),
    "reset": ("Reset", "Đặt lại"),
    "reset_help": ("Leave every variable open again", "Để ngỏ lại mọi biến"),
    "share": ("Link to this configuration", "Liên kết tới cấu hình này"),
    "share_help": (
        "Send this link: it opens the same configuration in the same language.",
        "Gửi liên kết này: nó mở đúng cấu hình này với cùng ngôn ngữ.",
    ),
    "tab_explore": ("Explore", "Khám phá"),
    "tab_fix": ("Fix", "Sửa"),
    "tab_combinations": ("Supported combinations", "Các tổ hợp được hỗ trợ"),
    "tab_table": ("Support table", "Bảng hỗ trợ"),
    "tab_graph": ("Dependency graph", "Đồ thị phụ thuộc"),
    "open": ("(open)", "(để ngỏ)"),
    "choose": ("Choose one or more", "Chọn một hoặc nhiều"),
    "ruled_out_mark": ("✗ {label} (ruled out by {rules})", "✗ {label} (bị loại bởi {rules})"),
    "ruled_out": ("Ruled out by {items}", "Bị loại bởi {items}"),
    "left_label": ("Acceptable configurations left", "Số cấu hình chấp nhận được còn lại"),
    "left_detail": (
        "{s} supported, {w} supported with warnings",
        "{s} được hỗ trợ, {w} được hỗ trợ nhưng có cảnh báo",
    ),
    "verdict_line": ("{verdict_word}: {verdict} ({state})", "{verdict_word}: {verdict} ({state})"),
    "conflict_line": (
        "No completion can satisfy these choices together: {choices}",
        "Không có cách hoàn thiện nào thỏa mãn đồng thời các lựa chọn này: {choices}",
    ),
    "because": ("Because of", "Do"),
    "rule_meta": ("{severity} · {kind}", "{severity} · {kind}"),
    "quick_fix": ("Nearest fixes", "Cách sửa gần nhất"),
    "quick_fix_more": (
        "The Fix tab lets you lock variables and weigh the cost of each change.",
        "Thẻ Sửa cho phép khóa các biến và đặt chi phí cho từng thay đổi.",
    ),
    "turn_off": ("Turn off {label}", "Tắt {label}"),
    "turn_on": ("Turn on {label}", "Bật {label}"),
    "set_to": ("Set {label} to {value}", "Đặt {label} thành {value}"),
    "apply": ("Apply: {changes}", "Áp dụng: {changes}"),
    "fix_header": (
        "Fix {number}: {n} change(s), cost {cost}, then {verdict}",
        "Cách sửa {number}: {n} thay đổi, chi phí {cost}, khi đó {verdict}",
    ),
    "pick_value": ("{label}: choose the new value", "{label}: chọn giá trị mới"),
    "resolves": ("Resolves", "Giải quyết"),
    "fix_empty": (
        "Choose some values in Explore first: a fix changes only the values you chose.",
        "Hãy chọn vài giá trị ở thẻ Khám phá trước: cách sửa chỉ thay đổi những giá trị bạn đã chọn.",
    ),
    "locks": ("Keep these as they are", "Giữ nguyên các biến này"),
    "locks_help": (
        "A locked variable keeps the value you chose; the fix changes the others.",
        "Biến bị khóa giữ giá trị bạn đã chọn; cách sửa thay đổi các biến khác.",
    ),
    "costs": ("Cost of changing each variable", "Chi phí thay đổi từng biến"),
    "costs_help": (
        "A higher cost makes a fix avoid changing that variable (1 to 1000).",
        "Chi phí cao hơn khiến cách sửa tránh thay đổi biến đó (từ 1 đến 1000).",
    ),
    "strict": ("Only fully supported results (no warnings)", "Chỉ chấp nhận kết quả được hỗ trợ hoàn toàn"),
    "combinations_match": (
        "Only those matching the values chosen in Explore",
        "Chỉ những tổ hợp khớp với các giá trị đã chọn ở thẻ Khám phá",
    ),
    "combinations_verdicts": ("Verdicts shown", "Các kết luận hiển thị"),
    "combinations_count": ("{n} complete configurations", "{n} cấu hình đầy đủ"),
    "combinations_none": ("No complete configuration matches.", "Không có cấu hình đầy đủ nào khớp."),
    "download_csv": ("Download CSV", "Tải CSV"),
    "download_markdown": ("Download Markdown", "Tải Markdown"),
    "download_html": ("Download HTML", "Tải HTML"),
    "table_intro": (
        "The support table derived from the knowledge base by the solver.",
        "Bảng hỗ trợ do bộ giải suy ra từ cơ sở tri thức.",
    ),
    "table_alt": ("The support table", "Bảng hỗ trợ"),
    "graph_intro": (
        "Boxes are rules, ovals are the variables each rule reads. Red: a rule the configuration breaks "
        "(orange for a warning); pink: a variable such a rule reads; a thick outline: a variable you chose.",
        "Hình chữ nhật là quy tắc, hình bầu dục là các biến mà quy tắc đọc. Đỏ: quy tắc mà cấu hình vi phạm "
        "(cam nếu là cảnh báo); hồng: biến mà quy tắc đó đọc; viền đậm: biến bạn đã chọn.",
    ),
    "graph_focus": (
        "Only the rules that read a value you chose, and what they read",
        "Chỉ các quy tắc đọc một giá trị bạn đã chọn, và những gì chúng đọc",
    ),
    "graph_alt": ("Rules and the variables they read", "Các quy tắc và các biến chúng đọc"),
    "graph_broken": ("Highlighted rules: {rules}", "Các quy tắc được tô sáng: {rules}"),
    "graph_none": ("The configuration breaks no rule.", "Cấu hình không vi phạm quy tắc nào."),
    "link_problems": ("Parts of the link were ignored:", "Một số phần của liên kết đã bị bỏ qua:"),
    "link_unknown_variable": (
        "'{key}' is not a variable of a configuration{suggestion}",
        "'{key}' không phải là một biến của cấu hình{suggestion}",
    ),
    "link_bad_value": (
        "'{value}' is not a value of {key}; expected one of {allowed}",
        "'{value}' không phải là giá trị của {key}; cần một trong {allowed}",
    ),
    "link_repeated": (
        "{key} is given more than once; the link keeps none of its values",
        "{key} được cho nhiều lần; liên kết không giữ giá trị nào của nó",
    ),
    "link_bad_language": (
        "'{value}' is not a language of the dashboard; expected one of {allowed}",
        "'{value}' không phải là ngôn ngữ của bảng điều khiển; cần một trong {allowed}",
    ),
    "link_too_many": (
        "the link holds {n} parameters; only the first {limit} were read",
        "liên kết có {n} tham số; chỉ {limit} tham số đầu tiên được đọc",
    ),
    "link_more": ("and {n} more", "và {n} vấn đề khác"),
    "did_you_mean": (" (did you mean '{word}'?)", " (có phải ý bạn là '{word}'?)"),
    "kb_error": (
        "The knowledge base could not be loaded ({n} problem(s)):",
        "Không thể tải cơ sở tri thức ({n} vấn đề):",
    ),
    "reserved_name": (
        "variable name '{name}' is taken by the dashboard's links, whose own query parameters are "
        "{reserved} (in upper or lower case alike), so a link could not carry the variable; rename it "
        "in variables.yaml and in the rules",
        "tên biến '{name}' đã được liên kết của bảng điều khiển dùng: các tham số truy vấn riêng của "
        "liên kết là {reserved} (chữ hoa hay chữ thường đều vậy), nên liên kết không thể mang biến này; "
        "hãy đổi tên nó trong variables.yaml và trong các quy tắc",
    ),
    "combinations_more": (
        "Only the first {limit:,} of {total:,} acceptable combinations are listed; choose more values to "
        "list the rest.",
        "Chỉ liệt kê {limit} tổ hợp đầu tiên trong số {total} tổ hợp chấp nhận được; hãy chọn thêm giá "
        "trị để liệt kê phần còn lại.",
    ),
    "too_hard": (
        "This question needs more than {seconds:g} s of search: the knowledge base leaves too much open. "
        "Choose more values to narrow it.",
        "Câu hỏi này cần tìm kiếm lâu hơn {seconds:g} giây: cơ sở tri thức còn để ngỏ quá nhiều. Hãy chọn "
        "thêm giá trị để thu hẹp nó.",
    ),
    "unexpected": (
        "Something went wrong while drawing this page; the details are in the server's log. Reload the "
        "page or undo the last change.",
        "Đã xảy ra lỗi khi hiển thị trang này; chi tiết nằm trong nhật ký của máy chủ. Hãy tải lại trang "
        "hoặc hoàn tác thay đổi gần nhất.",
    ),
    "column_verdict": ("Verdict", "Kết luận"),
    # Kinds of rules (kb.Kind): which part of a document a rule encodes.
    "kind_table": ("support table", "bảng hỗ trợ"),
    "kind_footnote": ("footnote", "chú thích"),
    "kind_unsupported": ("unsupported list", "danh sách không hỗ trợ"),
    "kind_important": ("important", "quan trọng"),
    "kind_note": ("note", "ghi chú"),
    "kind_untested": ("untested", "chưa được kiểm thử"),
    "kind_reading": ("reading", "cách hiểu"),
    "kind_axiom": ("product fact", "đặc tính sản phẩm"),
    "kind_scope": ("scope", "phạm vi"),
}

LANGUAGE_NAMES = {"en": "English", "vi": "Tiếng Việt"}


def t(key: str, lang: str = "en", /, **values: object) -> str:
    """The words for `key` in `lang`, with `values` filled in; the command line's words as fallback."""
    if key not in _WORDS:
        return i18n.t(key, lang, **values)
    en, vi = _WORDS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def keys() -> tuple[str, ...]:
    """Every key of the dashboard's own table, in table order."""
    return tuple(_WORDS)


def english_only_phrases() -> tuple[str, ...]:
    """English words of the table whose Vietnamese differs, with the placeholders cut out.

    A page drawn in Vietnamese shows none of them; the tests look for them to find a word that was
    left untranslated.
    """
    phrases = []
    for en, vi in _WORDS.values():
        if en == vi:
            continue
        for part in en.replace("{", "}").split("}")[::2]:
            part = part.strip(" ():;,.'?✗")
            if len(part) >= 8 and part not in vi:
                phrases.append(part)
    return tuple(sorted(set(phrases)))
