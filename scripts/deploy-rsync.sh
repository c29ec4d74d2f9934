#!/usr/bin/env bash
# Publish the site to a county's own web server (or a local folder) without CI.
#
#   scripts/deploy-rsync.sh user@host:/srv/wenming     # over ssh
#   scripts/deploy-rsync.sh /srv/wenming               # on this machine
#
# It runs the county's checks first (scripts/county_check.py: data, strict production
# build, smoke test of the built site) into a temporary folder; if any fails, nothing on
# the server changes. It never runs the kit's own tests (those are `make test`). The new build is copied into
# <target>/releases/<time>/ and then <target>/current is switched to it in one
# rename, so visitors never see a half-copied site. Point the web server's root at
# <target>/current (see handbook/docs/tech/publishing.md). The last 5 releases
# are kept; to roll back, point `current` at an older one.
#
# The web forms (/admin/) need Decap CMS from npm: `make admin-forms` installs it when missing
# (npm ci --omit=dev); without npm the site goes out without /admin/ and the check says so.
#
# Environment: KEEP=5 releases to keep; RSYNC_RSH="ssh -p 2222" for another ssh port;
# NPM_REGISTRY=https://… an npm mirror for Decap CMS.
set -euo pipefail

target=${1:?"用法：scripts/deploy-rsync.sh 用户名@服务器:/srv/wenming 或 本机目录"}
keep=${KEEP:-5}
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

if [[ $target == *:* ]]; then
  host=${target%%:*}
  dir=${target#*:}
  on_target() { ssh "$host" "$1"; }
  dest="$host:$dir"
else
  host=""
  dir=$target
  on_target() { bash -c "$1"; }
  dest=$dir
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make -s setup admin-forms
# data check (hooks/check.py), mkdocs build --strict, smoke test: all on the county's own data
WENMING_PRODUCTION=1 .venv/bin/python scripts/county_check.py --site "$work/site"

release=$(date -u +%Y%m%dT%H%M%SZ)
q_dir=$(printf '%q' "$dir")
on_target "mkdir -p $q_dir/releases"
# hard-link unchanged files against the live release: fast, and little extra space
rsync -a --delete --link-dest="../../current/" "$work/site/" "$dest/releases/$release/"
on_target "cd $q_dir && ln -sfn releases/$release current.new && mv -Tf current.new current"
on_target "cd $q_dir/releases && ls -1 | sort | head -n -$keep | xargs -r rm -rf"
# the 审核单 of this publish (make publish-check wrote it), kept beside the releases, outside the web root
if [ -f review/审核单.html ]; then
  on_target "mkdir -p $q_dir/reviews"
  rsync -a review/审核单.html "$dest/reviews/$release-审核单.html"
fi
echo "已发布：$dest/current -> releases/$release"
