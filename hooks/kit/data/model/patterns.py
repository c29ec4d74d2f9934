"""The rules that are a shape, written once as regular expressions that Python and the web forms'
JavaScript both run unchanged: the check compiles them (kit/data/model/fields.py, privacy.py,
civicchecks.py) and the forms get them as Decap `pattern`s (kit/outputs/cmsrules.py), so a value
the forms accept is one `make check` accepts. They use only syntax the two engines read alike:
explicit digit classes (Python's \\d is every script's digits, JavaScript's only ASCII), no flags,
no named groups; tests/outputs/test_form_rules.py runs each in Node against the Python rule."""
from __future__ import annotations

import re

D = "[0-9０-９]"             # a digit as typed, half- or full-width
NOT_D = "(?<![0-9０-９])", "(?![0-9０-９])"

# ---- ids (slugs) and dates -------------------------------------------------------------------
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX = 40
RESERVED = ("index",)
DATE_ISO = rf"^({D}{{4}})-({D}{{1,2}})-({D}{{1,2}})$"
DATE_CN = rf"^({D}{{4}})\s*年\s*({D}{{1,2}})\s*月\s*({D}{{1,2}})\s*日$"
# a time of day as the build writes it
TIME = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
# ... and as people type it, all that the check reads (fields.parse_time, which writes TIME):
# 9:00, 09:00, 15：00, 9点, 9点30(分), 9点半, 十点, 下午3点, 上午10:30; spaces (also 　) anywhere
# between the parts; half- or full-width digits. Morning hours stop at 12, others at 23.
SPACE = r"[ \t\r\n\u3000]*"
AFTERNOON = ("下午", "晚上", "傍晚", "晚", "中午")       # longest first: 晚上 before 晚
MORNING = ("上午", "早上", "早晨", "凌晨", "清晨", "早")
CN_HOUR = "十[一二]?|[零一二两三四五六七八九]"
MINUTE = f"[0-5０-５]{D}"


def _clock(hour: str) -> str:
    """9:30 or 9点(半|30分|整) with hours `hour` (a pattern)."""
    return (rf"(?:(?:{hour}){SPACE}[:：]{SPACE}{MINUTE}"
            rf"|(?:{hour}|{CN_HOUR}){SPACE}[点时](?:{SPACE}(?:半|整|[0-5０-５]?{D}{SPACE}分?))?)")


TIME_TYPED = (rf"^{SPACE}(?:(?:{'|'.join(AFTERNOON)})?{SPACE}{_clock(f'[01０１]?{D}|[2２][0-3０-３]')}"
              rf"|(?:{'|'.join(MORNING)}){SPACE}{_clock(f'[0０]?{D}|[1１][0-2０-２]')})?{SPACE}$")
# a full address on the web: http(s), a host name (Chinese ones too), an optional port and path
HOST = r"[A-Za-z0-9\u4e00-\u9fff](?:[A-Za-z0-9\u4e00-\u9fff.-]*[A-Za-z0-9\u4e00-\u9fff])?(?::[0-9]{1,5})?"
URL = rf"^https?://{HOST}(?:[/?#][^\s]*)?$"
SITE_URL = rf"^https?://{HOST}(?:/[^\s?#]*)?$"        # the site's own address: no ?query or #part

# ---- personal data (kit/data/rules/privacy.py): found inside any text ------------------------------
ID_CARD = rf"(?<![0-9A-Za-z０-９])(?:{D}{{17}}|{D}{{6}}[ -]{D}{{8}}[ -]{D}{{3}})[0-9０-９Xx](?![0-9A-Za-z０-９])"
MOBILE = (rf"{NOT_D[0]}(?:[+＋]?[8８][6６][-－ ]?)?[1１][3-9３-９]{D}[-－ ]?{D}{{4}}[-－ ]?{D}{{4}}{NOT_D[1]}")
LANDLINE = (rf"{NOT_D[0]}(?:[0０]{D}{{2,3}}[-－—]|[（(][0０]{D}{{2,3}}[)）]\s?){D}{{7,8}}{NOT_D[1]}")
NUMERAL = r"[0-9０-９一二三四五六七八九十百零〇]+"
UNIT = r"(?:[0-9０-９]+(?:号楼|栋|幢|单元|号院|室|号))*"
ADDRESS = (rf"(?:路|街|巷|弄|胡同|大道|组){NUMERAL}号{UNIT}"
           rf"|[0-9０-９]+(?:号楼|栋|幢|单元|号院|室){UNIT}"
           r"|门牌")
PERSONAL = {"身份证号码": ID_CARD, "手机号码": MOBILE, "固定电话号码": LANDLINE, "门牌地址": ADDRESS}
SEPARATORS = "[-－—+＋ ()（）]*"


def no_personal(kinds: tuple[str, ...] = tuple(PERSONAL), allowed: frozenset[str] = frozenset()) -> str:
    """A whole value holding none of these kinds of personal data. A phone number whose digits are
    in `allowed` (the department's own, from data/site.yml) passes, as in the check. The form
    cannot run the ID card's check digit: it refuses any 18-digit ID-shaped number."""
    guard = "".join(f"(?!{SEPARATORS}{SEPARATORS.join(_digit(c) for c in number)}{NOT_D[1]})"
                    for number in sorted(allowed))
    found = "|".join(f"{guard}(?:{PERSONAL[k]})" if guard and k in ("手机号码", "固定电话号码")
                     else f"(?:{PERSONAL[k]})" for k in kinds)
    return rf"^(?![\s\S]*(?:{found}))[\s\S]*$"


def _digit(c: str) -> str:
    return f"[{c}{chr(ord(c) - ord('0') + ord('０'))}]"


def slug_form() -> str:
    """check_slug as one pattern: the shape, at most SLUG_MAX characters, not a reserved name."""
    reserved = "|".join(RESERVED)
    return rf"^(?!(?:{reserved})\s*$)(?=\S{{1,{SLUG_MAX}}}\s*$)" + SLUG.lstrip("^")


def one_of(values: list[str]) -> str:
    """A reference: exactly one of the ids the data has (escaped: ids are slugs, but be safe)."""
    return "^(?:" + "|".join(re.escape(v) for v in values) + ")$" if values else "^$"


# message shown beside the field when the pattern refuses the value (Chinese, for editors)
MESSAGES = {
    "slug": f"编号只能用小写英文字母、数字和连字符“-”，不超过 {SLUG_MAX} 个字符，不能用 index，如 2024-zhang-san",
    "date": "日期请写成 2024-07-01 的形式（可点输入框用日历选）",
    "time": "时间请写成 24 小时制的“时:分”，如 09:00 或 15:30（也可以写 9点、下午3点半）",
    "url": "请写以 https:// 或 http:// 开头的完整网址，如 https://www.example.gov.cn/",
    "site_url": "请写以 https:// 开头的完整网站地址，不带 ? 和 #，如 https://www.example.gov.cn/wenming/",
    "personal": "不能含有身份证号码、个人手机或电话号码、门牌地址，请删除；需要留联系方式时，请用网站设置里的单位电话",
    "public_place": "不能含有身份证号码或个人手机号码，请删除；这里可以写单位的固定电话和地址",
    "settings": "不能含有身份证号码，请删除",
}

def padded(*whole: str) -> str:
    """Whole-value patterns, with the spaces around the value the check strips before its rule."""
    return r"^\s*(?:" + "|".join(f"(?:{p[1:-1]})" for p in whole) + r")\s*$"


# the patterns by rule name, for the forms and the test that runs them in both languages
PATTERNS: dict[str, str] = {
    "slug": padded(slug_form()),
    "date": padded(DATE_ISO, DATE_CN),
    "time": TIME_TYPED,
    "url": padded(URL),
    "site_url": padded(SITE_URL),
    "personal": no_personal(),
}
