"""Name normalisation and resolution over the names users type."""

from __future__ import annotations

import pytest

from kg.names import match_key, pinyin_key


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("狐狸互联网小额贷款(宁波)有限公司", "狐狸互联网小额贷款（宁波）有限公司"),
        ("ＡＮＴ　Group", "Ant Group"),
        ("螞蟻消費金融有限公司", "蚂蚁消费金融有限公司"),
        ("《小额贷款公司监督管理暂行办法》", "小额贷款公司监督管理暂行办法"),
        ("WeChat  Pay", "wechat pay"),
    ],
)
def test_equivalent_spellings_share_a_match_key(written: str, stored: str) -> None:
    assert match_key(written) == match_key(stored)


def test_different_names_keep_different_keys() -> None:
    assert match_key("花呗") != match_key("借呗")


@pytest.mark.parametrize(
    ("name", "pinyin"), [("花呗", "huabei"), ("借呗", "jiebei"), ("Ant", None)]
)
def test_pinyin_key_is_toneless_pinyin_of_chinese_names(name: str, pinyin: str | None) -> None:
    assert pinyin_key(name) == pinyin
