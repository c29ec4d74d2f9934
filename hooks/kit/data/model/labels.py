"""What editors read about each field: its Chinese label and a hint, for the web forms
(/admin/) and the Excel sheets. Keyed by field name; `Model.field` overrides a name that
means different things in different models. tests/outputs/test_cms.py checks every field of
every model has a label here."""
from __future__ import annotations

from kit.data import kinds

LABELS: dict[str, tuple[str, str]] = {
    # entries with their own page
    "id": ("编号（网址）", "只用小写英文字母、数字和连字符，如 2024-zhang-san；决定网址，发布后不要再改"),
    "draft": ("草稿", "勾选后不在网站任何地方发布"),
    "example": ("示例", "演示用的示例条目；正式发布时不公开"),
    "publish": ("定时发布日期", "这一天之前不公开；不填则立即公开"),
    "updated": ("最近更新日期", "内容真正修改的日期，显示为“最近更新”"),
    "old_ids": ("曾用编号", "改过编号时，把旧编号写在这里，旧网址和海报上的旧二维码会自动跳转到新网址"),
    "name": ("名称", ""),
    "title": ("标题", ""),
    "summary": ("简介", "一句话，显示在列表卡片上"),
    "body": ("正文", "可以用 Markdown：`**加粗**`、以“- ”开头的列表；HTML 代码不会生效"),
    "story": ("详细事迹", "可以用 Markdown：`**加粗**`、以“- ”开头的列表；HTML 代码不会生效"),
    "kind": ("类别", ""),
    "category": ("类别", ""),
    "place": ("地点", ""),
    "organiser": ("主办单位", ""),
    "tags": ("标签", "每个标签一项"),
    "figures": ("关键数字", "每个数字一项"),
    "photos": ("照片", "每张照片一项"),
    "photo": ("照片", "可不填"),
    "articles": ("条文", "每条一项"),
    "intro": ("导语", ""),
    "note": ("备注", ""),
    "featured": ("首页显示", "勾选后这个数字显示在首页顶部的关键数据里"),
    "status": ("状态", ""),
    "year": ("年度", "四位数字，如 2024"),
    "level": ("级别", ""),
    "text": ("内容", ""),
    # events
    "start": ("开始日期", "日期未定时不填，改填“状态”"),
    "end": ("结束日期", "一天的活动可不填"),
    "date_text": ("时间说明", "日期未知时写，如“2024年7月”"),
    "weekly": ("每周固定活动", "每周举办的活动才填"),
    "weekday": ("星期", "每周固定活动必须填写"),
    "start_time": ("开始时间", "如 15:00"),
    "end_time": ("结束时间", "如 17:00"),
    "since": ("每周活动起始日期", ""),
    "until": ("每周活动截止日期", "请填写，日历不会无限重复"),
    "Event.status": ("状态", "只在没有开始日期时填：upcoming 即将举办 / ongoing 进行中 / past 已结束"),
    # figures and photos
    "label": ("名称", "如 参与群众"),
    "value": ("数值", "只写阿拉伯数字，如 1200"),
    "scale": ("数量级", "空、万 或 亿"),
    "unit": ("单位", "如 人次、篇、元"),
    "approx": ("约数（加“余”）", "勾选后显示为“50余篇”"),
    "src": ("图片文件", "上传到 data/photos/"),
    "alt": ("图片说明（给盲人读屏）", "选了图片就必须填写：描述图片内容，如 志愿者在广场为群众写春联"),
    "caption": ("图片标题", "显示在图片下方"),
    # awards and honorees
    "youth": ("未成年人荣誉", "如“新时代好少年”：获得者按未成年人处理"),
    "honours": ("获得荣誉", "至少一项"),
    "award": ("荣誉编号", "data/awards.yml 里的编号，如 good-people-2025"),
    "notice_start": ("公示开始日期", "状态为“公示中”时必填"),
    "notice_end": ("公示结束日期", "状态为“公示中”时必填"),
    "Honoree.name": ("姓名", ""),
    "Honoree.place": ("所在村（社区）或单位", "只写到村或单位，不写门牌；未成年人只写学校"),
    "birth_year": ("出生年份", "不在网站上显示，只用于判断是否未成年"),
    "minor": ("未成年人", "未满 18 岁请勾选"),
    "guardian_consent": ("已取得监护人书面同意", "未成年人必须勾选，否则不能发布"),
    "photo_consent": ("同意公开照片", "未成年人的照片只有勾选后才显示"),
    "event": ("相关活动编号", "可不填，如 spring-festival-2025"),
    # villages, pledges, heritage, reading, practice, campaign
    "township": ("乡镇", ""),
    "adopted": ("通过日期", ""),
    "village_total": ("村（社区）总数", ""),
    "PledgeSection.pledges": ("公约", ""),
    "integrity": ("诚信建设", ""),
    "settings": ("开展场所", "如 进机关"),
    "slogan": ("口号", ""),
    "sites": ("历史文脉点位", ""),
    "programmes": ("实践项目", ""),
    "stations_intro": ("服务站介绍", ""),
    "stations": ("学雷锋志愿服务站", "每站一项"),
    "lead": ("牵头单位", ""),
    "categories": ("大项", ""),
    "items": ("小项", ""),
    "projects": ("建设工程", ""),
    "investment_pct": ("投资完成比例（%）", "0 到 100 的整数"),
    "investment_at_least": ("投资比例为“以上”", "勾选后显示为“30%以上”"),
    "funds_pct": ("资金拨付比例（%）", "0 到 100 的整数"),
    "national": ("全国文明城市测评", ""),
    "points": ("点位数", ""),
    "online": ("网上申报数", ""),
    "problems": ("存在问题", "每个问题一项"),
    "next_steps": ("下一步工作", ""),
    "items_note": ("小项说明", ""),
    "National.items": ("测评项目数", ""),
    "Category.items": ("小项", ""),
    # site settings
    "county": ("县名", "如 某县"),
    "county_short": ("县名简称", "如 某县的简称“某”，用于“某好人”“书香某”"),
    "site_name": ("网站名称", ""),
    "site_description": ("网站简介", ""),
    "site_url": ("网站完整地址", "以 https:// 开头，含子目录，如 https://www.example.gov.cn/wenming/"),
    "department": ("主管部门", ""),
    "objection_contact": ("公示异议联系方式", ""),
    "footer": ("页脚", ""),
    "host": ("主办单位", ""),
    "Footer.organiser": ("承办单位", ""),
    "phone": ("联系电话", "单位电话"),
    "email": ("电子邮箱", ""),
    "address": ("办公地址", ""),
    "icp": ("ICP 备案号", ""),
    "police_record": ("公安备案号", ""),
    "police_record_code": ("公安备案编码", "备案号里的数字"),
    "site_id_code": ("网站标识码", "有了再填"),
    "party_mark": ("显示党政机关标识", ""),
    "accessibility": ("无障碍说明", ""),
    "colours": ("颜色", ""),
    "primary": ("主色", "如 #b71c1c"),
    "accent": ("强调色", "如 #c62828"),
    "mourning_days": ("哀悼日", "这些日期全站变灰"),
    "editing": ("网页编辑", "/admin/ 保存到哪里；由技术人员设置"),
    "backend": ("保存位置", "local 本机 / gitlab / gitea（也用于 Forgejo）"),
    "url": ("代码托管平台地址", "如 https://git.example.gov.cn"),
    "repo": ("仓库", "如 wenming/site"),
    "app_id": ("OAuth 应用编号", "在代码托管平台上创建应用后得到"),
    "branch": ("分支", "如 main"),
    "review": ("发布前审核", "仅 GitLab：先存为草稿，领导审核后发布"),
    # 文明实践阵地
    "town": ("所在乡镇（街道）", "如 某某镇；实践中心写它所在的乡镇"),
    "hours": ("开放时间", "如 周一至周五 9:00—17:00"),
    "services": ("服务项目", "每项一条"),
    "Settings.services": ("互动服务", "随手拍、志愿者报名、问卷等外部网站的服务，每项一条"),
    "Service.url": ("网址", "外部服务的完整网址，以 https:// 开头；没有网址时提供二维码图片"),
    # 公益广告
    "image": ("展示图片", "显示在公益广告栏目里的图片，放在 data/photos/"),
    "print_file": ("印刷文件", "原尺寸文件（PDF、JPEG 或 PNG），放在 data/photos/，原样提供下载"),
    "print_size": ("印刷尺寸", "如 60×90厘米"),
    "source": ("来源", "如 中国文明网“讲文明树新风”公益广告，或 县委宣传部制作"),
    "own": ("本县制作", "本县自己制作的勾选；全国统一的系列不勾选"),
    # 应知应会 and the quiz
    "slogans": ("创建口号", "每条一项"),
    "topics": ("知识要点", "每个主题一项"),
    "hotlines": ("便民热线", "每条热线一项"),
    "number": ("号码", "如 12345"),
    "quiz_title": ("问答标题", ""),
    "quiz_intro": ("问答说明", ""),
    "questions": ("问答题目", "每题一项"),
    "question": ("题目", ""),
    "options": ("选项", "按 A、B、C… 的顺序，每个选项一项"),
    "answer": ("正确答案", "写选项字母，如 B"),
    "explain": ("答案解释", "答题后显示"),
    "topic": ("对应的知识要点", "知识要点的编号，可不填"),
    # settings: services, site health
    "error_report": ("我为政府网站找错", "全国政府网站找错页面的地址"),
    "operator": ("运营单位", "这项外部服务由谁运营，如 县文明办"),
    "qr": ("二维码图片", "外部服务的二维码，放在 data/photos/"),
    "health": ("网站健康提醒", "首页、栏目多久没更新算过期"),
    "days": ("天数", "多少天没有更新算过期，默认 14"),
    "fail": ("提醒时停止发布", "勾选后，有健康提醒时发布流水线停止"),
    "veto": ("单项否决时停止发布", "勾选后，首页 2 周未更新、5 个以上栏目未更新或空白时发布流水线停止"),
}

# labels a kind declares for its own model's fields
OWN: dict[str, tuple[str, str]] = kinds.kind_labels()

# the kinds, as editors call them, by the YAML key of their file or folder (kit/data/kinds/)
KINDS: dict[str, str] = {k.key: k.label for k in kinds.all_kinds() if not k.within}
SINGULAR: dict[str, str] = {k.key: k.singular for k in kinds.all_kinds() if k.singular and not k.within}


def label(model: str, field: str) -> tuple[str, str]:
    """(label, hint) of a field of a model; KeyError when the field has none."""
    found = OWN.get(f"{model}.{field}") or LABELS.get(f"{model}.{field}") or LABELS.get(field)
    if found is None and model.endswith("File"):    # a file's top-level key names its kind
        return KINDS[field], ""
    if found is None:
        raise KeyError(f"{model}.{field}")
    return found
