#!/usr/bin/python3
"""Read an iCalendar file with an independent parser (Debian's python3-icalendar) and print what
it understood as JSON, for the API tests to compare with what they asked for. Before parsing,
check the framing RFC 5545 §3.1 asks of every writer, which lenient parsers forgive: CRLF line
ends, at most 75 octets per line, each line whole UTF-8. Exits non-zero, naming the line, when a
check fails or the parser refuses the file.

Usage: ics_to_json.py FILE
"""
import json
import sys

import icalendar


def check_framing(data: bytes) -> None:
    if not data.endswith(b"\r\n"):
        sys.exit("ics: the last line does not end with CRLF")
    for number, line in enumerate(data[:-2].split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            sys.exit(f"ics: line {number}: a bare CR or LF")
        if len(line) > 75:
            sys.exit(f"ics: line {number}: {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            sys.exit(f"ics: line {number}: not whole UTF-8 ({error})")


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def categories(event):
    value = event.get("categories")
    if value is None:
        return []
    # One CATEGORIES property holds a list. icalendar 4.0.3 unescapes before it splits at ',', so
    # an escaped comma inside a category splits it too: the API tests use categories without
    # commas, and the writer's unit test checks the escaping.
    values = value if isinstance(value, list) else [value]
    out = []
    for item in values:
        out.extend(str(c) for c in getattr(item, "cats", [item]))
    return out


def utc(event, name):
    moment = event.decoded(name)
    if moment.tzinfo is None or moment.utcoffset().total_seconds() != 0:
        sys.exit(f"ics: {name} is not in UTC: {moment!r}")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def main() -> None:
    with open(sys.argv[1], "rb") as file:
        data = file.read()
    check_framing(data)
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for event in calendar.walk("VEVENT"):
        events.append({
            "uid": text(event, "uid"),
            "dtstamp": utc(event, "dtstamp"),
            "dtstart": utc(event, "dtstart"),
            "dtend": utc(event, "dtend"),
            "summary": text(event, "summary"),
            "description": text(event, "description"),
            "location": text(event, "location"),
            "url": text(event, "url"),
            "categories": categories(event),
        })
    json.dump({
        "prodid": text(calendar, "prodid"),
        "version": text(calendar, "version"),
        "calscale": text(calendar, "calscale"),
        "name": text(calendar, "x-wr-calname"),
        "events": events,
    }, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
