/**
 * One self-contained HTML page (no scripts, styles inline, nothing fetched): the verdict, the
 * failures with expected-vs-received and the command that reproduces each, the rule x check
 * coverage matrix, every check, and a picture of the DAP lifecycle the rules describe.
 */
import type { Check, RunRecord } from '../record.ts';
import { escapeHtml as h } from './text.ts';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px}
.meta{color:#57606a}
.cards{display:flex;gap:12px;margin:16px 0;flex-wrap:wrap}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;min-width:110px}
.card b{display:block;font-size:22px}
.pass{color:#1a7f37}.fail{color:#cf222e}.error{color:#9a6700}
.verdict-pass{border-left:6px solid #1a7f37}.verdict-fail{border-left:6px solid #cf222e}.verdict-error{border-left:6px solid #9a6700}
table{border-collapse:collapse;background:#fff;font-size:12px}
th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
th.rot{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;max-height:220px}
td.n{text-align:right}td.hit{background:#dafbe1}td.miss{background:#ffebe9}
.failure{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:12px 0}
pre{background:#f6f8fa;padding:8px;overflow:auto;margin:6px 0}
.del{background:#ffebe9;display:block}.ins{background:#dafbe1;display:block}
code{background:#eaeef2;padding:1px 4px;border-radius:4px}
svg text{font:12px system-ui,sans-serif}
`;

/** The lifecycle of a partner-customer relationship, as the rules describe it. */
const LIFECYCLE = `<svg role="img" aria-labelledby="lifecycle-title" viewBox="0 0 860 190" width="860" height="190" xmlns="http://www.w3.org/2000/svg">
<title id="lifecycle-title">DAP lifecycle: no relationship, DAP granted by a Global admin's consent, removed by the customer's three steps or given up by the partner (the reseller relationship and Azure role assignments stay), granted again</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#57606a"/></marker></defs>
<g stroke="#57606a" fill="none" marker-end="url(#arrow)">
<path d="M150,60 H255"/><path d="M400,60 H505"/><path d="M580,90 C580,150 330,150 330,92"/>
</g>
<g>
<rect x="20" y="35" width="130" height="50" rx="8" fill="#fff" stroke="#d0d7de"/><text x="85" y="58" text-anchor="middle">no relationship</text><text x="85" y="74" text-anchor="middle" fill="#57606a">CONSENT-REQUIRED</text>
<rect x="260" y="35" width="140" height="50" rx="8" fill="#dafbe1" stroke="#1a7f37"/><text x="330" y="58" text-anchor="middle">DAP held</text><text x="330" y="74" text-anchor="middle" fill="#57606a">GRANT-*</text>
<rect x="510" y="35" width="160" height="50" rx="8" fill="#ffebe9" stroke="#cf222e"/><text x="590" y="55" text-anchor="middle">DAP removed</text><text x="590" y="71" text-anchor="middle" fill="#57606a">reseller and Azure kept</text>
<text x="200" y="50" text-anchor="middle">Global admin accepts</text><text x="200" y="30" text-anchor="middle" fill="#57606a">CONSENT-BY-GLOBAL-ADMIN</text>
<text x="455" y="50" text-anchor="middle">3 steps / give up</text><text x="455" y="30" text-anchor="middle" fill="#57606a">REVOKE-CONFIRM, REVOKE-BY-PARTNER</text>
<text x="455" y="165" text-anchor="middle">accepts again: REVOKE-REGRANT</text>
<text x="700" y="120" fill="#57606a">AZURE-PERSISTS-AFTER-REVOKE</text><text x="700" y="136" fill="#57606a">REVOKE-KEEPS-RESELLER</text>
</g></svg>`;

/** Columns of the coverage matrix: scenario folders (areas of the library) and the property batches. */
function groups(checks: readonly Check[]): { name: string; checks: Check[] }[] {
  const out = new Map<string, Check[]>();
  for (const c of checks) {
    const name = c.kind === 'property' ? 'properties' : (c.file ?? '').split('/').slice(-2, -1)[0] ?? 'scenarios';
    out.set(name, [...(out.get(name) ?? []), c]);
  }
  return [...out].map(([name, cs]) => ({ name, checks: cs }));
}

function failure(c: Check): string {
  const steps = (c.steps ?? []).filter((s) => s.verdict === 'fail' || s.verdict === 'error');
  return `<section class="failure verdict-${c.verdict}" id="${h(c.id)}">
<h3><span class="${c.verdict}">${c.verdict.toUpperCase()}</span> ${h(c.title)}</h3>
<p>Rules: ${c.rules.map((r) => `<code>${h(r)}</code>`).join(' ') || '(none)'}</p>
${c.message !== undefined ? `<p>${h(c.message)}</p>` : ''}
${c.expected !== undefined || c.received !== undefined ? `<pre><span class="del">- expected: ${h(c.expected ?? '')}</span><span class="ins">+ received: ${h(c.received ?? '')}</span></pre>` : ''}
${steps.map((s) => `<p>Step ${s.index + 1}: ${h(s.title)}${s.message ? ` — ${h(s.message)}` : ''}</p>`).join('')}
<p>Reproduce with: <code>${h(c.reproduce)}</code></p>
</section>`;
}

export const html = {
  name: 'html',
  file: 'report.html',
  render: (r: RunRecord): string => {
    const s = r.summary;
    const cols = groups(r.checks);
    const headline = s.verdict === 'pass' ? 'conforms' : s.verdict === 'fail' ? 'does not conform' : 'could not be fully tested';
    const matrix = `<table id="coverage"><thead><tr><th>rule</th><th>area</th>${cols.map((g) => `<th class="rot">${h(g.name)}</th>`).join('')}<th>scenario steps</th><th>property steps</th></tr></thead><tbody>
${r.coverage.map((c) => `<tr><td title="${h(c.statement)}"><code>${h(c.rule)}</code></td><td>${h(c.area)}</td>${cols.map((g) => {
      const n = g.checks.reduce((sum, ch) => sum + (ch.ruleSteps[c.rule] ?? 0), 0);
      return `<td class="n ${n > 0 ? 'hit' : ''}">${n || ''}</td>`;
    }).join('')}<td class="n ${c.scenarioSteps === 0 ? 'miss' : ''}">${c.scenarioSteps}</td><td class="n ${c.propertySteps === 0 ? 'miss' : ''}">${c.propertySteps}</td></tr>`).join('\n')}
</tbody></table>`;
    const all = `<table id="checks"><thead><tr><th>verdict</th><th>check</th><th>rules</th><th>steps</th><th>s</th></tr></thead><tbody>
${r.checks.map((c) => `<tr><td class="${c.verdict}">${c.verdict}</td><td>${c.verdict === 'pass' ? h(c.title) : `<a href="#${h(c.id)}">${h(c.title)}</a>`}</td><td>${c.rules.map((x) => h(x)).join(', ')}</td><td class="n">${c.stepCount}</td><td class="n">${(c.durationMs / 1000).toFixed(2)}</td></tr>`).join('\n')}
</tbody></table>`;
    const bad = r.checks.filter((c) => c.verdict !== 'pass');
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>dapsim conform: ${h(r.target)} ${headline}</title><style>${STYLE}</style></head>
<body><main>
<h1 id="verdict" class="${s.verdict}">${h(r.target)} ${headline}</h1>
<p class="meta">dapsim ${h(r.tool.version)} on ${h(r.tool.node)} · profile ${h(r.profile)}${r.compare === 'outcomes' ? ' · <strong>outcomes only</strong> (refusal codes and rule IDs not compared)' : ''} · seed ${r.seed}${r.shard.count > 1 ? ` · shard ${r.shard.index}/${r.shard.count}` : ''} · ${h(r.startedAt)} · ${(r.durationMs / 1000).toFixed(1)} s</p>
<div class="cards" id="summary">
<div class="card"><b>${s.checks}</b>checks</div><div class="card"><b class="pass">${s.pass}</b>pass</div><div class="card"><b class="fail">${s.fail}</b>fail</div><div class="card"><b class="error">${s.error}</b>error</div>
<div class="card"><b class="${s.uncovered.length === 0 ? 'pass' : 'fail'}">${r.coverage.length - s.uncovered.length}/${r.coverage.length}</b>rules exercised</div>
</div>
${s.uncovered.length > 0 ? `<p class="fail" id="uncovered">Rules no check exercised: ${s.uncovered.map((u) => `<code>${h(u)}</code>`).join(' ')}</p>` : ''}
<h2>Failures and errors</h2>
${bad.length === 0 ? '<p id="no-failures">None: every check passed.</p>' : bad.map(failure).join('\n')}
<h2>The DAP lifecycle</h2>
${LIFECYCLE}
<h2>Rule coverage</h2>
<p class="meta">Steps that each group of checks decided with each rule; a rule no step exercised fails the run.</p>
${matrix}
<h2>Every check</h2>
${all}
</main></body></html>
`;
  },
};
