"""What readers take away and reuse: the data package, citations, structured data, the feed and
the licence. Plain data in, plain text out (JSON, CSV, XML, a zip); no page rendering here."""
