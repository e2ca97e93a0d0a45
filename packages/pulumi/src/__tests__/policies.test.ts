/**
 * The policies built from a profile, called the way @pulumi/policy's AnalyzeStack calls them
 * (in the pack's order, each with its own config, props behind the unknown-checking proxy) —
 * without constructing a PolicyPack, which would start a gRPC server.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listProfileIds, LIVE_ONLY_KINDS, readProfileDocument, type Finding } from '@muniguard/core';
import { controlsById } from '@muniguard/controls';
import { unknownCheckingProxy, type PolicyResource, type StackValidationPolicy } from '@pulumi/policy';
import { buildPolicies, levelOf, SETTINGS_POLICY } from '../policies';
import { UNKNOWN_SENTINEL as S, type PulumiResource } from '../model';

const U = (type: string, name: string) => `urn:pulumi:dev::city::${type}::${name}`;
const TOKYO = { urn: U('pulumi:providers:aws', 'default'), type: 'pulumi:providers:aws', name: 'default', properties: { region: 'ap-northeast-1' } };
const res = (type: string, name: string, properties: Record<string, unknown>): PulumiResource => ({ type, urn: U(type, name), name, provider: TOKYO, properties });
const LOG = res('aws:cloudwatch/logGroup:LogGroup', 'app', { name: '/city/app', retentionInDays: 3653 });
const TABLE = res('aws:dynamodb/table:Table', 'juminhyo', {
  name: 'juminhyo', pointInTimeRecovery: { enabled: false }, tags: { 重要性分類: 'Ⅱ', ContractEnd: '2030-03-31' },
  serverSideEncryption: { enabled: true, kmsKeyArn: 'arn:aws:kms:ap-northeast-1:111122223333:key/k' },
});

function policyResource(r: PulumiResource): PolicyResource {
  const provider = typeof r.provider === 'object' ? r.provider : undefined;
  return {
    type: r.type, urn: r.urn, name: r.name ?? '', props: unknownCheckingProxy(r.properties),
    provider: provider ? { type: provider.type!, urn: provider.urn!, name: provider.name!, props: unknownCheckingProxy(provider.properties ?? {}) } : undefined,
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
    dependencies: [], propertyDependencies: {},
    isType: () => false, asType: () => undefined,
  } as unknown as PolicyResource;
}

interface Diag { policy: string; level: string; urn?: string; message: string }
/** What @pulumi/policy's AnalyzeStack does with the policies: in order, each with its config and level. */
async function analyzeStack(policies: StackValidationPolicy[], resources: PulumiResource[], config: Record<string, Record<string, unknown>> = {}) {
  const input = resources.map(policyResource);
  const diags: Diag[] = [];
  const notApplicable: string[] = [];
  for (const p of policies) {
    const { enforcementLevel, ...props } = config[p.name] ?? {};
    const level = (enforcementLevel as string) ?? p.enforcementLevel;
    if (level === 'disabled') continue;
    const report = (v: unknown, urn?: string) => {
      const o = typeof v === 'string' ? { message: v, urn } : (v as { message: string; urn?: string; enforcementLevel?: string });
      diags.push({ policy: p.name, level: (o as { enforcementLevel?: string }).enforcementLevel || level, urn: o.urn, message: o.message });
    };
    try {
      await p.validateStack({ resources: input, stackTags: new Map(), getConfig: () => props as never, notApplicable: (reason?: string) => { throw Object.assign(new Error(reason), { na: true }); } }, report);
    } catch (e) {
      if ((e as { na?: boolean }).na) notApplicable.push(p.name);
      else throw e;
    }
  }
  return { diags, notApplicable };
}
const short = (d: Diag) => `${d.level} ${d.policy}${d.urn ? ' ' + d.urn.split('::').pop() : ''}`;
const SETTINGS = { [SETTINGS_POLICY]: { asOf: '2026-04-01' } };

describe('buildPolicies: metadata', () => {
  const controls = controlsById();
  it.each(listProfileIds())('%s: the settings policy first, then one policy per mapped control with its metadata', (profile) => {
    const policies = buildPolicies({ profile, controls });
    expect(policies[0].name).toBe(SETTINGS_POLICY);
    expect(policies[0].configSchema?.properties).toEqual(expect.objectContaining({ paramsFile: expect.anything(), waiversFile: expect.anything(), unknownBlocks: expect.anything(), asOf: expect.anything() }));
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    // every control the profile maps, except those only a live scan can check (an account's state)
    const mapped = new Set(readProfileDocument(profile).doc.clauses.flatMap((c) => (c.controls ?? []).map((m) => m.id)));
    const expected = [...mapped].filter((id) => !controls.get(id)!.kinds.every((k) => LIVE_ONLY_KINDS.includes(k)));
    expect(names.slice(1).sort()).toEqual(expected.sort());
    for (const p of policies.slice(1)) {
      const control = controls.get(p.name)!;
      expect(control).toBeDefined();
      expect(p.severity).toMatch(/^(low|medium|high|critical)$/);
      expect(['mandatory', 'advisory']).toContain(p.enforcementLevel);
      expect(p.tags).toContain(`family:${control.family}`);
      expect(p.tags).toContain(`profile:${profile}`);
      expect(p.framework).toEqual({ name: expect.stringMatching(/ \/ /), version: expect.any(String), reference: expect.stringMatching(/\S/), specification: expect.stringMatching(/\S/) });
      for (const c of p.framework!.reference.split(', ')) expect(p.tags).toContain(`clause:${c}`);
      // Japanese first, then English
      expect(p.description.indexOf(control.title.ja)).toBe(0);
      expect(p.description.indexOf(control.title.en)).toBeGreaterThan(p.description.indexOf(control.summary.ja));
      expect(p.remediationSteps).toBe(`${control.remediation.ja}\n${control.remediation.en}`);
      expect(Object.keys(p.configSchema!.properties).sort()).toEqual([...Object.keys(control.params ?? {}), 'unknownBlocks'].sort());
      for (const prop of Object.values(p.configSchema!.properties)) expect(prop).not.toHaveProperty('default'); // so a config property always means "set by the user"
    }
  });

  it('parameter descriptions show the profile value and its source; nara says a params file must set it', () => {
    const osaka = buildPolicies({ profile: 'osaka' }).find((p) => p.name === 'log-group-retention')!;
    expect(osaka.configSchema!.properties.minLogRetentionDays).toMatchObject({ type: 'integer', minimum: 1, description: expect.stringMatching(/profile osaka: \d+ \(/) });
    const nara = buildPolicies({ profile: 'nara' }).find((p) => p.name === 'log-group-retention')!;
    expect((nara.configSchema!.properties.minLogRetentionDays as { description: string }).description).toContain('params file');
  });
});

describe('policies at analysis time', () => {
  const policies = buildPolicies({ profile: 'osaka', stackConfig: {}, baseDir: '/' });

  it('a preview unknown is an explicit unknown with its path, advisory unless unknownBlocks; the proxy would have thrown', async () => {
    const unknownLog = { ...LOG, properties: { ...LOG.properties, retentionInDays: S } };
    expect(() => policyResource(unknownLog).props.retentionInDays).toThrow(/can't be known during preview/);
    let { diags } = await analyzeStack(policies, [unknownLog], SETTINGS);
    expect(diags.map(short)).toEqual(['advisory log-group-retention app']);
    expect(diags[0].message).toMatch(/^判定不能 unknown \(retentionInDays\): .*\n.*retentionInDays/);
    ({ diags } = await analyzeStack(policies, [unknownLog], { [SETTINGS_POLICY]: { ...SETTINGS[SETTINGS_POLICY], unknownBlocks: true } }));
    expect(diags.map(short)).toEqual(['mandatory log-group-retention app']);
    ({ diags } = await analyzeStack(policies, [unknownLog], { ...SETTINGS, 'log-group-retention': { unknownBlocks: true } }));
    expect(diags.map(short)).toEqual(['mandatory log-group-retention app']);
  });

  it('a policy config parameter re-evaluates that control only; an invalid value is reported, not passed', async () => {
    let { diags } = await analyzeStack(policies, [LOG], { ...SETTINGS, 'log-group-retention': { minLogRetentionDays: 5000 } });
    expect(diags.map(short)).toEqual(['mandatory log-group-retention app']);
    ({ diags } = await analyzeStack(policies, [LOG], { ...SETTINGS, 'log-group-retention': { minLogRetentionDays: 'long' } }));
    expect(diags.map(short)).toEqual(['mandatory log-group-retention']);
    expect(diags[0].message).toContain('minLogRetentionDays');
  });

  it('controls with nothing to check report not-applicable', async () => {
    const { diags, notApplicable } = await analyzeStack(policies, [LOG], SETTINGS);
    expect(diags).toEqual([]);
    expect(notApplicable).toContain('s3-bucket-kms-cmk');
    expect(notApplicable).not.toContain('log-group-retention');
  });

  it('waivers: active -> advisory with the record; expired -> the finding stays and the waiver itself blocks; unmatched -> advisory note', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-waivers-'));
    const file = path.join(dir, 'waivers.json');
    const w = (control: string, resources: string[], expires: string) => ({ control, resources, reason: '移行中 / migrating', approvedBy: 'CISO', approvedOn: '2026-01-05', expires, reference: '様式3 No.7' });
    fs.writeFileSync(file, JSON.stringify({ waivers: [
      w('dynamodb-pitr', ['urn:pulumi:*::*::aws:dynamodb/table:Table::juminhyo'], '2026-12-31'),
      w('data-store-backup-coverage', ['urn:pulumi:*::*::aws:dynamodb/table:Table::juminhyo'], '2026-02-01'),
      w('s3-bucket-kms-cmk', ['no-such-bucket'], '2026-12-31'),
    ] }));
    const { diags } = await analyzeStack(policies, [TABLE], { [SETTINGS_POLICY]: { ...SETTINGS[SETTINGS_POLICY], waiversFile: file } });
    expect(diags.map(short).sort()).toEqual([
      'advisory dynamodb-pitr juminhyo',
      `advisory ${SETTINGS_POLICY}`,
      'mandatory data-store-backup-coverage',
      'mandatory data-store-backup-coverage juminhyo',
    ]);
    const waived = diags.find((d) => d.policy === 'dynamodb-pitr')!;
    expect(waived.message).toMatch(/^例外措置 waived/);
    expect(waived.message).toContain('CISO 2026-01-05');
    expect(waived.message).toContain('様式3 No.7');
    expect(diags.find((d) => d.policy === 'data-store-backup-coverage' && d.urn)!.message).toContain('期限切れ expired');
    expect(diags.find((d) => d.policy === SETTINGS_POLICY)!.message).toContain('no-such-bucket');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('settings that cannot be used block once, through the settings policy', async () => {
    const { diags } = await analyzeStack(policies, [LOG], { [SETTINGS_POLICY]: { asOf: '2026-02-30', waiversFile: '/no/such/file.yaml' } });
    expect(diags.map(short)).toEqual([`mandatory ${SETTINGS_POLICY}`, `mandatory ${SETTINGS_POLICY}`]);
    expect(diags.map((d) => d.message).join('\n')).toMatch(/asOf must be a date[\s\S]*\/no\/such\/file\.yaml/);
  });

  it('with the settings policy disabled a pack-wide problem still blocks every control (fail closed)', async () => {
    const nara = buildPolicies({ profile: 'nara', stackConfig: {} });
    const { diags } = await analyzeStack(nara, [LOG], { [SETTINGS_POLICY]: { enforcementLevel: 'disabled' } });
    expect(diags.length).toBe(nara.length - 1);
    expect(new Set(diags.map((d) => d.level))).toEqual(new Set(['mandatory']));
    expect(diags[0].message).toContain('params');
  });
});

describe('levelOf: the enforcement of one violation', () => {
  const f = (verdict: Finding['verdict'], enforcement: Finding['enforcement']) => ({ verdict, enforcement }) as Finding;
  it.each([
    ['fail', 'mandatory', 'mandatory', false, undefined],
    ['fail', 'advisory', 'mandatory', false, 'advisory'], // the profile made this finding advisory (a lower class)
    ['fail', 'advisory', 'advisory', false, undefined],
    ['fail', 'mandatory', 'advisory', false, 'mandatory'], // a params file made it mandatory
    ['error', 'mandatory', 'mandatory', false, undefined],
    ['waived', 'mandatory', 'mandatory', true, 'advisory'],
    ['unknown', 'mandatory', 'mandatory', false, 'advisory'],
    ['unknown', 'mandatory', 'mandatory', true, undefined],
    ['unknown', 'advisory', 'mandatory', true, 'advisory'],
  ] as const)('%s finding (%s) in a %s policy, unknownBlocks=%s -> %s', (verdict, enforcement, policy, blocks, expected) => {
    expect(levelOf(f(verdict, enforcement), policy, blocks)).toBe(expected);
  });
});
