"""The theme templates in overrides/: page types, head meta, footer, QR codes,
charts, the large-text button and mourning days, on the real built site."""
from __future__ import annotations

import re

import pytest

from kit.pages import charts
from kit.pages import qr
from conftest import run_build
from kit.data.dataset import build as build_dataset
from conftest import FIXTURE

SITE_URL = "https://wenming.qinghe.example.cn/"
PAGE_TYPES = {
    "": "home",
    "events/": "list",
    "honorees/": "list",
    "reading/": "list",
    "pledges/": "list",
    "heritage/": "list",
    "campaign/": "campaign",
    "events/yunwu-tea-fair/": "event",
    "honorees/2023-sample-sun/": "honoree",
    "reading/town-reading/": "brand",
    "pledges/residents-pledge/": "pledge",
    "villages/liutang-village/": "pledge",
    "about/": "page",
}


@pytest.mark.parametrize("url,kind", PAGE_TYPES.items())
def test_each_page_type_uses_its_own_template(built, url, kind):
    page = built.html(url).select_one("[data-wm-page]")
    assert page is not None and page["data-wm-page"] == kind


@pytest.mark.parametrize("url", list(PAGE_TYPES))
def test_every_page_has_the_large_text_button_and_the_early_head_script(built, url):
    soup = built.html(url)
    button = soup.select_one("header.md-header button[data-wm-large-toggle]")
    assert button is not None and button["type"] == "button" and button["aria-pressed"] == "false"
    assert "大字" in button.get_text()
    head_scripts = " ".join(s.get_text() for s in soup.head.find_all("script"))
    assert 'localStorage.getItem("wm-large")' in head_scripts
    assert "Asia/Shanghai" in head_scripts and "var days = []" in head_scripts


def test_head_meta_for_government_sites_and_sharing(built):
    soup = built.html("events/yunwu-tea-fair/")
    meta = {m.get("name") or m.get("property"): m.get("content") for m in soup.head.find_all("meta")}
    assert meta["SiteName"] == "青禾县文明县城创建"
    assert meta["SiteDomain"] == "wenming.qinghe.example.cn"
    assert "SiteIDCode" not in meta             # not issued yet: site_id_code is empty
    assert meta["og:title"] == "云雾茶会"
    assert meta["og:description"] and meta["og:description"] == meta["description"]
    assert meta["og:image"] == SITE_URL + "assets/og.png"
    assert meta["og:url"] == SITE_URL + "events/yunwu-tea-fair/"
    assert (built.site / "assets" / "og.png").is_file()


def test_colours_come_from_settings(built):
    style = " ".join(s.get_text() for s in built.html("").head.find_all("style"))
    assert "--md-primary-fg-color: #1b5e20" in style and "--md-accent-fg-color: #2e7d32" in style
    body = built.html("").body
    assert body["data-md-color-primary"] == "custom"


def test_footer_follows_government_site_convention(built):
    footer = built.html("campaign/").select_one("footer.wm-footer")
    text = footer.get_text(" ", strip=True)
    assert "主办单位：中共青禾县委宣传部" in text
    assert "0879-7654321" in text and "wm@qinghe.example.gov.cn" in text
    assert footer.select_one(".wm-party-mark") is not None
    icp = footer.select_one("a.wm-footer__icp")
    assert icp["href"] == "https://beian.miit.gov.cn/" and icp.get_text(strip=True) == "滇ICP备12345678号-2"
    police = footer.select_one("a.wm-footer__police")
    assert police["href"] == "https://beian.mps.gov.cn/#/query/webSearch?code=53999900000001"
    assert police.get_text(strip=True) == "滇公网安备 53999900000001号"
    links = {a.get_text(strip=True): a["href"] for a in footer.select(".wm-footer__links a")}
    assert links["网站地图"] == "../sitemap/"
    assert (built.site / "sitemap" / "index.html").is_file()
    assert links["无障碍说明"] == "../about/#accessibility"
    assert built.html("about/").find(id="accessibility") is not None
    assert footer.select_one(".wm-footer__idcode") is None
    assert "Material for MkDocs" not in text


def test_site_id_code_and_no_party_mark_when_settings_say_so(project, tmp_path):
    site_yml = project / "data" / "site.yml"
    text = site_yml.read_text("utf-8")
    text = text.replace('site_id_code: ""', 'site_id_code: "5300000001"').replace("party_mark: true", "party_mark: false")
    text = text.replace('primary: "#1b5e20"', 'primary: "#0d47a1"')
    site_yml.write_text(text, "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    soup = result.html("")
    assert soup.head.find("meta", attrs={"name": "SiteIDCode"})["content"] == "5300000001"
    assert soup.select_one(".wm-footer__idcode").get_text(strip=True) == "网站标识码：5300000001"
    assert soup.select_one(".wm-party-mark") is None
    assert "--md-primary-fg-color: #0d47a1" in " ".join(s.get_text() for s in soup.head.find_all("style"))


def test_mourning_days_are_embedded_for_the_browser_to_compare(project, tmp_path):
    site_yml = project / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace(
        "mourning_days: []", "mourning_days:\n    - 2024-04-04\n    - 2023年12月13日"), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    head = " ".join(s.get_text() for s in result.html("honorees/").head.find_all("script"))
    assert 'var days = ["2023-12-13", "2024-04-04"]' in head


def dark_modules(path: str) -> set[tuple[int, int]]:
    """Rasterise SVG path data made of axis-aligned rectangles (absolute or relative commands)."""
    cells: set[tuple[int, int]] = set()
    for sub in re.findall(r"M[^M]*", path):
        tokens = re.findall(r"[MHVhvz]|-?\d+(?:\.\d+)?", sub)
        x = y = 0.0
        xs, ys, i = [], [], 0
        while i < len(tokens):
            t = tokens[i]
            if t == "M":
                x, y = float(tokens[i + 1]), float(tokens[i + 2]); i += 3
            elif t in "HhVv":
                v = float(tokens[i + 1]); i += 2
                if t == "H": x = v
                elif t == "h": x += v
                elif t == "V": y = v
                else: y += v
            else:
                i += 1
                continue
            xs.append(x); ys.append(y)
        for cx in range(int(min(xs)), int(max(xs))):
            for cy in range(int(min(ys)), int(max(ys))):
                cells.add((cx, cy))
    return cells


def qr_matrices(url: str):
    """Every valid QR code of `url` at error correction M (one per mask pattern)."""
    import qrcode
    for mask in range(8):
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, mask_pattern=mask)
        code.add_data(url)
        code.make(fit=True)
        m = code.get_matrix()
        yield len(m), {(x, y) for y, row in enumerate(m) for x, dark in enumerate(row) if dark}


@pytest.mark.parametrize("url", ["events/yunwu-tea-fair/", "honorees/2023-sample-sun/"])
def test_event_and_honoree_pages_carry_a_qr_code_of_their_own_address(built, url):
    soup = built.html(url)
    svg = soup.select_one(".wm-qr svg.wm-qr__code")
    size = int(svg["viewbox"].split()[2])
    drawn = dark_modules(svg.find("path")["d"])
    assert any(size == n and drawn == cells for n, cells in qr_matrices(SITE_URL + url)), \
        "the drawn QR code is not a code of the page's own address"
    assert soup.select_one(".wm-qr__url").get_text(strip=True) == SITE_URL + url


@pytest.mark.parametrize("url", ["", "events/", "campaign/", "reading/town-reading/"])
def test_other_pages_have_no_qr_code(built, url):
    assert built.html(url).select_one(".wm-qr") is None


def test_qr_code_module_makes_a_real_code():
    code = qr.qr_code("https://www.county.example/events/xyz1a/")
    assert code.size == 37 and code.path.startswith("M")     # version 2 + quiet zone of 4
    assert any(dark_modules(code.path) == cells for _, cells in qr_matrices(code.url))
    assert qr.page_address("https://a.gov.cn/wenming", "events/x/") == "https://a.gov.cn/wenming/events/x/"


def test_campaign_charts_are_inline_svg_with_table_alternatives(built):
    soup = built.html("campaign/")
    figures = soup.select("figure.wm-chart")
    assert [f["id"] for f in figures] == ["chart-indicators", "chart-projects"]
    for fig in figures:
        svg = fig.find("svg")
        assert svg["role"] == "img" and svg.find("title").get_text(strip=True)
        assert soup.find(id=svg["aria-describedby"]).name == "table"
    bars = [r for r in figures[0].select("rect") if r.find("title")]
    assert sum(int(re.search(r"(\d+) 项", r.find("title").get_text()).group(1)) for r in bars) == 37
    summary = soup.select("#indicator-summary tbody tr")
    assert len(summary) == 6 and sum(int(r.find_all("td")[-1].get_text()) for r in summary) == 37
    pct = [t.get_text() for t in figures[1].select("text.wm-chart__pct")]
    assert pct.count("100%") == 5 and pct.count("40%以上") == 5
    assert not soup.find_all("script", src=re.compile("chart", re.I))


def test_chart_geometry():
    data = build_dataset(FIXTURE / "data", FIXTURE, __import__("datetime").date(2023, 12, 1), False)
    chart = charts.indicator_chart(data.campaign.categories)
    widest = max(sum(s.width for s in r.segments) for r in chart.rows)
    assert abs(widest - charts.WIDTH) < 0.1
    for row in chart.rows:
        xs = [s.x for s in row.segments]
        assert xs == sorted(xs) and sum(s.value for s in row.segments) == row.total
    assert charts.fit("一" * 40).endswith("…") and len(charts.fit("一" * 40)) == charts.WIDTH // 14 - 1


@pytest.mark.parametrize("url", ["events/", "honorees/", "reading/", "pledges/", "heritage/"])
def test_list_pages_have_cards_with_filter_data_and_a_filter_form_in_place(built, url):
    soup = built.html(url)
    form = soup.select_one("article form.wm-filter")
    # complete as built, above the first list (site.js neither moves nor fills it: no layout shift)
    assert form is not None and not form.has_attr("hidden")
    assert form.find_next("ul", class_="wm-cards") is soup.select_one("ul.wm-cards")
    assert form.select_one("button[type=submit]").get_text(strip=True) == "筛选"
    cards = soup.select("li.wm-card")
    for name, attr in (("year", "data-year"), ("category", "data-category")):
        values = {c[attr] for c in cards if c.get(attr)}
        offered = [o["value"] for o in form.select(f"select[name={name}] option") if o["value"]]
        assert sorted(offered) == (sorted(values) if len(values) > 1 else [])
    assert form.select_one(".wm-filter__count").get_text(strip=True) == f"共 {len(cards)} 条"
    assert cards and all(c.get("data-category") and c.get("data-title") for c in cards)
    assert all(c.select_one(".wm-card__img") and c.select_one(".wm-card__summary") for c in cards)


def test_honoree_cards_carry_the_year_of_the_award(built):
    years = {c["data-year"] for c in built.html("honorees/").select("li.wm-card")}
    assert years == {"2023"}


def test_event_cards_take_the_year_from_the_start_date_or_a_year_written_as_text(built):
    years = {c["data-title"]: c.get("data-year") for c in built.html("events/").select("li.wm-card")}
    assert years["墨香少年"] == "2023"          # start: 2023-03-01
    assert years["云雾茶会"] == "2023"          # date_text: 2023年
    assert years["板栗美食文化节"] is None      # date_text: 日期待定


def test_no_web_fonts_and_a_system_chinese_font_stack(built):
    head = str(built.html("").head)
    assert "fonts.googleapis" not in head and "fonts.gstatic" not in head
    css = built.text("assets/site.css")
    assert "PingFang SC" in css and "Microsoft YaHei" in css and "@font-face" not in css


def test_print_stylesheet_makes_a_poster(built):
    css = built.text("assets/site.css")
    block = css[css.index("@media print"):]
    for hidden in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search"):
        assert hidden in block.split("display: none")[0]
    assert "size: A4" in css and "90mm" in block


def test_contrast_of_white_text_on_the_settings_colours():
    from kit.pages import pagemeta
    assert round(pagemeta.contrast("#b71c1c", "#ffffff"), 1) == 6.6
    assert pagemeta.colour_problems("#b71c1c", "#c62828") == []
    assert pagemeta.colour_problems("#ff8a80", "#c62828") == [
        "data/site.yml: site.colours.primary: 颜色 #ff8a80 上的白字对比度只有 2.3:1，至少要 4.5:1，"
        "请换深一些的颜色，例如 \"#b71c1c\""]
    assert "应为 #RRGGBB" in pagemeta.colour_problems("red", "#c62828")[0]


def test_a_light_primary_colour_stops_the_strict_build(project, tmp_path):
    site_yml = project / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace('primary: "#1b5e20"', 'primary: "#ff8a80"'), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "site.colours.primary: 颜色 #ff8a80 上的白字对比度只有 2.3:1" in result.log
