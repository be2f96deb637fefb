"""Importing a SurVis survey: `survey init DIR --from-survis SURVIS` (a site's folder, or
one of its data files), and writing one back: `survey export --format survis -o DIR`.

One module per input, feeding one record builder:
- layout: where a site keeps its files (src/, docs/ or the root), read with sizes checked;
- bib_reader: `bib/references.bib`, read as tolerantly as SurVis reads it;
- bibjs: the generated `bib.js`, for sites that ship no `.bib`;
- tag_files: `tag_categories.js` and `authorized_tags.js`;
- properties: `properties.js`, the title and subtitle;
- builder: the taxonomy, venues and records; report: what is said on the way;
- export: the project as a SurVis folder again.
"""

from survey.contribute.survis.builder import Import, read_survis, record_id, slug
from survey.contribute.survis.layout import SurvisError, locate

__all__ = ["Import", "SurvisError", "locate", "read_survis", "record_id", "slug"]
