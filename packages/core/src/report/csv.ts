import type { Finding, ScanResult } from '../evaluate';
import type { Lang, Text } from '../i18n';
import {
  ENFORCEMENT_LABELS, SEVERITY_LABELS, VERDICT_LABELS, WAIVER_STATUS_LABELS,
  clauseShort, familyLabel, sortedFindings, type ReportOptions,
} from './common';

export type CsvOptions = ReportOptions;

const BASELINE_STATUS_JA = { new: '新規', existing: '既存' } as const;

const COLUMNS: Text[] = [
  { ja: '判定', en: 'verdict' },
  { ja: '重要度', en: 'severity' },
  { ja: '区分', en: 'enforcement' },
  { ja: '分野', en: 'family' },
  { ja: 'コントロールID', en: 'controlId' },
  { ja: 'リソース種別', en: 'resourceKind' },
  { ja: 'アドレス', en: 'address' },
  { ja: 'リージョン', en: 'region' },
  { ja: 'プロパティパス', en: 'path' },
  { ja: 'メッセージ', en: 'message' },
  { ja: '条項', en: 'clauses' },
  { ja: '例外措置', en: 'waiver' },
];

/**
 * One RFC 4180 field. Quoted when it holds a quote, comma or line break (quotes doubled).
 * A field that a spreadsheet would run as a formula (= + - @, tab, CR first) is prefixed with
 * `'` — the data comes from scanned code and the file is opened in Excel.
 */
export function csvField(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function line(fields: string[]): string {
  return fields.map(csvField).join(',');
}

function cells(f: Finding, lang: Lang): string[] {
  const ja = lang === 'ja';
  const w = f.waiver;
  return [
    ja ? VERDICT_LABELS[f.verdict].ja : f.verdict,
    ja ? SEVERITY_LABELS[f.severity].ja : f.severity,
    ja ? ENFORCEMENT_LABELS[f.enforcement].ja : f.enforcement,
    ja ? familyLabel(f.family, 'ja') : f.family,
    f.controlId,
    f.resource.kind,
    f.resource.address,
    f.resource.region ?? '',
    f.path ?? '',
    f.message[lang],
    f.clauses.map(clauseShort).join('; '),
    w ? `${w.approvedBy}/${w.expires}/${ja ? WAIVER_STATUS_LABELS[w.status].ja : w.status}` : '',
  ];
}

/**
 * One row per finding (passes included; not-applicable ones are only counted in the result),
 * a header row in the chosen language, CRLF line ends and a UTF-8 BOM so Excel reads it as
 * UTF-8. Labels are Japanese with `lang: 'ja'`, the JSON contract's codes with `lang: 'en'`.
 */
export function writeCsv(result: ScanResult, options: CsvOptions = { lang: 'ja' }): string {
  const lang: Lang = options.lang ?? 'ja';
  const b = options.baseline;
  // with a baseline: a last column new / existing (新規 / 既存), empty for pass and waived rows
  const status = (f: Finding) => {
    const s = b!.statusOf(f);
    return s ? (lang === 'ja' ? BASELINE_STATUS_JA[s] : s) : '';
  };
  const header = [...COLUMNS.map((c) => c[lang]), ...(b ? [lang === 'ja' ? 'ベースライン' : 'baseline'] : [])];
  const rows = [line(header), ...sortedFindings(result.findings).map((f) => line(b ? [...cells(f, lang), status(f)] : cells(f, lang)))];
  return '\uFEFF' + rows.map((r) => r + '\r\n').join('');
}
