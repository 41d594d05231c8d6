"""The directives in Markdown: their grammar, what each becomes, and the Python-Markdown extension."""
