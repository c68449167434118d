"""One renderer per format, shared by the support table (present/table.py) and the audit's reports
(audit/report.py): html (one page skeleton and its pieces), markdown, csv.

The documents decide what to say and in which order; these modules only write it. Every helper takes
markup of its format and returns markup: text of the knowledge base or of an export becomes markup
only through the format's `text` (HTML escaping, safe.markdown), so that what a helper is given is
never read twice as text or as markup. Nothing here is I/O.
"""
