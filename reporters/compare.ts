// What `run --compare` found, for a person: the console text and one self-contained HTML page with the
// two targets' exchanges side by side. Pure: data in, text out (bin/actions/compare.ts writes the files).
import type { Difference, DifferenceKind } from '../run/compare.ts';
import type { VerdictDifference } from '../run/compare-run.ts';
import { controlSafe, escapeHtml as h } from './escape.ts';
import { exchangeText } from './exchange-text.ts';

export interface CompareView {
  seed: number;
  a: { url: string; exitCode: number };
  b: { url: string; exitCode: number };
  differences: readonly Difference[];
  failing: readonly Difference[];
  verdicts: readonly VerdictDifference[];
  compared: number;
  leftOut: number;
  exitCode: number;
}

const KIND_TEXT: Readonly<Record<DifferenceKind, string>> = {
  'allowed-choice': 'a choice the contract leaves open (both answers allowed)',
  'only-a': 'only target A answered as the model allows',
  'only-b': 'only target B answered as the model allows',
  neither: 'neither answer is allowed',
  diverged: 'the requests part ways here (an earlier difference led elsewhere)',
};

/** One side's answer: the fields that differ, or the whole answer in brief when the kinds differ. */
function answerLine(d: Difference, side: 'a' | 'b'): string {
  const r = d[side].answer;
  const other = d[side === 'a' ? 'b' : 'a'].answer;
  const shown = (fields: Readonly<Record<string, string>>): string => {
    const names = r.kind === other.kind ? d.fields.filter((f) => !f.startsWith('(')) : Object.keys(fields).filter((f) => f !== 'RequestId' && !f.startsWith('('));
    return names.slice(0, 6).map((f) => `${f}=${fields[f] ?? '(absent)'}`).join(' ');
  };
  switch (r.kind) {
    case 'result':
      return `result ${shown(r.fields)}`.trim();
    case 'error':
      return `error ${r.code}`;
    case 'redirect':
      return `redirect ${shown(r.params)}`.trim();
    case 'none':
      return r.reason;
  }
}

function counts(v: CompareView): string {
  const by = (k: DifferenceKind): number => v.differences.filter((d) => d.kind === k).length;
  return `${v.compared} case${v.compared === 1 ? '' : 's'} compared; ${v.differences.length} step difference${v.differences.length === 1 ? '' : 's'}: ${by('allowed-choice')} allowed choice${by('allowed-choice') === 1 ? '' : 's'}, ${v.failing.length} failing, ${by('diverged')} divergence${by('diverged') === 1 ? '' : 's'}${v.leftOut ? ` (${v.leftOut} cases past the per-check cap not compared)` : ''}`;
}

/** The console's account of a comparison. */
export function renderCompareText(v: CompareView, maxRows = 20): string {
  const out = [
    `compare (seed ${v.seed}): A ${controlSafe(v.a.url)} (exit ${v.a.exitCode}), B ${controlSafe(v.b.url)} (exit ${v.b.exitCode})`,
    `  ${counts(v)}`,
  ];
  if (v.verdicts.length) {
    out.push(`  ${v.verdicts.length} check${v.verdicts.length === 1 ? '' : 's'} with another verdict on each target:`);
    for (const x of v.verdicts.slice(0, maxRows)) out.push(`    ${controlSafe(x.check)}: A ${x.a}, B ${x.b}${x.a === 'fail' ? ` (A: ${controlSafe(x.messageA ?? '')})` : ''}${x.b === 'fail' ? ` (B: ${controlSafe(x.messageB ?? '')})` : ''}`);
  }
  const shown = [...v.failing, ...v.differences.filter((d) => d.kind === 'allowed-choice')].slice(0, maxRows);
  for (const d of shown) {
    out.push(`  ${d.kind === 'allowed-choice' ? 'open' : 'FAIL'} ${controlSafe(d.check)} case ${d.case} step ${d.step} ${controlSafe(d.label)}: ${KIND_TEXT[d.kind]}`);
    out.push(`      A: ${controlSafe(answerLine(d, 'a'))}`);
    out.push(`      B: ${controlSafe(answerLine(d, 'b'))}`);
  }
  if (v.failing.length + v.differences.length > shown.length) out.push(`  … the full list is in compare.html and compare.json`);
  out.push(v.exitCode === 0 ? 'compare: PASS: no difference beyond the choices the contract leaves open' : v.exitCode === 2 ? 'compare: a run could not be made (exit 2)' : 'compare: FAIL: the targets differ where the contract allows one answer');
  return `${out.join('\n')}\n`;
}

const side = (d: Difference, s: 'a' | 'b'): string => {
  const e = d[s].exchange;
  return e ? exchangeText(e).join('\n') : JSON.stringify(d[s].answer, null, 2);
};

/** compare.html: every difference with both exchanges side by side. */
export function renderCompareHtml(v: CompareView): string {
  const rows = [...v.failing, ...v.differences.filter((d) => !v.failing.includes(d))]
    .map((d) => `<tr class="${d.kind}"><td><b>${h(d.check)}</b><br>case ${d.case}, step ${d.step}<br>${h(d.label)}<br><i>${h(KIND_TEXT[d.kind])}</i><br>differs in: ${h(d.fields.join(', '))}</td><td><pre>${h(side(d, 'a'))}</pre></td><td><pre>${h(side(d, 'b'))}</pre></td></tr>`)
    .join('\n');
  const verdicts = v.verdicts.map((x) => `<tr><td>${h(x.check)}</td><td>${h(x.a)}${x.messageA ? `: ${h(x.messageA)}` : ''}</td><td>${h(x.b)}${x.messageB ? `: ${h(x.messageB)}` : ''}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>FPS conformance compare: ${v.exitCode === 0 ? 'PASS' : 'FAIL'}</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:6px;vertical-align:top;text-align:left}pre{white-space:pre-wrap;word-break:break-all;margin:0;font-size:12px}tr.only-a,tr.only-b,tr.neither{background:#fff0f0}tr.allowed-choice{background:#f5f9ff}</style>
</head><body>
<h1>Compare: ${v.exitCode === 0 ? 'PASS' : 'FAIL'}</h1>
<p>Seed ${v.seed}. Target A: <code>${h(v.a.url)}</code> (exit ${v.a.exitCode}). Target B: <code>${h(v.b.url)}</code> (exit ${v.b.exitCode}).</p>
<p>${h(counts(v))}</p>
${verdicts ? `<h2>Checks with another verdict on each target</h2><table><thead><tr><th>check</th><th>A</th><th>B</th></tr></thead><tbody>${verdicts}</tbody></table>` : ''}
<h2>Step differences</h2>
${rows ? `<table><thead><tr><th style="width:22%">where</th><th>target A</th><th>target B</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>None.</p>'}
</body></html>
`;
}
