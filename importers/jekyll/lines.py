"""Recognising single lines of a lab-site page: titles, nav links, headings, rules."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from importers.jekyll.markup import (
    clean_url,
    find_links,
    has_nav_marker,
    highlights,
    looks_like_page,
    nav_marker,
    plain,
    remove_highlights,
    remove_spans,
    strip_attrs,
    strip_tags,
)
from importers.venue import find_badges

_LIST = re.compile(r"^(?:[-+*]|\d{1,3}[.)])\s+")
_STRONG_TAG = re.compile(r"</?(?:b|strong)(?:\s[^<>]*)?>", re.I)
_BADGE_PAREN = re.compile(
    r"\(\s*(?:new|oral|spotlight|highlight|best[^()\n]{0,60}|[^()\n]{0,40}award)\s*!?\s*\)", re.I
)
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# A link whose target is not an absolute URL or a fragment (a nav-bar candidate).
# A link target that may be a site page: not a scheme or fragment right after the `](` or
# `href=` (and its `<` or quote: an optional one let the check pass on every quoted URL).
_NOT_ABSOLUTE = r"(?![a-zA-Z][a-zA-Z0-9+.\-]*:|#)"
_SITE_TARGET = re.compile(rf"\]\(\s*+(?:<{_NOT_ABSOLUTE}|(?!<){_NOT_ABSOLUTE})"
                          rf"|href\s*=\s*+(?:[\"']{_NOT_ABSOLUTE}|(?![\"']){_NOT_ABSOLUTE})", re.I)
_NAV_FILLER = str.maketrans("", "", "*_|·•/\\ \t-–—:>▶▼▲►◀◄▸▾▴▹▿▵\u00a0")
_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass(slots=True)
class NavLink:
    """One navigation-bar link: label as printed, target, and its ▶/▼ marking."""

    label: str
    target: str
    marked: bool = False
    current: bool = False


@dataclass(slots=True)
class TitleMatch:
    """A recognised entry title line."""

    text: str
    badges: list[str] = field(default_factory=list)
    url: str = ""


def is_rule(stripped: str) -> bool:
    """True for a Markdown horizontal rule (`---`, `***`, `___`)."""
    return bool(stripped) and stripped[0] in "-*_" and _RULE.match(stripped) is not None


def heading(stripped: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line, else None."""
    if not stripped.startswith("#"):
        return None
    match = _HEADING.match(stripped)
    if match is None:
        return None
    return len(match.group(1)), plain(match.group(2) or "")


def _badges_of(text: str) -> list[str]:
    """Badge names for a highlight such as "(New!)" or "Oral"."""
    found = find_badges(text)
    if found:
        return found
    cleaned = plain(text).strip("()! ")
    return [cleaned] if cleaned else []


def title_match(stripped: str) -> TitleMatch | None:
    """Recognise `**Title** <br>`, `__Title__`, `<b>Title</b>`, with optional badges."""
    if "**" not in stripped and "__" not in stripped:
        low = stripped.lower()
        if "<b" not in low and "<strong" not in low:
            return None
    badges: list[str] = []
    for text in highlights(stripped):
        badges.extend(b for b in _badges_of(text) if b not in badges)
    text = _STRONG_TAG.sub("**", remove_highlights(stripped))
    text = strip_attrs(strip_tags(text)).strip()
    text = _LIST.sub("", text, count=1)
    while text.startswith("("):
        match = _BADGE_PAREN.match(text)
        if match is None:
            break
        badges.extend(b for b in _badges_of(match.group(0)) if b not in badges)
        text = text[match.end() :].lstrip()
    delim = text[:2]
    if delim not in ("**", "__"):
        return None
    end = text.find(delim, 2)
    if end < 0:
        return None
    inner, rest = text[2:end], text[end + 2 :]
    if inner[:1] == delim[0] and rest[:1] == delim[0]:
        inner, rest = inner[1:], rest[1:]  # ***bold italic***
    for match in _BADGE_PAREN.finditer(rest):
        badges.extend(b for b in _badges_of(match.group(0)) if b not in badges)
    rest = _BADGE_PAREN.sub("", rest)
    if html.unescape(rest).translate(_NAV_FILLER).strip():
        return None
    url = ""
    links = find_links(inner)
    if links:
        if len(links) == 1 and not plain(remove_spans(inner, links)).strip("*_ "):
            link = links[0]
            target = clean_url(link.url)
            if has_nav_marker(link.label) or looks_like_page(target):
                return None
            url = target if target and not target.startswith("#") else ""
            inner = link.label
        else:
            for link in reversed(links):
                inner = inner[: link.start] + link.label + inner[link.end :]
    for match in _BADGE_PAREN.finditer(inner):
        badges.extend(b for b in _badges_of(match.group(0)) if b not in badges)
    title = plain(_BADGE_PAREN.sub(" ", inner))
    if len(title) >= 2 and title[0] in "*_" and title[-1] == title[0]:
        title = title[1:-1].strip()
    if not title or has_nav_marker(title):
        return None
    return TitleMatch(text=title, badges=badges, url=url)


def nav_links(stripped: str, *, strong_only: bool) -> list[NavLink]:
    """The site links of a line made only of links and separators, else []."""
    if ("](" not in stripped and "href" not in stripped and "HREF" not in stripped
            and "Href" not in stripped) or _SITE_TARGET.search(stripped) is None:
        return []
    text = strip_attrs(stripped)
    links = find_links(text)
    if not links:
        return []
    rest = html.unescape(strip_tags(remove_spans(text, links)))
    if rest.translate(_NAV_FILLER).strip():
        return []
    found: list[NavLink] = []
    for link in links:
        target = clean_url(link.url)
        if not looks_like_page(target):
            return []
        label, current = nav_marker(plain(link.label))
        label = label.strip(" *_")
        if label:
            found.append(NavLink(label=label, target=target, marked=has_nav_marker(link.label),
                                 current=current))
    if strong_only and not (any(link.marked for link in found)
                            or text.lstrip().startswith(("**[", "__["))):
        return []
    return found


def _name_list(text: str, *, emphasised_only: bool) -> bool:
    """True for a line listing several names: `*A, B*`, `_A and B_`, `<i>…</i>`, or plain."""
    stripped = text.strip()
    wrapped = stripped[:3].lower() in ("<i>", "<em") or (
        len(stripped) > 2 and stripped[0] in "*_" and stripped[:2] not in ("**", "__")
        and stripped.rstrip("\\ ")[-1:] == stripped[0])
    if emphasised_only and not wrapped:
        return False
    body = plain(stripped)
    return ("," in body or " and " in body) and _YEARISH.search(body) is None


def heading_title(stripped: str, following: list[str]) -> TitleMatch | None:
    """A `### Paper Title` heading used as an entry title, else None.

    Some sites print each paper as a heading followed at once by its author line and then a
    venue or link line; a section heading is not followed by such a pair.
    """
    match = _HEADING.match(stripped)
    if match is None or len(match.group(1)) < 2 or not (match.group(2) or "").strip():
        return None
    lines = [line.strip() for line in following[:3]]
    if lines and not lines[0]:
        lines = lines[1:]  # one blank line may separate the title from its authors
    if len(lines) < 2 or not lines[0] or not lines[1] or lines[0].startswith("#"):
        return None
    names, after = lines[0], lines[1]
    venue = "<pub" in after.lower()
    if not (venue or _YEARISH.search(plain(after)) or find_links(after)):
        return None
    if not _name_list(names, emphasised_only=not venue):
        return None
    found = title_match(f"**{match.group(2).strip()}**")
    if found is not None:
        return found
    text = plain(match.group(2))
    return TitleMatch(text=text) if text and not has_nav_marker(text) else None
