"""创建进展: data/campaign.yml, the 五城共建 indicators, projects, national mapping, problems, next steps."""
from __future__ import annotations

from kit.data.kinds import Kind, Section, Table
from kit.data.model.models import Campaign

INDICATORS = ("category_id|大项编号|string|大项编号", "category|大项|string|大项名称", "name|小项|string|小项指标",
              "status|状态|string|已完成、推进中、待加强或未启动", "note|说明|string|补充说明")
PROJECTS = ("name|项目|string|项目名称", "status|状态|string|未开工、已开工、建设中或已完工",
            "investment_pct|投资完成比例|integer|百分比（0—100）",
            "investment_at_least|投资比例为下限|boolean|true 表示“不低于”该比例",
            "funds_pct|资金拨付比例|integer|百分比（0—100）", "summary|简介|string|一句话简介")

KIND = Kind(
    name="campaign", label="创建进展", model=Campaign, file="campaign.yml", single=True, order=20,
    sections=(Section("campaign/index.md", "section-campaign.html", "创建进展", layout="campaign.html", order=1),),
    health=False,
    tables=(
        Table("indicators", "创建指标", "“五城共建”创建考核指标（大项、小项）及完成状态", INDICATORS,
              lambda ci, d, h: {"category_id": ci[0].id, "category": ci[0].name, "name": ci[1].name,
                                "status": ci[1].status, "note": ci[1].note or None},
              rows=lambda d: [(c, i) for c in d.campaign.categories for i in c.items], order=10),
        Table("projects", "建设项目", "创建工作的重点建设项目及投资、资金拨付进度", PROJECTS,
              lambda p, d, h: {"name": p.name, "status": p.status, "investment_pct": p.investment_pct,
                               "investment_at_least": p.investment_at_least, "funds_pct": p.funds_pct,
                               "summary": p.summary or None},
              rows=lambda d: list(d.campaign.projects), order=11),
    ),
)
