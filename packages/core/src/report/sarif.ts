import { createHash } from 'node:crypto';
import type { Control, Severity } from '../control';
import type { Finding, ScanResult } from '../evaluate';
import type { Lang, Text } from '../i18n';
import type { Profile } from '../profile';
import { VERSION } from '../version';
import { HEADINGS, clauseShort, sortedFindings, type ReportOptions } from './common';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions extends ReportOptions {
  /** Control metadata (title, summary, remediation) for the rules, by id. */
  controls: ReadonlyMap<string, Control>;
  informationUri?: string;
}

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** GitHub code scanning reads `security-severity` (a CVSS-like score) to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** The verdicts that become SARIF results; passes do not. */
const REPORTED = new Set(['fail', 'error', 'unknown', 'waived']);

/** error for a mandatory fail/error, warning for an advisory fail/error and for unknown, note for waived. */
export function sarifLevel(f: Finding): SarifLevel {
  switch (f.verdict) {
    case 'fail':
    case 'error':
      return f.enforcement === 'mandatory' ? 'error' : 'warning';
    case 'unknown':
      return 'warning';
    case 'waived':
      return 'note';
    default:
      return 'none';
  }
}

/** Stable across runs and machines: the same control, resource and property give the same value. */
export function findingFingerprint(f: Pick<Finding, 'controlId' | 'path'> & { resource: { address: string } }): string {
  return createHash('sha256').update(JSON.stringify([f.controlId, f.resource.address, f.path ?? ''])).digest('hex');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A relative file path (or an address) as a URI reference: forward slashes, segments percent-encoded. */
export function toUriReference(p: string): string {
  const s = p.replace(LONE_SURROGATE, '\uFFFD').replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(s);
  const absolute = drive || s.startsWith('/');
  const segments = (drive ? `/${s}` : s).split('/').map((seg, i) => (drive && i === 1 ? seg : encodeURIComponent(seg)));
  const joined = segments.join('/');
  return absolute ? `file://${joined}` : joined.replace(/^(\.\/)+/, '');
}

function pascal(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** The clauses a control enforces in this profile, from the profile (or, failing that, the findings). */
function ruleClauses(profile: Profile, controlId: string, findings: readonly Finding[]): { cite: string; title: Text }[] {
  const fromProfile = profile.clauses.filter((c) => (c.controls ?? []).some((m) => m.id === controlId));
  if (fromProfile.length) return fromProfile.map((c) => ({ cite: `${profile.id} ${c.path}`, title: c.title }));
  const seen = new Map<string, Text>();
  for (const f of findings) if (f.controlId === controlId) for (const c of f.clauses) seen.set(clauseShort(c), c.title);
  return [...seen].map(([cite, title]) => ({ cite, title }));
}

function enforcementOf(profile: Profile, controlId: string, findings: readonly Finding[]): 'mandatory' | 'advisory' {
  const override = profile.overrides[controlId]?.enforcement;
  if (override) return override;
  const mappings = profile.clauses.flatMap((c) => (c.controls ?? []).filter((m) => m.id === controlId));
  if (mappings.length) return mappings.some((m) => m.enforcement === 'mandatory') ? 'mandatory' : 'advisory';
  return findings.some((f) => f.controlId === controlId && f.enforcement === 'mandatory') ? 'mandatory' : 'advisory';
}

function rule(controlId: string, result: ScanResult, options: SarifOptions): Record<string, unknown> {
  const lang: Lang = options.lang;
  const control = options.controls.get(controlId);
  const findings = result.findings;
  const family = control?.family ?? findings.find((f) => f.controlId === controlId)?.family ?? 'classification';
  const severity = control?.severity ?? findings.find((f) => f.controlId === controlId)?.severity ?? 'high';
  const clauses = ruleClauses(result.profile, controlId, findings).map(({ cite, title }) => `${cite} ${title[lang]}`.trimEnd());
  const title = control?.title[lang] ?? controlId;
  const summary = control?.summary[lang] ?? title;
  const remediation = control?.remediation[lang] ?? '';
  const clauseHeading = lang === 'ja' ? `根拠となる条項（${result.profile.municipality.ja}）` : `Clauses (${result.profile.municipality.en})`;
  const remediationHeading = lang === 'ja' ? '是正方法' : 'Remediation';
  const helpText = [remediation, clauses.length ? `${clauseHeading}:\n${clauses.map((c) => `- ${c}`).join('\n')}` : '']
    .filter(Boolean)
    .join('\n\n');
  const helpMarkdown = [
    remediation ? `**${remediationHeading}**\n\n${remediation}` : '',
    clauses.length ? `**${clauseHeading}**\n\n${clauses.map((c) => `- ${c}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    id: controlId,
    name: pascal(controlId),
    shortDescription: { text: title },
    fullDescription: { text: summary },
    help: { text: helpText || title, markdown: helpMarkdown || title },
    defaultConfiguration: { level: enforcementOf(result.profile, controlId, findings) === 'mandatory' ? 'error' : 'warning' },
    properties: {
      tags: [family, 'muniguard', result.profile.id],
      'security-severity': SECURITY_SEVERITY[severity],
      severity,
    },
  };
}

function sarifResult(f: Finding, ruleIndex: number, lang: Lang): Record<string, unknown> {
  const cites = f.clauses.map(clauseShort).join('; ');
  const text = f.message[lang] + (cites ? ` — ${HEADINGS.clauses[lang]}: ${cites}` : '');
  const out: Record<string, unknown> = {
    ruleId: f.controlId,
    ruleIndex,
    level: sarifLevel(f),
    message: { text },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: toUriReference(f.resource.file ?? f.resource.address) } },
        logicalLocations: [{ fullyQualifiedName: f.resource.address, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'muniguard/v1': findingFingerprint(f) },
    properties: {
      clauses: f.clauses,
      severity: f.severity,
      enforcement: f.enforcement,
      verdict: f.verdict,
      family: f.family,
      resourceKind: f.resource.kind,
      ...(f.path ? { path: f.path } : {}),
      ...(f.waiver ? { waiver: f.waiver } : {}),
    },
  };
  if (f.verdict === 'waived' && f.waiver) {
    const w = f.waiver;
    const ref = w.reference ? (lang === 'ja' ? `、${w.reference}` : `, ${w.reference}`) : '';
    out.suppressions = [
      {
        kind: 'external',
        status: 'accepted',
        justification:
          lang === 'ja'
            ? `${w.reason}（承認者 ${w.approvedBy}、承認日 ${w.approvedOn}、有効期限 ${w.expires}${ref}）`
            : `${w.reason} (approved by ${w.approvedBy} on ${w.approvedOn}, expires ${w.expires}${ref})`,
        properties: { origin: w.origin, approvedBy: w.approvedBy, approvedOn: w.approvedOn, expires: w.expires, ...(w.reference ? { reference: w.reference } : {}) },
      },
    ];
  }
  return out;
}

/** The SARIF 2.1.0 log object (one run). */
export function toSarif(result: ScanResult, options: SarifOptions): Record<string, unknown> {
  const lang: Lang = options.lang ?? 'ja';
  const findings = sortedFindings(result.findings);
  const ruleIds = [...new Set(findings.map((f) => f.controlId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'muniguard',
            version: VERSION,
            semanticVersion: VERSION,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: ruleIds.map((id) => rule(id, result, { ...options, lang })),
          },
        },
        language: lang,
        results: findings.filter((f) => REPORTED.has(f.verdict)).map((f) => sarifResult(f, ruleIndex.get(f.controlId)!, lang)),
        properties: {
          profile: { id: result.profile.id, title: result.profile.standard.title, municipality: result.profile.municipality },
          asOf: result.asOf,
          inputs: result.inputs,
          resourceCount: result.resourceCount,
          summary: result.summary,
        },
      },
    ],
  };
}

/**
 * SARIF 2.1.0 for code scanning: rules are the controls that produced findings (help =
 * remediation + clauses), results are the fail / error / unknown / waived findings (waived ones
 * carry an accepted external suppression), each with a stable `muniguard/v1` fingerprint.
 */
export function writeSarif(result: ScanResult, options: SarifOptions): string {
  return JSON.stringify(toSarif(result, options), null, 2) + '\n';
}
