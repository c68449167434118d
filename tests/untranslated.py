"""Words a page drawn in Vietnamese must not show: the tests look for them to find a word that was
left untranslated."""

from __future__ import annotations

from syncmatrix.present.words import keys, t


def english_only_phrases() -> tuple[str, ...]:
    """English words of the table whose Vietnamese differs, with the placeholders cut out.

    A page drawn in Vietnamese shows none of them.
    """
    phrases = []
    for key in keys():
        en, vi = t(key, "en"), t(key, "vi")
        if en == vi:
            continue
        for part in en.replace("{", "}").split("}")[::2]:
            part = part.strip(" ():;,.'?✗")
            if len(part) >= 8 and part not in vi:
                phrases.append(part)
    return tuple(sorted(set(phrases)))
