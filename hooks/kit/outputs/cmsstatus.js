// What became of a save: the panel at the foot of /admin/ (served as /admin/status.js). Decap
// says only that the file was saved; whether the site changes is decided afterwards by the
// county's pipeline (make check, the build, the upload). After each 发布 this follows that:
//   GitLab: the pipeline of the commit that saved the file (检查中 → 已上线, or 未发布 with the
//           check's Chinese lines from the failed job's log);
//   Gitea/Forgejo: the commit's combined status (its descriptions, a link to the run);
//   local (decap-server and `make edit`): the preview's next build (admin/status.json, written by
//           `mkdocs serve` after every rebuild): its check passed, or its error lines.
// The same functions run under Node (tests/outputs/test_admin_status.py) with recorded answers.

export const WAIT = {first: 3000, every: 5000, give_up: 30 * 60 * 1000};

const CHECKING = ['created', 'waiting_for_resource', 'preparing', 'pending', 'running', 'scheduled'];

// the check's own lines in a job's log: "data/honorees/2024.yml:12:5: 错误: honorees[0]…"
export function checkLines(log) {
  return String(log || '').split('\n').map(l => l.replace(/\u001b\[[0-9;]*m/g, '').replace(/^\S*\s*\|\s*/, '').trim())
    .filter(l => /:\d+:\d+: 错误: |^错误[:：]|网站未生成/.test(l)).slice(0, 30);
}

export function gitlabState(pipeline, log = '') {
  if (!pipeline) return {state: 'checking', text: '检查中：等待网站的检查流水线开始……'};
  const s = pipeline.status;
  if (CHECKING.includes(s)) return {state: 'checking', text: '检查中：网站正在检查并生成这次修改，通常需要几分钟……', link: pipeline.web_url};
  if (s === 'success') return {state: 'live', text: '已上线：这次修改通过了检查，网站已经更新。', link: pipeline.web_url};
  if (s === 'manual') return {state: 'waiting', text: '检查已通过，等待负责人在流水线里确认上线。', link: pipeline.web_url};
  const lines = checkLines(log);
  return {state: 'refused', link: pipeline.web_url, lines,
    text: s === 'failed' ? '未发布：这次修改没有通过检查，网站没有变化。请按下面的提示改正后再发布。'
      : '未发布：这次修改的检查被取消或跳过了，网站没有变化。请告诉技术人员。'};
}

export function giteaState(combined) {
  const statuses = (combined && combined.statuses) || [];
  const link = (statuses.find(s => s.target_url) || {}).target_url;
  const state = combined && statuses.length ? combined.state : 'pending';
  if (state === 'pending') return {state: 'checking', text: '检查中：网站正在检查并生成这次修改，通常需要几分钟……', link};
  if (state === 'success') return {state: 'live', text: '已上线：这次修改通过了检查，网站已经更新。', link};
  const lines = statuses.filter(s => s.status !== 'success' && s.description).map(s => s.description);
  return {state: 'refused', link, lines,
    text: '未发布：这次修改没有通过检查，网站没有变化。请打开检查记录，按其中的提示改正后再发布。'};
}

export function previewState(status, savedAt) {
  // admin/status.json of `mkdocs serve`: the build after the save tells whether the check passed
  if (!status || !(Date.parse(status.built) >= savedAt)) {
    return {state: 'checking', text: '检查中：本机预览正在按这次修改重新生成……'};
  }
  if (status.ok) {
    return {state: 'saved', text: '已保存到本机，数据检查通过，预览已更新。在这台电脑上提交（git commit、push）后才会上线。'};
  }
  return {state: 'refused', lines: (status.errors || []).slice(0, 30),
    text: '未通过检查：这次修改保存在本机，但数据检查发现下面的问题，网站不会生成。请按提示改正后再发布。'};
}

function api(config, token) {
  const b = config.backend || {};
  const root = String(b.api_root || '').replace(/\/$/, '');
  const auth = b.name === 'gitlab' ? `Bearer ${token}` : `token ${token}`;
  return (path, text) => fetch(root + path, {headers: token ? {Authorization: auth} : {}, cache: 'no-store'})
    .then(r => (r.ok ? (text ? r.text() : r.json()) : null));
}

// one look at the change's state; `get(path, asText)` answers like the host's API
export async function look(config, path, savedAt, get) {
  const b = config.backend || {};
  const branch = encodeURIComponent(b.branch || 'main');
  const file = encodeURIComponent(path);
  if (b.name === 'gitlab') {
    const project = `/projects/${encodeURIComponent(b.repo)}`;
    const [commit] = (await get(`${project}/repository/commits?ref_name=${branch}&path=${file}&per_page=1`)) || [];
    if (!commit) return gitlabState(null);
    const [pipeline] = (await get(`${project}/pipelines?sha=${commit.id}&per_page=1`)) || [];
    if (!pipeline || pipeline.status !== 'failed') return gitlabState(pipeline);
    const jobs = (await get(`${project}/pipelines/${pipeline.id}/jobs?scope[]=failed`)) || [];
    const logs = await Promise.all(jobs.map(j => get(`${project}/jobs/${j.id}/trace`, true)));
    return gitlabState(pipeline, logs.join('\n'));
  }
  if (b.name === 'gitea') {
    const [commit] = (await get(`/repos/${b.repo}/commits?sha=${branch}&path=${file}&limit=1`)) || [];
    if (!commit) return giteaState(null);
    return giteaState(await get(`/repos/${b.repo}/commits/${commit.sha}/status`));
  }
  return previewState(await get('status.json'), savedAt);
}

function panel() {
  let box = document.getElementById('wenming-status');
  if (!box) {
    box = document.createElement('section');
    box.id = 'wenming-status';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    document.body.appendChild(box);
  }
  return box;
}

export function show(result, box = panel()) {
  box.dataset.state = result.state;
  box.replaceChildren();
  const p = document.createElement('p');
  p.textContent = result.text;
  box.appendChild(p);
  if (result.lines && result.lines.length) {
    const list = document.createElement('ul');
    for (const line of result.lines) {
      const li = document.createElement('li');
      li.textContent = line;
      list.appendChild(li);
    }
    box.appendChild(list);
  }
  if (result.link) {
    const a = document.createElement('a');
    a.href = result.link;
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = '查看检查记录';
    box.appendChild(a);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '关闭';
  close.onclick = () => box.remove();
  box.appendChild(close);
}

// after each 发布: follow the change until it is live or refused (or half an hour has passed)
export function follow(settings, entryPath) {
  const user = JSON.parse(window.localStorage.getItem('decap-cms-user') || '{}');
  // opened from this computer with decap-server running, Decap saved through it, not the host
  const name = user.backendName === 'proxy' ? 'proxy' : (settings.backend || {}).name;
  const config = {...settings, backend: {...settings.backend, name}};
  const b = config.backend;
  const get = b.name === 'gitlab' || b.name === 'gitea' ? api(config, user.token)
    : (path) => fetch(path, {cache: 'no-store'}).then(r => (r.ok ? r.json() : null)).catch(() => null);
  const savedAt = Date.now();
  const run = ++follow.run;
  show({state: 'checking', text: '检查中：修改已保存，正在等待网站检查……'});
  const tick = async () => {
    if (run !== follow.run) return;       // a newer save is followed instead
    let result;
    try {
      result = await look(config, entryPath, savedAt, get);
    } catch (e) {
      result = {state: 'checking', text: '检查中：暂时无法读取检查结果，稍后再试……'};
    }
    show(result);
    if (result.state === 'checking' && Date.now() - savedAt < WAIT.give_up) setTimeout(tick, WAIT.every);
    else if (result.state === 'checking') show({state: 'refused', text: '半小时内没有得到检查结果。请打开代码托管平台查看流水线，或告诉技术人员。'});
  };
  setTimeout(tick, WAIT.first);
}
follow.run = 0;
