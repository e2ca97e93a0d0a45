import type { Finding, FindingVerdict, ScanResult } from '../evaluate';
import type { Lang } from '../i18n';
import { VERSION } from '../version';
import {
  ENFORCEMENT_LABELS, HEADINGS, SEVERITY_LABELS, VERDICT_LABELS,
  byFamily, clauseCitation, familyLabel, formatValue, manualCountLine, parameterProvenance,
  standardLine, summaryLine, unmatchedWaiverSummary, visibleControls, waiverSummary, type ReportOptions,
} from './common';

export interface TextOptions extends ReportOptions {
  /** ANSI colours on verdicts and headings; off unless asked for. */
  color?: boolean;
}

const ANSI = { red: '31', yellow: '33', cyan: '36', green: '32', bold: '1', dim: '2' } as const;
type Style = keyof typeof ANSI;

const VERDICT_STYLE: Record<FindingVerdict, Style[]> = {
  fail: ['bold', 'red'],
  error: ['bold', 'red'],
  unknown: ['yellow'],
  waived: ['cyan'],
  pass: ['green'],
  'not-applicable': ['dim'],
};

const safe = visibleControls;

/**
 * The terminal report: header, findings by family (fail/error, unknown, waived, then a count
 * of passes), waivers that matched nothing, parameters with their provenance, the number of
 * self-inspection clauses and a summary line. Japanese unless `lang: 'en'`.
 */
export function writeText(result: ScanResult, options: TextOptions = { lang: 'ja' }): string {
  const lang: Lang = options.lang ?? 'ja';
  const paint = (styles: Style[], s: string): string =>
    options.color ? `\u001b[${styles.map((x) => ANSI[x]).join(';')}m${s}\u001b[0m` : s;
  const heading = (s: string): string => paint(['bold'], s);
  const sep = ': ';
  const lines: string[] = [];

  lines.push(heading(`muniguard ${VERSION} — ${HEADINGS.title[lang]}`));
  lines.push(`${HEADINGS.standard[lang]}${sep}${safe(standardLine(result.profile, lang))} [${safe(result.profile.id)}]`);
  lines.push(`${HEADINGS.asOf[lang]}${sep}${result.asOf}`);
  lines.push(`${HEADINGS.inputs[lang]}${sep}${result.inputs.length ? result.inputs.map(safe).join(', ') : HEADINGS.none[lang]}`);
  lines.push(`${HEADINGS.resources[lang]}${sep}${result.resourceCount}`);

  const groups = byFamily(result.findings);
  lines.push('');
  if (groups.length === 0) {
    lines.push(lang === 'ja' ? '検出結果はありません（対象となるリソースがありません）。' : 'No findings: no resource was in scope.');
  }
  for (const { family, findings } of groups) {
    lines.push(heading(`■ ${familyLabel(family, lang)} [${family}]`));
    let passes = 0;
    for (const f of findings) {
      if (f.verdict === 'pass') passes++;
      else lines.push(...findingLines(f, lang, paint));
    }
    if (passes > 0) {
      const label = paint(VERDICT_STYLE.pass, VERDICT_LABELS.pass[lang]);
      lines.push(lang === 'ja' ? `  ${label} ${passes} 件` : `  ${label}: ${passes}`);
    }
    lines.push('');
  }

  if (result.unmatchedWaivers.length) {
    lines.push(heading(`■ ${HEADINGS.unmatchedWaivers[lang]} (${result.unmatchedWaivers.length})`));
    for (const w of result.unmatchedWaivers) lines.push(`  - ${safe(unmatchedWaiverSummary(w, lang))}`);
    lines.push('');
  }

  if (result.parameters.length) {
    lines.push(heading(`■ ${HEADINGS.parameters[lang]}`));
    for (const p of result.parameters) {
      lines.push(`  ${safe(p.name)} = ${safe(formatValue(p.value))}`);
      lines.push(...indent(safe(parameterProvenance(p, result.profile, lang)), '      '));
    }
    lines.push('');
  }

  lines.push(manualCountLine(result, lang) + (result.manualClauses.length ? (lang === 'ja' ? '（--format markdown でチェックリストを出力できます）' : ' (--format markdown prints the checklist)') : ''));
  if (result.plannedClauses.length) {
    const n = result.plannedClauses.length;
    lines.push(lang === 'ja' ? `自動化予定の条項 ${n} 件（現時点では手動で確認してください）` : `${n} clause${n === 1 ? '' : 's'} not yet automated (confirm by hand for now)`);
  }
  lines.push(heading(`${HEADINGS.summary[lang]}${sep}${summaryLine(result, lang)}`));
  return lines.join('\n') + '\n';
}

function findingLines(f: Finding, lang: Lang, paint: (s: Style[], x: string) => string): string[] {
  const verdict = paint(VERDICT_STYLE[f.verdict], VERDICT_LABELS[f.verdict][lang]);
  const tags = `[${SEVERITY_LABELS[f.severity][lang]}/${ENFORCEMENT_LABELS[f.enforcement][lang]}]`;
  const where = safe(f.resource.address) + (f.path ? ` (${safe(f.path)})` : '');
  const out = [`  ${verdict} ${tags} ${safe(f.controlId)}  ${where}`];
  const cites = f.clauses.map((c) => safe(clauseCitation(c, lang))).join('; ');
  const message = safe(f.message[lang]) + (cites ? ` — ${HEADINGS.clauses[lang]}: ${cites}` : '');
  out.push(...indent(message, '      '));
  if (f.waiver) out.push(...indent(safe(waiverSummary(f.waiver, lang)), '      '));
  return out;
}

function indent(s: string, prefix: string): string[] {
  return s.split('\n').map((l) => prefix + l);
}
