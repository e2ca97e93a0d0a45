import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  compareBaseline, createBaseline, exitCodeWithBaseline, isBaselinable, parseBaseline, readBaseline, serializeBaseline,
  withBaselineJson, withBaselineMarkdown, withBaselineSarif, withBaselineText, writeBaseline,
  type Baseline,
} from './baseline';
import { defineControl } from './control';
import { InputError } from './errors';
import { evaluate, exitCodeFor, type ScanResult } from './evaluate';
import { makeResource, testProfile } from './testing';
import type { Waiver } from './waivers';
import { findingFingerprint, toJsonReport, toSarif, writeCsv, writeJunit, writeMarkdown, writeText } from './report/index';

const text = (ja: string, en: string) => ({ ja, en });
const meta = (id: string) => ({ title: text(`${id} 題`, `${id} title`), summary: text('概要', 'summary'), remediation: text('是正', 'fix') });

/** Fails a bucket unless `ok`; the message carries `detail`, so the text changes while the fingerprint must not. */
const encrypted = defineControl({
  id: 'bl-encrypted', family: 'encryption', kinds: ['AWS::S3::Bucket'], scope: 'resource', severity: 'high', ...meta('bl-encrypted'),
  messages: { off: text('暗号化されていません（{{detail}}）。', 'Not encrypted ({{detail}}).') },
  check: (r, ctx) => (r.props.ok ? ctx.pass() : ctx.fail('off', { path: 'encryption.algorithm', data: { detail: r.props.detail ?? '-' } })),
});
const logged = defineControl({
  id: 'bl-logged', family: 'logging', kinds: ['AWS::S3::Bucket'], scope: 'resource', severity: 'medium', ...meta('bl-logged'),
  messages: {},
  check: (r, ctx) => (r.props.logging === undefined ? ctx.unknown('logging') : ctx.pass()),
});
const CONTROLS = [encrypted, logged];
const MAP = new Map(CONTROLS.map((c) => [c.id, c]));

function scan(buckets: Record<string, Record<string, unknown>>, waivers: Waiver[] = [], asOf = '2026-04-01'): ScanResult {
  return evaluate({
    profile: testProfile(CONTROLS),
    controls: MAP,
    resources: Object.entries(buckets).map(([id, props]) => makeResource('AWS::S3::Bucket', props, { id })),
    asOf,
    waivers,
  });
}

const waiver = (w: Partial<Waiver> & Pick<Waiver, 'resources' | 'expires'>): Waiver => ({
  control: 'bl-encrypted', reason: '移行中', approvedBy: '情報政策課長', approvedOn: '2026-01-01', origin: 'waivers.yaml#waivers[0]', ...w,
});

const NOW = new Date('2026-04-01T09:30:00.123Z');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-baseline-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('createBaseline', () => {
  const before = scan(
    { 'b.a': { detail: 'AES256' }, 'b.b': { ok: true }, 'b.waived': {}, 'b.expired': {} },
    [waiver({ resources: ['b.waived'], expires: '2026-12-31' }), waiver({ resources: ['b.expired'], expires: '2026-03-31', origin: 'waivers.yaml#waivers[1]' })],
  );
  const baseline = createBaseline(before, NOW);

  it('records fail/error/unknown findings, never passes, waived findings or expired waivers', () => {
    expect(baseline.findings.map((e) => [e.controlId, e.address, e.path, e.verdict])).toEqual([
      ['bl-encrypted', 'b.a', 'encryption.algorithm', 'fail'],
      ['bl-logged', 'b.a', 'logging', 'unknown'],
      ['bl-logged', 'b.b', 'logging', 'unknown'],
      ['bl-logged', 'b.expired', 'logging', 'unknown'],
      ['bl-logged', 'b.waived', 'logging', 'unknown'],
    ]);
    // the expired waiver produced two failing findings (the resource and the waiver itself): neither is recorded
    expect(before.findings.filter((f) => f.waiver?.status === 'expired' && f.verdict === 'fail')).toHaveLength(2);
    expect(before.findings.filter((f) => f.waiver?.status === 'expired').some(isBaselinable)).toBe(false);
  });

  it('has the metadata a reader needs, and the shared fingerprint of each finding', () => {
    expect(baseline).toMatchObject({ schemaVersion: 1, tool: { name: 'muniguard' }, profile: { id: 'test' }, createdAt: '2026-04-01T09:30:00Z', asOf: '2026-04-01' });
    const f = before.findings.find((x) => x.controlId === 'bl-encrypted' && x.resource.address === 'b.a')!;
    expect(baseline.findings[0].fingerprint).toBe(findingFingerprint(f));
  });

  it('round-trips through the file and validates on read', () => {
    const file = path.join(tmp, 'round.json');
    writeBaseline(file, baseline);
    expect(readBaseline(file)).toEqual(baseline);
  });
});

describe('parseBaseline fails closed with the file name', () => {
  const good = createBaseline(scan({ 'b.a': {} }), NOW);
  const mutate = (f: (b: Record<string, any>) => void) => {
    const b = JSON.parse(serializeBaseline(good));
    f(b);
    return JSON.stringify(b);
  };
  const cases: [string, string, RegExp][] = [
    ['malformed JSON', '{"schemaVersion": 1,', /base\.json: malformed JSON at/],
    ['not an object', '[]', /base\.json: is not a muniguard baseline/],
    ['another schemaVersion', mutate((b) => (b.schemaVersion = 2)), /base\.json: baseline schemaVersion 2 is not supported/],
    ['a SARIF file', JSON.stringify({ version: '2.1.0', runs: [] }), /base\.json: is not a muniguard baseline: .*schemaVersion/],
    ['a missing field', mutate((b) => delete b.findings[0].path), /base\.json: is not a muniguard baseline: \/findings\/0 must have required property 'path'/],
    ['an unknown field', mutate((b) => (b.findings[0].message = 'x')), /has unknown property "message"/],
    ['a fingerprint that is not sha-256 hex', mutate((b) => (b.findings[0].fingerprint = 'abc')), /\/findings\/0\/fingerprint must match pattern/],
    ['a hand-edited address', mutate((b) => (b.findings[0].address = 'b.other')), /base\.json: findings\[0\]\.fingerprint does not match its controlId\/address\/path/],
    ['a repeated entry', mutate((b) => b.findings.push(b.findings[0])), /base\.json: findings\[2\] repeats findings\[0\]/],
  ];
  it.each(cases)('%s', (_name, body, pattern) => {
    expect(() => parseBaseline('base.json', body)).toThrow(InputError);
    expect(() => parseBaseline('base.json', body)).toThrow(pattern);
  });

  it('a missing file says how to create one', () => {
    expect(() => readBaseline(path.join(tmp, 'nope.json'))).toThrow(/nope\.json: no such baseline file \(create it with --write-baseline\)/);
  });
});

describe('compareBaseline', () => {
  const baseline = createBaseline(scan({ 'b.a': { detail: 'AES256', logging: true }, 'b.gone': { logging: true }, 'b.later-waived': { logging: true } }), NOW);
  // now: b.a fails with a different message, b.gone is fixed, b.new is new, b.later-waived is waived
  const now = scan(
    { 'b.a': { detail: 'aws:kms without key', logging: true }, 'b.gone': { ok: true, logging: true }, 'b.new': { logging: true }, 'b.later-waived': { logging: true } },
    [waiver({ resources: ['b.later-waived'], expires: '2026-12-31' })],
  );
  const c = compareBaseline(now, baseline, 'base.json');
  const status = (address: string) => c.statusOf(now.findings.find((f) => f.resource.address === address && f.controlId === 'bl-encrypted')!);

  it('matches by control, address and path, not by message text', () => {
    expect(now.findings.find((f) => f.resource.address === 'b.a' && f.verdict === 'fail')!.message.en).toBe('Not encrypted (aws:kms without key).');
    expect(status('b.a')).toBe('existing');
    expect(status('b.new')).toBe('new');
    expect(status('b.gone')).toBeNull(); // a pass
    expect(status('b.later-waived')).toBeNull(); // waived: neither new nor existing, and not fixed
    expect([c.new, c.existing]).toEqual([1, 1]);
    expect(c.fixed.map((e) => e.address)).toEqual(['b.gone']);
  });

  it('fails the run only on new mandatory failures', () => {
    expect(exitCodeFor(now, 'fail')).toBe(1);
    expect(exitCodeWithBaseline(now, c, 'fail')).toBe(1); // b.new
    const onlyOld = scan({ 'b.a': { logging: true } });
    expect(exitCodeFor(onlyOld, 'fail')).toBe(1);
    expect(exitCodeWithBaseline(onlyOld, compareBaseline(onlyOld, baseline, 'base.json'), 'fail')).toBe(0);
    expect(exitCodeWithBaseline(now, c, 'never')).toBe(0);
  });

  it('an unknown that is in the baseline does not fail with --fail-on unknown; a new one does', () => {
    const withUnknowns = createBaseline(scan({ 'b.u': { ok: true } }), NOW);
    const again = scan({ 'b.u': { ok: true } });
    expect(exitCodeFor(again, 'unknown')).toBe(1);
    expect(exitCodeWithBaseline(again, compareBaseline(again, withUnknowns, 'b.json'), 'unknown')).toBe(0);
    const more = scan({ 'b.u': { ok: true }, 'b.v': { ok: true } });
    expect(exitCodeWithBaseline(more, compareBaseline(more, withUnknowns, 'b.json'), 'unknown')).toBe(1);
  });

  it('an expired waiver is new every time, even when its finding is in the baseline', () => {
    const old = createBaseline(scan({ 'b.x': { logging: true } }), NOW);
    expect(old.findings.map((e) => e.address)).toEqual(['b.x']);
    const expired = scan({ 'b.x': { logging: true } }, [waiver({ resources: ['b.x'], expires: '2026-03-31' })]);
    const cmp = compareBaseline(expired, old, 'base.json');
    const failing = expired.findings.filter((f) => f.verdict === 'fail');
    expect(failing.map((f) => [f.resource.address, cmp.statusOf(f)])).toEqual([
      ['b.x', 'new'],
      ['waivers.yaml#waivers[0]', 'new'],
    ]);
    expect(cmp.fixed).toEqual([]);
    expect(exitCodeWithBaseline(expired, cmp, 'fail')).toBe(1);
  });

  it('a baseline of another profile is an input error', () => {
    const other: Baseline = { ...baseline, profile: { id: 'osaka' } };
    expect(() => compareBaseline(now, other, 'base.json')).toThrow(/base\.json: the baseline was written for profile osaka, this scan uses profile test/);
  });
});

describe('the comparison in every format', () => {
  const baseline = createBaseline(scan({ 'b.old': { logging: true }, 'b.gone': { logging: true } }), NOW);
  const now = scan({ 'b.old': { logging: true, detail: '</failure> & "x"' }, 'b.new': { logging: true, detail: 'a|b <x> "q"\nline' }, 'b.gone': { ok: true, logging: true }, 'b.ok': { ok: true, logging: true } });
  const c = compareBaseline(now, baseline, 'base.json');

  it('JSON: only adds a per-finding `baseline` and a top-level `baseline` block', () => {
    const plain = toJsonReport(now);
    const doc = withBaselineJson(plain, now, c) as { findings: Record<string, unknown>[]; baseline: Record<string, unknown> };
    const { baseline: _b, ...rest } = doc;
    expect(rest).toEqual({ ...plain, findings: doc.findings });
    doc.findings.forEach((f, i) => {
      const { baseline: _s, ...base } = f;
      expect(base).toEqual((plain.findings as unknown[])[i]);
    });
    const byAddress = (a: string, v: string) => doc.findings.find((f) => (f.resource as { address: string }).address === a && f.verdict === v)!.baseline;
    expect(byAddress('b.old', 'fail')).toBe('existing');
    expect(byAddress('b.new', 'fail')).toBe('new');
    expect(byAddress('b.ok', 'pass')).toBeNull();
    expect(doc.baseline).toEqual({ file: 'base.json', new: 1, existing: 1, fixed: [expect.objectContaining({ controlId: 'bl-encrypted', address: 'b.gone', path: 'encryption.algorithm' })] });
  });

  it('SARIF: baselineState new/unchanged on results, the comparison in the run properties', () => {
    const log = withBaselineSarif(toSarif(now, { lang: 'en', controls: MAP }), now, c) as { runs: { results: { baselineState?: string; logicalLocations?: unknown; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[]; properties: { baseline: { fixed: unknown[] } } }[] };
    const states = log.runs[0].results.map((r) => [r.locations[0].logicalLocations[0].fullyQualifiedName, r.baselineState]);
    expect(states).toEqual([['b.new', 'new'], ['b.old', 'unchanged']]);
    expect(log.runs[0].properties.baseline.fixed).toHaveLength(1);
  });

  it('JUnit: an existing failure is skipped with a note, counts follow, the XML stays well formed', () => {
    const plain = writeJunit(now, { lang: 'en' });
    const xml = writeJunit(now, { lang: 'en', baseline: c });
    expect(plain).toMatch(/<testsuite name="encryption" tests="4" failures="2" errors="0" skipped="0"/);
    expect(xml).toMatch(/<testsuite name="encryption" tests="4" failures="1" errors="0" skipped="1"/);
    expect(xml).toMatch(/<testsuites name="muniguard test" tests="8" failures="1" errors="0" skipped="1"/);
    const oldCase = /<testcase classname="bl-encrypted" name="b\.old"[^>]*>\n\s*<skipped message="existing: Fail: Not encrypted \(&lt;\/failure&gt; &amp; &quot;x&quot;\)\.">([^<]*)<\/skipped>/.exec(xml);
    expect(oldCase).not.toBeNull();
    expect(oldCase![1]).toContain('recorded in the baseline base.json');
    expect(xml).toMatch(/<testcase classname="bl-encrypted" name="b\.new"[^>]*>\n\s*<failure /);
    // well-formed: every element that opens closes, in order
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]);
    }
    expect(stack).toEqual([]);
  });

  it('CSV: a baseline column on every row, quoting kept', () => {
    const csv = writeCsv(now, { lang: 'en', baseline: c });
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/,waiver,baseline$/);
    expect(lines.filter((l) => l.includes('b.new') && l.startsWith('fail'))[0]).toMatch(/,new$/);
    expect(lines.filter((l) => l.includes('b.old') && l.startsWith('fail'))[0]).toMatch(/,existing$/);
    expect(lines.filter((l) => l.startsWith('pass')).every((l) => l.endsWith(','))).toBe(true);
    const ja = writeCsv(now, { lang: 'ja', baseline: c });
    expect(ja.split('\r\n')[0]).toMatch(/,ベースライン$/);
    expect(ja).toMatch(/,新規\r\n/);
  });

  it('text and Markdown: counts, the new failures and the fixed ones', () => {
    const t = withBaselineText(writeText(now, { lang: 'ja' }), now, c, 'ja');
    expect(t).toContain('■ ベースラインとの比較 (base.json)\n  新規 1 件 / 既存 1 件 / 解消 1 件\n  新規の必須項目の不適合 1 件');
    expect(t).toMatch(/新規: 不適合 bl-encrypted {2}b\.new \(encryption\.algorithm\)/);
    expect(t).toMatch(/解消: bl-encrypted {2}b\.gone \(encryption\.algorithm\)/);
    expect(t.trimEnd().split('\n').pop()).toMatch(/^集計: /); // the summary line stays last
    const md = withBaselineMarkdown(writeMarkdown(now, { lang: 'en' }), now, c, 'en');
    expect(md).toMatch(/### Compared with the baseline \(`base\.json`\)\n\n\| new \| existing \| fixed \|\n\| ---: \| ---: \| ---: \|\n\| 1 \| 1 \| 1 \|/);
    expect(md.indexOf('### Compared with the baseline')).toBeLessThan(md.indexOf('### Findings'));
    expect(md).toMatch(/Fixed \(in the baseline, not found any more\):\n\n- `bl-encrypted` `b\.gone` `encryption\.algorithm`/);
  });
});
