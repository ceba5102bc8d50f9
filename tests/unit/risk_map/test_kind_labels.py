"""Every attribute a facility kind takes has a Chinese label for forms."""

from risk_map.domain.kinds import ATTRIBUTE_LABELS, RULES


def test_every_attribute_of_every_kind_has_a_chinese_label():
    missing = {name for rule in RULES.values() for name in rule.attributes} - set(ATTRIBUTE_LABELS)
    assert not missing
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in ATTRIBUTE_LABELS.values())
