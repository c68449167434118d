"""The words of the command line's output for people, in every language of kb.LANGUAGES."""

from __future__ import annotations

_WORDS: dict[str, tuple[str, str]] = {
    # key: (English, Vietnamese)
    "verdict": ("Verdict", "Kết luận"),
    "supported": ("supported", "được hỗ trợ"),
    "supported_with_warnings": ("supported with warnings", "được hỗ trợ, có cảnh báo"),
    "unsupported": ("unsupported", "không được hỗ trợ"),
    "complete": ("complete configuration", "cấu hình đầy đủ"),
    "partial": ("partial configuration: {n} variables open", "cấu hình chưa đầy đủ: còn {n} biến để ngỏ"),
    "error": ("error", "lỗi"),
    "warning": ("warning", "cảnh báo"),
    "source": ("Source", "Nguồn"),
    "remedy": ("Remedy", "Cách khắc phục"),
    "reading": ("Reading", "Cách hiểu"),
    "not_of_page": ("not a statement of the page", "không phải nội dung của trang"),
    "broken": ("Broken rules", "Quy tắc bị vi phạm"),
    "no_broken": ("No rule is broken by the given values.", "Các giá trị đã cho không vi phạm quy tắc nào."),
    "conflict": (
        "Conflict (a minimal set of choices no completion satisfies)",
        "Xung đột (tập lựa chọn tối thiểu không thể hoàn thiện)",
    ),
    "conflict_rules": ("because of", "do"),
    "possible": ("Still possible", "Vẫn có thể chọn"),
    "ruled_out": ("ruled out", "bị loại"),
    "by": ("by", "bởi"),
    "fixes": ("Nearest fixes", "Cách sửa gần nhất"),
    "no_fix": ("No fix exists within the locks given.", "Không có cách sửa nào với các biến đã khóa."),
    "already": (
        "Nothing to change: the configuration is already {verdict}.",
        "Không cần thay đổi: cấu hình đã {verdict}.",
    ),
    "fix_line": ("{n} change(s), cost {cost}, then {verdict}", "{n} thay đổi, chi phí {cost}, khi đó {verdict}"),
    "any_of": ("any of", "một trong"),
    "distance": ("Distance", "Khoảng cách"),
    "resolves": ("resolves", "giải quyết"),
    "count": (
        "{total} complete configurations are acceptable: {s} supported, {w} supported with warnings",
        "{total} cấu hình đầy đủ chấp nhận được: {s} được hỗ trợ, {w} được hỗ trợ nhưng có cảnh báo",
    ),
    "lint_clean": ("No problems.", "Không có vấn đề."),
    "problems": ("Problems", "Vấn đề"),
    "info": ("Information", "Thông tin"),
    "rules": ("Rules", "Quy tắc"),
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The words for `key` in `lang`, with `values` filled in."""
    en, vi = _WORDS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text
