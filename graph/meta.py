"""The title block of a resolution: local id, doceo id, date, procedure, titles.

The title block is whatever precedes the first citation. In a PDF's text it is
"TEXTS ADOPTED / P9_TA(2021)0056 / short title / long title / The European
Parliament,"; in a web page (or text copied from one) the EP's navigation and
procedure box come first. Rather than parse the page's layout, we find the long
title (it begins with the language's title formula, or ends with the procedure
number) and look around it.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

from .lang import LanguageProfile, all_profiles
from .model import Compiled, DocumentMeta

__all__ = ["LOCAL_ID", "PROCEDURE", "parse_meta", "doc_id_of", "is_boilerplate"]

_COMPILED = Compiled(__name__, __file__)

#: "P9_TA(2021)0056", also the provisional "P9_TA-PROV(2021)0056".
LOCAL_ID = _COMPILED.pattern(r"P(\d{1,2})_TA(?:-PROV)?\((\d{4})\)(\d{4})")
#: "2021/2544(RSP)"; also "2023/0038M(NLE)" (a procedure split off another), "2004/2184 (INI)"
#: with a space, and the Greek capitals a translation sometimes typed for Latin ones ("(ΙΝΙ)").
PROCEDURE = _COMPILED.pattern(r"(?<!\d)(\d{4}/\d{4}[A-Z]?\s?\([A-ZΑ-Ω]{3}\))")
# the title's last bracket closes on the procedure: "(2021/2577(RSP))",
# "(COM(2004)0657 - … - 2004/2184 (INI))"
_PROCEDURE_AT_END = _COMPILED.pattern(r"\d{4}/\d{4}[A-Z]?\s?\([A-ZΑ-Ω]{3}\)\s*\)\s*$")
_LATIN = str.maketrans("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX")
_NUMBERED = _COMPILED.pattern(r"^\s*\d{1,2}\.\s+")
_SIZES = _COMPILED.pattern(r"^\s*(?:PDF|WORD|DOC)\s*\d+\s*k", re.IGNORECASE)
_STARS = _COMPILED.pattern(r"\s*\*{1,3}(?:I{1,3})?\s*$")
_PLACE_DATE = _COMPILED.pattern(r"\d{4}\s*[-–]\s*\w+")
_DASH_WORD = _COMPILED.pattern(r"\s[-–]\s*\w")


def doc_id_of(local_id: str) -> str | None:
    """P9_TA(2021)0056 → TA-9-2021-0056 (the EP's doceo / Open Data id)."""
    match = LOCAL_ID.search(local_id)
    if match is None:
        return None
    term, year, number = match.groups()
    return f"TA-{term}-{year}-{number}"


def is_boilerplate(line: str, profile: LanguageProfile | None = None) -> bool:
    """True for a line of the web page's furniture: navigation, banner, file sizes."""
    stripped = line.strip()
    if not stripped or _SIZES.match(stripped):
        return True
    profiles = (profile,) if profile is not None else all_profiles()
    for prof in profiles:
        if prof.header_re is not None and prof.header_re.match(stripped):
            return True
        for word in prof.navigation + prof.header + prof.parliament:
            if stripped.casefold() == word.casefold() or stripped.casefold().rstrip(
                " :"
            ) == word.casefold().rstrip(" :"):
                return True
            if word.rstrip().endswith(":") and stripped.casefold().startswith(word.casefold()):
                return True
    return False


def _title_line(lines: Sequence[str], profile: LanguageProfile) -> tuple[int, int] | None:
    """(line index, column) where the long title begins."""
    for index, line in enumerate(lines):
        match = profile.title_re.search(line)
        if match is not None and not profile.is_parliament(line):
            numbered = _NUMBERED.match(line)  # "1. European Parliament decision of …"
            return index, numbered.end() if numbered else len(line) - len(line.lstrip())
    for index, line in enumerate(lines):
        if _PROCEDURE_AT_END.search(line) and not is_boilerplate(line, profile):
            return index, len(line) - len(line.lstrip())
    return None


def _is_id_line(line: str) -> bool:
    """ "P9_TA(2021)0056", maybe glued to a report number ("…0056RC-B9-0171/2021")."""
    return bool(LOCAL_ID.search(line)) and len(LOCAL_ID.sub("", line).strip()) < 20


def _is_place_date(line: str, profile: LanguageProfile) -> bool:
    """ "Thursday, 11 February 2021 - Brussels", "2017. április 5., Szerda - Strasbourg"."""
    return bool(profile.date_re.search(line)) and bool(_DASH_WORD.search(line))


def _title_block(lines: Sequence[str], profile: LanguageProfile) -> str | None:
    """Consecutive lines that read as a short title (a PDF wraps it), else None.

    Single words ("Decision", "Resolution": the web page's tabs between the parts of
    a discharge text) and page furniture are not a title.
    """
    if not lines or len(lines) > 3:
        return None
    if all(len(line.split()) < 2 for line in lines):
        return None
    for line in lines:
        if is_boilerplate(line, profile) or _is_place_date(line, profile) or _is_id_line(line):
            return None
    return " ".join(" ".join(lines).split())


def _short_title(lines: Sequence[str], title_index: int, profile: LanguageProfile) -> str | None:
    """The short title above the long one.

    The web page prints it above the local id ("…Brussels / Situation in X /
    P9_TA(2021)0082 / European Parliament resolution of …"), the PDF below it and
    sometimes over two lines ("P9_TA-PROV(2020)0054 / Situation in / X / European
    Parliament resolution of …"); failing an id, the nearest line that is neither an id nor
    page furniture.
    """
    ids = [i for i in range(max(0, title_index - 8), title_index) if _is_id_line(lines[i])]
    if ids:
        after = [line.strip() for line in lines[ids[-1] + 1 : title_index] if line.strip()]
        found = _title_block(after, profile)
        if found is not None:
            return found
        before: list[str] = []
        for index in range(ids[-1] - 1, max(-1, ids[-1] - 4), -1):
            line = lines[index].strip()
            if not line:
                if before:
                    break
                continue
            if _is_id_line(line):
                continue
            if is_boilerplate(line, profile) or _is_place_date(line, profile):
                break
            before.insert(0, line)
            break  # the web page and the Official Journal print it on one line
        found = _title_block(before, profile)
        if found is not None:
            return found
    seen = 0
    for index in range(title_index - 1, -1, -1):
        line = lines[index].strip()
        if not line:
            continue
        seen += 1
        if seen > 4:
            return None
        if _is_id_line(line):
            continue
        if is_boilerplate(line, profile):
            return None
        if profile.date_re.search(line) and _PLACE_DATE.search(line):
            return None  # "Thursday, 11 February 2021 - Brussels"
        return line
    return None


def _date(text: str, profile: LanguageProfile) -> _dt.date | None:
    for match in profile.date_re.finditer(text):
        month = profile.month_number(match.group("month"))
        if month is None:
            continue
        try:
            return _dt.date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            continue
    return None


def parse_meta(header: Sequence[str], profile: LanguageProfile) -> DocumentMeta:
    """Read the metadata from the lines of the title block (everything before the body)."""
    joined = "\n".join(header)
    located = _title_line(header, profile)
    long_title = short_title = None
    if located is not None:
        index, column = located
        parts = [header[index][column:]]
        # a title wrapped over visual lines runs on until its procedure number
        for following in header[index + 1 : index + 4]:
            if PROCEDURE.search(" ".join(parts)) or not following.strip():
                break
            if profile.is_parliament(following) or is_boilerplate(following, profile):
                break
            parts.append(following)
        long_title = " ".join(" ".join(parts).split()) or None
        short_title = _short_title(header, index, profile)
        if short_title is not None:
            # the procedure's stars are a mark, not part of the title: "… ***I", "… *"
            short_title = _STARS.sub("", " ".join(short_title.split())) or None
    local_match = LOCAL_ID.search(joined)
    # the provisional edition's "P9_TA-PROV(2021)0056" is the same text adopted
    local_id = "P{}_TA({}){}".format(*local_match.groups()) if local_match else None
    procedure_match = PROCEDURE.search(long_title or "") or PROCEDURE.search(joined)
    procedure = (
        procedure_match.group(1).replace(" ", "").translate(_LATIN) if procedure_match else None
    )
    date = _date(long_title or "", profile) or _date(joined, profile)
    return DocumentMeta(
        local_id=local_id,
        doc_id=doc_id_of(local_id) if local_id else None,
        date=date,
        procedure=procedure,
        title=short_title,
        long_title=long_title,
        language=profile.code,
    )


_COMPILED.save()
