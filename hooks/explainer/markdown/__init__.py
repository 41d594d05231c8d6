"""The directives in Markdown: their grammar (syntax), the HTML each becomes (directives), what
each page placed, cited and quoted (record), the site-wide lists (lists), the checks after every
page (audit), and the Python-Markdown extension."""
