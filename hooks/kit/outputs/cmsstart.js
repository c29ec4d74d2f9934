// Starts the web forms: Decap CMS (decap-cms.js, loaded first with CMS_MANUAL_INIT) with our
// YAML format "yml-keep" (yamlkeep.js), which the generated config.yml names for every
// collection, so a save keeps comments, key order and fields the forms do not show; our words
// where Decap's would mislead (a save is not yet a published site); and after each 发布 the
// panel that follows the change to the site (status.js); before each save, every rule once more
// on the whole entry (guard.js).
import * as YAML from './yaml/index.js';
import {fieldDefaults, fieldOrder, keepFormat} from './yamlkeep.js';
import {follow, show} from './status.js';
import {guard} from './guard.js';

// Decap's zh_Hans words that are not true here: "已发布" before the check has run, a pattern
// message that prints the regular expression
export const WORDS = {
  editor: {
    editorToolbar: {published: '已保存', publishing: '正在保存……'},
    // shown beside the field, whose label (with its （必填）) stands right above: no need to repeat it
    editorControlPane: {widget: {required: '这一项必填，请填写', regexPattern: '%{pattern}'}},
  },
  ui: {toast: {onFailToPersist: '没有保存：%{details}', entrySaved: '修改已保存，网站正在检查，结果见页面下方', entryPublished: '修改已合并，网站正在检查，结果见页面下方'}},
};

function merged(base, ours) {
  const out = {...base};
  for (const [k, v] of Object.entries(ours)) {
    out[k] = v && typeof v === 'object' ? merged(base?.[k] || {}, v) : v;
  }
  return out;
}

// its rules' patterns are written once and referred to (YAML aliases), as Decap reads it too
const config = YAML.parse(await (await fetch('config.yml', {cache: 'no-cache'})).text(), {maxAliasCount: -1});
const CMS = window.CMS;
CMS.registerCustomFormat('yml-keep', 'yml', keepFormat(YAML, fieldOrder(config), fieldDefaults(config)));
if (config.publish_mode === 'editorial_workflow') {
  // 发布前审核: a save is a draft (a merge request); only 发布 (merging it) starts the check
  WORDS.ui.toast.entrySaved = '草稿已保存。审核通过并点“发布”后，网站才会检查和更新';
}
CMS.registerLocale('zh_Hans', merged(CMS.getLocale('zh_Hans'), WORDS));
CMS.registerEventListener({name: 'preSave', handler: guard(config, show)});
CMS.registerEventListener({name: 'postPublish', handler: ({entry}) => follow(config, entry.get('path'))});
CMS.init();
