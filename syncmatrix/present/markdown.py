"""Markdown of the dashboard (Streamlit's flavour, with its `:gray[…]` and `:small[…]`): a rule as
the verdict names it, where a rule's statements can be read, and a link's problems. Pure: no
streamlit, so the words are tested without a page."""

from __future__ import annotations

from syncmatrix.kb import Kind, KnowledgeBase, Rule
from syncmatrix.present import links
from syncmatrix.present.report import in_force, plain_title
from syncmatrix.present.sources import web
from syncmatrix.present.words import t


def problem_text(problem: links.LinkProblem, lang: str) -> str:
    """A link problem in `lang`, with the link's own words escaped so they show as written."""
    e = links.escape_markdown
    suggestion = t("did_you_mean", lang, word=e(problem.suggestion)) if problem.suggestion else ""
    allowed = ", ".join(e(a) for a in problem.allowed)
    if problem.kind == "too_many":
        return t("link_too_many", lang, n=problem.count, limit=links.MAX_PARAMS)
    return t(
        f"link_{problem.kind}",
        lang,
        key=e(problem.key),
        value=e(problem.value),
        allowed=allowed,
        suggestion=suggestion,
        first=e(links.FIRST_DAY.isoformat()),
        last=e(links.LAST_DAY.isoformat()),
    )


def web_links(kb: KnowledgeBase, rule: Rule) -> str:
    """Where a rule's statements can be read, as links: a path in the repository (the readings) to
    its address in the repository (sources.web); one that cannot be linked as a name to look up."""
    return ", ".join(
        f"[{url}]({url})" if url.startswith("https://") else f"`{url}`" for url in map(web, kb.links(rule.sources))
    )


def named_links(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    """Where a rule's statements can be read, each address named by its statement's section: a
    timeline has no room for a citation and the address both, and a phone wraps a bare address badly."""
    named = {}
    for ref in rule.sources:
        url, section = web(kb.statement(ref).url), links.escape_markdown(kb.statement(ref).section.get(lang))
        if url and url not in named:
            named[url] = f"[{section}]({url})" if url.startswith("https://") else f"{section} (`{url}`)"
    return "; ".join(named.values())


def rule_markdown(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    """A rule as the verdict names it: its plain title in bold, then a small grey line of details
    (severity, kind, and the id, which a person needs only to look the rule up), what it says, where
    the page says it, and the remedy."""
    mark = "✗" if rule.severity.value == "error" else "⚠"
    meta = t("rule_meta", lang, severity=t(rule.severity.value, lang), kind=t(f"kind_{rule.kind.value}", lang))
    if not rule.kind.of_the_page:
        meta += f" · {t('not_of_page', lang)}"
    name = plain_title(kb, rule, lang)
    if name:  # without a title the id is the name, in bold, and not repeated as a detail
        meta += f" · `{rule.id}`"
    lines = [f"{mark} **{name or rule.id}**", f":gray[:small[{meta}]]"]
    if rule.kind is Kind.ADVISORY:
        # Which advisory, and the days its phase holds: the answer is about a day, so is the rule.
        advisory = kb.advisory(rule.advisory).title.get(lang) if rule.advisory else plain_title(kb, rule, lang)
        said = " · ".join(part for part in (advisory, in_force(rule, lang)) if part)
        lines.append(f"**{t('advisory_label', lang)}:** {said}")
    lines += [
        f"{rule.message.get(lang)}",
        f"**{t('source', lang)}:** {kb.cite(rule.sources, lang)}",
    ]
    read = web_links(kb, rule)
    if read:
        lines.append(f"**{t('read_at', lang)}:** {read}")
    if rule.reading:
        lines.append(f"**{t('reading', lang)}:** {rule.reading.get(lang)}")
    if rule.remedy:
        retired = kb.retired_on(rule)
        label = t("remedy_retired", lang, day=retired.isoformat()) if retired else t("remedy", lang)
        lines.append(f"**{label}:** {rule.remedy.get(lang)}")
    return "  \n".join(lines)
