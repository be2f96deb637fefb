"""A plain-text citation in an APA-like style (APA 7's order and punctuation; titles kept
as the record writes them rather than put in sentence case, which needs to know proper
nouns). Pure functions of a Work and its venue's name; the caller escapes the text for
wherever it goes.

    Strobelt, H., Gehrmann, S., Pfister, H., & Rush, A. M. (2018). LSTMVis: A Tool for ...
    IEEE Transactions on Visualization and Computer Graphics, 24(1), 667–676.
    https://doi.org/10.1109/TVCG.2017.2744158
"""

from __future__ import annotations

import re

from survey.records.record import Work

# Lower-case words that belong to the family name that follows ("Jan van Gemert").
_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "la",
    "le",
    "dos",
    "das",
    "ter",
    "ten",
}
_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
APA_MAX_AUTHORS = 20  # APA 7: up to 20 names; beyond, the first 19, an ellipsis, the last


def split_name(name: str) -> tuple[str, str, str]:
    """'Given Family' as a record writes it -> (given, family, suffix).

    The family name is the last word with any lower-case particles before it; a nickname
    in parentheses ("Duen Horng (Polo) Chau") is not part of the given names."""
    words = re.sub(r"\([^)]*\)", " ", name).split()
    suffix = words.pop() if len(words) > 2 and words[-1] in _SUFFIXES else ""
    if len(words) <= 1:
        return "", " ".join(words), suffix
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    # "Jean de La Fontaine": a particle may be followed by a capitalised one ("La").
    if start > 1 and words[start - 1] in {"La", "Le", "Du", "De"} and words[start - 2] in _PARTICLES:
        start -= 2
    return " ".join(words[:start]), " ".join(words[start:]), suffix


def initials(given: str) -> str:
    """'Alexander M.' -> 'A. M.'; 'Boudewijn P.F.' -> 'B. P. F.'; 'Jean-Paul' -> 'J.-P.'"""
    parts = []
    for word in re.split(r"[\s.]+", given):
        if word:
            parts.append("-".join(f"{piece[0]}." for piece in word.split("-") if piece))
    return " ".join(parts)


def apa_name(name: str) -> str:
    given, family, suffix = split_name(name)
    out = family + (f", {initials(given)}" if given else "")
    return out + (f", {suffix}" if suffix else "")


def apa_authors(names: list[str] | tuple[str, ...]) -> str:
    names = [apa_name(n) for n in names]
    if len(names) > APA_MAX_AUTHORS:
        return ", ".join(names[: APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa(work: Work, venue_name: str) -> str:
    """The work's citation as one line of plain text."""
    published = work.published
    authors = apa_authors(work.author_list) if work.author_list else work.authors
    title = _sentence_end(published.get("title") or work.title)
    container = published.get("journal") or published.get("booktitle") or venue_name
    pages = str(published["pages"]).replace("--", "–") if published.get("pages") else ""
    date = str(work.citation_year or "n.d.")  # APA's "no date"
    if work.kind == "online" and published.get("month"):
        date += f", {MONTHS[published['month'] - 1]}"
        if published.get("date"):
            date += f" {int(str(published['date'])[8:10])}"
    parts = [f"{_sentence_end(authors)} ({date}).", title]

    if work.kind == "article":
        volume = str(published.get("volume") or "")
        issue = f"({published['number']})" if published.get("number") else ""
        parts.append(_sentence_end(", ".join(p for p in (container, volume + issue, pages) if p)))
    elif work.kind == "inproceedings":
        parts.append(_sentence_end(f"In {container}" + (f" (pp. {pages})" if pages else "")))
        if published.get("publisher"):
            parts.append(_sentence_end(published["publisher"]))
    elif work.kind == "preprint":
        parts.append(_sentence_end(f"arXiv:{work.arxiv}" if work.arxiv else container))
    elif work.kind in ("mastersthesis", "phdthesis"):
        degree = "Master's thesis" if work.kind == "mastersthesis" else "Doctoral dissertation"
        school = published.get("school") or published.get("institution")
        parts[-1] = title.rstrip(".") + f" [{degree}" + (f", {school}" if school else "") + "]."
    elif work.kind == "techreport":
        number = published.get("report_number")
        parts[-1] = title.rstrip(".") + (f" (Report No. {number})." if number else ".")
        parts.append(_sentence_end(published.get("institution") or container))
    elif work.kind == "software":
        parts[-1] = title.rstrip(".") + " [Computer software]."
    else:  # online: the site's name where the record has one (the venue would be "Web")
        site = published.get("journal") or published.get("publisher")
        if site:
            parts.append(_sentence_end(site))

    link = f"https://doi.org/{work.doi}" if work.doi else published.get("url") or work.url
    if link:
        parts.append(link)
    return " ".join(parts)


def _sentence_end(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."
