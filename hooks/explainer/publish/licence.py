"""The one licence for the site's own work, and what it does not cover.

CC BY 4.0 because reuse with attribution is the point: a newsroom, a researcher or a
fact-checker may copy the text, the charts and the data compilation, if they credit the site.
The figures themselves are facts reported by the named sources; their articles stay theirs.
"""

from __future__ import annotations

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SHORT = "CC BY 4.0"
COVERS = "the site's text, charts and data compilation"
STATEMENT = (
    f"The text, charts and data compilation of this site are published under {LICENCE['title']} ({SHORT}): "
    "reuse them freely, with credit to the site and a link."
)
THIRD_PARTY = (
    "Third-party material keeps its own terms. Each figure and statement is a fact reported by the "
    "source it names; the sources' articles, headlines and wording belong to their publishers. The map "
    "lines are generalised from Natural Earth, which is in the public domain. The occupied area on the "
    "Pokrovsk map, and the distances and areas measured on it, come from DeepState's map (deepstatemap.live), "
    "which remains DeepState's work, as saved daily by the cyterat/deepstate-map-data archive (published "
    "under the GNU GPL v3.0): credit both when reusing them."
)
