"""Finding the venue abbreviation (a key of venues.yaml) for a venue as BibTeX writes it.

Publishers write the same venue many ways: "Proceedings of the 2017 CHI Conference on
Human Factors in Computing Systems", "Advances in Neural Information Processing Systems",
"2017 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)". A venue matches
when one of its phrases occurs in the text; the longest matching phrase wins, so that a
workshop ("ICML Workshop on Visualization for Deep Learning") beats its conference (ICML).
"""

from __future__ import annotations

import re

from survey.contribute.bibtex import ascii_fold
from survey.records.taxonomy import Taxonomy


def normalize_venue(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: 'Proc. IEEE VIS'18' -> 'proc ieee vis 18'."""
    return " ".join(re.findall(r"[a-z0-9]+", ascii_fold(text).lower().replace("&", " and ")))


def venue_phrases(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(normalized phrase, abbreviation) for every venue: its name without the publisher,
    and the aliases the project's venues file gives it."""
    phrases = []
    for abbr, venue in taxonomy.venues.items():
        phrases.append((re.sub(r"^(ieee|acm)\s+", "", normalize_venue(venue.name)), abbr))
        phrases += [(normalize_venue(alias), abbr) for alias in venue.aliases]
    return phrases


def acronyms_in(text: str, taxonomy: Taxonomy) -> list[str]:
    """The abbreviations written in `text` as capitalized words ("(CVPR)", "{ICML} 2016").
    Case matters, so that 'Vis.' (DBLP's TVCG) is not VIS; abbreviations with fewer than
    two capitals ('Web', 'Distill') are plain words and never count."""
    return [
        abbr
        for abbr in taxonomy.venues
        if sum(ch.isupper() for ch in abbr) >= 2
        and re.search(rf"(?<![A-Za-z0-9]){re.escape(abbr)}(?![A-Za-z0-9])", text)
    ]


def match_venue(text: str, taxonomy: Taxonomy) -> str | None:
    """The abbreviation of the venue named in `text`, or None when no venue is recognized."""
    exact = {abbr.casefold(): abbr for abbr in taxonomy.venues}.get(text.strip().casefold())
    if exact:
        return exact
    words = f" {normalize_venue(text)} "
    matches = [(len(phrase), abbr) for phrase, abbr in venue_phrases(taxonomy) if phrase and f" {phrase} " in words]
    matches += [(len(abbr), abbr) for abbr in acronyms_in(ascii_fold(text), taxonomy)]
    return max(matches)[1] if matches else None
