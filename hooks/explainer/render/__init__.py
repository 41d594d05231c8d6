"""HTML for charts, facts, citations, the bibliography and the editor's problem panel, and the
browser assets the pages link to."""
