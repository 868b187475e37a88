"""Name normalisation, so that any way of writing a name finds its entity.

``match_key`` folds what should not matter: Unicode compatibility forms (NFKC: full-width
letters and brackets), case, traditional versus simplified Chinese, spacing, brackets and
punctuation. ``pinyin_key`` gives the toneless pinyin of a Chinese name, so "huabei" finds 花呗.

>>> match_key("狐狸互联网小额贷款（宁波）有限公司") == match_key("狐狸互联网小额贷款(宁波)有限公司")
True
>>> match_key("Ant Consumer Finance")
'antconsumerfinance'
>>> match_key("螞蟻集團") == match_key("蚂蚁集团")
True
>>> pinyin_key("花呗")
'huabei'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC
from pypinyin import Style, lazy_pinyin

_DROP = re.compile(
    r"[\s\(\)\[\]\{\}<>《》〈〉「」『』【】〔〕\"'“”‘’`·・.,，。、:：;；!！?？\-_—–/\\|&+]+"
)
_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _to_simplified() -> OpenCC:
    return OpenCC("t2s")


def match_key(text: str) -> str:
    """The normalised form two names share when they name the same thing."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if _HAN.search(folded):
        folded = _to_simplified().convert(folded)
    return _DROP.sub("", folded)


def pinyin_key(text: str) -> str | None:
    """Toneless pinyin of the Chinese characters in ``text``, others kept; None without Chinese."""
    simplified = match_key(text)
    if not _HAN.search(simplified):
        return None
    return "".join(lazy_pinyin(simplified, style=Style.NORMAL, errors="default")).lower()


def has_chinese(text: str) -> bool:
    """Whether ``text`` contains a Chinese character."""
    return bool(_HAN.search(text))
