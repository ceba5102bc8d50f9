"""Administrative division codes (GB/T 2260 and the statistical town codes) and which area covers which."""

from __future__ import annotations

import enum
import re

# GB/T 2260 province-level codes (the first two digits); anything else is a typo, not a province.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82",
})

_DIGITS = re.compile(r"[0-9]+")


class InvalidJurisdictionCode(ValueError):
    """A string that is not an administrative division code."""


class Level(enum.IntEnum):
    """How deep in the hierarchy a code sits; a larger value is a smaller area."""

    province = 1
    city = 2
    county = 3
    town = 4
    village = 5


def validate_code(code: str) -> str:
    """Return `code` unchanged if it is a well-formed division code, else raise InvalidJurisdictionCode.

    Accepted: 6 digits (province `140000`, city `140500`, county `140525`), 9 digits (town, street or
    development zone: a county or city code plus 3 digits, e.g. `140525100`) and 12 digits (the statistical
    form: town code plus `000`, or a village/community below it).
    """
    _area_prefix(code)
    return code


def is_valid_code(code: object) -> bool:
    """True if `code` is a well-formed division code."""
    try:
        _area_prefix(code)
    except InvalidJurisdictionCode:
        return False
    return True


def level_of(code: str) -> Level:
    """The level of a valid code (`140525` → county)."""
    return _LEVEL_BY_PREFIX_LENGTH[len(_area_prefix(code))]


def covers(user_code: str, target_code: str) -> bool:
    """True if the area `user_code` contains (or is) the area `target_code`.

    A province covers every city, county and town under it; a city its counties and towns; a county
    itself and its towns; a town itself and its villages. Both codes must be valid.
    """
    return _area_prefix(target_code).startswith(_area_prefix(user_code))


def area_prefix(code: str) -> str:
    """The leading digits every code inside the area `code` starts with (`140500` → `1405`); for SQL prefix filters."""
    return _area_prefix(code)


_LEVEL_BY_PREFIX_LENGTH = {2: Level.province, 4: Level.city, 6: Level.county, 9: Level.town, 12: Level.village}


def _area_prefix(code: object) -> str:
    """The significant leading digits of a code: every code inside an area starts with the area's prefix."""
    if not isinstance(code, str) or not _DIGITS.fullmatch(code):
        raise InvalidJurisdictionCode(f"行政区划代码必须是数字串, 收到 {code!r}")
    if len(code) == 12:
        town, village = code[:9], code[9:]
        town_prefix = _town_prefix(town, original=code)
        return town_prefix if village == "000" else town_prefix + village
    if len(code) == 9:
        return _town_prefix(code, original=code)
    if len(code) == 6:
        return _six_digit_prefix(code, original=code)
    raise InvalidJurisdictionCode(f"行政区划代码应为 6、9 或 12 位数字, 收到 {code!r} ({len(code)} 位)")


def _town_prefix(code: str, *, original: str) -> str:
    parent = _six_digit_prefix(code[:6], original=original)
    # Towns hang below a county, or directly below a city that has no counties (e.g. 东莞 441900).
    if len(parent) == 2:
        raise InvalidJurisdictionCode(f"乡镇代码 {original!r} 的前 6 位必须是市或县级代码, 不能是省级代码")
    if code[6:9] == "000":
        raise InvalidJurisdictionCode(f"乡镇代码 {original!r} 的第 7-9 位不能为 000")
    return code


def _six_digit_prefix(code: str, *, original: str) -> str:
    province, city, county = code[:2], code[2:4], code[4:6]
    if province not in PROVINCE_CODES:
        raise InvalidJurisdictionCode(f"行政区划代码 {original!r} 的省级代码 {province} 不存在")
    if city == "00":
        if county != "00":
            raise InvalidJurisdictionCode(f"行政区划代码 {original!r} 无效: 县级代码必须位于某个市级代码之下")
        return province
    if county == "00":
        return province + city
    return code
