#!/usr/bin/python3
"""Read an Atom feed with independent parsers and print what they understood as JSON, for the API
tests to compare with what they published. The file must be well-formed XML in the Atom namespace
(xml.etree) carrying what RFC 4287 §4.1.1 and §4.1.2 require of a feed and of each entry (id,
title, updated; an author on the feed or on every entry); then feedparser (Debian's
python3-feedparser) must read it without complaint (bozo 0) as Atom 1.0. Exits non-zero, naming
the problem, otherwise.

Usage: atom_to_json.py FILE
"""
import json
import sys
import xml.etree.ElementTree as ET

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"


def require(element, name, where):
    child = element.find(ATOM + name)
    if child is None or (name != "author" and not (child.text or "").strip()):
        sys.exit(f"atom: {where} has no {name}")
    return child


def main() -> None:
    data = open(sys.argv[1], "rb").read()
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        sys.exit(f"atom: not well-formed XML ({error})")
    if root.tag != ATOM + "feed":
        sys.exit(f"atom: the root is {root.tag}, not an Atom feed")
    for name in ("id", "title", "updated"):
        require(root, name, "the feed")
    feed_author = root.find(ATOM + "author")
    for number, entry in enumerate(root.findall(ATOM + "entry"), start=1):
        for name in ("id", "title", "updated"):
            require(entry, name, f"entry {number}")
        if feed_author is None:
            require(entry, "author", f"entry {number}")
        content = entry.find(ATOM + "content")
        if content is not None and content.get("type") not in (None, "text", "html", "xhtml"):
            sys.exit(f"atom: entry {number}: content type {content.get('type')}")

    parsed = feedparser.parse(data)
    if parsed.bozo:
        sys.exit(f"feedparser: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        sys.exit(f"feedparser: read as {parsed.version!r}, not Atom 1.0")
    links = {link.get("rel"): link.get("href") for link in parsed.feed.get("links", [])}
    print(json.dumps({
        "id": parsed.feed.get("id"),
        "title": parsed.feed.get("title"),
        "updated": parsed.feed.get("updated"),
        "language": parsed.feed.get("language"),
        "self": links.get("self"),
        "entries": [{
            "id": entry.get("id"),
            "title": entry.get("title"),
            "author": entry.get("author"),
            "link": entry.get("link"),
            "published": entry.get("published"),
            "updated": entry.get("updated"),
            "content_type": entry.content[0].type if entry.get("content") else None,
            # The content as the feed carries it, the HTML unescaped once (not feedparser's own
            # sanitised rendering), read straight from the XML.
            "content": raw.findtext(ATOM + "content"),
        } for entry, raw in zip(parsed.entries, root.findall(ATOM + "entry"))],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
