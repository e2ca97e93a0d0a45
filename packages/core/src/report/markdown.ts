import type { Finding, ScanResult } from '../evaluate';
import type { Lang } from '../i18n';
import type { Clause } from '../profile';
import { VERSION } from '../version';
import {
  ENFORCEMENT_LABELS, HEADINGS, SEVERITY_LABELS, SUMMARY_ORDER, VERDICT_LABELS,
  clauseCitation, counts, familyLabel, formatValue, parameterProvenance, sortedFindings,
  standardLine, unmatchedWaiverSummary, visibleControls, waiverSummary, type ReportOptions,
} from './common';

export type MarkdownOptions = ReportOptions;

/** Marks a muniguard comment so a CI bot can find and update its own PR comment. */
export const MARKDOWN_MARKER = '<!-- muniguard-report -->';

/**
 * Text for a Markdown paragraph or table cell: Markdown and HTML metacharacters escaped,
 * `|` escaped (a table cell), newlines as `<br>`.
 */
export function mdText(s: string): string {
  return visibleControls(s)
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[`*_[\]~]/g, '\\$&')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A code span that survives backticks and, in a table, `|` (GFM unescapes `\|` before inlines). */
export function mdCode(s: string, inTable = true): string {
  let t = visibleControls(s.replace(/\r\n|\r|\n/g, ' '));
  if (inTable) t = t.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string[] {
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [row(header), row(rule), ...rows.map(row)];
}

/**
 * The report as a Markdown document for a PR comment or a self-inspection (自己点検) record:
 * summary table, findings table, parameters with provenance, and every manual clause as a
 * `- [ ]` checklist with the evidence to keep.
 */
export function writeMarkdown(result: ScanResult, options: MarkdownOptions = { lang: 'ja' }): string {
  const lang: Lang = options.lang ?? 'ja';
  const ja = lang === 'ja';
  const p = result.profile;
  const out: string[] = [MARKDOWN_MARKER, `## muniguard — ${mdText(HEADINGS.title[lang])}`, ''];

  out.push(
    ...table(
      [ja ? '項目' : 'Item', ja ? '内容' : 'Value'],
      [
        [HEADINGS.standard[lang], `${mdText(standardLine(p, lang))} (${mdCode(p.id)})`],
        [HEADINGS.asOf[lang], mdText(result.asOf)],
        [HEADINGS.inputs[lang], result.inputs.length ? result.inputs.map((i) => mdCode(i)).join('<br>') : HEADINGS.none[lang]],
        [HEADINGS.resources[lang], String(result.resourceCount)],
        ['muniguard', mdText(VERSION)],
      ],
    ),
    '',
  );

  // summary
  const { summary, blocking } = counts(result);
  out.push(`### ${HEADINGS.summary[lang]}`, '');
  out.push(
    ...table(
      [...SUMMARY_ORDER.map((s) => s.label[lang]), ja ? '必須項目の不適合・エラー' : 'Mandatory fail/error'],
      [[...SUMMARY_ORDER.map((s) => String(summary[s.key])), String(blocking)]],
      SUMMARY_ORDER.map(() => 'r' as const).concat('r'),
    ),
    '',
  );

  // findings
  const sorted = sortedFindings(result.findings);
  const problems = sorted.filter((f) => f.verdict !== 'pass');
  const passes = sorted.filter((f) => f.verdict === 'pass');
  out.push(`### ${HEADINGS.findings[lang]}`, '');
  if (problems.length) {
    out.push(
      ...table(
        ja
          ? ['判定', '重要度', '区分', '分野', 'コントロール', 'リソース', 'メッセージ', '条項']
          : ['Verdict', 'Severity', 'Enforcement', 'Family', 'Control', 'Resource', 'Message', 'Clauses'],
        problems.map((f) => findingRow(f, lang)),
      ),
      '',
    );
  } else {
    out.push(ja ? '不適合・エラー・判定不能・例外承認済の検出結果はありません。' : 'No failing, erroring, unknown or waived findings.', '');
  }
  if (passes.length) {
    const label = ja ? `${HEADINGS.passes.ja} ${passes.length} 件` : `${HEADINGS.passes.en}: ${passes.length}`;
    out.push('<details>', `<summary>${label}</summary>`, '');
    out.push(
      ...table(
        ja ? ['分野', 'コントロール', 'リソース', '条項'] : ['Family', 'Control', 'Resource', 'Clauses'],
        passes.map((f) => [mdText(familyLabel(f.family, lang)), mdCode(f.controlId), mdCode(f.resource.address), clausesCell(f, lang)]),
      ),
      '',
      '</details>',
      '',
    );
  }

  if (result.unmatchedWaivers.length) {
    out.push(`### ${HEADINGS.unmatchedWaivers[lang]}`, '');
    for (const w of result.unmatchedWaivers) out.push(`- ${mdText(unmatchedWaiverSummary(w, lang))}`);
    out.push('');
  }

  if (result.parameters.length) {
    out.push(`### ${HEADINGS.parameters[lang]}`, '');
    out.push(
      ...table(
        ja ? ['パラメータ', '値', '出典・根拠', '説明'] : ['Parameter', 'Value', 'Source and rationale', 'Description'],
        result.parameters.map((r) => [
          mdCode(r.name),
          mdCode(formatValue(r.value)),
          mdText(parameterProvenance(r, p, lang)),
          r.description ? mdText(r.description[lang]) : '',
        ]),
      ),
      '',
    );
  }

  const nManual = result.manualClauses.length;
  out.push(`### ${HEADINGS.manual[lang]}${ja ? `（${nManual} 件）` : ` (${nManual})`}`, '');
  if (result.manualClauses.length) {
    out.push(
      ja
        ? '自動では確認できない条項です。保存する証跡を確認したら、チェックを付けてください。'
        : 'These clauses cannot be checked automatically. Tick each one once its evidence is on file.',
      '',
    );
    for (const c of result.manualClauses) out.push(...checklistItem(p.id, c, c.manual, ja ? '保存する証跡' : 'Evidence to keep', lang));
  } else {
    out.push(HEADINGS.none[lang]);
  }
  out.push('');

  if (result.plannedClauses.length) {
    out.push(`### ${HEADINGS.planned[lang]}`, '');
    for (const c of result.plannedClauses) out.push(...checklistItem(p.id, c, c.planned, ja ? '予定' : 'Planned', lang));
    out.push('');
  }
  return out.join('\n');
}

function findingRow(f: Finding, lang: Lang): string[] {
  const resource = mdCode(f.resource.address) + (f.path ? `<br>${mdCode(f.path)}` : '');
  let message = mdText(f.message[lang]);
  if (f.waiver) message += `<br>_${mdText(waiverSummary(f.waiver, lang))}_`;
  const verdict = VERDICT_LABELS[f.verdict][lang];
  return [
    f.verdict === 'fail' || f.verdict === 'error' ? `**${verdict}**` : verdict,
    SEVERITY_LABELS[f.severity][lang],
    ENFORCEMENT_LABELS[f.enforcement][lang],
    mdText(familyLabel(f.family, lang)),
    mdCode(f.controlId),
    resource,
    message,
    clausesCell(f, lang),
  ];
}

function clausesCell(f: Finding, lang: Lang): string {
  return f.clauses.map((c) => mdText(clauseCitation(c, lang))).join('<br>');
}

/** `- [ ] **osaka 7⑪エ** title` with the evidence on the next line (a hard break). */
function checklistItem(standard: string, c: Clause, detail: { ja: string; en: string } | undefined, label: string, lang: Lang): string[] {
  const head = `- [ ] **${mdText(`${standard} ${c.path}`)}** ${mdText(c.title[lang])}`;
  if (!detail?.[lang]) return [head];
  return [`${head}\\`, `  ${label}: ${mdText(detail[lang].replace(/\s*\n\s*/g, ' '))}`];
}
