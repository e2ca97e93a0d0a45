import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defineControl, type Control } from '../control';
import { InputError } from '../errors';
import { exitCodeFor } from '../evaluate';
import { KINDS } from '../kinds';
import { loadProfile } from '../profile';
import { makeResource, runControls } from '../testing';
import { UNKNOWN } from '../unknown';
import { loadWaivers, type Waiver } from '../waivers';

const encrypted = defineControl({
  id: 'test-encrypted',
  family: 'encryption',
  kinds: [KINDS.EbsVolume],
  scope: 'resource',
  severity: 'high',
  classBased: true,
  title: { ja: '暗号化', en: 'Encrypted' },
  summary: { ja: 'テスト', en: 'test' },
  remediation: { ja: 'encrypted = true', en: 'encrypted = true' },
  messages: { off: { ja: '暗号化されていません（{{value}}）。', en: 'Not encrypted ({{value}}).' } },
  check(r, ctx) {
    if (r.props.encrypted === UNKNOWN) return ctx.unknown('encrypted');
    if (r.props.explode) throw new Error('boom');
    return r.props.encrypted === true ? ctx.pass() : ctx.fail('off', { path: 'encrypted', data: { value: String(r.props.encrypted) } });
  },
});

const retention = defineControl({
  id: 'test-retention',
  family: 'logging',
  kinds: [KINDS.LogGroup],
  scope: 'resource',
  severity: 'medium',
  title: { ja: '保存期間', en: 'Retention' },
  summary: { ja: 'テスト', en: 'test' },
  remediation: { ja: '延ばす', en: 'extend' },
  messages: { short: { ja: '{{days}}日', en: '{{days}} days' } },
  params: {
    minLogRetentionDays: {
      schema: { type: 'integer', minimum: 1 },
      default: 365,
      description: { ja: '最低保存日数', en: 'minimum days' },
      rationale: { ja: '年次の自己点検', en: 'yearly self-inspection' },
    },
  },
  check(r, ctx) {
    const days = r.props.retentionInDays as number;
    return days >= (ctx.params.minLogRetentionDays as number) ? ctx.pass() : ctx.fail('short', { data: { days } });
  },
});

const vol = (props: Record<string, unknown>, tags: Record<string, string> = { DataClassification: 'Ⅱ' }, id?: string) => makeResource(KINDS.EbsVolume, props, { tags, id });

describe('evaluate', () => {
  it('gives five verdicts and keeps going when a control throws', () => {
    const r = runControls([encrypted], [
      vol({ encrypted: true }, undefined, 'a'),
      vol({ encrypted: false }, undefined, 'b'),
      vol({ encrypted: UNKNOWN }, undefined, 'c'),
      vol({ explode: true }, undefined, 'd'),
      vol({ encrypted: false }, { DataClassification: 'Ⅳ' }, 'e'),
    ]);
    const by = Object.fromEntries(r.findings.map((f) => [f.resource.address, f]));
    expect(by.a.verdict).toBe('pass');
    expect(by.b.verdict).toBe('fail');
    expect(by.b.message).toEqual({ ja: '暗号化されていません（false）。', en: 'Not encrypted (false).' });
    expect(by.c.verdict).toBe('unknown');
    expect(by.c.path).toBe('encrypted');
    expect(by.d.verdict).toBe('error');
    expect(by.d.message.en).toMatch(/boom/);
    expect(by.e).toBeUndefined();
    expect(r.summary).toEqual({ pass: 1, fail: 1, unknown: 1, notApplicable: 1, error: 1, waived: 0 });
  });

  it('treats a store with no or an invalid classification as the most sensitive class; aliases and full-width forms match', () => {
    const r = runControls([encrypted], [vol({ encrypted: false }, {}, 'untagged'), vol({ encrypted: false }, { DataClassification: 'secret' }, 'bogus'), vol({ encrypted: false }, { DataClassification: 'II' }, 'ascii'), vol({ encrypted: false }, { 重要性分類: 'Ⅲ' }, 'jakey')]);
    const verdicts = Object.fromEntries(r.findings.map((f) => [f.resource.address, f.verdict]));
    expect(verdicts).toEqual({ untagged: 'fail', bogus: 'fail', ascii: 'fail' });
  });

  it('exit code: mandatory fail or error → 1; unknown only with --fail-on unknown; advisory never', () => {
    const failing = runControls([encrypted], [vol({ encrypted: false })]);
    expect(exitCodeFor(failing, 'fail')).toBe(1);
    expect(exitCodeFor(failing, 'never')).toBe(0);
    const unknown = runControls([encrypted], [vol({ encrypted: UNKNOWN })]);
    expect(exitCodeFor(unknown, 'fail')).toBe(0);
    expect(exitCodeFor(unknown, 'unknown')).toBe(1);
    const advisory = runControls([encrypted], [vol({ encrypted: false })], { mapping: { enforcement: 'advisory' } });
    expect(advisory.findings[0].enforcement).toBe('advisory');
    expect(exitCodeFor(advisory, 'fail')).toBe(0);
  });

  it('passes parameters to the check', () => {
    const lg = makeResource(KINDS.LogGroup, { retentionInDays: 400 }, { tags: {} });
    expect(runControls([retention], [lg]).findings[0].verdict).toBe('pass');
    expect(runControls([retention], [lg], { params: { minLogRetentionDays: 731 } }).findings[0].verdict).toBe('fail');
  });
});

describe('waivers', () => {
  const waiver = (over: Partial<Waiver>): Waiver => ({
    control: 'test-encrypted', resources: ['legacy.*'], reason: '移行まで', approvedBy: 'CISO', approvedOn: '2026-01-01', expires: '2026-12-31', origin: 'w.yaml#waivers[0]', ...over,
  });

  it('an active waiver marks the finding waived with its record; others are untouched', () => {
    const r = runControls([encrypted], [vol({ encrypted: false }, undefined, 'legacy.disk'), vol({ encrypted: false }, undefined, 'new.disk')], { waivers: [waiver({})] });
    const by = Object.fromEntries(r.findings.map((f) => [f.resource.address, f]));
    expect(by['legacy.disk'].verdict).toBe('waived');
    expect(by['legacy.disk'].waiver).toMatchObject({ approvedBy: 'CISO', expires: '2026-12-31', status: 'active' });
    expect(by['new.disk'].verdict).toBe('fail');
    expect(r.summary.waived).toBe(1);
  });

  it('an expired waiver is itself a failing mandatory finding and waives nothing', () => {
    const r = runControls([encrypted], [vol({ encrypted: false }, undefined, 'legacy.disk')], { waivers: [waiver({ expires: '2026-03-31' })], asOf: '2026-04-01' });
    expect(r.findings.find((f) => f.resource.address === 'legacy.disk')?.verdict).toBe('fail');
    const expired = r.findings.find((f) => f.messageId === 'waiverExpired');
    expect(expired).toMatchObject({ verdict: 'fail', enforcement: 'mandatory', controlId: 'test-encrypted' });
    expect(exitCodeFor(r, 'fail')).toBe(1);
  });

  it('a waiver that matches nothing is reported', () => {
    const r = runControls([encrypted], [vol({ encrypted: true }, undefined, 'legacy.disk')], { waivers: [waiver({})] });
    expect(r.unmatchedWaivers.map((w) => w.origin)).toEqual(['w.yaml#waivers[0]']);
  });

  it('a waiver file is validated: dates, order, known controls', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-w-'));
    const write = (text: string) => {
      const f = path.join(dir, `w${Math.random()}.yaml`);
      fs.writeFileSync(f, text);
      return f;
    };
    const base = 'waivers:\n  - control: test-encrypted\n    resources: ["a"]\n    reason: r\n    approvedBy: CISO\n';
    expect(loadWaivers(write(base + '    approvedOn: 2026-01-01\n    expires: 2026-06-30\n'), new Set(['test-encrypted']))).toHaveLength(1);
    expect(() => loadWaivers(write(base + '    approvedOn: 2026-01-01\n    expires: 2026-02-30\n'))).toThrow(/not a calendar date/);
    expect(() => loadWaivers(write(base + '    approvedOn: 2026-06-01\n    expires: 2026-01-30\n'))).toThrow(/expires \(2026-01-30\) before it was approved/);
    expect(() => loadWaivers(write(base + '    approvedOn: 2026-01-01\n    expires: 2026-06-30\n'), new Set(['other']))).toThrow(InputError);
    expect(() => loadWaivers(write('waivers: [ {control: x'))).toThrow(/malformed YAML at line \d+, column \d+/);
  });
});

describe('profiles', () => {
  const controls = new Map<string, Control>([[encrypted.id, encrypted], [retention.id, retention]]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-p-'));
  const profileYaml = (parameters: string) => `
id: demo
municipality: { ja: デモ市, en: Demo City }
standard: { title: { ja: デモ市対策基準, en: Demo standard }, source: demo.txt }
classification:
  name: { ja: 重要性分類, en: classification }
  tagKeys: []
  levels:
    - { value: 'Ａ', aliases: ['A'], rank: 2, label: { ja: Ａ, en: A } }
    - { value: 'Ｂ', aliases: ['B'], rank: 1, label: { ja: Ｂ, en: B } }
segments: { tagKeys: [], values: [] }
clauses:
  - path: '1(1)'
    title: { ja: 暗号化, en: encryption }
    summary: { ja: 暗号化する, en: encrypt }
    controls: [ { id: test-encrypted, from: 'Ａ', relation: requires, enforcement: mandatory } ]
  - path: '1(2)'
    title: { ja: ログ, en: logs }
    summary: { ja: 保存する, en: keep }
    controls: [ { id: test-retention, relation: supports, enforcement: advisory } ]
parameters:
${parameters}
`;
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };

  it('resolves each parameter with its provenance: user > standard > profile default > control default', () => {
    const f = write('p1.yaml', profileYaml("  minLogRetentionDays: { value: 400, source: standard, clause: '1(2)', description: { ja: 日数, en: days } }"));
    expect(loadProfile(f, { controls }).resolvedParameters.minLogRetentionDays).toMatchObject({ value: 400, source: 'standard', clause: '1(2)' });
    const params = write('params.yaml', 'parameters:\n  minLogRetentionDays: 730\n');
    expect(loadProfile(f, { controls, paramsFile: params }).resolvedParameters.minLogRetentionDays).toMatchObject({ value: 730, source: 'user', file: params });
    const f2 = write('p2.yaml', profileYaml('  {}'));
    expect(loadProfile(f2, { controls }).resolvedParameters.minLogRetentionDays).toMatchObject({ value: 365, source: 'default', setBy: 'control' });
  });

  it('a required parameter without a value is an error listing it; a params file supplies it', () => {
    const f = write('p3.yaml', profileYaml('  minLogRetentionDays: { source: required, description: { ja: 日数, en: days } }'));
    expect(() => loadProfile(f, { controls })).toThrow(/needs values .*minLogRetentionDays/);
    const params = write('params2.yaml', 'parameters:\n  minLogRetentionDays: 90\n');
    expect(loadProfile(f, { controls, paramsFile: params }).resolvedParameters.minLogRetentionDays.value).toBe(90);
  });

  it('rejects a mapping to an unknown control, a `from` outside the scheme, a bad parameter value, a duplicate path', () => {
    const good = profileYaml('  {}');
    expect(() => loadProfile(write('u.yaml', good.replace('id: test-retention', 'id: no-such')), { controls })).toThrow(/unknown control "no-such"/);
    expect(() => loadProfile(write('f.yaml', good.replace("from: 'Ａ'", "from: 'Z'")), { controls })).toThrow(/from "Z" is not a classification value/);
    expect(() => loadProfile(write('d.yaml', good.replace("path: '1(2)'", "path: '1(1)'")), { controls })).toThrow(/appears twice/);
    const params = write('bad-params.yaml', 'parameters:\n  minLogRetentionDays: 0\n');
    expect(() => loadProfile(write('ok.yaml', good), { controls, paramsFile: params })).toThrow(/bad-params\.yaml: parameter minLogRetentionDays = 0/);
    const unknownParam = write('unknown-params.yaml', 'parameters:\n  nope: 1\n');
    expect(() => loadProfile(write('ok2.yaml', good), { controls, paramsFile: unknownParam })).toThrow(/parameters\.nope: no control/);
  });
});
