# Two commands for a fresh machine:  make serve   and   make test
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
.DEFAULT_GOAL := help

.PHONY: help setup setup-dev admin-forms serve build check review publish-check package new-county demo test test-large clean excel-template import export edit version upgrade handbook handbook-serve lighthouse

# the site generator: mkdocs (MkDocs 1.6) or properdocs (ProperDocs 1.6, its maintained continuation;
# handbook/docs/tech/properdocs.md): make ENGINE=properdocs build, or ENGINE=properdocs in the pipeline's variables
ENGINE ?= mkdocs
REQUIREMENTS := $(if $(filter properdocs,$(ENGINE)),requirements-properdocs.txt --no-deps,requirements.txt)

$(BIN)/$(ENGINE): $(firstword $(REQUIREMENTS))
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -r $(REQUIREMENTS)
	touch $@
	@$(BIN)/python hooks/kit/engine.py

$(BIN)/pytest: requirements-dev.txt $(BIN)/mkdocs
	$(BIN)/pip install -q -r requirements-dev.txt
	-command -v npm >/dev/null && npm ci --ignore-scripts --no-audit --no-fund --silent  # vnu.jar for the HTML check
	touch $@

help:  ## list the commands (make with no command does only this)
	@echo "用法：make <命令>。常用：make serve（预览）、make check（检查数据）、make test（套件的测试）。说明见手册：技术人员。"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/'

setup: $(BIN)/$(ENGINE)

setup-dev: $(BIN)/pytest

serve: setup  ## preview at http://127.0.0.1:8000, rebuilding on every data change
	@$(BIN)/python hooks/kit/engine.py
	$(BIN)/$(ENGINE) serve -f mkdocs.yml

build: setup  ## the public site into site/
	@$(BIN)/python hooks/kit/engine.py
	$(BIN)/$(ENGINE) build --strict -f mkdocs.yml

# The county's checks, on the county's own data/ and docs/ (what the publishing pipeline runs)
check: setup  ## check all data and news posts without building (hooks/check.py covers both)
	$(BIN)/python hooks/check.py

# The web forms' program (Decap CMS, pinned in package.json) that the build copies into /admin/: installed
# when missing or of another version, without the kit's test tools (--omit=dev: no vnu-jar, no Java);
# NPM_REGISTRY=… for a mirror. Without npm the site is built without /admin/ and county_check.py says so.
# the npm packages the site copies into /admin/: Decap CMS and the yaml library of our save format
FORMS_PACKAGES := decap-cms yaml
admin-forms:  ## install the web forms' packages for /admin/ (npm ci --omit=dev) when missing or of another version
	@missing=; for dep in $(FORMS_PACKAGES); do \
	  want=$$(sed -n "s/.*\"$$dep\": *\"\([^\"]*\)\".*/\1/p" package.json 2>/dev/null); \
	  [ -z "$$want" ] || grep -qs "\"version\": \"$$want\"" node_modules/$$dep/package.json || missing="$$missing $$dep"; done; \
	if [ -z "$$missing" ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  echo "安装网页表单程序（$$missing；npm ci --omit=dev）……"; \
	  npm ci --omit=dev --ignore-scripts --no-audit --no-fund --silent $(if $(NPM_REGISTRY),--registry "$(NPM_REGISTRY)") \
	  || { echo "网页表单程序安装失败（见上面 npm 的输出）。境内请设置 npm 镜像：make publish-check NPM_REGISTRY=镜像地址。"; exit 1; }; \
	else echo "提示：没有找到 npm（Node.js），网站将不带网页编辑页面 /admin/。需要时请安装 Node.js 和 npm（Debian：apt-get install nodejs npm）。"; fi

publish-check: setup admin-forms  ## the public build: data check, strict build, smoke test of the site in site/; the 审核单 in review/
	WENMING_PRODUCTION=1 $(BIN)/python scripts/county_check.py --site site
	WENMING_PRODUCTION=1 $(BIN)/python scripts/review.py --lenient --site site $(if $(SINCE),--since "$(SINCE)")

# 审核单 (review sheet) for 三审: the site at SINCE (default: git tag published) against the site now
review: setup  ## make review SINCE=<上次发布的版本> writes review/审核单.html (pages changed old → new, 错敏, sign-off)
	WENMING_PRODUCTION=1 $(BIN)/python scripts/review.py $(if $(SINCE),--since "$(SINCE)") $(if $(SITE),--site "$(SITE)")

package: publish-check  ## site/ as one zip for a county portal's 栏目 (site_url's sub-path baked in)
	$(BIN)/python scripts/package_site.py site

new-county: setup  ## turn this fork into an empty, valid site for your county (asks for the names; without a terminal every setting in ARGS="--county … --short …")
	$(BIN)/python scripts/new_county.py $(ARGS)

demo: setup  ## preview the kit's fictional sample county (tests/fixture) at http://127.0.0.1:8000
	$(BIN)/$(ENGINE) serve -f tests/fixture/mkdocs.yml

# Editing without YAML: Excel templates, Excel/Word import, the web forms on this computer
excel-template: setup  ## one .xlsx per kind of list entry into DIR (default 导入模板/)
	$(BIN)/python scripts/excel_template.py $(or $(DIR),导入模板)

export: setup  ## the current data as the import sheets into DIR (default 导出/): internal, drafts included
	$(BIN)/python scripts/export.py $(or $(DIR),导出)

import: setup  ## make import FILE=好人名单.xlsx [INTO=2025.yml] (adds or updates by id) or FILE=稿件.docx [DATE=2024-07-01 CATEGORY=创建动态]
	$(BIN)/python scripts/import.py "$(FILE)" $(if $(INTO),--into "$(INTO)") $(if $(DATE),--date "$(DATE)") $(if $(CATEGORY),--category "$(CATEGORY)") $(if $(SLUG),--slug "$(SLUG)")

edit: setup  ## the web forms on this computer: decap-server (saves into data/) and the site at http://127.0.0.1:8000/admin/
	npm ci --ignore-scripts --no-audit --no-fund --silent
	npx decap-server & pid=$$!; $(BIN)/$(ENGINE) serve -f mkdocs.yml; kill $$pid

# The kit's version and the county's data schema; taking a newer kit (handbook/docs/tech/upgrade.md)
version:  ## the kit's version and the data's schema version
	@$(PY) scripts/kitfiles.py

upgrade: setup  ## make upgrade KIT=<folder or git URL> [REF=v1.1.0] in a county, or COUNTY=<folder> in a newer kit; DRY=1 only lists
	$(BIN)/python scripts/upgrade.py $(if $(KIT),--kit "$(KIT)") $(if $(REF),--ref "$(REF)") $(if $(COUNTY),--county "$(COUNTY)") $(if $(DRY),--dry-run)

# The kit's tests: code, templates and rules, on the fictional county in tests/fixture/
# on every core (pytest-xdist); a test file's tests stay on one worker, so its built sites are built once
TEST_WORKERS ?= auto
test: setup-dev  ## the kit's tests (never reads data/ or docs/), in parallel: make test TEST_WORKERS=1 for one process
	$(BIN)/python hooks/check.py tests/fixture
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile

# The same tests on a generated site of 10,000 entries (search ranking and the bytes of the first search,
# issue 27): about two minutes, so out of `make test`; .ci/run runs it after `make test`
test-large: setup-dev  ## the search tests on a generated site of 10,000 entries (CI runs them too)
	$(BIN)/pytest -q -p no:xdist -m large tests/outputs/test_search_ranking.py

# Lighthouse on one page of every page type (maintainers only, never in CI): pinned in scripts/lighthouse/,
# installed on demand (npm ci) into .cache/lighthouse/; handbook/docs/maintainers/performance.md
lighthouse: setup-dev  ## Lighthouse (phone, simulated throttling) on every page type of the sample site, median of 3; LARGE=3000 adds a generated site
	nice $(BIN)/python scripts/lighthouse.py $(if $(LARGE),--large $(LARGE)) $(ARGS)

# The kit's handbook (handbook/): editors, technicians, the generated reference, maintainers
handbook: setup  ## the kit's handbook into site-handbook/ (strict): open site-handbook/index.html
	$(BIN)/$(ENGINE) build --strict -f handbook/mkdocs.yml

handbook-serve: setup  ## preview the handbook at http://127.0.0.1:8001
	$(BIN)/$(ENGINE) serve -f handbook/mkdocs.yml -a 127.0.0.1:8001

clean:
	rm -rf site site-handbook .cache
