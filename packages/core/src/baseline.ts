/**
 * Baselines (ベースライン): adopt muniguard on an existing estate without fixing everything on day
 * one. `--write-baseline FILE` records the current problem findings by a stable fingerprint
 * (control id + resource address + property path, never message text); `--baseline FILE`
 * reports everything but fails the run only on findings that are not in the file, and reports
 * the recorded findings that are gone as fixed.
 *
 * What a baseline covers (decided here, documented in examples/ci/README.md):
 * - it records `fail`, `error` and `unknown` findings, mandatory and advisory alike;
 * - it never records a waived finding: waivers are the approved, expiring way to accept a
 *   finding, and a finding whose waiver is deleted must fail again, not hide in the baseline;
 * - a finding under an **expired** waiver, and the expired-waiver finding itself, is always
 *   `new`, even when its fingerprint is in the baseline: an expiry is a new event each time it
 *   happens (renew the waiver or fix the resource), never accepted debt;
 * - a baseline belongs to one profile: using it with another profile is an input error.
 *
 * The report writers stay baseline-free; the functions at the end of this file add the
 * comparison to each format's output (only adding fields to the JSON contract).
 */
import * as fs from 'node:fs';
import type { Finding, FindingVerdict, ScanResult } from './evaluate';
import { exitCodeFor } from './evaluate';
import { InputError, parseJsonFile } from './errors';
import type { Lang, Text } from './i18n';
import { compileSchema, describeErrors } from './schema';
import { VERSION } from './version';
import { ENFORCEMENT_LABELS, HEADINGS, VERDICT_LABELS, sortedFindings, visibleControls } from './report/common';
import { mdCode, mdText } from './report/markdown';
import { findingFingerprint } from './report/sarif';

export const BASELINE_SCHEMA_VERSION = 1;

/** The verdicts a baseline records and compares. */
export type BaselinedVerdict = 'fail' | 'error' | 'unknown';
const BASELINED: ReadonlySet<FindingVerdict> = new Set<FindingVerdict>(['fail', 'error', 'unknown']);

export type BaselineStatus = 'new' | 'existing';

export interface BaselineEntry {
  fingerprint: string;
  /** For people reading the file: what the fingerprint is made of. */
  controlId: string;
  address: string;
  path: string | null;
  verdict: BaselinedVerdict;
}

export interface Baseline {
  schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  tool: { name: 'muniguard'; version: string };
  profile: { id: string };
  /** When the file was written (ISO 8601, UTC). */
  createdAt: string;
  /** The scan's as-of date. */
  asOf: string;
  findings: BaselineEntry[];
}

/** A finding a baseline may record: a fail / error / unknown verdict not under an expired waiver. */
export function isBaselinable(f: Finding): boolean {
  return BASELINED.has(f.verdict) && f.waiver?.status !== 'expired';
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The baseline of a scan: its baselinable findings, one entry per fingerprint, in a stable order. */
export function createBaseline(result: ScanResult, now: Date = new Date()): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const f of result.findings) {
    if (!isBaselinable(f)) continue;
    const fingerprint = findingFingerprint(f);
    if (!entries.has(fingerprint)) {
      entries.set(fingerprint, { fingerprint, controlId: f.controlId, address: f.resource.address, path: f.path, verdict: f.verdict as BaselinedVerdict });
    }
  }
  const findings = [...entries.values()].sort(
    (a, b) => compareStrings(a.controlId, b.controlId) || compareStrings(a.address, b.address) || compareStrings(a.path ?? '', b.path ?? ''),
  );
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    tool: { name: 'muniguard', version: VERSION },
    profile: { id: result.profile.id },
    createdAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    asOf: result.asOf,
    findings,
  };
}

export function serializeBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

const BASELINE_SCHEMA: Record<string, unknown> = {
  type: 'object',
  required: ['schemaVersion', 'tool', 'profile', 'createdAt', 'asOf', 'findings'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: BASELINE_SCHEMA_VERSION },
    tool: {
      type: 'object', required: ['name', 'version'], additionalProperties: false,
      properties: { name: { const: 'muniguard' }, version: { type: 'string', minLength: 1 } },
    },
    profile: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', minLength: 1 } } },
    createdAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' },
    asOf: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    findings: {
      type: 'array',
      items: {
        type: 'object', required: ['fingerprint', 'controlId', 'address', 'path', 'verdict'], additionalProperties: false,
        properties: {
          fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          controlId: { type: 'string', minLength: 1 },
          address: { type: 'string', minLength: 1 },
          path: { type: ['string', 'null'] },
          verdict: { enum: [...BASELINED] },
        },
      },
    },
  },
};

/**
 * Parse and validate a baseline file's text. Anything that is not exactly a baseline this
 * version understands is an InputError naming the file: a broken baseline never passes a run.
 */
export function parseBaseline(file: string, text: string): Baseline {
  const data = parseJsonFile(file, text);
  const version = data && typeof data === 'object' && !Array.isArray(data) ? (data as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version !== undefined && version !== BASELINE_SCHEMA_VERSION) {
    throw new InputError(file, `baseline schemaVersion ${JSON.stringify(version)} is not supported by muniguard ${VERSION} (supported: ${BASELINE_SCHEMA_VERSION}); write it again with --write-baseline`);
  }
  const validate = compileSchema(BASELINE_SCHEMA);
  if (!validate(data)) throw new InputError(file, `is not a muniguard baseline: ${describeErrors(validate.errors)}`);
  const baseline = data as Baseline;
  const seen = new Map<string, number>();
  baseline.findings.forEach((e, i) => {
    if (findingFingerprint({ controlId: e.controlId, path: e.path, resource: { address: e.address } }) !== e.fingerprint) {
      throw new InputError(file, `findings[${i}].fingerprint does not match its controlId/address/path (edited by hand? write it again with --write-baseline)`);
    }
    const first = seen.get(e.fingerprint);
    if (first !== undefined) throw new InputError(file, `findings[${i}] repeats findings[${first}]`);
    seen.set(e.fingerprint, i);
  });
  return baseline;
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'no such baseline file (create it with --write-baseline)' : `cannot read the baseline: ${code ?? String(error)}`);
  }
  return parseBaseline(file, text);
}

export function writeBaseline(file: string, baseline: Baseline): void {
  try {
    fs.writeFileSync(file, serializeBaseline(baseline));
  } catch (error) {
    throw new InputError(file, `cannot write the baseline: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** A scan compared with a baseline. */
export interface BaselineComparison {
  /** The baseline file as the user named it. */
  file: string;
  /** `new` / `existing` for a fail, error or unknown finding; null for pass and waived ones. */
  statusOf(f: Finding): BaselineStatus | null;
  /** How many findings are new / already in the baseline. */
  new: number;
  existing: number;
  /** Baseline entries with no fail / error / unknown / waived finding left: fixed (or the resource is gone). */
  fixed: BaselineEntry[];
}

/** Compare a scan with a baseline (linear: one fingerprint per finding). */
export function compareBaseline(result: ScanResult, baseline: Baseline, file: string): BaselineComparison {
  if (baseline.profile.id !== result.profile.id) {
    throw new InputError(file, `the baseline was written for profile ${baseline.profile.id}, this scan uses profile ${result.profile.id}`);
  }
  const recorded = new Set(baseline.findings.map((e) => e.fingerprint));
  const still = new Set<string>();
  const status = new Map<Finding, BaselineStatus>();
  let nNew = 0;
  let nExisting = 0;
  for (const f of result.findings) {
    if (f.verdict === 'pass' || f.verdict === 'not-applicable') continue;
    const fingerprint = findingFingerprint(f);
    still.add(fingerprint);
    if (!BASELINED.has(f.verdict)) continue; // waived
    const s: BaselineStatus = isBaselinable(f) && recorded.has(fingerprint) ? 'existing' : 'new';
    status.set(f, s);
    if (s === 'new') nNew++;
    else nExisting++;
  }
  return {
    file,
    statusOf: (f) => status.get(f) ?? null,
    new: nNew,
    existing: nExisting,
    fixed: baseline.findings.filter((e) => !still.has(e.fingerprint)),
  };
}

/** The exit code with a baseline: as `exitCodeFor`, counting only the new findings. */
export function exitCodeWithBaseline(result: ScanResult, comparison: BaselineComparison, failOn: 'fail' | 'unknown' | 'never'): 0 | 1 {
  return exitCodeFor({ ...result, findings: result.findings.filter((f) => comparison.statusOf(f) === 'new') }, failOn);
}

/** A finding that fails a run under `failOn` (mandatory fail/error, unknown too with failOn=unknown; `never` lists as `fail`). */
function failing(f: Finding, failOn: 'fail' | 'unknown' | 'never'): boolean {
  return exitCodeFor({ findings: [f] } as ScanResult, failOn === 'never' ? 'fail' : failOn) === 1;
}

/** The comparison as data: the JSON report's top-level `baseline` and SARIF's run property. */
export function baselineSummary(c: BaselineComparison): { file: string; new: number; existing: number; fixed: BaselineEntry[] } {
  return { file: c.file, new: c.new, existing: c.existing, fixed: c.fixed };
}

// ---------------------------------------------------------------------------------------------
// The comparison in each report format. Writers are untouched; these add to what they produce.
// ---------------------------------------------------------------------------------------------

const STATUS_LABELS: Record<BaselineStatus | 'fixed', Text> = {
  new: { ja: '新規', en: 'new' },
  existing: { ja: '既存', en: 'existing' },
  fixed: { ja: '解消', en: 'fixed' },
};

const BASELINE_HEADING: Text = { ja: 'ベースラインとの比較', en: 'Compared with the baseline' };

function countsLine(c: BaselineComparison, lang: Lang): string {
  return lang === 'ja'
    ? `新規 ${c.new} 件 / 既存 ${c.existing} 件 / 解消 ${c.fixed.length} 件`
    : `new ${c.new} / existing ${c.existing} / fixed ${c.fixed.length}`;
}

function newFailingLine(n: number, lang: Lang): string {
  return lang === 'ja'
    ? `新規の必須項目の不適合 ${n} 件（終了コードは新規の検出結果だけで決まります）`
    : `new mandatory failures: ${n} (the exit code counts new findings only)`;
}

function where(controlId: string, address: string, path: string | null): string {
  return `${controlId}  ${address}${path ? ` (${path})` : ''}`;
}

/** Per-finding `baseline` and a top-level `baseline` block on the JSON contract's document (fields only added). */
export function withBaselineJson(doc: Record<string, unknown>, result: ScanResult, c: BaselineComparison): Record<string, unknown> {
  const findings = doc.findings as Record<string, unknown>[];
  if (!Array.isArray(findings) || findings.length !== result.findings.length) throw new Error('JSON report and scan result disagree on the findings');
  return {
    ...doc,
    findings: findings.map((f, i) => ({ ...f, baseline: c.statusOf(result.findings[i]) })),
    baseline: baselineSummary(c),
  };
}

/**
 * SARIF `baselineState` (`new` / `unchanged`) on each fail, error and unknown result, and the
 * comparison in `runs[0].properties.baseline`. Fixed findings are listed there and not written
 * as `absent` results: GitHub code scanning turns every result into an alert whatever its
 * `kind` or `baselineState`, so an `absent` result would reopen the problem that was fixed
 * (GitHub closes an alert by itself when its result stops appearing).
 */
export function withBaselineSarif(log: Record<string, unknown>, result: ScanResult, c: BaselineComparison): Record<string, unknown> {
  const byFingerprint = new Map<string, BaselineStatus>();
  for (const f of result.findings) {
    const s = c.statusOf(f);
    if (!s) continue;
    const fp = findingFingerprint(f);
    if (byFingerprint.get(fp) !== 'new') byFingerprint.set(fp, s); // findings sharing a fingerprint: new wins
  }
  const runs = (log.runs as Record<string, unknown>[]).map((run) => ({
    ...run,
    results: (run.results as Record<string, unknown>[]).map((r) => {
      const s = byFingerprint.get((r.partialFingerprints as Record<string, string>)['muniguard/v1']);
      return s ? { ...r, baselineState: s === 'new' ? 'new' : 'unchanged' } : r;
    }),
    properties: { ...(run.properties as Record<string, unknown>), baseline: baselineSummary(c) },
  }));
  return { ...log, runs };
}

/** Text: a section before the final summary line (counts, the new failing findings, the fixed ones). */
export function withBaselineText(text: string, result: ScanResult, c: BaselineComparison, lang: Lang, failOn: 'fail' | 'unknown' | 'never' = 'fail'): string {
  const safe = visibleControls;
  const lines = ['', `■ ${BASELINE_HEADING[lang]} (${safe(c.file)})`, `  ${countsLine(c, lang)}`];
  const blocking = sortedFindings(result.findings).filter((f) => c.statusOf(f) === 'new' && failing(f, failOn));
  lines.push(`  ${newFailingLine(blocking.length, lang)}`);
  for (const f of blocking) lines.push(`    ${STATUS_LABELS.new[lang]}: ${VERDICT_LABELS[f.verdict][lang]} ${safe(where(f.controlId, f.resource.address, f.path))}`);
  for (const e of c.fixed) lines.push(`    ${STATUS_LABELS.fixed[lang]}: ${safe(where(e.controlId, e.address, e.path))}`);
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const cut = body.lastIndexOf('\n') + 1;
  return `${body.slice(0, cut)}${lines.join('\n')}\n${body.slice(cut)}\n`;
}

/** Markdown: a section after the summary table (counts, new findings that fail, fixed ones). */
export function withBaselineMarkdown(md: string, result: ScanResult, c: BaselineComparison, lang: Lang, failOn: 'fail' | 'unknown' | 'never' = 'fail'): string {
  const ja = lang === 'ja';
  const out = [`### ${mdText(BASELINE_HEADING[lang])} (${mdCode(c.file, false)})`, ''];
  out.push(
    `| ${STATUS_LABELS.new[lang]} | ${STATUS_LABELS.existing[lang]} | ${STATUS_LABELS.fixed[lang]} |`,
    '| ---: | ---: | ---: |',
    `| ${c.new} | ${c.existing} | ${c.fixed.length} |`,
    '',
  );
  const blocking = sortedFindings(result.findings).filter((f) => c.statusOf(f) === 'new' && failing(f, failOn));
  out.push(mdText(newFailingLine(blocking.length, lang)), '');
  for (const f of blocking) {
    out.push(`- **${mdText(VERDICT_LABELS[f.verdict][lang])}** [${mdText(ENFORCEMENT_LABELS[f.enforcement][lang])}] ${mdCode(f.controlId, false)} ${mdCode(f.resource.address, false)}${f.path ? ` ${mdCode(f.path, false)}` : ''}`);
  }
  if (blocking.length) out.push('');
  if (c.fixed.length) {
    out.push(ja ? `${STATUS_LABELS.fixed.ja}（ベースラインにあり、今回は検出されなかったもの）:` : 'Fixed (in the baseline, not found any more):', '');
    for (const e of c.fixed) out.push(`- ${mdCode(e.controlId, false)} ${mdCode(e.address, false)}${e.path ? ` ${mdCode(e.path, false)}` : ''}`);
    out.push('');
  }
  const anchor = `\n### ${HEADINGS.findings[lang]}\n`;
  const at = md.indexOf(anchor);
  if (at < 0) return `${md}${md.endsWith('\n') ? '' : '\n'}\n${out.join('\n')}`;
  return `${md.slice(0, at + 1)}${out.join('\n')}\n${md.slice(at + 1)}`;
}
