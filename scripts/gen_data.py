"""Write a synthetic data folder of N entries for benchmarks and scale tests.

    python scripts/gen_data.py 3000 /tmp/big            # /tmp/big/data, valid under our schema
    python scripts/gen_data.py 3000 /tmp/plain --plain  # the same text as hand-written Markdown pages

The output is deterministic for a seed (--seed). The fixture county's data (tests/fixture/data) is copied first (settings,
campaign, the report's events and examples), then generated honorees, events, villages and
reading brands are added: about 55 % honorees, 25 % events, 15 % villages, 5 % brands.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixture" / "data"   # the kit's fictional county, not the county's own data

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ("建 国 华 明 丽 芳 秀 英 志 强 军 平 玉 兰 红 霞 春 梅 海 燕 德 福 顺 成 光 荣 晓 雪 林 云 "
         "桂 珍 宏 伟 刚 勇 敏 静 婷 慧 庆 顺 发 忠 诚 学 文 武 永 长 新 世 有 金 银 凤 琼 翠 仙 "
         "树 松 柏 茂 盛 才 杰 涛 斌 鹏 辉 艳 娟 莉 萍 琴 蓉 佳 欣 怡 浩 宇 轩 然 琪 雯").split()
TOWNS = ["兔街镇", "凤山镇", "龙潭镇", "石门镇", "大庄镇", "青云乡", "白鹤乡", "桃源乡", "新华街道",
         "南城街道", "北岭乡", "松坪乡", "河口镇", "马街镇", "清水乡", "高桥镇"]
VILLAGE_PARTS = ("大 小 上 下 新 老 东 西 南 北 中 前 后 红 黄 白 青 绿 金 银 花 竹 松 柏 桃 李 杏 梨 茶 "
                 "麦 稻 龙 凤 虎 鹤 马 牛 羊 石 水 河 湖 山 岭 坡 坪 沟 坝 塘 营 田 庄 寨 湾 岩").split()
VILLAGE_ENDS = ["村", "村", "村", "社区"]
CATEGORIES = ["助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲", "自立自强", "热心公益", "崇德向善"]
JOBS = ["退休教师", "乡村医生", "护林员", "茶农", "货车司机", "村医", "网格员", "快递员", "个体工商户",
        "养殖户", "环卫工人", "村党支部书记", "民宿经营者", "电工", "农技员", "志愿者"]
DEEDS = [
    ("照顾孤寡老人", "坚持每周到村里的孤寡老人家中打扫卫生、送米送油，逢年过节陪老人吃团圆饭。"),
    ("义务修路", "自费购买水泥沙石，带领乡亲们把一条泥泞的山路修成了水泥路，方便了孩子上学。"),
    ("跳河救人", "路过河边时发现有人落水，毫不犹豫跳入湍急的河水中把人救上岸，随后悄悄离开。"),
    ("拾金不昧", "在集市上捡到装有现金和证件的钱包，在原地等候两个多小时，把钱包完璧归还失主。"),
    ("扶贫助学", "多年来资助家庭困难的学生完成学业，先后帮助二十多名孩子走进大学校门。"),
    ("孝敬公婆", "丈夫常年在外务工，她一人照顾瘫痪在床的公婆十余年，端水喂饭、擦身翻身从无怨言。"),
    ("义务巡山", "几十年如一日守护集体林地，劝阻乱砍滥伐，扑灭山火苗头，守住了一片青山。"),
    ("诚信经营", "收购茶叶坚持足秤公道、现款结算，一次多付了货款，连夜把多收的钱送还茶农。"),
    ("带头致富", "带头种植高山茶和中药材，成立合作社，手把手教乡亲们种植技术，带动一百多户增收。"),
    ("义务理发", "每月到敬老院和偏远村寨为老人义务理发，二十年来理发上万人次，被称为“流动理发师”。"),
    ("抢救伤员", "遇到交通事故，第一时间拨打急救电话并为伤员止血包扎，为抢救赢得了宝贵时间。"),
    ("守护留守儿童", "在家中开办“爱心小屋”，课后免费辅导留守儿童写作业、读绘本，陪伴孩子们成长。"),
    ("移风易俗", "带头红事新办、白事简办，劝说乡亲们不大操大办，节省下的钱用来修建村里的文化广场。"),
    ("义务献血", "坚持无偿献血十五年，累计献血量相当于一个成年人全身血量的数倍，还动员家人一起献血。"),
]
RARE_WORDS = ["篾编", "木雕", "扎染", "刺绣", "油茶", "核桃", "板栗", "竹笋", "苦荞", "蜂蜜", "火腿", "乳饼",
              "米线", "荞粑", "土锅", "马帮", "铓锣", "芦笙", "月琴", "山歌", "花灯", "三弦", "唢呐", "围棋"]
EVENT_THEMES = [("采茶节", "节庆活动", "茶园里歌声阵阵，游客和茶农一起采茶、制茶、品茶，感受茶文化的魅力。"),
                ("火把节", "节庆活动", "夜幕降临，火把点亮山寨，群众围着篝火跳起左脚舞，共庆丰收。"),
                ("彝绣展演", "节庆活动", "绣娘们现场飞针走线，展示彝绣技艺，一件件精美的绣品吸引了众多游客。"),
                ("农民丰收节", "节庆活动", "晒秋、农产品展销、农耕体验等活动轮番上演，乡亲们喜迎丰收。"),
                ("文明实践志愿服务", "文明实践", "志愿者走进村组，开展政策宣讲、义诊、义剪和环境整治等服务。"),
                ("学雷锋志愿服务", "志愿服务", "志愿者走上街头，开展文明交通劝导、清扫街道和关爱老人服务。"),
                ("道德讲堂", "培训讲座", "身边好人走上讲台，讲述自己的故事，台下群众听得热泪盈眶。"),
                ("文明交通宣传", "宣传活动", "民警和志愿者向过往群众发放宣传资料，讲解交通安全知识。"),
                ("全民阅读分享会", "文明实践", "读者们围坐一起分享读书心得，朗诵经典诗文，书香满溢。"),
                ("乡村篮球赛", "文明实践", "各村球队激烈角逐，场边加油声此起彼伏，展示了乡村群众的精气神。")]
ARTICLES = ["遵纪守法，爱党爱国，维护社会和谐稳定。", "孝敬老人，关爱儿童，邻里团结互助。",
            "红事新办，白事简办，不大操大办，不攀比。", "爱护环境，垃圾分类，门前三包。",
            "诚实守信，不欠账赖账。", "保护耕地，不乱搭乱建。", "护林防火，人人有责，严禁野外用火。",
            "崇尚科学，反对封建迷信。", "文明养犬，不乱扔垃圾。", "积极参加志愿服务，争做文明村民。",
            "重视教育，适龄儿童按时入学。", "厉行节约，反对餐饮浪费。"]
BRAND_KINDS = ["城市阅读", "农民阅读", "校园阅读", "亲子阅读", "空中阅读"]


@dataclass
class Out:
    honorees: dict[int, list] = field(default_factory=dict)
    events: dict[int, list] = field(default_factory=dict)
    villages: dict[str, list] = field(default_factory=dict)
    brands: list = field(default_factory=list)
    awards: list = field(default_factory=list)


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if name not in used:
            used.add(name)
            return name


def _village(rng: random.Random, used: set[str]) -> str:
    while True:
        name = "".join(rng.sample(VILLAGE_PARTS, rng.choice((2, 2, 3)))) + rng.choice(VILLAGE_ENDS)
        if name not in used:
            used.add(name)
            return name


def _awards(years: range) -> list[dict]:
    out = []
    for y in years:
        out.append({"id": f"gen-good-people-{y}", "name": f"{y}年“X好人”（生成）", "level": "县级", "year": y,
                    "summary": f"评选{y}年度“X好人”。"})
        out.append({"id": f"gen-moral-model-{y}", "name": f"{y}年度X县道德模范（生成）", "level": "县级", "year": y,
                    "summary": f"评选{y}年度X县道德模范。"})
    return out


def generate(n: int, seed: int, photos: int = 4) -> Out:
    rng = random.Random(seed)
    years = range(2014, 2024)
    out = Out(awards=_awards(years))
    names: set[str] = set()
    villages: set[str] = set()
    n_h, n_e, n_v = int(n * 0.55), int(n * 0.25), int(n * 0.15)
    n_b = max(1, n - n_h - n_e - n_v)
    for i in range(n_h):
        y = years[i % len(years)]
        name, town = _name(rng, names), rng.choice(TOWNS)
        deed, story = rng.choice(DEEDS)
        word, job = rng.choice(RARE_WORDS), rng.choice(JOBS)
        award = f"gen-{rng.choice(('good-people', 'moral-model'))}-{y}"
        out.honorees.setdefault(y, []).append({
            "id": f"g{y}-h{i:05d}", "name": name, "category": rng.choice(CATEGORIES),
            "place": f"X县{town}", "summary": f"{job}{name}{deed}，事迹感人。",
            "story": (f"{name}是{town}的一名{job}。{story}\n\n"
                      f"平日里，{name}还热心传授{word}手艺，乡亲们说：“有困难，找{name[0]}师傅。”"
                      f"{rng.choice(DEEDS)[1]}\n\n{name}说：“能帮一把是一把，这是应该做的。”"),
            "honours": [{"award": award, "status": rng.choice(("入选", "授予"))}],
        })
    for i in range(n_e):
        y = years[i % len(years)]
        town = rng.choice(TOWNS)
        theme, kind, text = rng.choice(EVENT_THEMES)
        start = dt.date(y, rng.randint(1, 12), rng.randint(1, 28))
        views = rng.randint(1, 999)
        entry = {
            "id": f"g{y}-e{i:05d}", "title": f"{y}年{town}{theme}", "kind": kind,
            "summary": f"{town}举办{theme}，{rng.randint(200, 5000)}余名群众参加。",
            "start": start.isoformat(), "end": (start + dt.timedelta(days=rng.randint(0, 3))).isoformat(),
            "place": f"X县{town}", "organiser": f"中共{town}委员会" if town.endswith("镇") else "X县文明办",
            "figures": [{"label": "参与群众", "value": rng.randint(200, 5000), "unit": "人次", "approx": True},
                        {"label": "直播观看人数", "value": views, "scale": "万", "unit": "人"}],
            "body": (f"{y}年，{town}{theme}如期举行。{text}\n\n活动期间还开展了{rng.choice(RARE_WORDS)}"
                     f"展示和{rng.choice(RARE_WORDS)}品鉴，直播观看人数达{views}万人。"
                     f"\n\n{rng.choice(EVENT_THEMES)[2]}"),
            "tags": [theme, town],
        }
        if photos and i % 2 == 0:
            k = i // 2 % photos
            entry["photos"] = [{"src": f"photos/gen/photo-{k}.jpg", "alt": f"{town}{theme}现场（示意图）",
                                "caption": f"{theme}现场（示意图）"}]
        out.events.setdefault(y, []).append(entry)
    for i in range(n_v):
        town = TOWNS[i % len(TOWNS)]
        name = _village(rng, villages)
        out.villages.setdefault(town, []).append({
            "id": f"gv{i:05d}", "name": name, "township": town,
            "kind": "居民公约" if name.endswith("社区") else "村规民约",
            "adopted": dt.date(rng.randint(2018, 2023), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
            "articles": rng.sample(ARTICLES, rng.randint(5, 8)),
        })
    for i in range(n_b):
        town, kind = rng.choice(TOWNS), rng.choice(BRAND_KINDS)
        out.brands.append({
            "id": f"gb{i:05d}", "name": f"{town}{kind}·{rng.choice(RARE_WORDS)}书房{i}", "kind": kind,
            "summary": f"{town}打造的{kind}品牌，每月开展读书活动。",
            "body": f"{town}依托农家书屋和新时代文明实践站，开展{kind}活动，{rng.choice(EVENT_THEMES)[2]}",
        })
    return out


def _dump(path: Path, key: str, items: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"# 生成的测试数据（scripts/gen_data.py）\n{text}", "utf-8")


def make_photos(folder: Path, count: int = 4, size: tuple[int, int] = (4032, 3024)) -> None:
    """Phone-like JPEGs: large, with EXIF GPS and an orientation tag."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        path = folder / f"photo-{k}.jpg"
        if path.exists():
            continue
        # sky-to-field gradient, shapes and sensor-like grain: compresses like a real photo
        grad = Image.linear_gradient("L").resize(size)
        img = Image.merge("RGB", (grad.point(lambda v: 90 + v // 3 + 10 * k), grad.point(lambda v: 150 - v // 4),
                                  grad.point(lambda v: 220 - v // 2)))
        img = Image.blend(img, Image.effect_noise(size, 64).convert("RGB"), 0.12)
        draw = ImageDraw.Draw(img)
        for j in range(12):
            x, y = (j * 331 + k * 97) % size[0], (j * 211 + k * 53) % size[1]
            draw.ellipse((x, y, x + 600, y + 400), fill=(40 * k % 255, 120 + j * 9, 60 + j * 12))
        exif = Image.Exif()
        exif[0x0112] = 1 if k % 2 == 0 else 6   # orientation: upright / rotated 90°
        exif[0x010F] = "PhoneMaker"
        gps = exif.get_ifd(0x8825)
        gps.update({1: "N", 2: (25.0, 1.0, 30.0), 3: "E", 4: (102.0, 42.0, 5.0)})
        img.save(path, "JPEG", quality=95, exif=exif)


def write_data(n: int, dest: Path, seed: int = 1, photos: int = 4, base: Path = FIXTURE_DATA) -> Path:
    data = dest / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(base, data)
    out = generate(n, seed, photos)
    awards = yaml.safe_load((data / "awards.yml").read_text("utf-8"))["awards"]
    _dump(data / "awards.yml", "awards", awards + out.awards)
    reading = yaml.safe_load((data / "reading.yml").read_text("utf-8"))
    _dump(data / "reading.yml", "reading", reading["reading"])
    text = (data / "reading.yml").read_text("utf-8")
    text += yaml.safe_dump({"brands": reading["brands"] + out.brands}, allow_unicode=True, sort_keys=False,
                           width=10_000)
    (data / "reading.yml").write_text(text, "utf-8")
    for y, items in out.honorees.items():
        _dump(data / "honorees" / f"gen-{y}.yml", "honorees", items)
    for y, items in out.events.items():
        _dump(data / "events" / f"gen-{y}.yml", "events", items)
    for i, (_town, items) in enumerate(sorted(out.villages.items())):
        _dump(data / "villages" / f"gen-{i:02d}.yml", "villages", items)
    if photos:
        make_photos(data / "photos" / "gen", photos)
    return data


def _md_entry(title: str, lines: list[str]) -> str:
    return f"# {title}\n\n" + "\n\n".join(line for line in lines if line) + "\n"


def write_plain(n: int, dest: Path, seed: int = 1, photos: int = 4) -> Path:
    """A plain Material project: one hand-written Markdown page per entry, out of the nav."""
    out = generate(n, seed, photos)
    docs = dest / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n\n文明县城创建。\n", "utf-8")
    if photos:
        make_photos(docs / "photos" / "gen", photos)
    lists: dict[str, list[str]] = {"honorees": [], "events": [], "villages": [], "reading": []}
    for items in out.honorees.values():
        for h in items:
            lists["honorees"].append(f"- [{h['name']}]({h['id']}.md)：{h['summary']}")
            (docs / "honorees").mkdir(exist_ok=True)
            (docs / "honorees" / f"{h['id']}.md").write_text(_md_entry(h["name"], [
                f"**{h['category']}** · {h['place']}", h["summary"], "## 所获荣誉",
                "\n".join(f"- {o['award']} {o['status']}" for o in h["honours"]), "## 事迹", h["story"]]), "utf-8")
    for items in out.events.values():
        for e in items:
            lists["events"].append(f"- [{e['title']}]({e['id']}.md)：{e['summary']}")
            (docs / "events").mkdir(exist_ok=True)
            figs = "\n".join(f"- {f['label']}：{f['value']}{f.get('scale', '')}{f['unit']}" for f in e["figures"])
            pics = "".join(f"![{p['alt']}](../photos/gen/{Path(p['src']).name})" for p in e.get("photos", []))
            (docs / "events" / f"{e['id']}.md").write_text(_md_entry(e["title"], [
                f"时间：{e['start']}至{e['end']}  \n地点：{e['place']}  \n主办：{e['organiser']}",
                e["summary"], figs, e["body"], pics, " ".join(e["tags"])]), "utf-8")
    for items in out.villages.values():
        for v in items:
            lists["villages"].append(f"- [{v['name']}{v['kind']}]({v['id']}.md)")
            (docs / "villages").mkdir(exist_ok=True)
            (docs / "villages" / f"{v['id']}.md").write_text(_md_entry(f"{v['name']}{v['kind']}", [
                f"乡镇：{v['township']}  \n通过时间：{v['adopted']}",
                "\n".join(f"{i}. {a}" for i, a in enumerate(v["articles"], 1))]), "utf-8")
    for b in out.brands:
        lists["reading"].append(f"- [{b['name']}]({b['id']}.md)：{b['summary']}")
        (docs / "reading").mkdir(exist_ok=True)
        (docs / "reading" / f"{b['id']}.md").write_text(_md_entry(b["name"], [b["kind"], b["summary"], b["body"]]),
                                                         "utf-8")
    for section, lines in lists.items():
        (docs / section).mkdir(exist_ok=True)
        (docs / section / "index.md").write_text(f"# {section}\n\n" + "\n".join(lines) + "\n", "utf-8")
    sep = r'[\s\u200b\-_,:!=\[\]()"`/，。、；：！？（）《》“”‘’·]+'
    config = {
        "site_name": "plain", "docs_dir": "docs", "use_directory_urls": True,
        "theme": {"name": "material", "language": "zh", "font": False},
        "plugins": [{"search": {"lang": "zh", "separator": sep}}],
        "nav": [{"首页": "index.md"}] + [{s: f"{s}/index.md"} for s in lists],
        "not_in_nav": "/*/g*.md\n",
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of generated entry pages")
    ap.add_argument("dest", type=Path, help="folder to write data/ (or the plain project) into")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--photos", type=int, default=4, help="number of phone-size JPEGs to generate")
    ap.add_argument("--plain", action="store_true", help="write a plain Material project instead")
    args = ap.parse_args()
    if args.plain:
        print(write_plain(args.n, args.dest, args.seed, args.photos))
    else:
        print(write_data(args.n, args.dest, args.seed, args.photos))


if __name__ == "__main__":
    main()
