"""Administrative division codes: which codes are valid, their levels, and which area covers which."""

import pytest

from ecosafe_kit.auth.jurisdiction import (
    InvalidJurisdictionCode,
    Level,
    covers,
    is_valid_code,
    level_of,
    validate_code,
)

SHANXI = "140000"
JINCHENG = "140500"
LINGCHUAN = "140525"  # 陵川县, a county of Jincheng
GAOPING = "140581"  # 高平市, another county-level unit of Jincheng
LINGCHUAN_TOWN = "140525100"
LINGCHUAN_TOWN_12 = "140525100000"
LINGCHUAN_VILLAGE = "140525100201"
TAIYUAN = "140100"
TAIYUAN_DISTRICT = "140105"
DONGGUAN = "441900"  # a city without counties: its towns hang directly below it
DONGGUAN_TOWN = "441900003"


@pytest.mark.parametrize(
    ("code", "level"),
    [
        (SHANXI, Level.province),
        ("110000", Level.province),
        (JINCHENG, Level.city),
        ("110100", Level.city),
        (LINGCHUAN, Level.county),
        ("110101", Level.county),
        ("429004", Level.county),  # 仙桃, a county-level city directly under the province
        (LINGCHUAN_TOWN, Level.town),
        (LINGCHUAN_TOWN_12, Level.town),
        (DONGGUAN_TOWN, Level.town),
        (LINGCHUAN_VILLAGE, Level.village),
    ],
)
def test_level_follows_from_the_code(code, level):
    assert level_of(code) is level


@pytest.mark.parametrize(
    "code",
    [SHANXI, JINCHENG, LINGCHUAN, LINGCHUAN_TOWN, LINGCHUAN_TOWN_12, LINGCHUAN_VILLAGE, DONGGUAN_TOWN, "820000"],
)
def test_well_formed_codes_are_accepted_unchanged(code):
    assert validate_code(code) == code
    assert is_valid_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "14052",  # too short
        "1405250",  # 7 digits
        "14052510",  # 8 digits
        "1405251000",  # 10 digits
        "1405251000000",  # 13 digits
        "14O525",  # letter O, not zero
        "140525 ",
        " 140525",
        "14-05-25",
        "１４０５２５",  # full-width digits
        "990000",  # no such province
        "100000",
        "000000",
        "140025",  # a county needs a city part
        "140000100",  # a town cannot hang directly below a province
        "140525000",  # town part 000 is the county itself
        "140525000123",
    ],
)
def test_malformed_codes_are_rejected(code):
    with pytest.raises(InvalidJurisdictionCode):
        validate_code(code)
    assert not is_valid_code(code)


@pytest.mark.parametrize("value", [None, 140525, 140525.0, b"140525", ["140525"]])
def test_non_strings_are_rejected(value):
    with pytest.raises(InvalidJurisdictionCode):
        validate_code(value)
    assert not is_valid_code(value)


def test_invalid_code_error_is_a_value_error_so_pydantic_validators_report_it():
    with pytest.raises(ValueError, match="6、9 或 12 位"):
        validate_code("1405")


@pytest.mark.parametrize(
    ("user", "target"),
    [
        (SHANXI, SHANXI),
        (SHANXI, JINCHENG),
        (SHANXI, LINGCHUAN),
        (SHANXI, LINGCHUAN_TOWN),
        (SHANXI, TAIYUAN_DISTRICT),
        (JINCHENG, JINCHENG),
        (JINCHENG, LINGCHUAN),
        (JINCHENG, GAOPING),
        (JINCHENG, LINGCHUAN_TOWN),
        (JINCHENG, LINGCHUAN_TOWN_12),
        (JINCHENG, LINGCHUAN_VILLAGE),
        (LINGCHUAN, LINGCHUAN),
        (LINGCHUAN, LINGCHUAN_TOWN),
        (LINGCHUAN, LINGCHUAN_TOWN_12),
        (LINGCHUAN, LINGCHUAN_VILLAGE),
        (LINGCHUAN_TOWN, LINGCHUAN_TOWN),
        (LINGCHUAN_TOWN, LINGCHUAN_TOWN_12),  # the same town written in its 12-digit form
        (LINGCHUAN_TOWN_12, LINGCHUAN_TOWN),
        (LINGCHUAN_TOWN, LINGCHUAN_VILLAGE),
        (DONGGUAN, DONGGUAN_TOWN),
    ],
)
def test_an_area_covers_itself_and_everything_below_it(user, target):
    assert covers(user, target)


@pytest.mark.parametrize(
    ("user", "target"),
    [
        (JINCHENG, SHANXI),  # a city does not cover its province
        (LINGCHUAN, JINCHENG),  # a county does not cover its city
        (LINGCHUAN, GAOPING),  # nor a sibling county
        (GAOPING, LINGCHUAN_TOWN),
        (LINGCHUAN_TOWN, LINGCHUAN),  # a town does not cover its county
        (LINGCHUAN_TOWN, "140525101"),  # nor a sibling town
        (LINGCHUAN_VILLAGE, LINGCHUAN_TOWN),
        (TAIYUAN, LINGCHUAN),  # another city's county
        (TAIYUAN, JINCHENG),  # a sibling city
        ("130000", LINGCHUAN),  # another province
        ("140600", "140525"),
    ],
)
def test_an_area_does_not_cover_areas_outside_it(user, target):
    assert not covers(user, target)


@pytest.mark.parametrize(("user", "target"), [("14052", LINGCHUAN), (LINGCHUAN, "14052X"), ("990000", "990100")])
def test_covers_refuses_malformed_codes_instead_of_answering_false(user, target):
    with pytest.raises(InvalidJurisdictionCode):
        covers(user, target)
