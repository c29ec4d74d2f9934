"""scripts/wechat_images.py: which pictures of a pasted 公众号 article to save, where, in what
order; it reads files only (any network use would fail this test)."""
from __future__ import annotations

import socket
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import wechat_images  # noqa: E402

ARTICLE = """---
title: 采茶节开幕
---

<p>开幕式现场：</p>
<p><img class="rich_pages wxw-img" data-src="https://mmbiz.qpic.cn/mmbiz_jpg/AbC/640?wx_fmt=jpeg" src="https://mmbiz.qpic.cn/mmbiz_jpg/AbC/640?wx_fmt=jpeg&amp;tp=webp"></p>
<p>原文：<a href="https://mp.weixin.qq.com/s/x">公众号</a></p>
![茶农](https://mmbiz.qpic.cn/mmbiz_png/XyZ/640?wx_fmt=png)
![本地](images/local.jpg) `<img src="https://mmbiz.qpic.cn/in-code/640">`
"""


def test_each_picture_gets_a_file_name_and_a_markdown_line_in_order():
    steps = wechat_images.plan(ARTICLE, "docs/blog/posts/2024-tea.md")
    assert steps == [
        (6, "https://mmbiz.qpic.cn/mmbiz_jpg/AbC/640?wx_fmt=jpeg", "docs/blog/posts/images/2024-tea-1.jpg",
         "![图片说明](images/2024-tea-1.jpg)"),
        (8, "https://mmbiz.qpic.cn/mmbiz_png/XyZ/640?wx_fmt=png", "docs/blog/posts/images/2024-tea-2.png",
         "![图片说明](images/2024-tea-2.png)"),
    ]


def test_the_command_prints_the_steps_and_uses_no_network(tmp_path, monkeypatch, capsys):
    post = tmp_path / "2024-tea.md"
    post.write_text(ARTICLE, "utf-8")

    def no_network(*args, **kwargs):
        raise AssertionError("wechat_images must not open a connection")
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert wechat_images.main([str(post)]) == 0
    out = capsys.readouterr().out
    assert "有 2 张图片来自其他网站" in out and "图片另存为" in out
    assert "保存为：" in out and "images/2024-tea-2.png" in out and "make check" in out


def test_a_post_without_outside_pictures(tmp_path, capsys):
    post = tmp_path / "a.md"
    post.write_text("# 标题\n\n![本地](images/a.jpg)\n", "utf-8")
    assert wechat_images.main([str(post)]) == 0
    assert "没有来自其他网站的图片" in capsys.readouterr().out
