import type { Finding, ScanResult } from '../evaluate';
import type { Lang } from '../i18n';
import {
  ENFORCEMENT_LABELS, HEADINGS, SEVERITY_LABELS, VERDICT_LABELS,
  byFamily, clauseCitation, familyLabel, waiverSummary, type ReportOptions,
} from './common';

export interface JunitOptions extends ReportOptions {
  /** As the CLI's --fail-on: with 'unknown', a mandatory unknown is a <failure> too. Default 'fail'. */
  failOn?: 'fail' | 'unknown' | 'never';
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone
 * surrogates): written as a visible `\uXXXX` so the document stays well-formed.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function legal(s: string): string {
  return s.replace(XML_ILLEGAL, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

export function xmlText(s: string): string {
  return legal(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted); whitespace kept as character references so it survives normalization. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

type Outcome = 'passed' | 'failure' | 'skipped';

function outcome(f: Finding, failOn: JunitOptions['failOn'], baseline: JunitOptions['baseline']): Outcome | 'existing' {
  if (f.verdict === 'pass') return 'passed';
  const failure = f.enforcement === 'mandatory' && (f.verdict === 'fail' || f.verdict === 'error' || (f.verdict === 'unknown' && failOn === 'unknown'));
  if (!failure) return 'skipped';
  // recorded in the baseline: reported, but it does not fail the CI test tab
  return baseline?.statusOf(f) === 'existing' ? 'existing' : 'failure';
}

const EXISTING: Record<Lang, (file: string) => { prefix: string; note: string }> = {
  ja: (file) => ({ prefix: '既存: ', note: `ベースライン ${file} に記録済みの既存の検出結果です。新規ではないため、この実行を失敗させません。` }),
  en: (file) => ({ prefix: 'existing: ', note: `An existing finding recorded in the baseline ${file}; it does not fail this run.` }),
};

function detail(f: Finding, lang: Lang): string {
  const head = `${VERDICT_LABELS[f.verdict][lang]} [${SEVERITY_LABELS[f.severity][lang]}/${ENFORCEMENT_LABELS[f.enforcement][lang]}] ${f.controlId} ${f.resource.address}${f.path ? ` (${f.path})` : ''}`;
  const lines = [head, f.message[lang]];
  if (f.clauses.length) lines.push(`${HEADINGS.clauses[lang]}:`, ...f.clauses.map((c) => `- ${clauseCitation(c, lang)}`));
  if (f.waiver) lines.push(waiverSummary(f.waiver, lang));
  return lines.join('\n');
}

/**
 * JUnit XML for CI test tabs: one <testsuite> per family, one <testcase> per control × resource
 * (classname = control id, name = resource address). A mandatory fail or error is a <failure>;
 * unknown, waived and advisory findings are <skipped> with their message; a pass is an empty
 * testcase.
 */
export function writeJunit(result: ScanResult, options: JunitOptions = { lang: 'ja' }): string {
  const lang: Lang = options.lang ?? 'ja';
  const failOn = options.failOn ?? 'fail';
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const { family, findings } of byFamily(result.findings)) {
    const ordered = [...findings].sort(
      (a, b) => (a.controlId < b.controlId ? -1 : a.controlId > b.controlId ? 1 : 0) || (a.resource.address < b.resource.address ? -1 : a.resource.address > b.resource.address ? 1 : 0),
    );
    const cases: string[] = [];
    let f = 0;
    let s = 0;
    for (const finding of ordered) {
      const o = outcome(finding, failOn, options.baseline);
      const file = finding.resource.file ? ` file="${xmlAttr(finding.resource.file.replace(/\\/g, '/'))}"` : '';
      const open = `    <testcase classname="${xmlAttr(finding.controlId)}" name="${xmlAttr(finding.resource.address)}"${file} time="0"`;
      if (o === 'passed') {
        cases.push(`${open}/>`);
        continue;
      }
      const message = `${VERDICT_LABELS[finding.verdict][lang]}: ${finding.message[lang]}`;
      if (o === 'failure') {
        f++;
        cases.push(
          `${open}>`,
          `      <failure message="${xmlAttr(message)}" type="${xmlAttr(finding.verdict)}">${xmlText(detail(finding, lang))}</failure>`,
          '    </testcase>',
        );
      } else {
        s++;
        const existing = o === 'existing' ? EXISTING[lang](options.baseline!.file) : undefined;
        const body = existing ? `${detail(finding, lang)}\n${existing.note}` : detail(finding, lang);
        cases.push(`${open}>`, `      <skipped message="${xmlAttr((existing?.prefix ?? '') + message)}">${xmlText(body)}</skipped>`, '    </testcase>');
      }
    }
    tests += ordered.length;
    failures += f;
    skipped += s;
    const label = familyLabel(family, lang);
    suites.push(
      `  <testsuite name="${xmlAttr(family)}" tests="${ordered.length}" failures="${f}" errors="0" skipped="${s}" time="0">`,
      '    <properties>',
      `      <property name="family" value="${xmlAttr(label)}"/>`,
      `      <property name="profile" value="${xmlAttr(result.profile.id)}"/>`,
      `      <property name="asOf" value="${xmlAttr(result.asOf)}"/>`,
      '    </properties>',
      ...cases,
      '  </testsuite>',
    );
  }
  const name = `muniguard ${result.profile.id}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
