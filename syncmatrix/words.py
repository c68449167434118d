"""The catalogue of every word syncmatrix says to a person, in every language of kb.LANGUAGES: one
table, one lookup, `t(key, lang)`.

The command line, the dashboard and the support table all say a verdict, a kind or a source the same
way because they read the same entry.

Errors too: any layer raises a key and its values (kb.errors.input_error), and `message` says them
in either language from the same entry, with what the person typed shortened and escaped
(syncmatrix/terminal.py); str() of the error is its English.

This module holds data and the lookup only, and imports nothing of syncmatrix: kb/, solver/ and the
audit's readers import it without importing presentation (tests/test_imports.py, tests/test_words.py).
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping

ECHO_LIMIT = 80  # characters of a person's input that a message repeats

# Control characters (C0 but tab and newline, C1, bidirectional overrides, lone surrogates from
# undecodable arguments or file names) are written as `\uXXXX`, which is also a valid escape inside
# a JSON string, so the same filter serves every format and every face.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def escape(text: str) -> str:
    """`text` with every character that could steer a terminal written as `\\uXXXX`."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """`text` escaped and, past `limit` characters, cut in the middle with '…' (both ends stay)."""
    text = escape(text)
    if len(text) <= limit:
        return text
    tail = limit // 3
    return f"{text[: limit - tail - 1]}…{text[-tail:]}"


_WORDS: dict[str, tuple[str, str]] = {
    # key: (English, Vietnamese)
    "verdict": ("Verdict", "Kết luận"),
    "supported": ("supported", "được hỗ trợ"),
    "supported_with_warnings": ("supported with warnings", "được hỗ trợ kèm cảnh báo"),
    "unsupported": ("unsupported", "không được hỗ trợ"),
    "complete": ("complete configuration", "cấu hình đầy đủ"),
    "partial": ("partial configuration: {n} variables open", "cấu hình chưa đầy đủ: còn {n} mục chưa chọn"),
    "error": ("error", "lỗi"),
    "warning": ("warning", "cảnh báo"),
    "source": ("Source", "Nguồn"),
    "read_at": ("Read it at", "Xem tại"),
    "coupled_by": ("{n} rule(s)", "{n} quy tắc"),
    "coupled_groups": (
        "Groups of variables that no rule relates to one another:",
        "Các nhóm mục không có quy tắc nào liên hệ với nhau:",
    ),
    "no_chain": (
        "No rule links {a} and {b}, directly or through other variables.",
        "Không có quy tắc nào liên hệ {a} và {b}, trực tiếp hay qua mục khác.",
    ),
    "remedy": ("Remedy", "Cách khắc phục"),
    "reading": ("Reading", "Cách hiểu"),
    "not_of_page": ("not a statement of the page", "không phải nội dung của trang"),
    "as_of_line": (
        "As of {day}: the page, with the advisories in force on that day.",
        "Tính đến ngày {day}: theo trang, cùng các khuyến cáo có hiệu lực vào ngày đó.",
    ),
    "page_only_line": (
        "The page alone: no advisory, whatever the date.",
        "Chỉ theo trang: không tính khuyến cáo nào, bất kể ngày nào.",
    ),
    "in_force_always": (
        "In force on every day (no date is published).",
        "Có hiệu lực mọi ngày (không có ngày công bố).",
    ),
    "superseded_from": (
        "Superseded from {day} by the advisory “{advisory}”, in answers about a day (the page alone keeps it).",
        "Được khuyến cáo “{advisory}” thay thế từ ngày {day}, trong câu trả lời về một ngày (nếu chỉ dựa "
        "vào trang, quy tắc vẫn giữ).",
    ),
    "in_force_until": ("In force until {until}.", "Có hiệu lực đến hết ngày {until}."),
    "in_force_from": ("In force from {start}.", "Có hiệu lực từ ngày {start}."),
    "in_force_between": ("In force from {start} to {until}.", "Có hiệu lực từ ngày {start} đến hết ngày {until}."),
    "broken": ("Broken rules", "Quy tắc bị vi phạm"),
    "warnings_title": ("Warnings", "Cảnh báo"),
    "warnings_one_of": (
        "Warnings: every acceptable completion breaks at least one of these",
        "Cảnh báo: mọi cách hoàn thiện chấp nhận được đều vi phạm ít nhất một trong số này",
    ),
    "no_broken": ("No rule is broken by the given values.", "Các giá trị đã cho không vi phạm quy tắc nào."),
    "conflict": (
        "Conflict (a minimal set of choices no completion satisfies)",
        "Xung đột (tập lựa chọn tối thiểu không thể hoàn thiện)",
    ),
    "conflict_rules": ("because of", "do"),
    "possible": ("Still possible", "Vẫn có thể chọn"),
    "ruled_out": ("ruled out", "bị loại"),
    "by": ("by", "do"),
    "fixes": ("Nearest fixes", "Cách sửa gần nhất"),
    "no_fix": ("No fix exists within the locks given.", "Không có cách sửa nào khi giữ nguyên các mục đã khóa."),
    "void": (
        "No fix exists: no configuration at all is supported by this knowledge base, so no change can "
        "help (see syncmatrix lint).",
        "Không có cách sửa nào: cơ sở tri thức này không hỗ trợ cấu hình nào cả, nên không thay đổi nào "
        "giúp được (xem syncmatrix lint).",
    ),
    "void_strict": (
        "No fix exists: no configuration at all is supported without warnings by this knowledge base; drop "
        "--strict to accept a configuration supported with warnings.",
        "Không có cách sửa nào: cơ sở tri thức này không hỗ trợ cấu hình nào mà không có cảnh báo; bỏ "
        "--strict để chấp nhận cấu hình được hỗ trợ kèm cảnh báo.",
    ),
    "more_rows": (
        "{more} more not shown (the first {shown} are); show them all with --limit 0, or the first N with --limit N",
        "còn {more} cấu hình không hiện (chỉ hiện {shown} cấu hình đầu); hiện tất cả bằng --limit 0, "
        "hoặc N cấu hình đầu bằng --limit N",
    ),
    "already": (
        "Nothing to change: the configuration is already {verdict}.",
        "Không cần thay đổi: cấu hình đã {verdict}.",
    ),
    "fix_line": ("{n} changes, cost {cost}, then {verdict}", "{n} thay đổi, chi phí {cost}, khi đó {verdict}"),
    "fix_line_one": ("1 change, cost {cost}, then {verdict}", "1 thay đổi, chi phí {cost}, khi đó {verdict}"),
    "any_of": ("any of", "một trong"),
    "distance": (
        "Distance: {n} (the fewest values to change to reach an acceptable configuration)",
        "Khoảng cách: {n} (số giá trị ít nhất phải đổi để có một cấu hình chấp nhận được)",
    ),
    "resolves": (
        "The rules above, with their sources and remedies",
        "Các quy tắc nêu trên, kèm nguồn và cách khắc phục",
    ),
    "count": (
        "{total} complete configurations are acceptable: {s} supported, {w} supported with warnings",
        "{total} cấu hình đầy đủ chấp nhận được: {s} được hỗ trợ, {w} được hỗ trợ kèm cảnh báo",
    ),
    "lint_clean": ("No problems.", "Không có vấn đề."),
    "problems": ("Problems", "Vấn đề"),
    "info": ("Information", "Thông tin"),
    "rules": ("Rules", "Quy tắc"),
    # --- errors: the paragraph after "syncmatrix: " ------------------------------------------
    "did_you_mean": (" (did you mean '{word}'?)", " (có phải ý bạn là '{word}'?)"),
    "in_word": ("in '{word}': ", "trong '{word}': "),
    "none_given": ("(none given)", "(chưa chọn mục nào)"),
    "see_help": ("{message} (see '{prog} --help')", "{message} (xem '{prog} --help')"),
    "kb_invalid_one": ("the knowledge base is not valid (1 problem):", "cơ sở tri thức không hợp lệ (1 vấn đề):"),
    "kb_invalid": (
        "the knowledge base is not valid ({n} problems):",
        "cơ sở tri thức không hợp lệ ({n} vấn đề):",
    ),
    "kb_invalid_none": ("invalid knowledge base", "cơ sở tri thức không hợp lệ"),
    "interrupted": ("interrupted (Ctrl+C)", "đã dừng theo yêu cầu (Ctrl+C)"),
    "output_failed": ("cannot write the output: {reason}", "không ghi được kết quả ra: {reason}"),
    "os_error": ("cannot use '{path}': {reason}", "không dùng được '{path}': {reason}"),
    "os_error_nopath": ("an operation of the system failed: {reason}", "một thao tác của hệ thống thất bại: {reason}"),
    "not_utf8": (
        "text that is not {encoding} (byte 0x{byte} at position {position})",
        "văn bản không phải {encoding} (byte 0x{byte} ở vị trí {position})",
    ),
    "cannot_encode": (
        "cannot write the character {char} as {encoding}",
        "không thể ghi ký tự {char} dưới dạng {encoding}",
    ),
    "too_deep": (
        "the input is nested too deeply to process; write it flatter",
        "dữ liệu vào lồng nhau quá sâu để xử lý; hãy viết phẳng hơn",
    ),
    "out_of_memory": (
        "out of memory; give more values to narrow the question, or use a smaller knowledge base",
        "hết bộ nhớ; hãy cho thêm giá trị để thu hẹp câu hỏi, hoặc dùng cơ sở tri thức nhỏ hơn",
    ),
    # the arguments, as argparse finds them wrong (its English words, ours in Vietnamese)
    "unknown_command": (
        "unknown command '{word}'; expected one of {choices}{hint}",
        "không có lệnh '{word}'; các lệnh có: {choices}{hint}",
    ),
    "arg_invalid_choice": (
        "argument {option}: invalid choice: '{value}' (choose from {choices}){hint}",
        "tham số {option}: giá trị '{value}' không hợp lệ (chọn một trong {choices}){hint}",
    ),
    "arg_invalid_int": (
        "argument {option}: invalid int value: '{value}'",
        "tham số {option}: '{value}' không phải số nguyên",
    ),
    "arg_invalid_float": (
        "argument {option}: invalid float value: '{value}'",
        "tham số {option}: '{value}' không phải số",
    ),
    "arg_expected_one": ("argument {option}: expected one argument", "tham số {option}: cần đúng một giá trị"),
    "arg_not_allowed": (
        "argument {option}: not allowed with argument {other}",
        "tham số {option}: không được dùng cùng với {other}",
    ),
    "arg_unrecognized": ("unrecognized arguments: {words}{hint}", "tham số không nhận ra được: {words}{hint}"),
    "arg_required": ("the following arguments are required: {names}", "thiếu các tham số bắt buộc: {names}"),
    "arg_ambiguous": (
        "ambiguous option: {option} could match {matches}",
        "tùy chọn mơ hồ: {option} có thể là {matches}",
    ),
    # configurations (kb/config.py) and fix options (solver/fix.py)
    "unknown_variable": (
        "{where}unknown variable '{variable}'; expected one of {choices}{hint}",
        "{where}không có mục '{variable}'; các mục có: {choices}{hint}",
    ),
    "not_a_bool": (
        "{where}'{text}' is not a value of {variable}; expected true or false (or yes/no, 1/0){hint}",
        "{where}'{text}' không phải giá trị của {variable}; cần true hoặc false (hoặc yes/no, 1/0){hint}",
    ),
    "unknown_value": (
        "{where}unknown value '{text}' for {variable}; expected one of {choices}{hint}",
        "{where}không có giá trị '{text}' cho {variable}; các giá trị có: {choices}{hint}",
    ),
    "not_a_pair": (
        "'{word}' is not a VARIABLE=VALUE pair; for example email_system=gmail (variables: {choices})",
        "'{word}' không phải cặp MỤC=GIÁ_TRỊ; ví dụ email_system=gmail (các mục: {choices})",
    ),
    "given_twice": (
        "{variable} is given twice, as {first} and {second}; give it once",
        "{variable} được cho hai lần, là {first} và {second}; chỉ cho một lần",
    ),
    "cost_range": (
        "the cost of {variable} must be a whole number from 1 to {limit}, not {text}",
        "chi phí của {variable} phải là số nguyên từ 1 đến {limit}, không phải {text}",
    ),
    "option_unknown_variable": (
        "{option} {variable}: unknown variable; expected one of {choices}{hint}",
        "{option} {variable}: không có mục này; các mục có: {choices}{hint}",
    ),
    "option_not_given": (
        "{option} {variable}: {variable} is not given, so it is open and never changed; {option} applies to "
        "given variables: {choices}",
        "{option} {variable}: {variable} chưa được cho, nên vẫn chưa chọn và không bao giờ bị đổi; {option} "
        "chỉ áp dụng cho các mục đã cho: {choices}",
    ),
    "cost_malformed": (
        "--cost '{word}': expected VARIABLE=N with N a whole number, for example --cost email_system=5",
        "--cost '{word}': cần MỤC=N với N là số nguyên, ví dụ --cost email_system=5",
    ),
    "cost_twice": (
        "--cost {variable} is given twice, as {first} and {second}; give it once",
        "--cost {variable} được cho hai lần, là {first} và {second}; chỉ cho một lần",
    ),
    # search budgets (solver/limit.py) and the options that set them
    "search_limit_time": (
        "the search for {question} found no answer within the time limit of {seconds} s (the rules are too "
        "many or too entangled for it to finish sooner). Give more values (VARIABLE=VALUE) to narrow the "
        "question, or allow more time with --time-limit SECONDS (for example --time-limit {more})",
        "việc tìm {question} chưa có kết quả trong giới hạn thời gian {seconds} giây (các quy tắc quá nhiều "
        "hoặc quá đan xen để xong sớm hơn). Hãy cho thêm giá trị (MỤC=GIÁ_TRỊ) để thu hẹp câu hỏi, hoặc cho "
        "thêm thời gian bằng --time-limit GIÂY (ví dụ --time-limit {more})",
    ),
    "search_limit_nodes": (
        "the search for {question} found no answer within the node limit of {nodes} search steps (the rules "
        "are too many or too entangled for it to finish sooner). Give more values (VARIABLE=VALUE) to narrow "
        "the question, or allow more time with --time-limit SECONDS (for example --time-limit {more})",
        "việc tìm {question} chưa có kết quả trong giới hạn {nodes} bước tìm kiếm (các quy tắc quá nhiều hoặc"
        " quá đan xen để xong sớm hơn). Hãy cho thêm giá trị (MỤC=GIÁ_TRỊ) để thu hẹp câu hỏi, hoặc cho thêm "
        "thời gian bằng --time-limit GIÂY (ví dụ --time-limit {more})",
    ),
    "search_limit_cancelled": (
        "the search for {question} was cancelled: its asker no longer waits for the answer",
        "việc tìm {question} đã bị hủy: người hỏi không còn chờ câu trả lời",
    ),
    "question_check": ("the verdict of the configuration and what explains it", "kết luận về cấu hình và lý do"),
    "question_verdict": ("the best verdict of the configuration", "kết luận tốt nhất cho cấu hình"),
    "question_completion": ("a completion of the configuration", "một cách hoàn thiện cấu hình"),
    "question_possible_values": ("the values still possible", "các giá trị vẫn có thể chọn"),
    "question_why_not": ("the rules that rule a value out", "các quy tắc loại một giá trị"),
    "question_minimal_reason": ("a minimal set of conflicting rules", "một tập tối thiểu các quy tắc xung đột"),
    "question_conflict": (
        "a minimal conflict among the given values",
        "một xung đột tối thiểu giữa các giá trị đã cho",
    ),
    "question_enumerate": ("the next configuration to list", "cấu hình tiếp theo cần liệt kê"),
    "question_count": ("the number of configurations", "số cấu hình"),
    "question_fix": ("the nearest fixes", "các cách sửa gần nhất"),
    "question_lint": ("the lint of the knowledge base", "việc kiểm tra cơ sở tri thức"),
    "time_limit_range": (
        "--time-limit {text}: expected a number of seconds above 0, for example --time-limit 60",
        "--time-limit {text}: cần một số giây lớn hơn 0, ví dụ --time-limit 60",
    ),
    "day_shape": (
        "{option} '{text}': expected a day written YYYY-MM-DD, for example {option} 2026-11-29",
        "{option} '{text}': cần một ngày viết theo dạng YYYY-MM-DD, ví dụ {option} 2026-11-29",
    ),
    "not_a_day": (
        "{option} '{text}': the calendar has no such day; expected a day written YYYY-MM-DD",
        "{option} '{text}': lịch không có ngày này; cần một ngày viết theo dạng YYYY-MM-DD",
    ),
    "row_limit_range": (
        "--limit {text}: expected a whole number of configurations to show, from 0 (all) to {most:,}, "
        "for example --limit 100",
        "--limit {text}: cần một số nguyên là số cấu hình cần hiện, từ 0 (tất cả) đến {most:,}, ví dụ --limit 100",
    ),
    # table
    "table_needs": (
        "the table needs the variables {needed}; this knowledge base lacks {missing}",
        "bảng cần các mục {needed}; cơ sở tri thức này thiếu {missing}",
    ),
    "table_needs_bool": (
        "the table needs {needed} to be true/false variables; in this knowledge base {variable} is not",
        "bảng cần {needed} là mục Có/Không; trong cơ sở tri thức này {variable} thì không phải",
    ),
    "option_empty": ("{option} '': give a file name", "{option} '': hãy cho một tên tệp"),
    "stale": ("{path} is stale; regenerate it with: {command}", "{path} đã cũ; hãy tạo lại bằng: {command}"),
    "kind_folder": ("a folder", "một thư mục"),
    "kind_device": ("a device", "một thiết bị"),
    "kind_fifo": ("a FIFO (named pipe)", "một FIFO (ống có tên)"),
    "kind_socket": ("a socket", "một socket"),
    "kind_other": ("not a regular file", "không phải tệp thông thường"),
    "output_no_folder": (
        "--output {path}: the folder '{folder}' does not exist; create it first",
        "--output {path}: thư mục '{folder}' không tồn tại; hãy tạo nó trước",
    ),
    "output_folder": (
        "--output {path}: is a folder; give a file name",
        "--output {path}: là một thư mục; hãy cho tên tệp",
    ),
    "output_special": (
        "--output {path}: is {kind}; the table is written only to regular files",
        "--output {path}: là {kind}; bảng chỉ được ghi vào tệp thông thường",
    ),
    "output_dangling": (
        "--output {path}: is a symbolic link to '{target}', which does not exist; create the file or give another name",
        "--output {path}: là liên kết tượng trưng tới '{target}', nơi không tồn tại; hãy tạo tệp hoặc cho tên khác",
    ),
    "output_hard_links": (
        "--output {path}: the file has {n} hard links, and replacing it would split them (the other names "
        "would keep the old table), so it was left as it was; write to a new name or remove the other links",
        "--output {path}: tệp có {n} liên kết cứng, thay nó sẽ tách chúng ra (các tên kia vẫn giữ bảng cũ), "
        "nên tệp được giữ nguyên; hãy ghi ra tên mới hoặc xóa các liên kết kia",
    ),
    "output_read_only": (
        "--output {path}: the file is read-only; it was left as it was",
        "--output {path}: tệp chỉ đọc; tệp được giữ nguyên",
    ),
    "output_unusable": (
        "--output {path}: cannot use this name: {reason}",
        "--output {path}: không dùng được tên này: {reason}",
    ),
    "output_cannot_create": (
        "--output {path}: cannot write in '{folder}': {reason}",
        "--output {path}: không ghi được vào '{folder}': {reason}",
    ),
    "output_cannot_write": (
        "--output {path}: cannot write: {reason}; the file was left as it was",
        "--output {path}: không ghi được: {reason}; tệp được giữ nguyên",
    ),
    "check_special": (
        "--check {path}: is {kind}; give the file of a published table",
        "--check {path}: là {kind}; hãy cho tệp của một bảng đã xuất bản",
    ),
    "check_too_big": (
        "--check {path}: the file is {size:,} bytes; a published table is at most {limit:,} bytes",
        "--check {path}: tệp dài {size:,} byte; một bảng đã xuất bản dài tối đa {limit:,} byte",
    ),
    "check_unreadable": (
        "--check {path}: cannot read the file: {reason}",
        "--check {path}: không đọc được tệp: {reason}",
    ),
    "check_not_utf8": (
        "--check {path}: not UTF-8 text (byte 0x{byte} at position {position}); a published table is UTF-8",
        "--check {path}: không phải văn bản UTF-8 (byte 0x{byte} ở vị trí {position}); bảng đã xuất bản là UTF-8",
    ),
    # dashboard launcher
    "graph_needs": (
        "the graph command needs the {package} package, which is not installed; "
        "install it with: pip install 'syncmatrix[dashboard]'",
        "lệnh graph cần gói {package}, gói này chưa được cài; cài bằng: pip install 'syncmatrix[dashboard]'",
    ),
    "dashboard_needs_one": (
        "the dashboard needs {packages}, which is not installed; install it with: pip install 'syncmatrix[dashboard]'",
        "bảng điều khiển cần {packages}, gói này chưa được cài; cài bằng: pip install 'syncmatrix[dashboard]'",
    ),
    "dashboard_needs": (
        "the dashboard needs {packages}, which are not installed; "
        "install them with: pip install 'syncmatrix[dashboard]'",
        "bảng điều khiển cần {packages}, các gói này chưa được cài; cài bằng: pip install 'syncmatrix[dashboard]'",
    ),
    "port_range": (
        "--port {port}: expected a port number from 1 to 65535, for example --port 8501",
        "--port {port}: cần số cổng từ 1 đến 65535, ví dụ --port 8501",
    ),
    "port_busy": (
        "--port {port}: the port is already in use on {address} (another dashboard?); "
        "choose another one, for example --port {other}",
        "--port {port}: cổng đã có chương trình khác dùng trên {address} (một bảng điều khiển khác?); "
        "hãy chọn cổng khác, ví dụ --port {other}",
    ),
    "cannot_listen": (
        "--address {address} --port {port}: cannot listen there: {reason}",
        "--address {address} --port {port}: không thể lắng nghe ở đó: {reason}",
    ),
    "bad_address": (
        "--address '{address}': expected an IP address (127.0.0.1, ::1, 0.0.0.0) or a host name (localhost)",
        "--address '{address}': cần một địa chỉ IP (127.0.0.1, ::1, 0.0.0.0) hoặc một tên máy (localhost)",
    ),
    "exposed": (
        "warning: the dashboard listens on {address}, so other machines on the network can reach it, and it "
        "has no login; use --address 127.0.0.1 to keep it on this machine",
        "cảnh báo: bảng điều khiển lắng nghe trên {address}, nên các máy khác trong mạng truy cập được, và nó "
        "không có đăng nhập; dùng --address 127.0.0.1 để chỉ dùng trên máy này",
    ),
    "dashboard_at": ("the dashboard is at {url} (Ctrl+C stops it)", "bảng điều khiển ở {url} (Ctrl+C để dừng)"),
    # --- the dashboard ---
    "page_title": ("syncmatrix: is this email set-up supported?", "syncmatrix: thiết lập email này có được hỗ trợ?"),
    "title": ("Is this email set-up supported?", "Thiết lập email này có được hỗ trợ không?"),
    "intro": (
        "Server-side synchronization of Dynamics 365 Customer Engagement (on-premises). Choose what you know "
        "about the mailbox; what you leave open stays open, and the other choices narrow as you go.",
        "Đồng bộ hóa phía máy chủ của Dynamics 365 Customer Engagement (on-premises). Hãy chọn những gì bạn "
        "biết về hộp thư; mục nào chưa chọn vẫn để trống, và các lựa chọn khác thu hẹp dần theo từng bước.",
    ),
    "language": ("Language", "Ngôn ngữ"),
    "undo": ("Undo", "Hoàn tác"),
    "undo_help": ("Take back the last change", "Bỏ thay đổi gần nhất"),
    "reset": ("Reset", "Đặt lại"),
    "reset_help": ("Leave every variable open again", "Bỏ chọn mọi mục"),
    "share": ("Link to this configuration", "Liên kết tới cấu hình này"),
    "tab_explore": ("Explore", "Khám phá"),
    "tab_fix": ("Fix", "Sửa"),
    "tab_combinations": ("Supported combinations", "Các tổ hợp được hỗ trợ"),
    "tab_table": ("Support table", "Bảng hỗ trợ"),
    "tab_graph": ("Dependency graph", "Đồ thị phụ thuộc"),
    "open": ("(open)", "(chưa chọn)"),
    "choose": ("Choose one or more", "Chọn một hoặc nhiều"),
    "left_label": ("Acceptable configurations left", "Số cấu hình chấp nhận được còn lại"),
    "left_detail": ("{s} supported, {w} supported with warnings", "{s} được hỗ trợ, {w} được hỗ trợ kèm cảnh báo"),
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
        "Thẻ Sửa cho phép khóa các mục và đặt chi phí cho từng thay đổi.",
    ),
    "turn_off": ("Turn off “{label}”", "Tắt “{label}”"),
    "turn_on": ("Turn on “{label}”", "Bật “{label}”"),
    "set_to": ("Set “{label}” to {value}", "Đặt “{label}” thành {value}"),
    "apply": ("Apply: {changes}", "Áp dụng: {changes}"),
    "fix_header": (
        "Fix {number}: {n} changes, cost {cost}, then {verdict}",
        "Cách sửa {number}: đổi {n} giá trị, chi phí {cost}, kết quả: {verdict}",
    ),
    "fix_header_one": (
        "Fix {number}: 1 change, cost {cost}, then {verdict}",
        "Cách sửa {number}: đổi 1 giá trị, chi phí {cost}, kết quả: {verdict}",
    ),
    "pick_value": ("{label}: choose the new value", "{label}: chọn giá trị mới"),
    "fix_resolves": ("Resolves", "Giải quyết"),
    "fix_empty": (
        "Choose some values in Explore first: a fix changes only the values you chose.",
        "Hãy chọn vài giá trị ở thẻ Khám phá trước: cách sửa chỉ thay đổi những giá trị bạn đã chọn.",
    ),
    "locks": ("Keep these as they are", "Giữ nguyên các mục này"),
    "locks_help": (
        "A locked variable keeps the value you chose; the fix changes the others.",
        "Mục bị khóa giữ giá trị bạn đã chọn; cách sửa thay đổi các mục khác.",
    ),
    "costs": ("Cost of changing each variable", "Chi phí thay đổi từng mục"),
    "costs_help": (
        "A higher cost makes a fix avoid changing that variable (1 to 1000).",
        "Chi phí cao hơn khiến cách sửa tránh thay đổi mục đó (từ 1 đến 1000).",
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
        "From the page “{title}”: its support table, as the solver derives it from the knowledge base.",
        "Theo trang “{title}”: bảng hỗ trợ của trang, do bộ giải suy ra từ cơ sở tri thức.",
    ),
    "table_alt": ("The support table", "Bảng hỗ trợ"),
    "graph_broken": ("Highlighted rules: {rules}", "Các quy tắc được tô sáng: {rules}"),
    "graph_none": ("The configuration breaks no rule.", "Cấu hình không vi phạm quy tắc nào."),
    "link_problems": ("Parts of the link were ignored:", "Một số phần của liên kết đã bị bỏ qua:"),
    "link_unknown_variable": (
        "'{key}' is not a variable of a configuration{suggestion}",
        "'{key}' không phải là một mục của cấu hình{suggestion}",
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
    "kb_error": (
        "The knowledge base could not be loaded ({n} problem(s)):",
        "Không thể tải cơ sở tri thức ({n} vấn đề):",
    ),
    "reserved_name": (
        "variable name '{name}' is taken by the dashboard's links, whose own query parameters are {reserved} "
        "(in upper or lower case alike), so a link could not carry the variable; rename it in variables.yaml "
        "and in the rules",
        "tên mục '{name}' đã được liên kết của bảng điều khiển dùng: các tham số truy vấn riêng của liên kết "
        "là {reserved} (chữ hoa hay chữ thường đều vậy), nên liên kết không thể mang mục này; hãy đổi tên nó "
        "trong variables.yaml và trong các quy tắc",
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
        "Câu hỏi này cần tìm kiếm lâu hơn {seconds:g} giây: còn quá nhiều mục chưa chọn. Hãy chọn thêm giá "
        "trị để thu hẹp nó.",
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
    "kind_advisory": ("advisory", "khuyến cáo"),
    # audit: reports
    "progress_reading": ("reading the export…", "đang đọc tệp xuất…"),
    "progress_judging": ("judging the mailboxes…", "đang đánh giá các hộp thư…"),
    "audit_title": ("Audit of the organization's mailboxes", "Kiểm tra hộp thư của tổ chức"),
    "audit_of": ("{path} ({shape}): {n} mailboxes", "{path} ({shape}): {n} hộp thư"),
    "audit_judged_line": (
        "judged {n}: {s} supported, {w} supported with warnings, {u} unsupported",
        "đã đánh giá {n}: {s} được hỗ trợ, {w} được hỗ trợ kèm cảnh báo, {u} không được hỗ trợ",
    ),
    "audit_not_judged_line": (
        "not judged: {i} inactive, {n} not synchronized by server-side synchronization, {r} unreadable",
        "không đánh giá: {i} ngừng hoạt động, {n} không dùng đồng bộ hóa phía máy chủ, {r} không đọc được",
    ),
    "audit_settings": ("Organization settings given", "Thiết lập tổ chức đã cho"),
    "audit_none_given": (
        "none (the verdicts say which ones matter)",
        "không có (kết luận cho biết thiết lập nào quan trọng)",
    ),
    "audit_fact": ("From the export", "Từ tệp xuất"),
    "audit_needs_action": (
        "Needs action: {n} mailboxes, by the rule they break",
        "Cần xử lý: {n} hộp thư, theo quy tắc bị vi phạm",
    ),
    "audit_needs_action_title": ("Mailboxes that need action", "Hộp thư cần xử lý"),
    "audit_nothing_unsupported": (
        "No judged mailbox is unsupported.",
        "Không hộp thư nào đã đánh giá bị xem là không được hỗ trợ.",
    ),
    "audit_mailboxes": ("{n} mailboxes", "{n} hộp thư"),
    "audit_mailboxes_one": ("1 mailbox", "1 hộp thư"),
    "audit_no_rule": ("no rule named", "không nêu được quy tắc"),
    "audit_whatever": (
        "The export does not say the {what}. Each value it could have breaks one of these rules, so the "
        "mailbox is unsupported either way; which rule applies, and so what to change, depends on the {what}:",
        "Tệp xuất không cho biết {what}. Với bất kỳ giá trị nào, hộp thư đều vi phạm một trong các quy tắc "
        "dưới đây, nên dù thế nào cũng không được hỗ trợ; quy tắc nào áp dụng, và do đó cần thay đổi gì, "
        "tùy thuộc vào {what}:",
    ),
    # Known and possible apart (issue 21): answers that depend on what the export does not say.
    "audit_group_depends": (
        "Unsupported whatever the {what} (not in the export)",
        "Không được hỗ trợ dù {what} là gì (tệp xuất không cho biết)",
    ),
    "audit_and": (" and ", " và "),
    "audit_depends_line": (
        "{n} of them depend on what the export does not say (below: what would settle the most)",
        "{n} hộp thư trong số đó phụ thuộc vào điều tệp xuất không cho biết (bên dưới: điều sẽ làm rõ nhiều nhất)",
    ),
    "audit_depends_line_one": (
        "1 of them depends on what the export does not say (below: what would settle it)",
        "1 hộp thư trong số đó phụ thuộc vào điều tệp xuất không cho biết (bên dưới: điều sẽ làm rõ)",
    ),
    "audit_questions": (
        "What the export does not say, and how many answers each would settle:",
        "Điều tệp xuất không cho biết, và số câu trả lời mỗi điều sẽ làm rõ:",
    ),
    "audit_question_map": (
        "name it for each profile, host or domain in a map file",
        "nêu nó cho từng hồ sơ, máy chủ hoặc tên miền trong tệp ánh xạ",
    ),
    "audit_question_setting": (
        "an organization setting: give its value",
        "một thiết lập của tổ chức: hãy cho biết giá trị",
    ),
    "audit_question_profile": (
        "export the email server profiles with the mailboxes",
        "hãy xuất các hồ sơ máy chủ email cùng với hộp thư",
    ),
    "audit_question_other": ("not in the export", "không có trong tệp xuất"),
    "starter_head": (
        "A starter map: the profiles (and the address domains of mailboxes without one) whose mailboxes'\n"
        "answers depend on the email system, which the export does not say. For each one you know,\n"
        "remove the '# ' before its line and write its email system instead of SYSTEM; then give the\n"
        "file back as the map. Left as it is, it changes nothing.\n"
        "Email systems: {systems}",
        "Tệp ánh xạ khởi đầu: các hồ sơ (và tên miền địa chỉ của hộp thư không có hồ sơ) mà câu trả lời\n"
        "cho hộp thư phụ thuộc vào hệ thống email, điều tệp xuất không cho biết. Với mỗi mục bạn biết,\n"
        "hãy bỏ '# ' ở đầu dòng và viết hệ thống email thay cho SYSTEM; rồi đưa lại tệp này làm tệp ánh xạ.\n"
        "Để nguyên thì tệp không thay đổi gì.\n"
        "Hệ thống email: {systems}",
    ),
    "starter_entry": ("{n} mailboxes: rows {rows}", "{n} hộp thư: các hàng {rows}"),
    "starter_entry_one": ("1 mailbox: row {rows}", "1 hộp thư: hàng {rows}"),
    "audit_sum_depends": (
        "Of the judged, depending on what the export does not say",
        "Trong số đã đánh giá, phụ thuộc vào điều tệp xuất không cho biết",
    ),
    "audit_assumed": (
        "The verdicts below hold if the organization's settings are {settings} (give its settings to be sure)",
        "Các kết luận dưới đây đúng nếu thiết lập của tổ chức là {settings} (hãy cho biết các thiết lập để chắc chắn)",
    ),
    "audit_mailbox": ("Mailbox", "Hộp thư"),
    "audit_row": ("row {row}", "dòng {row}"),
    "audit_rows": ("rows {rows}", "các dòng {rows}"),
    "audit_fix": ("Nearest fix", "Cách sửa gần nhất"),
    "audit_no_fix": (
        "no change of this mailbox alone makes it supported",
        "không thay đổi nào ở riêng hộp thư này giúp nó được hỗ trợ",
    ),
    "audit_open": ("open", "chưa rõ"),
    "audit_no_fix_found": ("No fix found:", "Không tìm được cách sửa:"),
    "audit_with_warnings": ("Supported with warnings: {n} mailboxes", "Được hỗ trợ kèm cảnh báo: {n} hộp thư"),
    "audit_depends": (
        "Verdicts that depend on what the export does not say:",
        "Kết luận phụ thuộc vào điều tệp xuất không cho biết:",
    ),
    "audit_if": ("if", "nếu"),
    "audit_then": ("then", "khi đó"),
    "audit_not_judged": ("Not judged:", "Không đánh giá:"),
    "audit_status_judged": ("judged", "đã đánh giá"),
    "audit_status_inactive": ("inactive", "ngừng hoạt động"),
    "audit_status_not_synchronized": (
        "not synchronized by server-side synchronization",
        "không dùng đồng bộ hóa phía máy chủ",
    ),
    "audit_status_unreadable": ("unreadable", "không đọc được"),
    "audit_summary": ("Summary", "Tóm tắt"),
    "audit_count": ("Mailboxes", "Số hộp thư"),
    "audit_sum_mailboxes": ("Rows of the export", "Số dòng của tệp xuất"),
    "audit_sum_judged": ("Judged", "Đã đánh giá"),
    "audit_sum_supported": ("Supported", "Được hỗ trợ"),
    "audit_sum_supported_with_warnings": ("Supported with warnings", "Được hỗ trợ kèm cảnh báo"),
    "audit_sum_unsupported": ("Unsupported", "Không được hỗ trợ"),
    "audit_sum_inactive": ("Inactive (not judged)", "Ngừng hoạt động (không đánh giá)"),
    "audit_sum_not_synchronized": (
        "Not synchronized by server-side synchronization (not judged)",
        "Không dùng đồng bộ hóa phía máy chủ (không đánh giá)",
    ),
    "audit_sum_unreadable": ("Unreadable (not judged)", "Không đọc được (không đánh giá)"),
    "audit_all_mailboxes": ("Every mailbox of the export", "Mọi hộp thư trong tệp xuất"),
    "audit_chart_verdicts": ("Mailboxes per verdict", "Số hộp thư theo kết luận"),
    "audit_chart_rules": ("Mailboxes per rule broken", "Số hộp thư theo quy tắc bị vi phạm"),
    "audit_col_row": ("row", "dòng"),
    "audit_col_id": ("id", "mã"),
    "audit_col_name": ("name", "tên"),
    "audit_col_email": ("email", "email"),
    "audit_col_status": ("status", "trạng thái"),
    "audit_col_verdict": ("verdict", "kết luận"),
    "audit_col_violations": ("rules broken", "quy tắc bị vi phạm"),
    "audit_col_fix": ("nearest fix", "cách sửa gần nhất"),
    "audit_col_open": ("depends on", "phụ thuộc vào"),
    "audit_col_problems": ("problems", "vấn đề"),
    "timeline_of": ("Timeline of", "Dòng thời gian của"),
    "page_only_verdict": ("By the page alone", "Chỉ theo trang"),
    "timeline_always": ("{verdict} on every day", "{verdict} vào mọi ngày"),
    "timeline_until": ("{verdict} until {day}", "{verdict} đến hết ngày {day}"),
    "timeline_from": ("{verdict} from {day}", "{verdict} từ ngày {day}"),
    "timeline_until_day": ("Until {day}", "Đến hết ngày {day}"),
    "timeline_from_day": ("From {day}", "Từ ngày {day}"),
    "timeline_between": ("From {start} to {day}", "Từ ngày {start} đến hết ngày {day}"),
    "timeline_every_day": ("On every day", "Mọi ngày"),
    "timeline_as_of": ("{day}, the day in question", "{day}, ngày đang xét"),
    "timeline_left": ("no longer in force", "không còn hiệu lực"),
    "timeline_retired": ("its remedy is retired:", "cách khắc phục cũ không còn dùng được:"),
    # --- the dashboard's day of the question, and its timeline (dashboard/page.py, present/links.py) ---
    "tab_timeline": ("Timeline", "Dòng thời gian"),
    "as_of_pick": ("Answer as of", "Trả lời tính đến ngày"),
    "as_of_help": (
        "The day every answer is about: the page, with the advisories in force on that day. The link "
        "keeps it, so whoever opens it sees the answer about the same day.",
        "Ngày mà mọi câu trả lời đều xét: theo trang, cùng các khuyến cáo có hiệu lực vào ngày đó. Liên "
        "kết giữ lại ngày này, nên ai mở nó cũng thấy câu trả lời cho đúng ngày ấy.",
    ),
    "page_only_pick": ("Page only", "Chỉ theo trang"),
    "page_only_help": (
        "The page and its readings alone, without any advisory, whatever the date.",
        "Chỉ dựa vào trang và các cách hiểu của nó, không tính khuyến cáo nào, bất kể ngày nào.",
    ),
    "answer_as_of": ("As of {day}", "Tính đến ngày {day}"),
    "answer_page_only": ("The page alone", "Chỉ theo trang"),
    "day_where": (
        "Every answer below is about this day; change it in the sidebar.",
        "Mọi câu trả lời bên dưới đều xét theo ngày này; bạn có thể đổi ngày ở thanh bên.",
    ),
    "page_only_where": (
        "Every answer below is the page's alone, without any advisory; to ask about a day, turn off "
        "“Page only” in the sidebar.",
        "Mọi câu trả lời bên dưới chỉ dựa vào trang, không tính khuyến cáo nào; muốn xét theo một ngày, "
        "hãy tắt “Chỉ theo trang” ở thanh bên.",
    ),
    "share_help_dated": (
        "Send this link: it opens the same configuration, about the same day, in the same language.",
        "Gửi liên kết này: nó mở đúng cấu hình này, xét theo cùng ngày, với cùng ngôn ngữ.",
    ),
    "advisory_label": ("Advisory", "Khuyến cáo"),
    "remedy_retired": ("Remedy, retired since {day}", "Cách khắc phục, đã hết hiệu lực từ ngày {day}"),
    "link_day_shape": (
        "'{value}' is not a day for {key}; write it YYYY-MM-DD, for example {key}=2026-11-29",
        "'{value}' không phải là một ngày hợp lệ cho {key}; hãy viết theo dạng YYYY-MM-DD, ví dụ {key}=2026-11-29",
    ),
    "link_not_a_day": (
        "'{value}' is not a day of the calendar ({key}); write an existing day as YYYY-MM-DD",
        "'{value}' không có trên lịch ({key}); hãy ghi một ngày có thật theo dạng YYYY-MM-DD",
    ),
    "link_day_range": (
        "'{value}' is outside the days the dashboard answers about; {key} takes a day from {first} to {last}",
        "'{value}' nằm ngoài khoảng ngày mà bảng điều khiển trả lời; {key} nhận một ngày từ {first} đến {last}",
    ),
    "timeline_intro": (
        "How the verdict of the configuration chosen in Explore changes over time. Each block is a "
        "stretch of days with one answer; a new one begins where an advisory starts or ends.",
        "Kết luận về cấu hình đã chọn ở thẻ Khám phá thay đổi thế nào theo thời gian. Mỗi khối là một "
        "quãng ngày có cùng một câu trả lời; quãng mới bắt đầu khi một khuyến cáo bắt đầu hoặc hết hiệu lực.",
    ),
    "timeline_config": ("Configuration", "Cấu hình"),
    "timeline_summary": ("In short", "Tóm lại"),
    "timeline_all_open": ("every variable open", "mọi mục đều chưa chọn"),
    "timeline_no_day": (
        "“Page only” is on, so no day is marked. Turn it off to see where the chosen day falls.",
        "Đang bật “Chỉ theo trang” nên không có ngày nào được đánh dấu. Hãy tắt nó để xem ngày đã chọn "
        "rơi vào quãng nào.",
    ),
    # --- the support table ---
    "protocol": ("Protocol", "Giao thức"),
    "table_unsupported": ("Unsupported email service configurations", "Cấu hình dịch vụ email không được hỗ trợ"),
    "unsupported_intro": (
        "Server-side synchronization does not support these scenarios:",
        "Đồng bộ hóa phía máy chủ không hỗ trợ các trường hợp sau:",
    ),
    "notes": ("Notes", "Lưu ý"),
    "caption": (
        "What server-side synchronization supports for each deployment",
        "Những gì đồng bộ hóa phía máy chủ hỗ trợ cho từng kiểu triển khai",
    ),
    "generated": (
        "Generated by syncmatrix from its knowledge base; do not edit by hand.",
        "Được syncmatrix tạo từ cơ sở tri thức; đừng sửa bằng tay.",
    ),
    "footnotes": ("Footnotes", "Chú thích"),
    "table_rules": ("rules", "quy tắc"),
    # --- the support table as of a day (present/table.py): the advisories that shape it ---
    "table_as_of": ("{title} as of {day}", "{title} tính đến ngày {day}"),
    "table_advisories": ("Advisories in force on {day}", "Các khuyến cáo có hiệu lực vào ngày {day}"),
    "table_advisories_intro": (
        "Published after the page, these advisories change its table on {day}: a system that one of "
        "them rules out is no longer listed, and a system it only concerns carries its letter. The "
        "page's own table is the table of the page alone, without advisories.",
        "Các khuyến cáo này được công bố sau trang và làm bảng của trang thay đổi vào ngày {day}: hệ "
        "thống bị một khuyến cáo loại ra thì không còn trong bảng, còn hệ thống mà khuyến cáo chỉ liên "
        "quan tới thì mang chữ cái của khuyến cáo đó. Bảng gốc của trang là bảng của riêng trang, "
        "không có khuyến cáo.",
    ),
    "table_no_advisory": (
        "No advisory in force on {day} changes the page's table.",
        "Không có khuyến cáo nào có hiệu lực vào ngày {day} làm thay đổi bảng của trang.",
    ),
    "table_phase_between": (
        "{severity} from {start} to {until}",
        "mức {severity}, từ ngày {start} đến hết ngày {until}",
    ),
    "table_phase_from": ("{severity} from {start}", "mức {severity}, từ ngày {start}"),
    "table_phase_until": ("{severity} until {until}", "mức {severity}, đến hết ngày {until}"),
    "table_phase_always": ("{severity} on every day", "mức {severity}, vào mọi ngày"),
    "table_marked": ("Still listed, with the mark {mark}: {systems}.", "Vẫn có trong bảng, kèm dấu {mark}: {systems}."),
    "table_removes": (
        "No longer listed because of it: {systems}.",
        "Không còn trong bảng vì khuyến cáo này: {systems}.",
    ),
    "table_sources": ("Sources", "Nguồn"),
    "table_gone": (
        "No longer listed on {day}: the page lists these email systems, but an advisory in force that "
        "day rules them out.",
        "Không còn trong bảng vào ngày {day}: trang có liệt kê các hệ thống email này, nhưng một khuyến "
        "cáo có hiệu lực vào ngày đó đã loại chúng ra.",
    ),
    "table_gone_since": ("since {day}, {title}", "từ ngày {day}, {title}"),
    "table_none_supported": (
        "No email set-up is supported on {day}, so the table has no row. Why:",
        "Không có thiết lập email nào được hỗ trợ vào ngày {day}, nên bảng không có hàng nào. Lý do:",
    ),
    "table_col_advisory": ("Advisory in force on {day}", "Khuyến cáo có hiệu lực vào ngày {day}"),
    "table_col_mark": ("Mark", "Dấu"),
    "table_col_phase": ("Phase", "Giai đoạn"),
    "table_col_in_force": ("In force", "Hiệu lực"),
    "table_col_text": ("What it says", "Nội dung"),
    "table_col_marked": ("Still listed, with the mark", "Vẫn có trong bảng, kèm dấu"),
    "table_col_removed": ("No longer listed", "Không còn trong bảng"),
    # audit: mapping and judging (syncmatrix/audit/mapping.py, judge.py): where a value comes from,
    # what a row lacks, and a fix in Dynamics' terms; Dynamics' own labels stay English in both.
    "audit_ev_deployment": (
        "an export of Customer Engagement (on-premises)",
        "bản xuất của Customer Engagement (on-premises)",
    ),
    "audit_ev_profile": ("profile '{profile}' is of type {type}", "hồ sơ '{profile}' thuộc loại {type}"),
    "audit_ev_field": ("{field} is {value}", "{field} là {value}"),
    "audit_ev_email_sync_off": (
        "neither Incoming Email ({incoming}) nor Outgoing Email ({outgoing}) uses server-side synchronization",
        "cả Incoming Email ({incoming}) lẫn Outgoing Email ({outgoing}) đều không dùng đồng bộ hóa phía máy chủ",
    ),
    "audit_ev_map_profile": (
        "the map{where} says profile '{profile}' reaches {system}",
        "tệp ánh xạ{where} cho biết hồ sơ '{profile}' kết nối tới {system}",
    ),
    "audit_ev_map_host": (
        "the map{where} says the host {host} is {system}",
        "tệp ánh xạ{where} cho biết máy chủ {host} là {system}",
    ),
    "audit_ev_map_domain": (
        "the map{where} says the domain {domain} is on {system}",
        "tệp ánh xạ{where} cho biết tên miền {domain} nằm trên {system}",
    ),
    "audit_ev_host": (
        "the incoming server location of profile '{profile}' is {host}, a host of {system}",
        "vị trí máy chủ thư đến của hồ sơ '{profile}' là {host}, một máy chủ của {system}",
    ),
    "audit_ev_domain": (
        "the email address is at {domain}, a domain of {system}",
        "địa chỉ email thuộc tên miền {domain}, một tên miền của {system}",
    ),
    "audit_ev_fact_on": (
        "a fact of the organization: at least one active mailbox synchronizes Appointments, Contacts, and "
        "Tasks through Microsoft Dynamics 365 for Outlook",
        "một thực tế của tổ chức: ít nhất một hộp thư đang hoạt động đồng bộ hóa Appointments, Contacts, and "
        "Tasks qua Microsoft Dynamics 365 for Outlook",
    ),
    "audit_ev_fact_off": (
        "a fact of the organization: no active mailbox synchronizes Appointments, Contacts, and Tasks "
        "through Microsoft Dynamics 365 for Outlook",
        "một thực tế của tổ chức: không hộp thư đang hoạt động nào đồng bộ hóa Appointments, Contacts, and "
        "Tasks qua Microsoft Dynamics 365 for Outlook",
    ),
    "audit_ev_setting": (
        "a setting of the organization, given as {variable}={value}",
        "một thiết lập của tổ chức, được cho là {variable}={value}",
    ),
    "audit_pb_column": ("{column}: {reason}", "{column}: {reason}"),
    "audit_pb_row": ("{reason}", "{reason}"),
    "audit_pb_option": (
        "{field}: {number} is not one of Dynamics' values ({choices})",
        "{field}: {number} không phải là một giá trị của Dynamics ({choices})",
    ),
    "audit_pb_nothing_given": (
        "the row gives none of Incoming Email, Outgoing Email and Appointments, Contacts, and Tasks, so "
        "there is nothing to judge",
        "dòng này không cho biết Incoming Email, Outgoing Email hay Appointments, Contacts, and Tasks, nên "
        "không có gì để đánh giá",
    ),
    "audit_pb_state_missing": (
        "the export does not say whether the mailbox is active; it is judged as active",
        "tệp xuất không cho biết hộp thư có đang hoạt động không; hộp thư được đánh giá như đang hoạt động",
    ),
    "audit_pb_no_profile": (
        "no email server profile: the mailbox is associated with none, so the profile type is open",
        "không có hồ sơ máy chủ email: hộp thư không được liên kết với hồ sơ nào, nên loại hồ sơ chưa rõ",
    ),
    "audit_pb_unknown_profile": (
        "the email server profile '{profile}' is not among the profiles of the export, so the profile type is open",
        "hồ sơ máy chủ email '{profile}' không có trong các hồ sơ của tệp xuất, nên loại hồ sơ chưa rõ",
    ),
    "audit_pb_profile_type": (
        "the email server profile '{profile}' has no Email Server Type that can be read, so the profile type is open",
        "hồ sơ máy chủ email '{profile}' không có Email Server Type đọc được, nên loại hồ sơ chưa rõ",
    ),
    "audit_pb_field_missing": (
        "the export does not give {field}, so {variable} is open",
        "tệp xuất không cho biết {field}, nên {variable} chưa rõ",
    ),
    "audit_pb_kb_value": (
        "{variable} would be {value} ({why}), but the knowledge base has no such value, so {variable} is "
        "open; it has {choices}",
        "{variable} lẽ ra là {value} ({why}), nhưng cơ sở tri thức không có giá trị này, nên {variable} "
        "chưa rõ; các giá trị có: {choices}",
    ),
    "audit_pb_no_fix": (
        "no change makes it supported while {locked} is kept",
        "không thay đổi nào giúp nó được hỗ trợ khi giữ nguyên {locked}",
    ),
    "audit_fields_both": ("{first} and {second}", "{first} và {second}"),
    "audit_fix_change": ("{field} → {value}", "{field} → {value}"),
    "audit_fix_profile": ("a profile of type {type}", "một hồ sơ loại {type}"),
    "audit_fix_move": ("move the mailbox to {system}", "chuyển hộp thư sang {system}"),
    "audit_fix_setting": (
        "in the organization's settings: {label} → {value}",
        "trong thiết lập của tổ chức: {label} → {value}",
    ),
    "audit_fix_fact_off": (
        "the other mailboxes of the organization stop synchronizing Appointments, Contacts, and Tasks "
        "through Microsoft Dynamics 365 for Outlook",
        "các hộp thư khác của tổ chức ngừng đồng bộ hóa Appointments, Contacts, and Tasks qua "
        "Microsoft Dynamics 365 for Outlook",
    ),
    "audit_fix_fact_on": (
        "other mailboxes of the organization synchronize Appointments, Contacts, and Tasks through "
        "Microsoft Dynamics 365 for Outlook",
        "các hộp thư khác của tổ chức đồng bộ hóa Appointments, Contacts, and Tasks qua "
        "Microsoft Dynamics 365 for Outlook",
    ),
    "audit_fix_variable": ("{label} → {value}", "{label} → {value}"),
    "audit_org_not_setting": (
        "--org {variable}: not a setting of the organization but a field of each mailbox, which the "
        "export gives; --org takes {choices}{hint}",
        "--org {variable}: không phải thiết lập của tổ chức mà là trường của từng hộp thư, do tệp xuất "
        "cho biết; --org nhận {choices}{hint}",
    ),
    "audit_org_fact": (
        "--org {variable}: the audit reads this from the export (whether an active mailbox synchronizes "
        "appointments, contacts and tasks through Outlook); --org takes {choices}",
        "--org {variable}: thông tin này được đọc từ tệp xuất (có hộp thư đang hoạt động nào đồng bộ hóa "
        "cuộc hẹn, danh bạ và tác vụ qua Outlook không); --org nhận {choices}",
    ),
    # audit: reading exports (syncmatrix/audit/exports.py): a file that is no export of mailboxes, or
    # of their email server profiles, at all. Dynamics' own names (columns, labels) stay English in both.
    "export_missing": (
        "{path}: no such file; give an export of the mailboxes (Web API JSON, CSV or Excel .xlsx)",
        "{path}: không có tệp này; hãy cho một tệp xuất các hộp thư (JSON của Web API, CSV hoặc Excel .xlsx)",
    ),
    "export_folder": (
        "{path}: is a folder; give the file of an export of the mailboxes (Web API JSON, CSV or Excel .xlsx)",
        "{path}: là một thư mục; hãy cho tệp xuất các hộp thư (JSON của Web API, CSV hoặc Excel .xlsx)",
    ),
    "export_special": (
        "{path}: is not a regular file (a device, FIFO or socket); save the export of the mailboxes to a file "
        "and give that",
        "{path}: không phải tệp thông thường (thiết bị, FIFO hoặc socket); hãy lưu tệp xuất các hộp thư ra một "
        "tệp rồi cho tệp đó",
    ),
    "export_unreadable": ("{path}: cannot read the file: {reason}", "{path}: không đọc được tệp: {reason}"),
    "export_too_big": (
        "{path}: the file is {size:,} bytes; an export of mailboxes is read up to {limit:,} bytes (512 MB): "
        "export fewer columns, or the mailboxes in several files",
        "{path}: tệp dài {size:,} byte; tệp xuất các hộp thư chỉ được đọc tối đa {limit:,} byte (512 MB): "
        "hãy xuất ít cột hơn, hoặc chia các hộp thư ra nhiều tệp",
    ),
    "export_xlsx_too_big": (
        "{path}: the workbook unpacks to {size:,} bytes; an export of mailboxes is read up to {limit:,} bytes "
        "(512 MB): export fewer columns, or the mailboxes in several files",
        "{path}: sổ làm việc giải nén ra {size:,} byte; tệp xuất các hộp thư chỉ được đọc tối đa {limit:,} byte "
        "(512 MB): hãy xuất ít cột hơn, hoặc chia các hộp thư ra nhiều tệp",
    ),
    "export_empty": (
        "{path}: the file is empty. Expected an export of the mailboxes of Dynamics 365 Customer Engagement: "
        'the Web API\'s JSON ({{"value": [...]}} of /api/data/v9.1/mailboxes), a CSV saved from a view or '
        "from Excel, or an Export to Excel workbook (.xlsx), with at least one of the columns Incoming Email, "
        "Outgoing Email or Appointments, Contacts, and Tasks",
        "{path}: tệp trống. Cần một tệp xuất các hộp thư của Dynamics 365 Customer Engagement: JSON của Web "
        'API ({{"value": [...]}} của /api/data/v9.1/mailboxes), một tệp CSV lưu từ một dạng xem hoặc từ '
        "Excel, hoặc một sổ làm việc Export to Excel (.xlsx), có ít nhất một trong các cột Incoming Email, "
        "Outgoing Email hoặc Appointments, Contacts, and Tasks",
    ),
    "export_binary": (
        "{path}: binary content, neither text nor an Excel workbook. Expected an export of the mailboxes of "
        'Dynamics 365 Customer Engagement: the Web API\'s JSON ({{"value": [...]}} of /api/data/v9.1/mailboxes), '
        "a CSV saved from a view or from Excel, or an Export to Excel workbook (.xlsx), with at least one of the "
        "columns Incoming Email, Outgoing Email or Appointments, Contacts, and Tasks",
        "{path}: nội dung nhị phân, không phải văn bản cũng không phải sổ làm việc Excel. Cần một tệp xuất các "
        'hộp thư của Dynamics 365 Customer Engagement: JSON của Web API ({{"value": [...]}} của '
        "/api/data/v9.1/mailboxes), một tệp CSV lưu từ một dạng xem hoặc từ Excel, hoặc một sổ làm việc Export "
        "to Excel (.xlsx), có ít nhất một trong các cột Incoming Email, Outgoing Email hoặc Appointments, "
        "Contacts, and Tasks",
    ),
    "export_old_excel": (
        "{path}: an Excel 97-2003 workbook (.xls), which the audit does not read; open it in Excel and save it "
        "as Excel Workbook (.xlsx) or CSV UTF-8",
        "{path}: sổ làm việc Excel 97-2003 (.xls), loại mà việc kiểm tra không đọc; hãy mở nó bằng Excel rồi lưu "
        "thành Excel Workbook (.xlsx) hoặc CSV UTF-8",
    ),
    "export_not_text": (
        "{path}: line {line} is not UTF-8 text (byte 0x{byte}); save the file from Excel as CSV UTF-8 or Unicode Text",
        "{path}: dòng {line} không phải văn bản UTF-8 (byte 0x{byte}); hãy lưu tệp từ Excel dưới dạng CSV UTF-8 "
        "hoặc Unicode Text",
    ),
    "export_csv_broken": (
        "{path}: line {line} cannot be read as CSV ({reason}); an export of mailboxes is a CSV saved from a "
        "view or from Excel, Web API JSON or an Excel workbook (.xlsx)",
        "{path}: không đọc được dòng {line} theo dạng CSV ({reason}); tệp xuất các hộp thư là tệp CSV lưu từ "
        "một dạng xem hoặc từ Excel, JSON của Web API hoặc sổ làm việc Excel (.xlsx)",
    ),
    "export_json_invalid_at": (
        "{path}: not valid JSON (line {line}, column {column}: {reason}); the Web API's answer is "
        '{{"value": [...]}}, the mailboxes of /api/data/v9.1/mailboxes',
        "{path}: không phải JSON hợp lệ (dòng {line}, cột {column}: {reason}); câu trả lời của Web API có dạng "
        '{{"value": [...]}}, các hộp thư của /api/data/v9.1/mailboxes',
    ),
    "export_json_invalid": (
        "{path}: not valid JSON ({reason}); the Web API's answer is "
        '{{"value": [...]}}, the mailboxes of /api/data/v9.1/mailboxes',
        "{path}: không phải JSON hợp lệ ({reason}); câu trả lời của Web API có dạng "
        '{{"value": [...]}}, các hộp thư của /api/data/v9.1/mailboxes',
    ),
    "export_json_no_value": (
        "{path}: JSON without the list 'value' of the Web API's answer (it holds {found}). Expected the "
        'answer of /api/data/v9.1/mailboxes, {{"value": [...]}}, or a list of mailboxes, each with at least '
        "one of incomingemaildeliverymethod, outgoingemaildeliverymethod or actdeliverymethod",
        "{path}: JSON không có danh sách 'value' của câu trả lời Web API (tệp có {found}). Cần câu trả lời của "
        '/api/data/v9.1/mailboxes, {{"value": [...]}}, hoặc một danh sách hộp thư, mỗi hộp thư có ít nhất một '
        "trong incomingemaildeliverymethod, outgoingemaildeliverymethod hoặc actdeliverymethod",
    ),
    "export_no_columns": (
        "{path}: no column the audit can use: it needs at least one of {choices}, as Dynamics' CSV and Excel "
        "exports name them or as the Web API does, and the file holds {found}. Expected an export of the "
        'mailboxes: the Web API\'s JSON ({{"value": [...]}} of /api/data/v9.1/mailboxes), a CSV saved from a '
        "view or from Excel, or an Export to Excel workbook (.xlsx)",
        "{path}: không có cột nào việc kiểm tra dùng được: cần ít nhất một trong {choices}, theo tên trong tệp "
        "CSV và Excel của Dynamics hoặc theo tên của Web API, còn tệp có {found}. Cần một tệp xuất các hộp "
        'thư: JSON của Web API ({{"value": [...]}} của /api/data/v9.1/mailboxes), một tệp CSV lưu từ một '
        "dạng xem hoặc từ Excel, hoặc một sổ làm việc Export to Excel (.xlsx)",
    ),
    "export_no_columns_near": (
        "{path}: no column the audit can use: '{header}' is not one{hint}. It needs at least one of "
        "{choices}, as Dynamics' CSV and Excel exports name them or as the Web API does, and the file holds "
        "{found}. Expected an export of the mailboxes: the Web API's JSON "
        '({{"value": [...]}} of /api/data/v9.1/mailboxes), a CSV saved from a view or from Excel, or an '
        "Export to Excel workbook (.xlsx)",
        "{path}: không có cột nào việc kiểm tra dùng được: '{header}' không phải là cột đó{hint}. Cần ít nhất "
        "một trong {choices}, theo tên trong tệp CSV và Excel của Dynamics hoặc theo tên của Web API, còn tệp "
        'có {found}. Cần một tệp xuất các hộp thư: JSON của Web API ({{"value": [...]}} của '
        "/api/data/v9.1/mailboxes), một tệp CSV lưu từ một dạng xem hoặc từ Excel, hoặc một sổ làm việc "
        "Export to Excel (.xlsx)",
    ),
    "export_xlsx_corrupt": (
        "{path}: not a readable Excel workbook ({reason}). Expected an export of the mailboxes: Dynamics' "
        "Export to Excel workbook (.xlsx), a CSV saved from a view or from Excel, or the Web API's JSON "
        '({{"value": [...]}} of /api/data/v9.1/mailboxes)',
        "{path}: không phải sổ làm việc Excel đọc được ({reason}). Cần một tệp xuất các hộp thư: sổ làm việc "
        "Export to Excel (.xlsx) của Dynamics, một tệp CSV lưu từ một dạng xem hoặc từ Excel, hoặc JSON của "
        'Web API ({{"value": [...]}} của /api/data/v9.1/mailboxes)',
    ),
    "profiles_missing": (
        "profiles file {path}: no such file; give the email server profiles (Web API JSON, CSV or Excel .xlsx)",
        "tệp hồ sơ {path}: không có tệp này; hãy cho các hồ sơ máy chủ email (JSON của Web API, CSV hoặc Excel .xlsx)",
    ),
    "profiles_folder": (
        "profiles file {path}: is a folder; give the file of the email server profiles (Web API JSON, CSV or "
        "Excel .xlsx)",
        "tệp hồ sơ {path}: là một thư mục; hãy cho tệp các hồ sơ máy chủ email (JSON của Web API, CSV hoặc "
        "Excel .xlsx)",
    ),
    "profiles_special": (
        "profiles file {path}: is not a regular file (a device, FIFO or socket); save the email server "
        "profiles to a file and give that",
        "tệp hồ sơ {path}: không phải tệp thông thường (thiết bị, FIFO hoặc socket); hãy lưu các hồ sơ máy "
        "chủ email ra một tệp rồi cho tệp đó",
    ),
    "profiles_unreadable": (
        "profiles file {path}: cannot read the file: {reason}",
        "tệp hồ sơ {path}: không đọc được tệp: {reason}",
    ),
    "profiles_too_big": (
        "profiles file {path}: the file is {size:,} bytes; the email server profiles are read up to "
        "{limit:,} bytes (512 MB)",
        "tệp hồ sơ {path}: tệp dài {size:,} byte; các hồ sơ máy chủ email chỉ được đọc tối đa {limit:,} byte (512 MB)",
    ),
    "profiles_xlsx_too_big": (
        "profiles file {path}: the workbook unpacks to {size:,} bytes; the email server profiles are read up "
        "to {limit:,} bytes (512 MB)",
        "tệp hồ sơ {path}: sổ làm việc giải nén ra {size:,} byte; các hồ sơ máy chủ email chỉ được đọc tối đa "
        "{limit:,} byte (512 MB)",
    ),
    "profiles_empty": (
        "profiles file {path}: the file is empty. Expected the email server profiles the mailboxes name: "
        'the Web API\'s JSON ({{"value": [...]}} of /api/data/v9.1/emailserverprofiles), a CSV or an Excel '
        "workbook (.xlsx), with the columns Name (or emailserverprofileid) and Email Server Type",
        "tệp hồ sơ {path}: tệp trống. Cần các hồ sơ máy chủ email mà các hộp thư nhắc tới: JSON của Web API "
        '({{"value": [...]}} của /api/data/v9.1/emailserverprofiles), một tệp CSV hoặc một sổ làm việc Excel '
        "(.xlsx), có các cột Name (hoặc emailserverprofileid) và Email Server Type",
    ),
    "profiles_binary": (
        "profiles file {path}: binary content, neither text nor an Excel workbook. Expected the email server "
        'profiles the mailboxes name: the Web API\'s JSON ({{"value": [...]}} of '
        "/api/data/v9.1/emailserverprofiles), a CSV or an Excel workbook (.xlsx), with the columns Name (or "
        "emailserverprofileid) and Email Server Type",
        "tệp hồ sơ {path}: nội dung nhị phân, không phải văn bản cũng không phải sổ làm việc Excel. Cần các hồ "
        'sơ máy chủ email mà các hộp thư nhắc tới: JSON của Web API ({{"value": [...]}} của '
        "/api/data/v9.1/emailserverprofiles), một tệp CSV hoặc một sổ làm việc Excel (.xlsx), có các cột Name "
        "(hoặc emailserverprofileid) và Email Server Type",
    ),
    "profiles_old_excel": (
        "profiles file {path}: an Excel 97-2003 workbook (.xls), which the audit does not read; open it in "
        "Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8",
        "tệp hồ sơ {path}: sổ làm việc Excel 97-2003 (.xls), loại mà việc kiểm tra không đọc; hãy mở nó bằng "
        "Excel rồi lưu thành Excel Workbook (.xlsx) hoặc CSV UTF-8",
    ),
    "profiles_not_text": (
        "profiles file {path}: line {line} is not UTF-8 text (byte 0x{byte}); save the file from Excel as "
        "CSV UTF-8 or Unicode Text",
        "tệp hồ sơ {path}: dòng {line} không phải văn bản UTF-8 (byte 0x{byte}); hãy lưu tệp từ Excel dưới "
        "dạng CSV UTF-8 hoặc Unicode Text",
    ),
    "profiles_csv_broken": (
        "profiles file {path}: line {line} cannot be read as CSV ({reason})",
        "tệp hồ sơ {path}: không đọc được dòng {line} theo dạng CSV ({reason})",
    ),
    "profiles_json_invalid_at": (
        "profiles file {path}: not valid JSON (line {line}, column {column}: {reason}); the Web API's answer "
        'is {{"value": [...]}}, the profiles of /api/data/v9.1/emailserverprofiles',
        "tệp hồ sơ {path}: không phải JSON hợp lệ (dòng {line}, cột {column}: {reason}); câu trả lời của Web "
        'API có dạng {{"value": [...]}}, các hồ sơ của /api/data/v9.1/emailserverprofiles',
    ),
    "profiles_json_invalid": (
        "profiles file {path}: not valid JSON ({reason}); the Web API's answer "
        'is {{"value": [...]}}, the profiles of /api/data/v9.1/emailserverprofiles',
        "tệp hồ sơ {path}: không phải JSON hợp lệ ({reason}); câu trả lời của Web "
        'API có dạng {{"value": [...]}}, các hồ sơ của /api/data/v9.1/emailserverprofiles',
    ),
    "profiles_json_no_value": (
        "profiles file {path}: JSON without the list 'value' of the Web API's answer (it holds {found}). "
        'Expected the answer of /api/data/v9.1/emailserverprofiles, {{"value": [...]}}, or a list of '
        "profiles, each with emailserverprofileid, name and servertype",
        "tệp hồ sơ {path}: JSON không có danh sách 'value' của câu trả lời Web API (tệp có {found}). Cần câu "
        'trả lời của /api/data/v9.1/emailserverprofiles, {{"value": [...]}}, hoặc một danh sách hồ sơ, mỗi '
        "hồ sơ có emailserverprofileid, name và servertype",
    ),
    "profiles_no_columns": (
        "profiles file {path}: not a file of email server profiles: it needs the columns {choices}, or "
        "emailserverprofileid in place of the name, and holds {found}",
        "tệp hồ sơ {path}: không phải tệp các hồ sơ máy chủ email: cần các cột {choices}, hoặc "
        "emailserverprofileid thay cho tên, còn tệp có {found}",
    ),
    "profiles_no_columns_near": (
        "profiles file {path}: not a file of email server profiles: '{header}' is not a column it reads{hint}. "
        "It needs the columns {choices}, or emailserverprofileid in place of the name, and holds {found}",
        "tệp hồ sơ {path}: không phải tệp các hồ sơ máy chủ email: '{header}' không phải cột được đọc{hint}. "
        "Cần các cột {choices}, hoặc emailserverprofileid thay cho tên, còn tệp có {found}",
    ),
    "profiles_xlsx_corrupt": (
        "profiles file {path}: not a readable Excel workbook ({reason}); give the email server profiles as "
        "an Excel workbook (.xlsx), a CSV or the Web API's JSON",
        "tệp hồ sơ {path}: không phải sổ làm việc Excel đọc được ({reason}); hãy cho các hồ sơ máy chủ email "
        "dưới dạng sổ làm việc Excel (.xlsx), tệp CSV hoặc JSON của Web API",
    ),
    "profiles_no_ids": (
        "profiles file {path}: the mailboxes name their email server profiles by id (_emailserverprofile_value), "
        "and this file gives no id (emailserverprofileid); export the profiles from the Web API with their ids",
        "tệp hồ sơ {path}: các hộp thư nhắc tới hồ sơ máy chủ email theo id (_emailserverprofile_value), còn tệp "
        "này không có id nào (emailserverprofileid); hãy xuất các hồ sơ từ Web API kèm id của chúng",
    ),
    # --- issue 20: readers (syncmatrix/audit/exports.py, mapping.py): bounds, stray quotes, hidden sheets ---
    "export_no_name": (
        "the name of the export file is empty (''); give the path of an export of the mailboxes (Web API JSON, "
        "CSV or Excel .xlsx)",
        "tên tệp xuất để trống (''); hãy cho đường dẫn của một tệp xuất các hộp thư (JSON của Web API, CSV hoặc "
        "Excel .xlsx)",
    ),
    "profiles_no_name": (
        "the name of the profiles file is empty (''); give the path of the email server profiles (Web API JSON, "
        "CSV or Excel .xlsx), or leave --profiles out",
        "tên tệp hồ sơ để trống (''); hãy cho đường dẫn của các hồ sơ máy chủ email (JSON của Web API, CSV hoặc "
        "Excel .xlsx), hoặc bỏ --profiles",
    ),
    "export_too_many_rows": (
        "{path}: more than {limit:,} rows; an export of mailboxes is read up to {limit:,} rows, empty ones "
        "included (the most a sheet of Excel holds): export the mailboxes in several files",
        "{path}: hơn {limit:,} dòng; tệp xuất các hộp thư chỉ được đọc tối đa {limit:,} dòng, kể cả dòng trống "
        "(số dòng tối đa của một trang tính Excel): hãy chia các hộp thư ra nhiều tệp",
    ),
    "profiles_too_many_rows": (
        "profiles file {path}: more than {limit:,} rows; the email server profiles are read up to {limit:,} "
        "rows, empty ones included (the most a sheet of Excel holds)",
        "tệp hồ sơ {path}: hơn {limit:,} dòng; các hồ sơ máy chủ email chỉ được đọc tối đa {limit:,} dòng, kể cả "
        "dòng trống (số dòng tối đa của một trang tính Excel)",
    ),
    "export_xlsx_too_many_rows": (
        "{path}: the sheet '{sheet}' holds more than {limit:,} rows; an export of mailboxes is read up to "
        "{limit:,} rows (the most a sheet of Excel holds): export the mailboxes in several files",
        "{path}: trang tính '{sheet}' có hơn {limit:,} dòng; tệp xuất các hộp thư chỉ được đọc tối đa {limit:,} "
        "dòng (số dòng tối đa của một trang tính Excel): hãy chia các hộp thư ra nhiều tệp",
    ),
    "profiles_xlsx_too_many_rows": (
        "profiles file {path}: the sheet '{sheet}' holds more than {limit:,} rows; the email server profiles "
        "are read up to {limit:,} rows (the most a sheet of Excel holds)",
        "tệp hồ sơ {path}: trang tính '{sheet}' có hơn {limit:,} dòng; các hồ sơ máy chủ email chỉ được đọc tối "
        "đa {limit:,} dòng (số dòng tối đa của một trang tính Excel)",
    ),
    "export_xlsx_strings": (
        "{path}: the workbook's table of shared texts ({part}) holds more than {limit:,} texts, more than an "
        "export of {rows:,} mailboxes would; it is not read: save the export again from Excel",
        "{path}: bảng văn bản dùng chung của sổ làm việc ({part}) có hơn {limit:,} văn bản, nhiều hơn một tệp "
        "xuất {rows:,} hộp thư có thể có; bảng này không được đọc: hãy lưu lại tệp xuất từ Excel",
    ),
    "profiles_xlsx_strings": (
        "profiles file {path}: the workbook's table of shared texts ({part}) holds more than {limit:,} texts; "
        "it is not read: save the profiles again from Excel",
        "tệp hồ sơ {path}: bảng văn bản dùng chung của sổ làm việc ({part}) có hơn {limit:,} văn bản; bảng này "
        "không được đọc: hãy lưu lại các hồ sơ từ Excel",
    ),
    "export_xlsx_no_visible": (
        "{path}: every sheet of the workbook is hidden; an export is read from its first visible sheet, as Excel "
        "shows it: unhide the sheet of the mailboxes in Excel and save the workbook again",
        "{path}: mọi trang tính của sổ làm việc đều bị ẩn; tệp xuất được đọc từ trang tính hiện đầu tiên, như "
        "Excel hiển thị: hãy bỏ ẩn trang tính các hộp thư trong Excel rồi lưu lại sổ làm việc",
    ),
    "profiles_xlsx_no_visible": (
        "profiles file {path}: every sheet of the workbook is hidden; the profiles are read from its first "
        "visible sheet: unhide it in Excel and save the workbook again",
        "tệp hồ sơ {path}: mọi trang tính của sổ làm việc đều bị ẩn; các hồ sơ được đọc từ trang tính hiện đầu "
        "tiên: hãy bỏ ẩn nó trong Excel rồi lưu lại sổ làm việc",
    ),
    "export_header_unclosed": (
        "{path}: line {line}: a quote opens a cell of the header and is not closed on that line; close it (a "
        'quote that is part of a text is written twice: "")',
        "{path}: dòng {line}: một dấu ngoặc kép mở một ô của dòng tiêu đề mà không được đóng trên dòng đó; hãy "
        'đóng nó (dấu ngoặc kép thuộc về văn bản thì viết hai lần: "")',
    ),
    "profiles_header_unclosed": (
        "profiles file {path}: line {line}: a quote opens a cell of the header and is not closed on that line; "
        'close it (a quote that is part of a text is written twice: "")',
        "tệp hồ sơ {path}: dòng {line}: một dấu ngoặc kép mở một ô của dòng tiêu đề mà không được đóng trên dòng "
        'đó; hãy đóng nó (dấu ngoặc kép thuộc về văn bản thì viết hai lần: "")',
    ),
    "export_header_too_long": (
        "{path}: line {line}: a cell of the header holds more than {limit:,} characters, the most a cell of "
        "Excel holds; the header of an export names its columns",
        "{path}: dòng {line}: một ô của dòng tiêu đề có hơn {limit:,} ký tự, số ký tự tối đa của một ô Excel; "
        "dòng tiêu đề của tệp xuất chỉ nêu tên các cột",
    ),
    "profiles_header_too_long": (
        "profiles file {path}: line {line}: a cell of the header holds more than {limit:,} characters, the most "
        "a cell of Excel holds; the header names the columns",
        "tệp hồ sơ {path}: dòng {line}: một ô của dòng tiêu đề có hơn {limit:,} ký tự, số ký tự tối đa của một ô "
        "Excel; dòng tiêu đề chỉ nêu tên các cột",
    ),
    "export_json_too_deep": (
        "{path}: not an export of mailboxes: its JSON nests values too deep to be read (the Web API's answer "
        'nests a mailbox and its profile in {{"value": [...]}}, three levels)',
        "{path}: không phải tệp xuất các hộp thư: JSON của tệp lồng các giá trị quá sâu để đọc được (câu trả lời "
        'của Web API lồng một hộp thư và hồ sơ của nó trong {{"value": [...]}}, ba mức)',
    ),
    "profiles_json_too_deep": (
        "profiles file {path}: not a file of email server profiles: its JSON nests values too deep to be read",
        "tệp hồ sơ {path}: không phải tệp các hồ sơ máy chủ email: JSON của tệp lồng các giá trị quá sâu để đọc được",
    ),
    "export_json_doubled": (
        "{path}: the key '{field}' is given twice in the object that holds the list of mailboxes, so which one "
        "holds them is not clear; give it once",
        "{path}: khóa '{field}' xuất hiện hai lần trong đối tượng chứa danh sách hộp thư, nên không rõ danh sách "
        "nào là đúng; hãy chỉ cho một lần",
    ),
    "profiles_json_doubled": (
        "profiles file {path}: the key '{field}' is given twice in the object that holds the list of profiles, so "
        "which one holds them is not clear; give it once",
        "tệp hồ sơ {path}: khóa '{field}' xuất hiện hai lần trong đối tượng chứa danh sách hồ sơ, nên không rõ "
        "danh sách nào là đúng; hãy chỉ cho một lần",
    ),
    "xlsx_reason_not_zip": ("it is not a ZIP archive", "đây không phải tệp nén ZIP"),
    "xlsx_reason_damaged_zip": ("its ZIP archive is damaged", "tệp nén ZIP của nó bị hỏng"),
    "xlsx_reason_no_sheet": ("the workbook has no worksheet", "sổ làm việc không có trang tính nào"),
    "xlsx_reason_parts": (
        "a part a workbook needs is missing or damaged",
        "một phần cần có của sổ làm việc bị thiếu hoặc bị hỏng",
    ),
    "xlsx_reason_row": ("row {row} cannot be read", "không đọc được dòng {row}"),
    "xlsx_reason_types": (
        "its list of parts ([Content_Types].xml) is {size:,} bytes, more than a workbook's",
        "danh sách các phần của nó ([Content_Types].xml) dài {size:,} byte, nhiều hơn của một sổ làm việc",
    ),
    "export_note_empty_rows": (
        "{n} empty row(s) were skipped: an empty row is no mailbox",
        "đã bỏ qua {n} dòng trống: dòng trống không phải hộp thư",
    ),
    "export_note_empty_objects": (
        "{n} empty object(s) ({{}}) of the list were skipped: an empty object is no mailbox",
        "đã bỏ qua {n} đối tượng trống ({{}}) của danh sách: đối tượng trống không phải hộp thư",
    ),
    "export_note_hidden_sheet": (
        "the workbook's sheet '{hidden}' is hidden and also looks like an export of mailboxes (it has the column "
        "{column}); the visible sheet '{visible}' is read, as Excel shows it",
        "trang tính '{hidden}' của sổ làm việc bị ẩn và cũng giống một tệp xuất các hộp thư (có cột {column}); "
        "trang tính hiện '{visible}' được đọc, như Excel hiển thị",
    ),
    "export_note_profiles_row": ("profiles file, line {line}: {reason}", "tệp hồ sơ, dòng {line}: {reason}"),
    "audit_pb_unclosed_quote": (
        "a quote opens the cell under '{column}' on line {line} of the file and is not closed on that line; the "
        "lines after it are read as rows of their own and this line is not read (close the quote; a quote that is "
        'part of a text is written twice: "")',
        "một dấu ngoặc kép mở ô thuộc cột '{column}' ở dòng {line} của tệp mà không được đóng trên dòng đó; các "
        "dòng sau được đọc như những dòng riêng còn dòng này không được đọc (hãy đóng dấu ngoặc kép; dấu ngoặc "
        'kép thuộc về văn bản thì viết hai lần: "")',
    ),
    "audit_pb_unclosed_quote_line": (
        "a quote opens a cell on line {line} of the file and is not closed on that line; the lines after it are "
        "read as rows of their own and this line is not read (close the quote; a quote that is part of a text is "
        'written twice: "")',
        "một dấu ngoặc kép mở một ô ở dòng {line} của tệp mà không được đóng trên dòng đó; các dòng sau được đọc như "
        "những dòng riêng còn dòng này không được đọc (hãy đóng dấu ngoặc kép; dấu ngoặc kép thuộc về văn bản "
        'thì viết hai lần: "")',
    ),
    "audit_pb_line_too_long": (
        "a cell of line {line} of the file holds more than {limit:,} characters, the most a cell of Excel holds; "
        "the line is not read",
        "một ô ở dòng {line} của tệp có hơn {limit:,} ký tự, số ký tự tối đa của một ô Excel; dòng này không được đọc",
    ),
    "audit_pb_text_too_long": (
        "{n:,} characters, more than the {limit:,} a cell of Excel holds; not read",
        "{n:,} ký tự, nhiều hơn {limit:,} ký tự tối đa của một ô Excel; không được đọc",
    ),
    "audit_pb_doubled_key": (
        "the key '{field}' is given twice in this object, so which value is the mailbox's is not clear; the "
        "mailbox is not read (give each key once)",
        "khóa '{field}' xuất hiện hai lần trong đối tượng này, nên không rõ giá trị nào là của hộp thư; hộp thư "
        "không được đọc (hãy chỉ cho mỗi khóa một lần)",
    ),
    "audit_pb_surrogate": (
        "a text holds a character that is no character of Unicode (a lone surrogate, such as \\ud800), read as \ufffd",
        "một văn bản có một ký tự không phải ký tự Unicode (một nửa cặp thay thế đứng riêng, chẳng hạn "
        "\\ud800), được đọc thành \ufffd",
    ),
    "map_invalid_one": ("the map file is not valid (1 problem):", "tệp bảng ánh xạ không hợp lệ (1 vấn đề):"),
    "map_invalid": ("the map file is not valid ({n} problems):", "tệp bảng ánh xạ không hợp lệ ({n} vấn đề):"),
    "map_no_name": (
        "--map: the name of the map file is empty (''); give the path of a YAML map of email systems, or leave "
        "--map out",
        "--map: tên tệp bảng ánh xạ để trống (''); hãy cho đường dẫn của một bảng ánh xạ hệ thống email dạng "
        "YAML, hoặc bỏ --map",
    ),
    # --- issue 22: the readers' own words, once written beside their code (syncmatrix/audit/exports.py) ---
    "audit_pb_not_option": (
        "{value} is not an option number of {field}; expected {expected}",
        "{value} không phải số tùy chọn của {field}; cần {expected}",
    ),
    "audit_pb_not_whole": (
        "{value} is not a whole number; {field} takes {expected}",
        "{value} không phải số nguyên; {field} nhận {expected}",
    ),
    "audit_pb_not_value": (
        "{value} is not a value of {field}; expected {expected}",
        "{value} không phải giá trị của {field}; cần {expected}",
    ),
    "audit_shown_digits": ("a number of {n} digits", "một số có {n} chữ số"),
    "audit_pb_not_text": ("{value} is not a text", "{value} không phải văn bản"),
    "audit_pb_row_short": (
        "the row ends after {n} cell(s) where the header has {width}: the cells from '{first}' on are missing",
        "dòng dừng sau {n} ô trong khi dòng tiêu đề có {width}: thiếu các ô từ '{first}' trở đi",
    ),
    "audit_pb_row_long": (
        "the row has {n} cells where the header has {width}: a cell may hold an unquoted delimiter, so its values "
        "may stand under the wrong columns",
        "dòng có {n} ô trong khi dòng tiêu đề có {width}: có thể một ô chứa dấu phân cách không nằm trong ngoặc "
        "kép, nên các giá trị có thể nằm sai cột",
    ),
    "audit_pb_not_mailbox": (
        "{value} is not a mailbox (a JSON object)",
        "{value} không phải hộp thư (một đối tượng JSON)",
    ),
    "audit_pb_not_profile": (
        "{value} is not an email server profile (a JSON object)",
        "{value} không phải hồ sơ máy chủ email (một đối tượng JSON)",
    ),
    "audit_pb_not_profile_id": ("{value} is not the id of a profile", "{value} không phải mã của một hồ sơ"),
    "audit_pb_object_empty": ("the object is empty", "đối tượng này rỗng"),
    "audit_pb_profile_no_file": (
        "names the email server profile {what} '{reference}', but no file of profiles was given to say what it is",
        "nêu hồ sơ máy chủ email có {what} '{reference}', nhưng không có tệp hồ sơ nào được cho để biết đó là gì",
    ),
    "audit_pb_profile_unknown": (
        "no email server profile has the {what} '{reference}' in {path}{hint}",
        "không có hồ sơ máy chủ email nào có {what} '{reference}' trong {path}{hint}",
    ),
    "audit_pb_profile_ambiguous": (
        "{n} different email server profiles are named '{reference}' ({where})",
        "có {n} hồ sơ máy chủ email khác nhau cùng tên '{reference}' ({where})",
    ),
    "audit_pb_profile_partial": (
        "its profile '{name}' ({where}) cannot be read whole: {problems}",
        "không đọc được trọn vẹn hồ sơ '{name}' của nó ({where}): {problems}",
    ),
    "shape_web_api": ("Web API JSON", "JSON của Web API"),
    "shape_csv": ("CSV text", "văn bản CSV"),
    "shape_xlsx": ("an Excel workbook", "một sổ làm việc Excel"),
    "delimiter_semicolons": ("semicolons", "dấu chấm phẩy"),
    "delimiter_tabs": ("tabs", "dấu tab"),
    "export_note_shape": (
        "the name ends in {suffix} but the content is {shape}: read as such",
        "tên tệp có đuôi {suffix} nhưng nội dung là {shape}: đọc theo nội dung",
    ),
    "export_note_delimiter": ("cells are separated by {delimiter}", "các ô được phân cách bằng {delimiter}"),
    "export_note_columns_both": (
        "columns '{first}' and '{second}' both give {field}: the first is read",
        "cột '{first}' và cột '{second}' đều cho {field}: đọc cột thứ nhất",
    ),
    "export_note_column_near": (
        "column '{name}' is not read (did you mean '{near}'?)",
        "cột '{name}' không được đọc (có phải ý bạn là '{near}'?)",
    ),
    "export_note_no_column": (
        "no column {field}: that field of every mailbox is unknown",
        "không có cột {field}: trường này của mọi hộp thư đều chưa rõ",
    ),
    "export_note_no_field": (
        "no field {field}: that field of every mailbox is unknown",
        "không có trường {field}: trường này của mọi hộp thư đều chưa rõ",
    ),
    "export_note_no_mailbox": ("the export holds no mailbox", "tệp xuất không có hộp thư nào"),
    "export_note_profiles_by_id": (
        "the mailboxes name their email server profiles by id ({field}); without the file of profiles their types "
        "are unknown",
        "các hộp thư nêu hồ sơ máy chủ email bằng mã ({field}); không có tệp hồ sơ thì chưa rõ loại của chúng",
    ),
    # --- issue 22: the map file's problems (syncmatrix/audit/mapping.py) ---
    "map_pb_not_mapping": ("expected a mapping, such as {example}", "cần một ánh xạ, ví dụ {example}"),
    "map_pb_unknown_top": (
        "unknown key '{word}'; expected email_system{hint}",
        "không có khóa '{word}'; cần email_system{hint}",
    ),
    "map_pb_top_not_mapping": (
        "email_system must be a mapping, such as {example}",
        "email_system phải là một ánh xạ, ví dụ {example}",
    ),
    "map_pb_unknown_section": (
        "unknown key '{word}' under email_system; expected one of {choices}{hint}",
        "không có khóa '{word}' dưới email_system; các khóa có: {choices}{hint}",
    ),
    "map_pb_section_not_mapping": (
        "email_system.{section} must be a mapping of {what}: SYSTEM",
        "email_system.{section} phải là một ánh xạ {what}: SYSTEM",
    ),
    "map_pb_not_entry": (
        "'{written}' under email_system.{section} is not {what}",
        "'{written}' dưới email_system.{section} không phải {what}",
    ),
    "map_what_profiles": ("a profile's name", "tên của một hồ sơ"),
    "map_what_hosts": ("a host name", "một tên máy chủ"),
    "map_what_domains": ("a domain", "một tên miền"),
    "map_pb_twice": (
        "'{written}' is given twice under email_system.{section} (first at line {first})",
        "'{written}' được cho hai lần dưới email_system.{section} (lần đầu ở dòng {first})",
    ),
    "map_pb_system_not_name": (
        "the email system of '{written}' must be a name, such as exchange_2019; got {shown}",
        "hệ thống email của '{written}' phải là một tên, ví dụ exchange_2019; nhận được {shown}",
    ),
    "map_got_nothing": ("nothing", "không có gì"),
    "map_got_list": ("a list", "một danh sách"),
    "map_got_mapping": ("a mapping", "một ánh xạ"),
    # --- issue 22: the knowledge base's problems (kb/loader.py) ---
    "kb_pb_cannot_open": ("cannot open the folder: {reason}", "không mở được thư mục: {reason}"),
    "kb_pb_nul": ("not a folder name (it holds a NUL character)", "không phải tên thư mục (có ký tự NUL)"),
    "kb_pb_not_folder": (
        "not a folder; expected a knowledge base folder",
        "không phải thư mục; cần một thư mục cơ sở tri thức",
    ),
    "kb_pb_too_many_files": (
        "more than {limit} rule files; the limit is {limit}",
        "quá {limit} tệp quy tắc; giới hạn là {limit}",
    ),
    "kb_pb_rules_not_folder": (
        "not a folder; expected a folder of rule files (rules/*.yaml)",
        "không phải thư mục; cần một thư mục các tệp quy tắc (rules/*.yaml)",
    ),
    "kb_pb_cannot_list": ("cannot list the folder: {reason}", "không liệt kê được thư mục: {reason}"),
    "kb_pb_no_rule_files": ("no rule files; expected rules/*.yaml", "không có tệp quy tắc nào; cần rules/*.yaml"),
    "kb_pb_name_not_utf8": (
        "the file name is not UTF-8 text; rename the file",
        "tên tệp không phải văn bản UTF-8; hãy đổi tên tệp",
    ),
    "kb_pb_not_mapping": ("{what} must be a mapping with keys {keys}", "{what} phải là một ánh xạ với các khóa {keys}"),
    "kb_pb_unknown_key": (
        "unknown key '{word}' in {what}; expected {keys}{hint}",
        "không có khóa '{word}' trong {what}; cần {keys}{hint}",
    ),
    "kb_pb_lacks_key": ("{what} lacks the key '{word}'", "{what} thiếu khóa '{word}'"),
    "kb_pb_not_list": ("'{word}' of {what} must be a list", "'{word}' của {what} phải là một danh sách"),
    "kb_pb_empty_text": (
        "'{word}' of {what} must be a non-empty text",
        "'{word}' của {what} phải là một văn bản không rỗng",
    ),
    "kb_pb_too_long": (
        "{what} is {n} characters long ('{text}'); the limit is {limit}",
        "{what} dài {n} ký tự ('{text}'); giới hạn là {limit}",
    ),
    "kb_pb_not_text": (
        "{what} must give the text in each language: {languages}",
        "{what} phải cho văn bản bằng từng ngôn ngữ: {languages}",
    ),
    "kb_pb_unknown_language": (
        "unknown language '{lang}' in {what}; expected {languages}{hint}",
        "không có ngôn ngữ '{lang}' trong {what}; cần {languages}{hint}",
    ),
    "kb_pb_empty_translation": (
        "the '{lang}' text of {what} must be a non-empty text",
        "văn bản '{lang}' của {what} phải không rỗng",
    ),
    "kb_pb_lacks_translation": ("{what} lacks its '{lang}' translation", "{what} thiếu bản dịch '{lang}'"),
    "kb_pb_variable_twice": (
        "variable '{name}' is defined twice (first at line {first})",
        "mục '{name}' được định nghĩa hai lần (lần đầu ở dòng {first})",
    ),
    "kb_pb_no_variables": ("no variables defined", "chưa định nghĩa mục nào"),
    "kb_pb_section_twice": ("section name '{name}' is defined twice", "tên phần '{name}' được định nghĩa hai lần"),
    "kb_pb_section_not_identifier": (
        "section name '{name}' must be a plain identifier (letters, digits, _)",
        "tên phần '{name}' phải là một định danh đơn giản (chữ cái, chữ số, _)",
    ),
    "kb_pb_section_not_variable": (
        "section '{name}' names '{word}', which is not a variable: {choices}{hint}",
        "phần '{name}' nêu '{word}', không phải một mục: {choices}{hint}",
    ),
    "kb_pb_already_in_section": (
        "variable '{name}' is already in section '{section}'",
        "mục '{name}' đã thuộc phần '{section}'",
    ),
    "kb_pb_section_empty": ("section '{name}' lists no variables", "phần '{name}' không liệt kê mục nào"),
    "kb_pb_sections_leave_out": (
        "the sections leave out {missing}: put every variable in one section, so that the form shows it",
        "các phần bỏ sót {missing}: hãy đặt mỗi mục vào một phần để biểu mẫu hiện nó",
    ),
    "kb_pb_effort": (
        "'effort' of {what} is '{text}'; expected a whole number from 1 (an option turned on or off) to {limit}",
        "'effort' của {what} là '{text}'; cần một số nguyên từ 1 (bật hoặc tắt một tùy chọn) đến {limit}",
    ),
    "kb_pb_variable_not_identifier": (
        "variable name '{name}' must be a plain identifier (letters, digits, _)",
        "tên mục '{name}' phải là một định danh đơn giản (chữ cái, chữ số, _)",
    ),
    "kb_pb_unknown_type": (
        "unknown type '{word}' of {what}; expected {choices}{hint}",
        "không có kiểu '{word}' cho {what}; cần {choices}{hint}",
    ),
    "kb_pb_bool_values": (
        "{what} is a bool: its values are true and false, not a list",
        "{what} là kiểu bool: giá trị của nó là true và false, không phải một danh sách",
    ),
    "kb_pb_name_not_plain": (
        "'{word}' of {what} names '{name}'; a name people type must be a plain lower-case identifier (letters, "
        "digits, _), not true or false",
        "'{word}' của {what} nêu '{name}'; một tên người dùng gõ phải là định danh chữ thường đơn giản (chữ cái, "
        "chữ số, _), không phải true hay false",
    ),
    "kb_pb_lists_twice": ("'{word}' of {what} lists '{item}' twice", "'{word}' của {what} liệt kê '{item}' hai lần"),
    "kb_pb_alias_taken": (
        "alias '{alias}' of {owner} in {what} is already {taken}; an alias names one thing only (a name several "
        "things share belongs in 'hints')",
        "bí danh '{alias}' của {owner} trong {what} đã là {taken}; một bí danh chỉ gọi một thứ (tên dùng chung cho "
        "nhiều thứ thuộc về 'hints')",
    ),
    "kb_pb_alias_squeezed": (
        "alias '{alias}' of {owner} in {what} is '{name}' with its punctuation left out; such a name is refused "
        "with the name suggested, not accepted",
        "bí danh '{alias}' của {owner} trong {what} là '{name}' bỏ dấu câu; tên như vậy bị từ chối kèm gợi ý tên "
        "đúng, không được chấp nhận",
    ),
    "kb_what_alias_of": ("an alias of {owner}", "một bí danh của {owner}"),
    "kb_pb_hint_taken": (
        "hint '{hint}' of {owner} in {what} is already {taken}; a hint is a name that is not accepted, only suggested",
        "gợi ý '{hint}' của {owner} trong {what} đã là {taken}; gợi ý là tên không được chấp nhận, chỉ được đề xuất",
    ),
    "kb_pb_enum_no_values": ("{what} is an enum and lacks its 'values'", "{what} là kiểu enum nhưng thiếu 'values'"),
    "kb_pb_value_twice": (
        "value '{value}' of {what} is listed twice (first at line {first})",
        "giá trị '{value}' của {what} được liệt kê hai lần (lần đầu ở dòng {first})",
    ),
    "kb_pb_value_not_identifier": (
        "value name '{value}' of {what} must be a plain identifier, not true or false (use a bool variable)",
        "tên giá trị '{value}' của {what} phải là một định danh đơn giản, không phải true hay false (hãy dùng mục "
        "kiểu bool)",
    ),
    "kb_pb_no_values": ("{what} has no values", "{what} không có giá trị nào"),
    "kb_pb_dead_not_value": (
        "'expected_dead' of {what} names '{word}', which is not one of its values: {choices}{hint}",
        "'expected_dead' của {what} nêu '{word}', không phải một giá trị của nó: {choices}{hint}",
    ),
    "kb_pb_bool_groups": (
        "{what} is a bool: it has no groups of values",
        "{what} là kiểu bool: nó không có nhóm giá trị",
    ),
    "kb_pb_group_name_value": (
        "group name '{name}' of {what} is a value of it; a group needs a name of its own",
        "tên nhóm '{name}' của {what} là một giá trị của nó; nhóm cần một tên riêng",
    ),
    "kb_pb_group_name_twice": (
        "group name '{name}' of {what} is defined twice; a group needs a name of its own",
        "tên nhóm '{name}' của {what} được định nghĩa hai lần; nhóm cần một tên riêng",
    ),
    "kb_pb_group_name_not_identifier": (
        "group name '{name}' of {what} must be a plain identifier (letters, digits, _); a group needs a name of "
        "its own",
        "tên nhóm '{name}' của {what} phải là một định danh đơn giản (chữ cái, chữ số, _); nhóm cần một tên riêng",
    ),
    "kb_pb_group_member": (
        "group '{name}' of {what} names '{word}', which is neither one of its values nor an earlier group: "
        "{choices}{hint}",
        "nhóm '{name}' của {what} nêu '{word}', không phải giá trị của nó cũng không phải một nhóm trước đó: "
        "{choices}{hint}",
    ),
    "kb_pb_group_empty": ("group '{name}' of {what} has no values", "nhóm '{name}' của {what} không có giá trị nào"),
    "kb_pb_document_slash": ("document id '{name}' must not contain '/'", "mã tài liệu '{name}' không được chứa '/'"),
    "kb_pb_statement_no_id": (
        "a statement of {what} needs an 'id' (a name or number)",
        "một nội dung của {what} cần có 'id' (một tên hoặc một số)",
    ),
    "kb_what_statement_id": ("'id' of a statement of {what}", "'id' của một nội dung của {what}"),
    "kb_pb_mark": (
        "'mark' of {what} must be a footnote mark such as 1 or '*'",
        "'mark' của {what} phải là một dấu chú thích, ví dụ 1 hoặc '*'",
    ),
    "kb_pb_defined_twice": ("{what} is defined twice", "{what} được định nghĩa hai lần"),
    "kb_pb_url": (
        "'url' of {what} must be an https:// address or a path in the repository such as docs/READINGS.md, without "
        "spaces; got '{text}'",
        "'url' của {what} phải là một địa chỉ https:// hoặc một đường dẫn trong kho mã, ví dụ docs/READINGS.md, "
        "không có khoảng trắng; nhận được '{text}'",
    ),
    "kb_what_the_rule_file": ("the rule file", "tệp quy tắc"),
    "kb_pb_unknown_document": (
        "unknown document '{name}'; expected one of {choices} (sources.yaml){hint}",
        "không có tài liệu '{name}'; các tài liệu có: {choices} (sources.yaml){hint}",
    ),
    "kb_pb_advisories_not_mapping": (
        "'advisories' must map advisory ids to their title, 'from' and 'source'",
        "'advisories' phải ánh xạ mã khuyến cáo tới tiêu đề, 'from' và 'source' của nó",
    ),
    "kb_pb_advisory_id": (
        "an advisory id must be a name of at most {limit} characters",
        "mã khuyến cáo phải là một tên dài tối đa {limit} ký tự",
    ),
    "kb_pb_declared_twice": (
        "{what} is declared twice (first at {file}:{line})",
        "{what} được khai báo hai lần (lần đầu ở {file}:{line})",
    ),
    "kb_pb_remedies_not_mapping": (
        "'remedies' must map remedy names to their texts",
        "'remedies' phải ánh xạ tên cách khắc phục tới văn bản của nó",
    ),
    "kb_what_retired": ("'retired' of remedy '{name}'", "'retired' của cách khắc phục '{name}'"),
    "kb_pb_day_shape": (
        "'from' of {what} must be a day written {shape}; got '{text}'",
        "'from' của {what} phải là một ngày viết {shape}; nhận được '{text}'",
    ),
    "kb_pb_not_a_day": (
        "'from' of {what} is '{text}', which is not a day of the calendar",
        "'from' của {what} là '{text}', không phải một ngày có trong lịch",
    ),
    "kb_pb_source_shape": (
        "'source' of {what} must name statements as DOCUMENT/STATEMENT",
        "'source' của {what} phải nêu các nội dung dưới dạng DOCUMENT/STATEMENT",
    ),
    "kb_pb_source_unknown": (
        "'source' of {what} names '{ref}', which is no statement of sources.yaml{hint}",
        "'source' của {what} nêu '{ref}', không phải một nội dung của sources.yaml{hint}",
    ),
    "kb_pb_source_twice": ("'source' of {what} names '{ref}' twice", "'source' của {what} nêu '{ref}' hai lần"),
    "kb_pb_rule_id": (
        "rule id '{name}' may hold letters, digits, '-', '_' and '.' only",
        "mã quy tắc '{name}' chỉ được chứa chữ cái, chữ số, '-', '_' và '.'",
    ),
    "kb_pb_reading": (
        "{what} is of kind 'reading' and must say what is read and why ('reading')",
        "{what} thuộc loại 'reading' và phải nói điều gì được hiểu và vì sao ('reading')",
    ),
    "kb_none_defined": ("(none defined)", "(chưa định nghĩa gì)"),
    "kb_pb_unknown_remedy": (
        "{what} names remedy '{name}', which 'remedies' does not define; expected one of {choices}{hint}",
        "{what} nêu cách khắc phục '{name}', mà 'remedies' không định nghĩa; các cách có: {choices}{hint}",
    ),
    "kb_pb_not_dated": (
        "{what} is of kind '{kind}' and has '{word}': only a rule of kind 'advisory' is dated",
        "{what} thuộc loại '{kind}' nhưng có '{word}': chỉ quy tắc loại 'advisory' mới có ngày",
    ),
    "kb_pb_advisory_lacks": (
        "{what} is of kind 'advisory' and lacks the key '{word}' (the advisory's id and the first day of this "
        "phase, \"YYYY-MM-DD\" or 'always')",
        "{what} thuộc loại 'advisory' nhưng thiếu khóa '{word}' (mã khuyến cáo và ngày đầu của giai đoạn này, "
        "\"YYYY-MM-DD\" hoặc 'always')",
    ),
    "kb_pb_phase_same_day": (
        "rule '{rule}' is a phase of advisory '{advisory}' over the same configurations as rule '{other}' "
        "({file}:{line}) and begins on the same day ({day}); the phases of an advisory begin on different days",
        "quy tắc '{rule}' là một giai đoạn của khuyến cáo '{advisory}' trên cùng các cấu hình với quy tắc "
        "'{other}' ({file}:{line}) và bắt đầu cùng ngày ({day}); các giai đoạn của một khuyến cáo phải bắt đầu vào "
        "những ngày khác nhau",
    ),
    "kb_pb_document_twice": ("document '{name}' is defined twice", "tài liệu '{name}' được định nghĩa hai lần"),
    "kb_pb_when_shape": (
        "'{word}' of {what} must map variables to a value or a list of values",
        "'{word}' của {what} phải ánh xạ các mục tới một giá trị hoặc một danh sách giá trị",
    ),
    "kb_pb_unknown_variable": (
        "unknown variable '{name}' in {what}; expected one of {choices}{hint}",
        "không có mục '{name}' trong {what}; các mục có: {choices}{hint}",
    ),
    "kb_pb_when_empty": (
        "'{name}' in {what} lists no values, so the rule could never hold",
        "'{name}' trong {what} không liệt kê giá trị nào, nên quy tắc không bao giờ đúng",
    ),
    "kb_pb_when_twice": ("'{name}' in {what} lists '{value}' twice", "'{name}' trong {what} liệt kê '{value}' hai lần"),
    "kb_pb_when_bool": (
        "'{name}' in {what} is a bool: expected true or false, got '{text}'",
        "'{name}' trong {what} là kiểu bool: cần true hoặc false, nhận được '{text}'",
    ),
    "kb_yaml_boolean": (
        " (YAML reads it as a boolean; quote it)",
        " (YAML đọc nó là giá trị boolean; hãy đặt nó trong ngoặc kép)",
    ),
    "kb_pb_unknown_value": (
        "unknown value '{text}' for {variable} in {what}; expected one of {choices}{hint}{quote}",
        "không có giá trị '{text}' cho {variable} trong {what}; các giá trị có: {choices}{hint}{quote}",
    ),
    "kb_pb_never_holds": (
        "{what} can never hold: its condition on '{variable}' and the file's 'applies_when' share no value",
        "{what} không bao giờ đúng: điều kiện của nó về '{variable}' và 'applies_when' của tệp không có giá trị chung",
    ),
    # Issue 23: a page-layer rule superseded by an advisory from a day.
    "kb_what_superseded": ("'superseded' of {what}", "'superseded' của {what}"),
    "kb_pb_superseded_phase": (
        "{what} is a phase of an advisory and has 'superseded': only a rule of the page layer is superseded "
        "(a phase ends where the next begins)",
        "{what} là một giai đoạn của khuyến cáo nhưng có 'superseded': chỉ quy tắc của lớp trang mới được thay "
        "thế (một giai đoạn kết thúc khi giai đoạn sau bắt đầu)",
    ),
    "kb_pb_superseded_unknown": (
        "{what} is superseded by advisory '{name}', which no rule file declares under 'advisories'; expected "
        "one of {choices}{hint}",
        "{what} được thay thế bởi khuyến cáo '{name}', nhưng không tệp quy tắc nào khai báo nó trong "
        "'advisories'; cần một trong {choices}{hint}",
    ),
    "kb_pb_superseded_outside": (
        "{what} is superseded from {day}, outside the phases of advisory '{name}' ({where}): a supersession "
        "begins on a day one of its phases holds",
        "{what} được thay thế từ ngày {day}, nằm ngoài các giai đoạn của khuyến cáo '{name}' ({where}): việc "
        "thay thế phải bắt đầu vào ngày mà một giai đoạn của khuyến cáo có hiệu lực",
    ),
    "kb_superseded_first_phase": ("its first phase begins on {day}", "giai đoạn đầu tiên bắt đầu ngày {day}"),
    "kb_superseded_no_phase": ("it has no phase", "khuyến cáo không có giai đoạn nào"),
    "kb_none_declared": ("(none declared)", "(chưa khai báo gì)"),
    "kb_pb_unknown_advisory": (
        "{what} names advisory '{name}', which no rule file declares under 'advisories'; expected one of "
        "{choices}{hint}",
        "{what} nêu khuyến cáo '{name}', mà không tệp quy tắc nào khai báo dưới 'advisories'; các khuyến cáo có: "
        "{choices}{hint}",
    ),
    "kb_pb_phase_before": (
        "{what} begins on {day}, before advisory '{name}' itself ({file}:{line}, from {start}); a phase lies "
        "within its advisory",
        "{what} bắt đầu ngày {day}, trước cả khuyến cáo '{name}' ({file}:{line}, từ ngày {start}); một giai đoạn "
        "phải nằm trong khuyến cáo của nó",
    ),
    "kb_pb_advisory_unused": (
        "advisory '{name}' is declared but no rule is a phase of it and no remedy is retired by it",
        "khuyến cáo '{name}' được khai báo nhưng không quy tắc nào là giai đoạn của nó và không cách khắc phục nào "
        "hết hiệu lực vì nó",
    ),
    "kb_pb_duplicate_rule": (
        "duplicate rule id '{name}' (first at {file}:{line})",
        "mã quy tắc '{name}' bị trùng (lần đầu ở {file}:{line})",
    ),
    "kb_pb_unknown_enum": (
        "unknown {word} '{text}' of {what}; expected {choices}{hint}",
        "{word} '{text}' của {what} không có; cần {choices}{hint}",
    ),
    # --- issue 22: the YAML reader's problems (kb/located.py) ---
    "yaml_pb_missing": ("missing file", "thiếu tệp"),
    "yaml_pb_cannot_open": ("cannot open the file: {reason}", "không mở được tệp: {reason}"),
    "yaml_pb_special": (
        "this is {kind}, not a file; expected a YAML file",
        "đây là {kind}, không phải tệp; cần một tệp YAML",
    ),
    "yaml_kind_folder": ("a folder", "một thư mục"),
    "yaml_kind_fifo": ("a FIFO (named pipe)", "một FIFO (đường ống có tên)"),
    "yaml_kind_character_device": ("a character device", "một thiết bị ký tự"),
    "yaml_kind_block_device": ("a block device", "một thiết bị khối"),
    "yaml_kind_socket": ("a socket", "một socket"),
    "yaml_pb_not_regular": (
        "this is not a regular file; expected a YAML file",
        "đây không phải tệp thông thường; cần một tệp YAML",
    ),
    "yaml_pb_file_too_big": ("file is {size} bytes; the limit is {limit}", "tệp có {size} byte; giới hạn là {limit}"),
    "yaml_pb_cannot_read": ("cannot read the file: {reason}", "không đọc được tệp: {reason}"),
    "yaml_pb_file_grew": (
        "file is more than {limit} bytes; the limit is {limit}",
        "tệp có hơn {limit} byte; giới hạn là {limit}",
    ),
    "yaml_pb_binary": (
        "binary file (contains NUL bytes); expected YAML text",
        "tệp nhị phân (có byte NUL); cần văn bản YAML",
    ),
    "yaml_pb_not_utf8": (
        "not UTF-8 text; save the file as UTF-8",
        "không phải văn bản UTF-8; hãy lưu tệp dưới dạng UTF-8",
    ),
    "yaml_pb_text_too_long": (
        "the text is {n} characters; the limit is {limit}",
        "văn bản dài {n} ký tự; giới hạn là {limit}",
    ),
    "yaml_pb_empty": ("the file is empty", "tệp trống"),
    "yaml_pb_too_deep": (
        "the document is nested too deeply (limit {limit} levels)",
        "tài liệu YAML lồng nhau quá sâu (giới hạn {limit} cấp)",
    ),
    "yaml_pb_several_documents": (
        "more than one YAML document; expected one",
        "có nhiều hơn một tài liệu YAML; cần đúng một",
    ),
    "yaml_pb_syntax": ("YAML syntax error: {what}", "lỗi cú pháp YAML: {what}"),
    "yaml_syntax_error": ("syntax error", "lỗi cú pháp"),
    "yaml_pb_error": ("YAML error: {error}", "lỗi YAML: {error}"),
    "yaml_pb_no_document": ("the file holds no YAML document", "tệp không chứa tài liệu YAML nào"),
    "yaml_pb_too_many_nodes": (
        "the document expands to more than {limit} nodes (aliases?)",
        "tài liệu YAML mở rộng thành hơn {limit} nút (do các alias?)",
    ),
    "yaml_pb_collection_tag": (
        "YAML tag '{tag}' is not allowed; use plain mappings and lists",
        "không được dùng thẻ YAML '{tag}'; hãy dùng ánh xạ và danh sách thông thường",
    ),
    "yaml_pb_key_not_name": ("a mapping key must be a plain name", "khóa của ánh xạ phải là một tên đơn giản"),
    "yaml_pb_key_too_long": (
        "a key of {n} characters ('{key}'); keys are names of at most {limit} characters",
        "khóa dài {n} ký tự ('{key}'); khóa là tên dài tối đa {limit} ký tự",
    ),
    "yaml_pb_duplicate_key": (
        "duplicate key '{key}' (first at line {first})",
        "khóa '{key}' bị trùng (lần đầu ở dòng {first})",
    ),
    "yaml_pb_scalar_tag": (
        "'{value}' is read by YAML with tag '{tag}', which is not allowed; use plain strings (quote the value), "
        "numbers and booleans",
        "YAML đọc '{value}' với thẻ '{tag}', điều này không được phép; hãy dùng chuỗi thông thường (đặt giá trị "
        "trong dấu nháy), số và giá trị đúng/sai",
    ),
    "yaml_pb_number_too_long": (
        "a number of {n} characters ('{value}'); the limit is {limit} (quote it if it is a text)",
        "một số dài {n} ký tự ('{value}'); giới hạn là {limit} (hãy đặt trong dấu nháy nếu đó là văn bản)",
    ),
    "yaml_pb_base60": (
        "'{value}' is a base-60 number for YAML, which is not allowed here; quote it if it is a text, or write "
        "the number in base 10",
        "YAML đọc '{value}' là một số cơ số 60, điều này không được phép ở đây; hãy đặt trong dấu nháy nếu đó là "
        "văn bản, hoặc viết số ở cơ số 10",
    ),
    "yaml_pb_cannot_read_as": ("'{value}' cannot be read as {type}", "không đọc được '{value}' dưới dạng {type}"),
    # --- end of issue 20: readers ---
    # end of audit: reading exports
    # dashboard: audit tab (dashboard/audit_tab.py)
    "tab_audit": ("Audit", "Kiểm tra hộp thư"),
    "dash_audit_intro": (
        "Judge every mailbox of an organization at once: upload an export of its mailboxes from Dynamics 365 "
        "Customer Engagement (on-premises), as Web API JSON, CSV or Excel (.xlsx). Each active mailbox is "
        "judged as the configuration its row shows, on the day above; what the export does not say stays "
        "open.",
        "Đánh giá mọi hộp thư của một tổ chức cùng lúc: tải lên tệp xuất các hộp thư từ Dynamics 365 Customer"
        " Engagement (on-premises), dạng JSON của Web API, CSV hoặc Excel (.xlsx). Mỗi hộp thư đang hoạt động"
        " được đánh giá theo cấu hình mà dòng của nó cho thấy, vào ngày nêu ở trên; điều tệp xuất không nói "
        "thì coi như chưa chọn.",
    ),
    "dash_audit_export": ("Export of the mailboxes", "Tệp xuất các hộp thư"),
    "dash_audit_export_help": (
        "Dynamics' Export to Excel (.xlsx), a CSV saved from a view or from Excel, or the Web API's answer to "
        "/api/data/v9.1/mailboxes (JSON).",
        "Tệp Export to Excel (.xlsx) của Dynamics, tệp CSV lưu từ một dạng xem hoặc từ Excel, hoặc câu trả lời "
        "của Web API cho /api/data/v9.1/mailboxes (JSON).",
    ),
    "dash_audit_profiles": ("Email server profiles (optional)", "Hồ sơ máy chủ email (không bắt buộc)"),
    "dash_audit_profiles_help": (
        "Needed when the mailboxes name their profile only by name (CSV, Excel) or by id (Web API without "
        "$expand); without it, their profile type is unknown.",
        "Cần khi các hộp thư chỉ nêu hồ sơ của chúng bằng tên (CSV, Excel) hoặc bằng mã (Web API không có "
        "$expand); thiếu tệp này, loại hồ sơ của chúng không rõ.",
    ),
    "dash_audit_map": ("Map of email systems (optional, YAML)", "Bảng ánh xạ hệ thống email (không bắt buộc, YAML)"),
    "dash_audit_map_help": (
        "What the export cannot say: the email system behind a profile, a server host or an address domain "
        "(for example which version of Exchange Server), in the shape of data/examples/map.yaml (docs/audit.md "
        "says more).",
        "Điều tệp xuất không thể cho biết: hệ thống email đứng sau một hồ sơ, một máy chủ hoặc một tên miền địa "
        "chỉ (chẳng hạn phiên bản Exchange Server nào), theo dạng của data/examples/map.yaml (xem thêm "
        "docs/audit.md).",
    ),
    "dash_audit_limits": (
        "Up to {export} MB for the export, {profiles} MB for the profiles and {map} MB for the map. Each file "
        "is written to a private temporary folder on the server only while it is read, then deleted; the "
        "audit is kept in the server's memory only, for a while.",
        "Tối đa {export} MB cho tệp xuất, {profiles} MB cho tệp hồ sơ và {map} MB cho bảng ánh xạ. Mỗi tệp chỉ "
        "được ghi vào một thư mục tạm riêng trên máy chủ trong lúc đọc, rồi bị xóa; kết quả kiểm tra chỉ được "
        "giữ trong bộ nhớ của máy chủ, trong một thời gian.",
    ),
    "dash_audit_too_big": (
        "{name}: {size} is more than the {limit} MB this page reads; audit it on the command line, which reads "
        "files of any size.",
        "{name}: {size} vượt quá {limit} MB mà trang này đọc; hãy kiểm tra tệp trên dòng lệnh, nơi đọc được tệp "
        "mọi kích thước.",
    ),
    "dash_audit_kept": ("In use: {name} ({size}), uploaded earlier", "Đang dùng: {name} ({size}), đã tải lên trước đó"),
    "dash_audit_remove": ("Remove", "Gỡ bỏ"),
    "dash_audit_settings": (
        "Organization settings: {n} of {total} given",
        "Thiết lập của tổ chức: đã cho {n} trên {total}",
    ),
    "dash_audit_settings_help": (
        "What the export cannot show. Left open, a verdict holds for the values it names below.",
        "Những điều tệp xuất không thể cho thấy. Nếu chưa chọn, kết luận đúng với các giá trị được nêu bên dưới.",
    ),
    "dash_audit_waiting": (
        "Upload an export of the mailboxes to audit them.",
        "Hãy tải lên tệp xuất các hộp thư để kiểm tra.",
    ),
    "dash_audit_working": ("Reading and judging the export…", "Đang đọc và đánh giá tệp xuất…"),
    "dash_audit_bad_map": (
        "{name} cannot be used as a map: {n} problem(s)",
        "Không dùng được {name} làm bảng ánh xạ: {n} vấn đề",
    ),
    "dash_audit_notes": ("What the reader noticed about the file", "Những điều trình đọc nhận thấy ở tệp"),
    "dash_audit_not_judged": ("Not judged", "Không đánh giá"),
    # --- issue 21: the dashboard's audit in the administrator's words ---
    "dash_audit_depends": ("Depend on what the export does not say", "Phụ thuộc vào điều tệp xuất không cho biết"),
    "dash_audit_questions": (
        "What the export does not say would change these answers (the one that settles the most first):",
        "Điều tệp xuất không cho biết sẽ thay đổi các câu trả lời này (điều làm rõ nhiều nhất đứng đầu):",
    ),
    "dash_audit_starter": ("Download a starter map", "Tải tệp ánh xạ khởi đầu"),
    "dash_audit_starter_help": (
        "A map file with a line ready for each profile or domain whose email system would settle an "
        "answer: write in the systems you know, then upload it as the map above.",
        "Tệp ánh xạ có sẵn một dòng cho mỗi hồ sơ hoặc tên miền mà hệ thống email của nó sẽ làm rõ câu trả "
        "lời: hãy điền các hệ thống bạn biết, rồi tải lên làm tệp ánh xạ ở trên.",
    ),
    "dash_audit_warned": ("Supported with warnings, by rule", "Được hỗ trợ kèm cảnh báo, theo quy tắc"),
    "dash_audit_more": ("and {n} more, in the reports", "và {n} hộp thư nữa, trong các báo cáo"),
    "dash_audit_col_verdict": ("Verdict or status", "Kết luận hoặc trạng thái"),
    "dash_void": (
        "No fix exists: no configuration at all is acceptable by these rules, so no change can help.",
        "Không có cách sửa nào: theo các quy tắc này không cấu hình nào được chấp nhận, nên không thay đổi "
        "nào giúp được.",
    ),
    "dash_void_strict": (
        "No fix exists: by these rules no configuration is supported without warnings; turn off "
        '"Only fully supported results" to accept one supported with warnings.',
        "Không có cách sửa nào: theo các quy tắc này không cấu hình nào được hỗ trợ mà không có cảnh báo; hãy tắt "
        '"Chỉ chấp nhận kết quả được hỗ trợ hoàn toàn" để chấp nhận cấu hình được hỗ trợ kèm cảnh báo.',
    ),
    "dash_strict_never": (
        "On this day no configuration is supported without warnings, so this can find no fix.",
        "Vào ngày này không cấu hình nào được hỗ trợ mà không có cảnh báo, nên lựa chọn này không tìm được cách sửa.",
    ),
    "dash_audit_org": ("The organization", "Tổ chức"),
    "dash_audit_fact": (
        "From the export: **{label}** = {value} ({rows})",
        "Từ tệp xuất: **{label}** = {value} ({rows})",
    ),
    "dash_audit_given": ("Settings given: {settings}", "Thiết lập đã cho: {settings}"),
    "dash_audit_none_given": ("Settings given: none", "Thiết lập đã cho: không có"),
    "dash_audit_assumed": (
        "The verdicts hold if {settings}: give them under Organization settings above to be sure.",
        "Các kết luận đúng nếu {settings}: hãy cho biết chúng ở mục Thiết lập của tổ chức phía trên để chắc chắn.",
    ),
    "dash_audit_no_rules": ("No judged mailbox breaks a rule.", "Không hộp thư nào đã đánh giá vi phạm quy tắc."),
    "dash_audit_filter_status": ("Verdict or status", "Kết luận hoặc trạng thái"),
    "dash_audit_filter_rule": ("Rule broken", "Quy tắc bị vi phạm"),
    "dash_audit_all": ("All", "Tất cả"),
    "dash_audit_shown": ("{n} of {total} mailboxes shown", "Hiển thị {n} trên {total} hộp thư"),
    "dash_audit_first": (
        "The first {limit:,} of {n:,} mailboxes that match are shown: filter them, or download the report for all.",
        "Chỉ hiển thị {limit:,} trên {n:,} hộp thư phù hợp: hãy lọc thêm, hoặc tải báo cáo để xem tất cả.",
    ),
    "dash_audit_none_shown": ("No mailbox matches these filters.", "Không hộp thư nào khớp với các bộ lọc này."),
    "dash_audit_pick": ("Mailbox to open in Explore", "Hộp thư để mở trong Khám phá"),
    "dash_audit_pick_help": (
        "Only a judged mailbox has a configuration to open. Choosing a row of the table chooses it here too.",
        "Chỉ hộp thư đã đánh giá mới có cấu hình để mở. Chọn một dòng của bảng cũng chọn hộp thư ở đây.",
    ),
    "dash_audit_who": ("row {row} · {who}", "dòng {row} · {who}"),
    "dash_audit_open": ("Open in Explore", "Mở trong Khám phá"),
    "dash_audit_open_help": (
        "Puts the configuration the export shows for this mailbox in Explore, where what it leaves open stays"
        " open; undo brings back the configuration before.",
        "Đưa cấu hình mà tệp xuất cho thấy của hộp thư này vào Khám phá, nơi những gì tệp xuất không nói vẫn "
        "chưa chọn; hoàn tác sẽ đưa lại cấu hình trước đó.",
    ),
    "dash_audit_no_pick": (
        "No mailbox shown is judged: only a judged mailbox has a configuration to open.",
        "Không hộp thư nào đang hiển thị đã được đánh giá: chỉ hộp thư đã đánh giá mới có cấu hình để mở.",
    ),
    "dash_audit_evidence": ("Where its values come from", "Các giá trị của nó lấy từ đâu"),
    "dash_audit_left_open": ("Left open by the export: {names}", "Tệp xuất không cho biết: {names}"),
    "dash_audit_reports": (
        "The whole report, every mailbox in it, in this page's language:",
        "Toàn bộ báo cáo, đủ mọi hộp thư, bằng ngôn ngữ của trang này:",
    ),
    "download_json": ("Download JSON", "Tải JSON"),
    "dash_audit_chart_alt": (
        "Bar chart: {title}. {items}",
        "Biểu đồ cột: {title}. {items}",
    ),
    # end of dashboard: audit tab
    # --- issue 14: the Explore tab (sections, "choose what you know", why values are ruled out) ---
    "explore_empty": (
        "Choose the values you know about the mailbox: a verdict appears as soon as you choose the first one. "
        "Leave what you do not know at {open}: the verdict then covers every value it could take.",
        "Hãy chọn những giá trị bạn biết về hộp thư: kết luận sẽ hiện ra ngay khi bạn chọn giá trị đầu tiên. "
        "Mục nào chưa biết thì cứ để {open}: khi đó kết luận tính đến mọi giá trị mà mục đó có thể nhận.",
    ),
    "ruled_out_short": ("✗ {label}", "✗ {label}"),
    "ruled_out_one": ("{values} is ruled out by {rules}", "giá trị {values} bị loại do {rules}"),
    "ruled_out_many": ("{values} are ruled out by {rules}", "các giá trị {values} bị loại do {rules}"),
    "ruled_out_others": ("the other values chosen", "các giá trị khác đã chọn"),
    "why_ruled_out": ("Why some values are ruled out (✗)", "Vì sao một số giá trị bị loại (✗)"),
    # end of issue 14: the Explore tab
    # issue 14: the command line's text
    "resolves_fix": ("Resolves: {rules}", "Giải quyết: {rules}"),
    "enumerate_same": (
        "The same in every configuration below: {words}",
        "Giống nhau ở mọi cấu hình dưới đây: {words}",
    ),
    # end of issue 14: the command line's text
    # --- issue 14: the Fix tab and "fill the rest" (fix --complete) ---
    "fill_in": ("Then fill in the open values", "Sau đó điền các mục chưa chọn"),
    "fill_in_only": ("Fill in the open values", "Điền các mục chưa chọn"),
    "fill_none": ("Nothing is left open to fill in.", "Không còn mục nào chưa chọn để điền."),
    "fix_for": ("The configuration these fixes are for", "Cấu hình cần sửa"),
    "fix_for_values": ("The {n} values chosen", "{n} giá trị đã chọn"),
    "fix_applied": ("Applied: {changes}", "Đã áp dụng: {changes}"),
    "fix_filled": ("Filled in: {changes}", "Đã điền: {changes}"),
    "fix_applied_verdict": ("Now: {verdict}", "Bây giờ: {verdict}"),
    "fix_rules": ("What the fixes below resolve", "Các cách sửa dưới đây giải quyết"),
    "fix_resolves_short": ("Resolves: {rules}", "Giải quyết: {rules}"),
    "fill_rest": ("Fill the rest", "Điền phần còn lại"),
    "fill_rest_help": (
        "Fills every open value with the first values that keep the configuration supported (without warnings "
        "where that is possible), after the first fix when the values you chose need one. Undo takes it back.",
        "Điền mọi mục chưa chọn bằng những giá trị đầu tiên giữ cho cấu hình được hỗ trợ (không có cảnh báo nếu "
        "được), sau khi áp dụng cách sửa đầu tiên nếu các giá trị bạn đã chọn cần sửa. Hoàn tác để bỏ lại.",
    ),
    "fill_rest_none": (
        "No supported values can fill the rest within the locks.",
        "Không có giá trị được hỗ trợ nào để điền phần còn lại với các mục đã khóa.",
    ),
    "fill_also": ("Also fill the open values", "Điền luôn các mục chưa chọn"),
    "fill_also_help": (
        "Each fix's Apply also fills every open value, with the first values that keep its verdict.",
        "Nút Áp dụng của mỗi cách sửa sẽ điền luôn mọi mục chưa chọn, bằng những giá trị đầu tiên giữ nguyên "
        "kết luận của cách sửa đó.",
    ),
    "fill_also_line": ("Then fills in: {changes}", "Sau đó điền: {changes}"),
    "apply_and_fill": ("Apply: {changes}, then fill in the rest", "Áp dụng: {changes}, rồi điền phần còn lại"),
    "set_value": ("{label} → {value}", "{label} → {value}"),
    # end of issue 14: the Fix tab
    # issue 14, the other tabs: Supported combinations, Dependency graph, Support table, the tab in the link
    "column_warnings": ("Warnings", "Cảnh báo"),
    "combinations_all_rows": ("All rows: {pairs}", "Mọi dòng: {pairs}"),
    "combinations_every_row": (
        "The same on every row, so not repeated in the table:",
        "Giống nhau ở mọi dòng nên không lặp lại trong bảng:",
    ),
    "download_csv_labelled_help": (
        "The rows as the table shows them, in this page's language, with every column.",
        "Các dòng như bảng hiển thị, bằng ngôn ngữ của trang này, đủ mọi cột.",
    ),
    "download_csv_ids": ("Download CSV with ids", "Tải CSV dùng mã"),
    "download_csv_ids_help": (
        "The same rows with the ids of variables and values, as scripts read them.",
        "Cùng các dòng, ghi bằng mã của mục và giá trị, dạng mà các tập lệnh đọc.",
    ),
    "graph_view": ("View", "Cách xem"),
    "graph_view_variables": ("Variables", "Các mục"),
    "graph_view_rules": ("Rules and variables", "Quy tắc và các mục"),
    "graph_intro_variables": (
        "Which variables the rules tie together: a choice can matter to the variables joined to it.",
        "Các quy tắc nối những mục nào với nhau: một lựa chọn có thể ảnh hưởng tới các mục được nối với nó.",
    ),
    "graph_intro_rules": ("Every rule and the variables it reads.", "Mọi quy tắc và các mục mà nó đọc."),
    "graph_focus_variables": (
        "Only the variables you chose and those joined to them",
        "Chỉ các mục bạn đã chọn và các mục được nối với chúng",
    ),
    "graph_focus_rules": (
        "Only the rules that read a value you chose, and what they read",
        "Chỉ các quy tắc đọc một giá trị bạn đã chọn, và những gì chúng đọc",
    ),
    "graph_alt_variables": (
        "Variables joined by the rules that read them together",
        "Các mục được nối bởi những quy tắc cùng đọc chúng",
    ),
    "graph_alt_rules": ("Rules and the variables they read", "Các quy tắc và các mục chúng đọc"),
    "graph_legend": ("Legend", "Chú giải"),
    "graph_legend_variables": (
        "Each oval is a variable of a configuration. A line joins two variables that some rule reads together; "
        "its number says how many rules do, and the more rules, the thicker the line. Point at a line to see them. "
        "An oval with no line: no rule ties that variable to another.",
        "Mỗi hình bầu dục là một mục của cấu hình. Một đường nối hai mục khi có quy tắc đọc cả hai; con số trên "
        "đường cho biết có bao nhiêu quy tắc như vậy, càng nhiều quy tắc thì đường càng đậm. Trỏ chuột vào "
        "đường để xem các quy tắc đó. Hình bầu dục không có đường nối: không quy tắc nào liên hệ mục đó với "
        "mục khác.",
    ),
    "graph_legend_rules": (
        "Each box is a rule: its title, with its id in small grey type. Each oval is a variable; an arrow goes "
        "from a rule to each variable it reads. A solid box says what the page says (or how we read it); a "
        "dashed box is not from the page: how email server profiles work, the limits of the question, or an "
        "advisory dated after the page.",
        "Mỗi hình chữ nhật là một quy tắc: tên của quy tắc, kèm mã của nó bằng chữ nhỏ màu xám. Mỗi hình bầu "
        "dục là một mục; mũi tên đi từ quy tắc tới từng mục mà nó đọc. Hình chữ nhật viền liền là điều trang "
        "nói (hoặc cách chúng tôi hiểu điều đó); viền nét đứt là điều không đến từ trang: cách hồ sơ máy chủ "
        "email hoạt động, giới hạn của câu hỏi, hoặc một thông báo có ngày sau trang.",
    ),
    "graph_legend_colours_variables": (
        "Red line: a rule the configuration breaks reads both variables. Pink: a variable such a rule reads. "
        "Thick outline: a variable you chose, its value under its name.",
        "Đường màu đỏ: một quy tắc mà cấu hình vi phạm đọc cả hai mục. Màu hồng: mục mà quy tắc đó đọc. Viền "
        "đậm: mục bạn đã chọn, giá trị nằm dưới tên mục.",
    ),
    "graph_legend_colours_rules": (
        "Red box: a rule the configuration breaks (orange for a warning). Pink: a variable such a rule reads. "
        "Thick outline: a variable you chose, its value under its name.",
        "Hình chữ nhật màu đỏ: quy tắc mà cấu hình vi phạm (màu cam nếu là cảnh báo). Màu hồng: mục mà quy tắc "
        "đó đọc. Viền đậm: mục bạn đã chọn, giá trị nằm dưới tên mục.",
    ),
    "graph_legend_left_out": (
        "Left out: a variable with a single value, which every rule of its file reads and would tie to "
        "everything ({variables}).",
        "Được lược bỏ: mục chỉ có một giá trị, vốn được mọi quy tắc trong tệp của nó đọc nên sẽ nối với mọi thứ "
        "({variables}).",
    ),
    "link_bad_tab": (
        "'{value}' is not a tab of the page; expected one of {allowed}{suggestion}",
        "'{value}' không phải là một thẻ của trang; cần một trong {allowed}{suggestion}",
    ),
    # end of the other tabs
    # --- issue 15: the UVL export (syncmatrix/present/uvl.py, syncmatrix export) ---
    "uvl_generated": (
        "The knowledge base of syncmatrix as a UVL feature model, generated by syncmatrix export.",
        "Cơ sở tri thức của syncmatrix dưới dạng mô hình đặc trưng UVL, do syncmatrix export tạo ra.",
    ),
    "uvl_day": (
        "The rules in force on {day}: the page, its readings and the advisories of that day.",
        "Các quy tắc có hiệu lực vào ngày {day}: trang, các cách hiểu của trang và các khuyến cáo của ngày đó.",
    ),
    "uvl_page_only": (
        "The page and its readings alone, without any advisory.",
        "Chỉ trang và các cách hiểu của trang, không có khuyến cáo nào.",
    ),
    "uvl_hard_only": (
        "Only the hard rules (severity error: {errors}), each a constraint; the warnings ({warnings}) do not "
        "change which configurations are acceptable and are left out.",
        "Chỉ các quy tắc bắt buộc (mức lỗi: {errors}), mỗi quy tắc là một ràng buộc; các cảnh báo ({warnings}) "
        "không thay đổi những cấu hình nào được chấp nhận nên được bỏ qua.",
    ),
    "uvl_names": (
        "Each variable with values is a mandatory feature with one feature per value (VARIABLE__VALUE), "
        "exactly one chosen; each yes/no variable is an optional feature, chosen when yes.",
        "Mỗi mục có danh sách giá trị là một đặc trưng bắt buộc với một đặc trưng cho mỗi giá trị (MỤC__GIÁ_TRỊ), "
        "chọn đúng một; mỗi mục có/không là một đặc trưng tùy chọn, được chọn khi là có.",
    ),
    "uvl_name_clash": (
        "the knowledge base cannot be written as UVL: two features would be named '{name}' (a variable and a "
        "value VARIABLE__VALUE, or the root 'syncmatrix'); rename one of them",
        "không thể ghi cơ sở tri thức dưới dạng UVL: hai đặc trưng sẽ cùng tên '{name}' (một mục và một giá trị "
        "MỤC__GIÁ_TRỊ, hoặc gốc 'syncmatrix'); hãy đổi tên một trong hai",
    ),
    "export_no_json": (
        "export writes a UVL feature model, not JSON; use --format uvl (the default)",
        "export ghi một mô hình đặc trưng UVL, không phải JSON; hãy dùng --format uvl (mặc định)",
    ),
    # end of the UVL export
    # --- lint's findings (solver/lint.py Finding.key; the English is Finding.message word for word) ---
    "lint_void": (
        "no configuration is supported: the rules {rules} together rule out every configuration",
        "không cấu hình nào được hỗ trợ: các quy tắc {rules} cùng nhau loại mọi cấu hình",
    ),
    "lint_void_on_day": (
        "as of {day}, no configuration is supported: the rules {rules} together rule out every configuration",
        "tính đến ngày {day}, không cấu hình nào được hỗ trợ: các quy tắc {rules} cùng nhau loại mọi cấu hình",
    ),
    "lint_ungrouped": (
        "{value} is in no group, while the other values of {variable} are: rules that name a group leave it out "
        "(add it to its groups)",
        "{value} không thuộc nhóm nào, trong khi các giá trị khác của {variable} đều thuộc nhóm: quy tắc nêu tên "
        "nhóm sẽ bỏ sót giá trị này (hãy thêm nó vào các nhóm của nó)",
    ),
    "lint_expected_dead": (
        "{value} is never supported, as the data expects (expected_dead)",
        "{value} không bao giờ được hỗ trợ, đúng như dữ liệu đã ghi (expected_dead)",
    ),
    "lint_dead_until_superseded": (
        "{value} is never supported by the page alone: the rules that rule it out are superseded by "
        "advisories in answers about a day from {days}",
        "{value} không bao giờ được hỗ trợ nếu chỉ dựa vào trang: các quy tắc loại nó được các khuyến cáo "
        "thay thế trong câu trả lời về một ngày, từ {days}",
    ),
    "lint_dead_on_day": (
        "{value} is not supported as of {day}: the page allows it, advisories rule it out",
        "{value} không được hỗ trợ tính đến ngày {day}: trang cho phép, nhưng các khuyến cáo loại nó",
    ),
    "lint_dead_on_day_by": (
        "{value} is not supported as of {day}: the page allows it, advisories rule it out ({rules})",
        "{value} không được hỗ trợ tính đến ngày {day}: trang cho phép, nhưng các khuyến cáo loại nó ({rules})",
    ),
    "lint_dead_value": (
        "{value} is never supported, yet not marked expected_dead: a rule may be too wide",
        "{value} không bao giờ được hỗ trợ nhưng chưa được đánh dấu expected_dead: có thể một quy tắc quá rộng",
    ),
    "lint_not_dead": (
        "{value} is marked expected_dead, yet some supported configuration takes it",
        "{value} được đánh dấu expected_dead, nhưng vẫn có cấu hình được hỗ trợ dùng giá trị này",
    ),
    "lint_never_fires": (
        "rule {rule} never fires: no configuration meets its condition",
        "quy tắc {rule} không bao giờ bị vi phạm: không cấu hình nào thỏa điều kiện của nó",
    ),
    "lint_redundant_error": (
        "rule {rule} changes no verdict: whenever it is broken, another error rule is broken too",
        "quy tắc {rule} không làm thay đổi kết luận nào: mỗi khi nó bị vi phạm, một quy tắc lỗi khác cũng bị vi phạm",
    ),
    "lint_redundant_warning": (
        "rule {rule} changes no verdict: whenever it is broken, an error or another warning is broken too",
        "quy tắc {rule} không làm thay đổi kết luận nào: mỗi khi nó bị vi phạm, một lỗi hoặc một cảnh báo khác "
        "cũng bị vi phạm",
    ),
    "lint_redundant_axiom": (
        "rule {rule} changes no verdict: whenever it is broken, an axiom of the model (it restates what the axioms "
        "already rule out) is broken too",
        "quy tắc {rule} không làm thay đổi kết luận nào: mỗi khi nó bị vi phạm, một tiên đề của mô hình cũng bị vi "
        "phạm (nó nhắc lại điều các tiên đề đã loại)",
    ),
    # end of lint's findings
    # --- issue 20: the launcher and the signals (syncmatrix/cli.py, syncmatrix/launch.py) ---
    "stopped_by_signal": ("stopped by the signal {signal}", "đã dừng do nhận tín hiệu {signal}"),
    "out_of_memory_audit": (
        "out of memory; audit a smaller export (one part of the organization at a time), or ask for the text, "
        "CSV or JSON report, which need the least memory",
        "hết bộ nhớ; hãy kiểm tra một tệp xuất nhỏ hơn (từng phần của tổ chức), hoặc chọn báo cáo dạng văn bản, "
        "CSV hoặc JSON, là những dạng cần ít bộ nhớ nhất",
    ),
    # end of issue 20: the launcher and the signals
    # --- issue 21: fixes that last, the bottom line of the day ---
    "holds_until": (
        "Holds: {verdict} until {day}, then {then} ({rules})",
        "Hiệu lực: {verdict} đến hết ngày {day}, sau đó {then} ({rules})",
    ),
    "holds_always": (
        "Holds: {verdict} on every later day the knowledge base knows",
        "Hiệu lực: {verdict} vào mọi ngày sau đó mà cơ sở tri thức biết",
    ),
    "lasting_first": (
        "The cheapest fixes (cost {cost}) hold only until {day}: the fixes that last longer come first.",
        "Các cách sửa rẻ nhất (chi phí {cost}) chỉ có hiệu lực đến hết ngày {day}: các cách sửa bền lâu hơn "
        "được nêu trước.",
    ),
    "bottom_line": (
        "On {day} no configuration is supported without warnings: every acceptable configuration breaks {rules}.",
        "Vào ngày {day}, không cấu hình nào được hỗ trợ mà không có cảnh báo: mọi cấu hình chấp nhận được đều "
        "vi phạm {rules}.",
    ),
    "bottom_line_one_of": (
        "On {day} no configuration is supported without warnings: every acceptable configuration breaks at "
        "least one of {rules}.",
        "Vào ngày {day}, không cấu hình nào được hỗ trợ mà không có cảnh báo: mọi cấu hình chấp nhận được đều "
        "vi phạm ít nhất một trong {rules}.",
    ),
    "bottom_line_page": (
        "No configuration is supported without warnings: every acceptable configuration breaks {rules}.",
        "Không cấu hình nào được hỗ trợ mà không có cảnh báo: mọi cấu hình chấp nhận được đều vi phạm {rules}.",
    ),
    "bottom_line_page_one_of": (
        "No configuration is supported without warnings: every acceptable configuration breaks at least one "
        "of {rules}.",
        "Không cấu hình nào được hỗ trợ mà không có cảnh báo: mọi cấu hình chấp nhận được đều vi phạm ít nhất "
        "một trong {rules}.",
    ),
    # --- issue 21: end of fixes that last ---
    # --- issue 21: rows not read, said first (audit/report.py, cli.py's exit code) ---
    "export_pb_label": (
        "'{text}' is not a value of {field}; expected {expected}, as the number or its label",
        "'{text}' không phải là giá trị của {field}; cần {expected}, dưới dạng số hoặc nhãn của nó",
    ),
    "export_pb_label_near": (
        "'{text}' is not a value of {field} (did you mean '{near}'?); expected {expected}, as the number or its label",
        "'{text}' không phải là giá trị của {field} (có phải ý bạn là '{near}'?); cần {expected}, dưới dạng số "
        "hoặc nhãn của nó",
    ),
    "audit_not_read": (
        "Not all is known: {n} of {total} rows could not be read ({reasons}).",
        "Chưa biết hết: {n} trên {total} dòng không đọc được ({reasons}).",
    ),
    "audit_not_read_one": (
        "Not all is known: 1 of {total} rows could not be read ({reasons}).",
        "Chưa biết hết: 1 trên {total} dòng không đọc được ({reasons}).",
    ),
    "audit_nothing_judged": (
        "Nothing could be judged: not one of the {total} rows is an active mailbox synchronized by "
        "server-side synchronization that could be read.",
        "Không đánh giá được gì: không dòng nào trong {total} dòng là hộp thư đang hoạt động, dùng đồng bộ hóa "
        "phía máy chủ và đọc được.",
    ),
    "audit_not_read_column": ("{n} in {column}", "{n} ở {column}"),
    "audit_not_read_other": ("{n} for another reason", "{n} vì lý do khác"),
    "audit_foreign_labels": (
        "Every row holds labels that syncmatrix does not read in {columns}: they look like labels "
        "in another language. Export with English labels, or use the Web API JSON, whose option numbers mean "
        "the same in every language (Vietnamese labels are not read: their exact wording could not be "
        "established)",
        "Mọi dòng đều chứa nhãn mà syncmatrix không đọc được ở {columns}: chúng có vẻ là nhãn bằng ngôn "
        "ngữ khác. Hãy xuất với nhãn tiếng Anh, hoặc dùng JSON của Web API, nơi số của mỗi lựa chọn có cùng "
        "nghĩa trong mọi ngôn ngữ (nhãn tiếng Việt chưa được đọc: chưa xác lập được chính xác cách viết của chúng)",
    ),
    # --- issue 21: end of rows not read ---
    # --- issue 21: names people type (aliases and hints of data/variables.yaml; options; formats) ---
    "did_you_mean_any": (" (did you mean one of {words}?)", " (có phải ý bạn là một trong {words}?)"),
    "option_not_of_command": (
        "{command} has no option {option}, before or after its name; the commands that take it: {commands}",
        "lệnh {command} không có tùy chọn {option}, dù đặt trước hay sau tên lệnh; các lệnh nhận tùy chọn này: "
        "{commands}",
    ),
    "audit_org_not_a_pair": (
        "--org '{word}': expected SETTING=VALUE, a setting with its value, as in --org {example}; --org takes "
        "{choices}",
        "--org '{word}': cần THIẾT_LẬP=GIÁ_TRỊ, tức một thiết lập kèm giá trị, ví dụ --org {example}; --org nhận "
        "{choices}",
    ),
    "profiles_ignored_expanded": (
        "profiles file {path} set aside, not read: the mailboxes of {mailboxes} carry their email server "
        "profiles themselves ($expand=emailserverprofile); the audit goes on without it",
        "đã bỏ qua tệp hồ sơ {path}, không đọc: các hộp thư trong {mailboxes} tự mang hồ sơ máy chủ email của "
        "chúng ($expand=emailserverprofile); việc kiểm tra vẫn tiếp tục mà không cần tệp đó",
    ),
    "profiles_ignored_unnamed": (
        "profiles file {path} set aside, not read: no mailbox of {mailboxes} names an email server profile (no "
        "Server Profile column, no _emailserverprofile_value), so nothing in it could be matched; the audit goes "
        "on without it (to use it, export the mailboxes with their Server Profile)",
        "đã bỏ qua tệp hồ sơ {path}, không đọc: không hộp thư nào trong {mailboxes} nhắc tới hồ sơ máy chủ email "
        "(không có cột Server Profile, không có _emailserverprofile_value), nên không gì trong tệp khớp được; việc "
        "kiểm tra vẫn tiếp tục mà không cần tệp đó (muốn dùng nó, hãy xuất các hộp thư kèm Server Profile)",
    ),
    # --- issue 21: end of names people type ---
    # --- issue 14: end of the helpers' blocks ---
    # --- issue 20: the audit's memory and time (streaming; the dashboard's reading within its limit) ---
    "question_read_export": ("the reading of the export", "việc đọc tệp xuất"),
    "dash_audit_too_slow": (
        "{name}: reading it takes more than the {seconds:g} s a question of this page may take; audit it on "
        "the command line, which has no such limit.",
        "{name}: việc đọc tệp này cần hơn {seconds:g} giây mà một câu hỏi của trang này được dùng; hãy kiểm tra tệp "
        "trên dòng lệnh, nơi không có giới hạn này.",
    ),
    # --- issue 20: report output (present/safe.py, audit/report.py, files.py, the audit tab's table) ---
    "audit_of_one": ("{path} ({shape}): 1 mailbox", "{path} ({shape}): 1 hộp thư"),
    "audit_needs_action_one": (
        "Needs action: 1 mailbox, by the rule it breaks",
        "Cần xử lý: 1 hộp thư, theo quy tắc bị vi phạm",
    ),
    "audit_with_warnings_one": ("Supported with warnings: 1 mailbox", "Được hỗ trợ kèm cảnh báo: 1 hộp thư"),
    "dash_audit_shown_one": ("{n} of 1 mailbox shown", "Hiển thị {n} trên 1 hộp thư"),
    "audit_output_suffix": (
        "--output {path}: its name does not say which report to write; end it in .txt (text), .json, .csv, "
        ".md (Markdown) or .html, or give the format with --format (text, json, csv, markdown, html)",
        "--output {path}: tên tệp không cho biết cần ghi báo cáo nào; hãy đặt tên kết thúc bằng .txt (văn bản), "
        ".json, .csv, .md (Markdown) hoặc .html, hoặc cho định dạng bằng --format (text, json, csv, markdown, html)",
    ),
    "output_special_report": (
        "--output {path}: is {kind}; the report is written only to regular files",
        "--output {path}: là {kind}; báo cáo chỉ được ghi vào tệp thông thường",
    ),
    "output_hard_links_report": (
        "--output {path}: the file has {n} hard links, and replacing it would split them (the other names "
        "would keep the old report), so it was left as it was; write to a new name or remove the other links",
        "--output {path}: tệp có {n} liên kết cứng, thay nó sẽ tách chúng ra (các tên kia vẫn giữ báo cáo cũ), "
        "nên tệp được giữ nguyên; hãy ghi ra tên mới hoặc xóa các liên kết kia",
    ),
    "output_special_model": (
        "--output {path}: is {kind}; the feature model is written only to regular files",
        "--output {path}: là {kind}; mô hình đặc trưng chỉ được ghi vào tệp thông thường",
    ),
    "output_hard_links_model": (
        "--output {path}: the file has {n} hard links, and replacing it would split them (the other names "
        "would keep the old feature model), so it was left as it was; write to a new name or remove the other links",
        "--output {path}: tệp có {n} liên kết cứng, thay nó sẽ tách chúng ra (các tên kia vẫn giữ mô hình đặc "
        "trưng cũ), nên tệp được giữ nguyên; hãy ghi ra tên mới hoặc xóa các liên kết kia",
    ),
    "dash_audit_table_download": ("Download this table (CSV)", "Tải bảng này (CSV)"),
    "dash_audit_table_download_help": (
        "Every mailbox the filters choose, as CSV that a spreadsheet opens as text: no cell runs as a formula.",
        "Mọi hộp thư mà bộ lọc chọn, dưới dạng CSV mà bảng tính mở như văn bản: không ô nào chạy như công thức.",
    ),
    # --- issue 20: end of report output ---
}

# What the system says of common failures, in Vietnamese; English keeps the system's own words.
_REASONS_VI = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "thao tác không được phép",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "hệ thống tệp chỉ đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EISDIR: "đó là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ELOOP: "quá nhiều liên kết tượng trưng (có vòng lặp?)",
    errno.EMFILE: "quá nhiều tệp đang mở",
    errno.EIO: "lỗi vào/ra",
    errno.EADDRINUSE: "địa chỉ đã được dùng",
    errno.EADDRNOTAVAIL: "địa chỉ không thuộc máy này",
}
_LISTS = frozenset({"choices", "matches", "needed", "missing"})  # lists of names: escaped, never cut


def t(key: str, lang: str = "en", /, **values: object) -> str:
    """The words for `key` in `lang`, with `values` filled in."""
    en, vi = _WORDS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether `key` names words of this module."""
    return key in _WORDS


def reason(exc: OSError, lang: str = "en") -> str:
    """Why an operation of the system failed, in `lang` where the cause is a common one."""
    said = exc.strerror or str(exc) or type(exc).__name__
    return _REASONS_VI.get(exc.errno or 0, said) if lang == "vi" else said


def message(key: str, lang: str, values: Mapping[str, object]) -> str:
    """The error `key` in `lang`, filled with `values`: what a person typed is escaped and cut to
    a readable length, a `suggestion` becomes "did you mean", a `where` names the word it came from."""
    shown: dict[str, object] = {}
    several = values.get("suggestion")
    if isinstance(several, tuple):  # the values a hint may mean (data/variables.yaml): each of them, whole
        values = {name: value for name, value in values.items() if name != "suggestion"}
        if len(several) > 1:
            shown["hint"] = t("did_you_mean_any", lang, words=", ".join(f"'{escape(str(w))}'" for w in several))
        elif several:
            values["suggestion"] = several[0]
    for name, value in values.items():
        if isinstance(value, int):
            shown[name] = value
        else:
            say = getattr(value, "say", None)  # words that say themselves in a language (audit/mapping.Said)
            text = say(lang) if callable(say) else str(value)
            shown[name] = escape(text) if name in _LISTS else shorten(text)
    suggestion = shown.pop("suggestion", "")
    if "hint" not in shown:
        shown["hint"] = t("did_you_mean", lang, word=suggestion) if suggestion else ""
    if "where" in shown:
        shown["where"] = t("in_word", lang, word=shown["where"]) if shown["where"] else ""
    if shown.get("choices") == "":
        shown["choices"] = t("none_given", lang)
    if str(shown.get("kind", "")).startswith("kind_") and has(str(shown["kind"])):  # a file's kind (files.py)
        shown["kind"] = t(str(shown["kind"]), lang)
    if "question" in shown and has(f"question_{shown['question']}"):  # the id of a search (solver/limit.py)
        shown["question"] = t(f"question_{shown['question']}", lang)
    prog = shown.pop("prog", None)  # an option of the command line: where its help is
    said = t(key, lang, **shown)
    return t("see_help", lang, message=said, prog=prog) if prog else said


class Said(str):
    """English words of the catalogue that remember their key and values, so that a face can say
    them in another language (`said.say("vi")`); a value that says itself (a Said, a kb.Text) is said
    in the language asked.

    A str, so that everything that reads evidence and problems as text (JSON, sorting, tests) reads
    them as it is. Rejected: a second mapping of keys beside every text, which each consumer would
    have to keep in step with the first.
    """

    key: str
    values: tuple[tuple[str, object], ...]

    def __new__(cls, key: str, /, **values: object) -> Said:
        said = super().__new__(cls, _fill(key, "en", values))
        said.key = key
        said.values = tuple(values.items())
        return said

    def say(self, lang: str) -> str:
        return _fill(self.key, lang, dict(self.values))

    def __reduce__(self) -> tuple[object, ...]:  # pickled for the dashboard's caches
        return (_said, (self.key, self.values))


def _said(key: str, values: tuple[tuple[str, object], ...]) -> Said:
    return Said(key, **dict(values))


def _fill(key: str, lang: str, values: Mapping[str, object]) -> str:
    said = {}
    for name, value in values.items():
        say = getattr(value, "say", None)
        said[name] = say(lang) if callable(say) else value
    return t(key, lang, **said)


LANGUAGE_NAMES = {"en": "English", "vi": "Tiếng Việt"}


def keys() -> tuple[str, ...]:
    """Every key of the table, in table order."""
    return tuple(_WORDS)
