// The journalists' search page: plain ES module, public API only (/api/v1). The state lives in the URL:
//   /?q=…&county=…&industry=…&organization=…&author=…&type=…&from=…&to=…&sort=…&page=…&mode=hybrid   a search
//     (mode=hybrid: 按意思搜, the words and their meaning; it orders by relevance and pages by number)
//   /?id=…                                                               one article
//   /?issues=2025 (or /?issues= for the newest year)                     the calendar of issues
//   /?issue=2025-04-16                                                   one day's issue, page by page
const API = '/api/v1';
const FACETS = ['county', 'industry', 'organization', 'author', 'type'];
const TYPE_NAMES = { news: '消息', feature: '通讯', photo: '图片新闻', commentary: '评论' };
const ROLE_NAMES = { reporter: '记者', correspondent: '通讯员', photographer: '摄影', commentator: '评论员' };
const PAGE_SIZE = 10;
const MAX_HIT_ORGANIZATIONS = 4; // a hit shows the first few; the article shows them all

const $ = (id) => document.getElementById(id);
let lastAnswer = null;
let cursor = null;
let shownIds = new Set(); // the hits on screen: "load more" walks in its own order and adds only the others
let lastSearch = '';

// ---- URL state ----------------------------------------------------------------------------------------------
function readState() {
  const p = new URLSearchParams(location.search);
  const state = { q: p.get('q') || '', sort: p.get('sort') || 'relevance', page: Number(p.get('page')) || 1,
    from: p.get('from') || '', to: p.get('to') || '', id: p.get('id') || '',
    issues: p.has('issues') ? p.get('issues') : null, issue: p.get('issue') || '', mode: p.get('mode') || '' };
  for (const f of FACETS) state[f] = p.getAll(f);
  return state;
}

function toQuery(state, extra = {}) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const f of FACETS) for (const v of state[f]) p.append(f, v);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.mode === 'hybrid' && state.q) p.set('mode', 'hybrid'); // meaning needs words; browsing stays newest first
  else if (state.sort && state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.page > 1) p.set('page', String(state.page));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p;
}

function go(state) {
  const query = toQuery(state).toString();
  history.pushState(null, '', query ? '/?' + query : '/');
  render();
}

// ---- API ------------------------------------------------------------------------------------------------------
async function api(path) {
  const response = await fetch(API + path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : '服务暂时无法回答（HTTP ' + response.status + '）。';
    throw new Error(response.status === 503 ? '检索服务暂时不可用，请稍后重试。' : detail);
  }
  return body;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function chineseDate(iso) {
  if (!iso) return '日期不详';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

// ---- search view ----------------------------------------------------------------------------------------------
function show(view) {
  for (const id of ['search-view', 'article-view', 'issues-view', 'issue-view']) $(id).hidden = id !== view;
}

async function renderSearch(state) {
  lastSearch = location.search;
  show('search-view');
  const filters = toQuery({ ...state, page: 1 });
  $('export-csv').href = API + '/articles/export?' + toQuery({ ...state, page: 1 }, { format: 'csv' });
  $('export-ndjson').href = API + '/articles/export?' + toQuery({ ...state, page: 1 }, { format: 'ndjson' });
  $('feed').href = API + '/articles/feed' + (filters.toString() ? '?' + filters : '');
  $('q').value = state.q;
  const byMeaning = state.mode === 'hybrid' && !!state.q;
  $('meaning').checked = state.mode === 'hybrid';
  $('sort').value = byMeaning ? 'relevance' : state.sort;
  $('sort').disabled = byMeaning; // meaning orders by relevance
  $('from').value = state.from;
  $('to').value = state.to;
  document.title = (state.q ? state.q + ' · ' : '') + '昌吉日报 · 报纸档案检索';
  const browsing = !state.q && FACETS.every((f) => !state[f].length) && !state.from && !state.to;
  const params = toQuery(browsing && state.sort === 'relevance' ? { ...state, sort: 'newest' } : state, { size: String(PAGE_SIZE) });
  showMessage(null);
  $('summary').textContent = '检索中…';
  try {
    const answer = await api('/articles/search?' + params);
    lastAnswer = answer;
    cursor = null;
    shownIds = new Set(answer.hits.map((hit) => hit.id));
    $('hits').replaceChildren(...answer.hits.map(hitItem));
    renderFacets(state, answer.facets);
    renderChips(state);
    const pages = Math.max(1, Math.ceil(Math.min(answer.total, 10000) / PAGE_SIZE));
    $('summary').textContent = browsing ? `最新文章 · 档案共 ${answer.total} 篇` : `找到 ${answer.total} 篇文章`;
    $('page-info').textContent = `第 ${state.page} / ${pages} 页`;
    $('prev').disabled = state.page <= 1;
    $('next').disabled = state.page >= pages;
    // "load more" walks with a cursor, which is the words' alone
    $('more').hidden = byMeaning || state.page * PAGE_SIZE >= answer.total;
    if (answer.total === 0) explainNoHits(state);
  } catch (error) {
    $('hits').replaceChildren();
    $('summary').textContent = '';
    showMessage(error.message);
  }
}

function hitItem(hit) {
  const snippet = el('p', { class: 'snippet' });
  snippet.innerHTML = hit.snippet || ''; // HTML-escaped by the API; only <em> marks matches
  const tags = [...hit.counties.map((c) => el('span', { class: 'tag county' }, c)),
    ...hit.industries.map((i) => el('span', { class: 'tag industry' }, i)),
    ...organizationsFirstChosen(hit.organizations).slice(0, MAX_HIT_ORGANIZATIONS)
      .map((o) => el('span', { class: 'tag organization' }, o)),
    hit.organizations.length > MAX_HIT_ORGANIZATIONS
      ? el('span', { class: 'tag organization more' }, `等 ${hit.organizations.length} 家`) : null];
  return el('li', { class: 'hit' },
    el('h3', {}, el('a', { href: '/?id=' + encodeURIComponent(hit.id), 'data-nav': true }, hit.title || '（无标题图片新闻）')),
    hit.subtitle ? el('p', { class: 'subtitle' }, hit.subtitle) : null,
    el('p', { class: 'meta' }, chineseDate(hit.publishedOn), ' · ', TYPE_NAMES[hit.type] || hit.type,
      hit.authors.length ? ' · ' + hit.authors.join('、') : ''),
    snippet,
    tags.length ? el('p', { class: 'tags' }, tags) : null);
}

function organizationsFirstChosen(organizations) {
  const chosen = new Set(readState().organization);
  return [...organizations].sort((a, b) => Number(chosen.has(b)) - Number(chosen.has(a)));
}

function renderFacets(state, facets) {
  for (const section of document.querySelectorAll('.facet[data-facet]')) {
    const facet = section.dataset.facet;
    const selected = new Set(state[facet]);
    const values = [...facets[facet]];
    for (const v of selected) if (!values.some((x) => x.value === v)) values.push({ value: v, count: 0 });
    const filter = facet === 'author' ? $('author-filter').value.trim() : '';
    const items = values.filter((v) => !filter || v.value.includes(filter)).map((v) => {
      const id = `f-${facet}-${v.value}`;
      const box = el('input', { type: 'checkbox', id, checked: selected.has(v.value), 'data-value': v.value,
        onchange: () => toggle(facet, v.value) });
      return el('li', {}, box, el('label', { for: id }, facet === 'type' ? (TYPE_NAMES[v.value] || v.value) : v.value),
        el('span', { class: 'count' }, v.count));
    });
    section.querySelector('ul').replaceChildren(...(items.length ? items : [el('li', { class: 'none' }, '无')]));
  }
  renderHistogram(state, facets.month);
}

function renderHistogram(state, months) {
  const sorted = [...months].sort((a, b) => a.value.localeCompare(b.value));
  const max = Math.max(1, ...sorted.map((m) => m.count));
  const bars = sorted.map((m) => {
    const inRange = state.from && state.to && m.value >= state.from.slice(0, 7) && m.value <= state.to.slice(0, 7);
    return el('button', { type: 'button', class: 'bar' + (inRange ? ' selected' : ''), title: `${m.value}：${m.count} 篇`,
      'aria-label': `${m.value}，${m.count} 篇`, style: `--h:${Math.round((100 * m.count) / max)}%`,
      onclick: (event) => pickMonth(m.value, event.shiftKey) }, el('span', {}, m.value.slice(2)));
  });
  $('histogram').replaceChildren(...(bars.length ? bars : [el('p', { class: 'none' }, '无日期信息')]));
}

function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

function pickMonth(month, extend) {
  const state = readState();
  const [first, last] = monthRange(month);
  if (extend && state.from) {
    state.from = first < state.from ? first : state.from;
    state.to = last > (state.to || last) ? last : state.to || last;
  } else {
    state.from = first;
    state.to = last;
  }
  state.page = 1;
  go(state);
}

function toggle(facet, value) {
  const state = readState();
  state[facet] = state[facet].includes(value) ? state[facet].filter((v) => v !== value) : [...state[facet], value];
  state.page = 1;
  go(state);
}

function renderChips(state) {
  const chips = [];
  for (const f of FACETS) {
    for (const v of state[f]) {
      chips.push(el('button', { type: 'button', class: 'chip', 'aria-label': `移除筛选 ${v}`,
        onclick: () => toggle(f, v) }, (f === 'type' ? TYPE_NAMES[v] || v : v) + ' ×'));
    }
  }
  if (state.from || state.to) {
    chips.push(el('button', { type: 'button', class: 'chip', 'aria-label': '移除日期范围',
      onclick: () => go({ ...readState(), from: '', to: '', page: 1 }) }, `${state.from || '…'} 至 ${state.to || '…'} ×`));
  }
  if (chips.length) {
    chips.push(el('button', { type: 'button', class: 'chip clear', onclick: () => go({ ...readState(),
      county: [], industry: [], organization: [], author: [], type: [], from: '', to: '', page: 1 }) }, '清除全部'));
  }
  $('chips').replaceChildren(...chips);
}

function explainNoHits(state) {
  const hints = ['检查是否有错别字，或换一个说法（如“中科院”与“中国科学院”）。'];
  const filters = FACETS.reduce((n, f) => n + state[f].length, 0) + (state.from || state.to ? 1 : 0);
  if (filters) hints.unshift('去掉一些筛选条件（点击上方筛选标签的 ×）。');
  if (state.q.includes('"') || state.q.includes('“')) hints.push('精确短语要求字字相同，可以去掉引号再试。');
  if (state.q.split(/\s+/).length > 2) hints.push('减少关键词：所有关键词都必须出现。');
  showMessage('没有找到文章。可以试试：', hints);
}

function showMessage(text, hints = []) {
  const box = $('message');
  box.hidden = !text;
  box.replaceChildren(...(text ? [el('p', {}, text), hints.length ? el('ul', {}, hints.map((h) => el('li', {}, h))) : null] : []));
}

async function loadMore() {
  const state = readState();
  try {
    // a cursor walk from the top (stable while the archive grows) as far as the pages shown reach, then a page more;
    // a walk orders near-ties by date where pages add recency, so every hit it gives that is not on screen is added
    const walkPage = (from) => api('/articles/search?' + toQuery({ ...state, page: 1 }, { size: String(PAGE_SIZE), cursor: from }));
    const fresh = [];
    const firstWalk = !cursor;
    let walked = 0;
    do {
      const answer = await walkPage(cursor || '*');
      cursor = answer.nextCursor;
      walked += answer.hits.length;
      fresh.push(...answer.hits.filter((hit) => !shownIds.has(hit.id)));
    } while (cursor && ((firstWalk && walked < state.page * PAGE_SIZE) || fresh.length === 0));
    fresh.forEach((hit) => shownIds.add(hit.id));
    $('hits').append(...fresh.map(hitItem));
    $('more').hidden = !cursor;
  } catch (error) {
    showMessage(error.message);
  }
}

// ---- article view --------------------------------------------------------------------------------------------
async function renderArticle(id) {
  $('back').href = '/' + lastSearch;
  show('article-view');
  try {
    const a = await api('/articles/' + encodeURIComponent(id));
    document.title = (a.title || '图片新闻') + ' · 昌吉日报';
    $('a-title').textContent = a.title || '（无标题图片新闻）';
    for (const [field, node] of [['kicker', 'a-kicker'], ['subtitle', 'a-subtitle'], ['column', 'a-column']]) {
      $(node).textContent = a[field] || '';
      $(node).hidden = !a[field];
    }
    const issue = [chineseDate(a.publishedOn), a.issueNumber ? `总第${a.issueNumber}期` : '', a.page ? `第${a.page}版` : '',
      TYPE_NAMES[a.type] || a.type].filter(Boolean);
    $('a-meta').replaceChildren(...issue.flatMap((part, i) => [i ? ' · ' : '', i === 0 && a.publishedOn
      ? el('a', { id: 'a-issue', href: '/?issue=' + a.publishedOn + (a.page ? '#page-' + a.page : ''), 'data-nav': true,
        title: '查看这一期' }, part)
      : part]));
    $('a-bylines').textContent = a.bylines.map((b) => `${ROLE_NAMES[b.role] || b.role} ${b.name}`).join('　');
    $('a-tags').replaceChildren(...a.counties.map((c) => el('span', { class: 'tag county' }, c)),
      ...a.industries.map((i) => el('span', { class: 'tag industry' }, i)),
      ...a.organizations.map((o) => el('a', { class: 'tag organization', href: '/?organization=' + encodeURIComponent(o),
        'data-nav': true }, o)));
    $('a-body').replaceChildren(...(a.body || '').split('\n\n').map((p) => el('p', {}, p)));
    const place = a.page ? ` 第${a.page}版` : '';
    $('a-citation').textContent = `《昌吉日报》${a.publishedOn ? chineseDate(a.publishedOn) : '（日期不详）'}${place}：${a.title || '图片新闻'}`;
    const link = location.origin + '/?id=' + encodeURIComponent(a.id);
    $('a-permalink').href = link;
    $('a-permalink').textContent = link;
    const related = await api('/articles/' + encodeURIComponent(id) + '/related?size=5').catch(() => []);
    $('a-related').replaceChildren(...(related.length ? related.map((r) => el('li', {},
      el('a', { href: '/?id=' + encodeURIComponent(r.id), 'data-nav': true }, r.title || '（无标题图片新闻）'),
      el('span', { class: 'meta' }, ' ', chineseDate(r.publishedOn)))) : [el('li', { class: 'none' }, '暂无相关文章')]));
    $('a-title').focus?.();
  } catch (error) {
    $('a-title').textContent = '找不到这篇文章';
    $('a-body').replaceChildren(el('p', {}, error.message));
    $('a-related').replaceChildren();
  }
}

// ---- browsing by issue ---------------------------------------------------------------------------------------
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

async function renderIssues(year) {
  show('issues-view');
  document.title = '按期浏览 · 昌吉日报';
  try {
    const calendar = await api('/issues' + (year ? '?year=' + encodeURIComponent(year) : ''));
    $('issues-title').textContent = calendar.year ? `按期浏览 · ${calendar.year}年` : '按期浏览';
    $('issue-years').replaceChildren(...calendar.years.map((y) => el('a', { href: '/?issues=' + y.year, 'data-nav': true,
      class: y.year === calendar.year ? 'current' : '', 'aria-current': y.year === calendar.year ? 'page' : null },
    `${y.year}年（${y.articles}篇）`)));
    const byDate = new Map(calendar.issues.map((d) => [d.date, d]));
    const months = [];
    for (let m = 1; m <= 12 && calendar.year; m++) {
      const first = new Date(Date.UTC(calendar.year, m - 1, 1));
      const days = new Date(Date.UTC(calendar.year, m, 0)).getUTCDate();
      const cells = [...WEEKDAYS.map((w) => el('span', { class: 'weekday' }, w))];
      for (let blank = (first.getUTCDay() + 6) % 7; blank > 0; blank--) cells.push(el('span', {}));
      let issues = 0;
      for (let d = 1; d <= days; d++) {
        const date = `${calendar.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const issue = byDate.get(date);
        if (issue) issues++;
        cells.push(issue
          ? el('a', { href: '/?issue=' + date, 'data-nav': true, class: 'day has-issue', 'data-date': date,
            title: `${chineseDate(date)}${issue.issueNumber ? ' 总第' + issue.issueNumber + '期' : ''}：${issue.articles} 篇` }, d)
          : el('span', { class: 'day' }, d));
      }
      months.push(el('section', { class: 'month' + (issues ? '' : ' empty') }, el('h2', {}, `${m}月`),
        el('div', { class: 'days' }, cells)));
    }
    $('issue-calendar').replaceChildren(...(months.length ? months : [el('p', { class: 'none' }, '档案中还没有注明日期的文章。')]));
  } catch (error) {
    $('issue-calendar').replaceChildren(el('p', { class: 'message' }, error.message));
  }
}

async function renderIssue(date) {
  show('issue-view');
  $('issue-back').href = '/?issues=' + date.slice(0, 4);
  try {
    const issue = await api('/issues/' + encodeURIComponent(date));
    const title = chineseDate(issue.date) + (issue.issueNumber ? ` · 总第${issue.issueNumber}期` : '');
    document.title = title + ' · 昌吉日报';
    $('issue-title').textContent = title;
    $('issue-pages').replaceChildren(...issue.pages.map((page) => el('section', { class: 'page', id: page.page ? 'page-' + page.page : 'page-unknown' },
      el('h2', {}, page.page ? `第${page.page}版` : '版次不详'),
      el('ol', {}, page.articles.map((a) => el('li', {},
        el('a', { href: '/?id=' + encodeURIComponent(a.id), 'data-nav': true }, a.title || '（无标题图片新闻）'),
        el('span', { class: 'meta' }, ' ', TYPE_NAMES[a.type] || a.type, a.authors.length ? ' · ' + a.authors.join('、') : '')))))));
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  } catch (error) {
    $('issue-title').textContent = chineseDate(date);
    $('issue-pages').replaceChildren(el('p', { class: 'message' }, error.message));
  }
}

// ---- suggestions ---------------------------------------------------------------------------------------------
let suggestTimer = null;
let active = -1;

function closeSuggestions() {
  $('suggestions').hidden = true;
  $('q').setAttribute('aria-expanded', 'false');
  active = -1;
}

async function suggest() {
  const text = $('q').value.trim();
  if (!text || text.length > 50) return closeSuggestions();
  try {
    const { suggestions } = await api('/suggest?size=8&q=' + encodeURIComponent(text));
    if ($('q').value.trim() !== text) return;
    const list = $('suggestions');
    list.replaceChildren(...suggestions.map((s, i) => el('li', { role: 'option', id: 'sg-' + i,
      onmousedown: (event) => { event.preventDefault(); choose(s); } }, s)));
    list.hidden = suggestions.length === 0;
    $('q').setAttribute('aria-expanded', String(!list.hidden));
  } catch {
    closeSuggestions();
  }
}

function choose(text) {
  $('q').value = text;
  closeSuggestions();
  go({ ...readState(), q: text, page: 1, id: '' });
}

function moveActive(step) {
  const options = [...$('suggestions').children];
  if (!options.length || $('suggestions').hidden) return false;
  active = (active + step + options.length) % options.length;
  options.forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
  $('q').setAttribute('aria-activedescendant', options[active].id);
  return true;
}

// ---- wiring --------------------------------------------------------------------------------------------------
function render() {
  const state = readState();
  if (state.id) renderArticle(state.id);
  else if (state.issue) renderIssue(state.issue);
  else if (state.issues !== null) renderIssues(state.issues);
  else renderSearch(state);
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  history.pushState(null, '', link.getAttribute('href'));
  window.scrollTo(0, 0);
  render();
});
window.addEventListener('popstate', render);

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (active >= 0 && !$('suggestions').hidden) return choose($('suggestions').children[active].textContent);
  closeSuggestions();
  go({ ...readState(), q: $('q').value.trim(), page: 1, id: '', mode: $('meaning').checked ? 'hybrid' : '' });
});
$('q').addEventListener('input', () => { clearTimeout(suggestTimer); suggestTimer = setTimeout(suggest, 150); });
$('q').addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown' && moveActive(1)) event.preventDefault();
  else if (event.key === 'ArrowUp' && moveActive(-1)) event.preventDefault();
  else if (event.key === 'Escape') closeSuggestions();
});
$('q').addEventListener('blur', () => setTimeout(closeSuggestions, 100));
$('sort').addEventListener('change', () => go({ ...readState(), sort: $('sort').value, page: 1 }));
$('meaning').addEventListener('change', () => {
  if ($('q').value.trim()) go({ ...readState(), q: $('q').value.trim(), page: 1, mode: $('meaning').checked ? 'hybrid' : '' });
});
for (const field of ['from', 'to']) {
  $(field).addEventListener('change', () => go({ ...readState(), [field]: $(field).value, page: 1 }));
}
$('author-filter').addEventListener('input', () => { if (lastAnswer) renderFacets(readState(), lastAnswer.facets); });
$('prev').addEventListener('click', () => go({ ...readState(), page: Math.max(1, readState().page - 1) }));
$('next').addEventListener('click', () => go({ ...readState(), page: readState().page + 1 }));
$('more').addEventListener('click', loadMore);

render();
