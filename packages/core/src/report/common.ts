/**
 * Shared vocabulary of the human-facing report writers (text, markdown, csv, junit, sarif):
 * verdict / severity / enforcement labels, the one ordering every report uses, clause citations
 * and parameter provenance. Internal to `report/`; the writers are the public surface.
 */
import { FAMILIES, FAMILY_LABELS, SEVERITIES, type Family, type Severity } from '../control';
import type { ClauseRef, Finding, FindingVerdict, ScanResult } from '../evaluate';
import type { Lang, Text } from '../i18n';
import type { Enforcement, Profile, ResolvedParameter } from '../profile';
import type { Waiver, WaiverRecord } from '../waivers';

/** What a writer needs of a baseline comparison (core/baseline.ts): the file and each finding's status. */
export interface BaselineView {
  file: string;
  statusOf(f: Finding): 'new' | 'existing' | null;
}

export interface ReportOptions {
  lang: Lang;
  /** With --baseline: writers mark existing findings (JUnit skips them, CSV adds a column). */
  baseline?: BaselineView;
}

/**
 * Characters from scanned data that a terminal or a rendered document must not act on: C0/C1
 * controls (ESC, CSI, BEL…) except tab and newline, and bidirectional overrides. Shown as a
 * visible `\uXXXX` (CR and CRLF become LF) so a hostile name cannot repaint the terminal or
 * reorder what the reader sees.
 */
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function visibleControls(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

export const VERDICT_LABELS: Record<FindingVerdict, Text> = {
  fail: { ja: '不適合', en: 'Fail' },
  error: { ja: 'エラー', en: 'Error' },
  unknown: { ja: '判定不能', en: 'Unknown' },
  waived: { ja: '例外承認済', en: 'Waived' },
  pass: { ja: '適合', en: 'Pass' },
  'not-applicable': { ja: '対象外', en: 'Not applicable' },
};

export const SEVERITY_LABELS: Record<Severity, Text> = {
  critical: { ja: '重大', en: 'critical' },
  high: { ja: '高', en: 'high' },
  medium: { ja: '中', en: 'medium' },
  low: { ja: '低', en: 'low' },
};

export const ENFORCEMENT_LABELS: Record<Enforcement, Text> = {
  mandatory: { ja: '必須', en: 'mandatory' },
  advisory: { ja: '推奨', en: 'advisory' },
};

export const WAIVER_STATUS_LABELS: Record<WaiverRecord['status'], Text> = {
  active: { ja: '有効', en: 'active' },
  expired: { ja: '期限切れ', en: 'expired' },
};

/** Summary keys in report order (problems first), with their labels. */
export const SUMMARY_ORDER: { key: keyof ScanResult['summary']; label: Text }[] = [
  { key: 'fail', label: VERDICT_LABELS.fail },
  { key: 'error', label: VERDICT_LABELS.error },
  { key: 'unknown', label: VERDICT_LABELS.unknown },
  { key: 'waived', label: VERDICT_LABELS.waived },
  { key: 'pass', label: VERDICT_LABELS.pass },
  { key: 'notApplicable', label: VERDICT_LABELS['not-applicable'] },
];

/** fail and error first, then unknown, waived, pass. */
const VERDICT_RANK: Record<FindingVerdict, number> = { fail: 0, error: 0, unknown: 1, waived: 2, pass: 3, 'not-applicable': 4 };

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one order of every report: family (enum order), verdict (fail/error, unknown, waived,
 * pass), mandatory before advisory, most severe first, then control id, address, path.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family) ||
    VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
    (a.enforcement === b.enforcement ? 0 : a.enforcement === 'mandatory' ? -1 : 1) ||
    SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
    compareStrings(a.controlId, b.controlId) ||
    compareStrings(a.resource.address, b.resource.address) ||
    compareStrings(a.path ?? '', b.path ?? '')
  );
}

export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Findings grouped by family, families in enum order, each group sorted. */
export function byFamily(findings: readonly Finding[]): { family: Family; findings: Finding[] }[] {
  const groups = new Map<Family, Finding[]>();
  for (const f of sortedFindings(findings)) {
    let g = groups.get(f.family);
    if (!g) groups.set(f.family, (g = []));
    g.push(f);
  }
  return FAMILIES.filter((f) => groups.has(f)).map((family) => ({ family, findings: groups.get(family)! }));
}

export function familyLabel(family: Family, lang: Lang): string {
  return FAMILY_LABELS[family]?.[lang] ?? family;
}

/** `osaka 7⑪エ <title>` */
export function clauseCitation(c: ClauseRef, lang: Lang): string {
  return `${c.standard} ${c.path} ${c.title[lang]}`.trimEnd();
}

/** `osaka 7⑪エ` */
export function clauseShort(c: ClauseRef): string {
  return `${c.standard} ${c.path}`;
}

/** A finding that is a problem for the run (the exit code's reading, --fail-on fail). */
export function isBlocking(f: Finding): boolean {
  return f.enforcement === 'mandatory' && (f.verdict === 'fail' || f.verdict === 'error');
}

export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One line on a waiver record: who approved it, until when, its status and reference. */
export function waiverSummary(w: WaiverRecord, lang: Lang): string {
  const status = WAIVER_STATUS_LABELS[w.status][lang];
  const ref = w.reference ? (lang === 'ja' ? `、${w.reference}` : `, ${w.reference}`) : '';
  return lang === 'ja'
    ? `例外措置（${status}）: 承認者 ${w.approvedBy}、承認日 ${w.approvedOn}、有効期限 ${w.expires}${ref}、理由: ${w.reason}（${w.origin}）`
    : `Waiver (${status}): approved by ${w.approvedBy} on ${w.approvedOn}, expires ${w.expires}${ref}; reason: ${w.reason} (${w.origin})`;
}

export function unmatchedWaiverSummary(w: Waiver, lang: Lang): string {
  return lang === 'ja'
    ? `${w.origin}: コントロール ${w.control}、対象 ${w.resources.join(', ')}、有効期限 ${w.expires} — 該当する検出結果がありません`
    : `${w.origin}: control ${w.control}, resources ${w.resources.join(', ')}, expires ${w.expires} — matched no finding`;
}

export const PARAMETER_SOURCE_LABELS: Record<ResolvedParameter['source'], Text> = {
  user: { ja: '利用者の設定', en: 'set by the user' },
  standard: { ja: '基準の定め', en: 'stated by the standard' },
  default: { ja: 'muniguard の推奨値', en: "muniguard's recommended default" },
};

/**
 * Where a parameter's value comes from, in words. A default reads as the project's
 * recommendation and says explicitly that the standard does not state it.
 */
export function parameterProvenance(p: ResolvedParameter, profile: Profile, lang: Lang): string {
  const label = PARAMETER_SOURCE_LABELS[p.source][lang];
  switch (p.source) {
    case 'user':
      if (!p.file) return label;
      return lang === 'ja' ? `${label}（${p.file}）` : `${label} (${p.file})`;
    case 'standard': {
      if (!p.clause) return label;
      const title = profile.clauses.find((c) => c.path === p.clause)?.title[lang];
      const cite = `${profile.id} ${p.clause}${title ? ` ${title}` : ''}`;
      return lang === 'ja' ? `${label}（${cite}）` : `${label} (${cite})`;
    }
    case 'default': {
      const not =
        lang === 'ja'
          ? `${label}（${profile.municipality.ja}の基準が定める値ではありません）`
          : `${label} (not a requirement of ${profile.municipality.en}'s standard)`;
      const why = p.rationale?.[lang];
      return why ? `${not}: ${why}` : not;
    }
  }
}

/** `<municipality> <standard title>（<date>）` */
export function standardLine(profile: Profile, lang: Lang): string {
  const s = profile.standard;
  const stated = [s.version, s.date].filter(Boolean).join(', ');
  const when = stated ? (lang === 'ja' ? `（${stated}）` : ` (${stated})`) : '';
  return `${profile.municipality[lang]} ${s.title[lang]}${when}`;
}

export interface Counts {
  summary: ScanResult['summary'];
  /** fail + error findings whose enforcement is mandatory (what exits 1). */
  blocking: number;
}

export function counts(result: ScanResult): Counts {
  return { summary: result.summary, blocking: result.findings.filter(isBlocking).length };
}

/** 不適合 2（必須 1）/ エラー 0 / … — the one summary line. */
export function summaryLine(result: ScanResult, lang: Lang): string {
  const { summary, blocking } = counts(result);
  const parts = SUMMARY_ORDER.map(({ key, label }) => (lang === 'ja' ? `${label.ja} ${summary[key]} 件` : `${label.en} ${summary[key]}`));
  const tail = lang === 'ja' ? `（必須項目の不適合・エラー ${blocking} 件）` : ` (mandatory fail/error: ${blocking})`;
  return parts.join(' / ') + tail;
}

export const HEADINGS = {
  title: { ja: '情報セキュリティ対策基準 点検結果', en: 'Information security standard check' },
  standard: { ja: '基準', en: 'Standard' },
  asOf: { ja: '基準日', en: 'As of' },
  inputs: { ja: '入力', en: 'Inputs' },
  resources: { ja: 'リソース数', en: 'Resources' },
  findings: { ja: '検出結果', en: 'Findings' },
  summary: { ja: '集計', en: 'Summary' },
  unmatchedWaivers: { ja: '該当のない例外措置', en: 'Waivers that matched nothing' },
  parameters: { ja: 'パラメータ', en: 'Parameters' },
  manual: { ja: '自己点検で確認が必要な項目', en: 'Clauses to confirm by self-inspection' },
  planned: { ja: '自動化予定の条項（現時点では手動で確認）', en: 'Clauses not yet automated (confirm by hand for now)' },
  clauses: { ja: '根拠', en: 'Clauses' },
  passes: { ja: '適合', en: 'Passed' },
  none: { ja: 'なし', en: 'none' },
} satisfies Record<string, Text>;

export function manualCountLine(result: ScanResult, lang: Lang): string {
  const n = result.manualClauses.length;
  return lang === 'ja' ? `自己点検で確認が必要な項目 ${n} 件` : `${n} clause${n === 1 ? '' : 's'} to confirm by self-inspection`;
}
