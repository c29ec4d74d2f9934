"""What the editor reads about the remote-load rule (kit/data/rules/hosts.py): what loads from where,
why not, and what to do instead, with a file name to save a picture under."""
from __future__ import annotations

import re

from kit.data.rules.hosts import KINDS, UNSAFE_TAGS


WECHAT_HOSTS = ("qpic.cn", "qlogo.cn", "weixin.qq.com")
IMAGE_KINDS = {"img", "source", "input", "markdown", "image", "use", "feimage", "style", "*"}


def image_name(url: str, stem: str, n: int) -> str:
    """A file name to save the n-th image of a page under: WeChat addresses end in `640?wx_fmt=png`."""
    fmt = re.search(r"wx_fmt=(\w+)", url) or re.search(r"\.(jpe?g|png|gif|webp)(?:[?#]|$)", url, re.I)
    ext = (fmt.group(1).lower() if fmt else "jpg").replace("jpeg", "jpg")
    return f"{stem}-{n}.{ext if ext in ('jpg', 'png', 'gif', 'webp') else 'jpg'}"


def advice(kind: str, url: str, host: str, folder: str, example: str) -> str:
    """What the editor reads: what loads from where, why not, and what to do instead.
    `folder` is where a saved image goes, `example` the relative reference to write."""
    what = KINDS.get(kind, "资源")
    shown = url if len(url) <= 80 else url[:77] + "…"
    head = f"{what}“{shown}”要从其他网站（{host}）加载，读者每次打开页面都会向那个网站发送请求，那个网站改版或删除后页面就坏了。"
    if host.endswith(WECHAT_HOSTS) and kind in IMAGE_KINDS:
        head += "微信公众号的图片不允许其他网站引用，读者只会看到“此图片来自微信公众平台，未经允许不可引用”。"
    if kind == "style" and not folder:     # a style sheet under docs/
        return head + "请把字体或图片文件放进 docs/assets/ 文件夹，在样式表里用相对路径引用，例如 url(\"fonts/a.woff2\")。"
    if kind == "style":
        return head + (f"页面的样式由技术人员在 docs/assets/site.css 里统一设置，请删除这段样式；需要图片时，"
                       f"请把图片保存到 {folder} 文件夹，再用相对路径引用，例如 {example}")
    if kind in IMAGE_KINDS:
        return head + f"请把图片保存到 {folder} 文件夹，再用相对路径引用，例如 {example}"
    if kind in ("video", "audio", "track"):
        return head + "视频、音频请发布在单位的视频号或门户网站上，这里改为链接，例如 [观看视频](网址)。"
    if kind == "meta":
        return f"这一行会把读者自动转到其他网站（{host}）：“{shown}”。不允许自动跳转，请删除这一行，改为链接，例如 [查看原文](网址)。"
    if kind == "link":
        return head + "页面的样式由技术人员在 docs/assets/site.css 里统一设置，请删除这段代码。"
    return head + "请删除这段代码；要介绍其他网站的内容，请改为链接，例如 [查看原文](网址)。"


def unsafe_advice(what: str, found: str) -> str:
    if what == "tag":
        return (f"文章里不能写 <{found}>（{UNSAFE_TAGS[found]}）：它会在读者的浏览器里运行其他网站的程序或内容。"
                f"请删除这段代码；要介绍视频、地图或其他网页，请改为链接，例如 [查看原文](网址)。")
    if what == "handler":
        return f"属性 {found} 会在读者的浏览器里运行程序，文章里不能用。请删除这个属性。"
    return f"链接“{found}”会运行程序，文章里不能用。请改为网址，例如 [详情](https://www.example.gov.cn/)。"
