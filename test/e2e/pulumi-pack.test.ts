/**
 * The five Pulumi policy packs end to end, without the Pulumi CLI: each pack is launched as the
 * CLI launches it (run-policy-pack in the pack's directory) and driven over the analyzer gRPC
 * protocol with the resources of the example program, run under `pulumi.runtime.setMocks`.
 *
 * - every pack starts and describes its policies (family tag, framework with the clauses, config schema);
 * - the non-compliant variant is flagged per family on the planted URNs with the same controls,
 *   enforcement and clauses as the Terraform scan of the same scenario (test/e2e/scenario.js, whose
 *   clauses families.test.ts checks against each standard), in the update view and in the preview
 *   view (ids and ARNs still unknown); the compliant variant gets no diagnostic at all;
 * - a preview unknown is reported as `unknown` with its path, blocking only when configured;
 * - Configure changes verdicts (a stricter parameter, an enforcement level), waivers are applied;
 * - Analyze (one resource) carries no siblings, AnalyzeStack does: why every policy is a stack policy.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScan } from '@muniguard/cli';
import type { Finding } from '@muniguard/core';
import { AS_OF, FAMILIES_PLANTED, PROFILE_SETTINGS, VIOLATION_ADDRESS, scenario } from './scenario';
import { capture, defaultConfig, engineView, PackProcess, PROJECT, ROOT, SENTINEL, STACK, type AnalyzerResource, type Captured, type Diagnostic, type PolicyInfo } from './pulumi/harness';

jest.setTimeout(120_000);

/** The classification value each city writes for its most sensitive class, and the params a city must supply. */
const PROFILES: Record<string, { classification: string; params?: string }> = PROFILE_SETTINGS;
type Family = (typeof FAMILIES_PLANTED)[number];

const urn = (typeAndName: string) => `urn:pulumi:${STACK}::${PROJECT}::${typeAndName}`;
/** The Pulumi resource of the example that carries each Terraform address's violation. */
const PULUMI_OF: Record<string, string> = {
  [VIOLATION_ADDRESS.classification]: urn('aws:sqs/queue:Queue::violation-classification'),
  [VIOLATION_ADDRESS.encryption]: urn('aws:rds/instance:Instance::violation-encryption'),
  [VIOLATION_ADDRESS.backup]: urn('aws:dynamodb/table:Table::violation-backup'),
  [VIOLATION_ADDRESS.logging]: urn('aws:cloudwatch/logGroup:LogGroup::violation-logging'),
  [VIOLATION_ADDRESS.mfa]: urn('aws:cognito/userPool:UserPool::violation-mfa'),
  [VIOLATION_ADDRESS.region]: urn('aws:cloudwatch/logGroup:LogGroup::violation-region'),
  [VIOLATION_ADDRESS['contract-end']]: urn('aws:sqs/queue:Queue::violation-contract-end'),
  'aws_kms_key.us': urn('aws:kms/key:Key::us'),
};
const APP_LOG_GROUP = urn('aws:cloudwatch/logGroup:LogGroup::app');
const DATA_BUCKET = urn('aws:s3/bucket:Bucket::data');

interface ProfileRun {
  pack: PackProcess;
  info: { name: string; version: string; policies: PolicyInfo[] };
  views: Record<'noncompliant' | 'compliant', Record<'update' | 'preview', AnalyzerResource[]>>;
  terraform: Finding[];
}
const runs: Record<string, ProfileRun> = {};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-pulumi-e2e-'));

/** Settings every test starts from: the scan date of the scenario, and the params file a profile needs. */
function settings(profile: string, extra: Record<string, unknown> = {}) {
  return { 'muniguard-settings': { enforcementLevel: 'mandatory', asOf: AS_OF, ...(PROFILES[profile].params ? { paramsFile: PROFILES[profile].params } : {}), ...extra } };
}
async function configure(profile: string, extra: Record<string, Record<string, unknown>> = {}, settingsExtra: Record<string, unknown> = {}) {
  const run = runs[profile];
  const config: Record<string, { enforcementLevel?: string; [k: string]: unknown }> = { ...defaultConfig(run.info.policies), ...settings(profile, settingsExtra) };
  for (const [name, value] of Object.entries(extra)) config[name] = { ...config[name], ...value };
  await run.pack.configure(config);
}
const failing = (f: Finding) => f.verdict === 'fail' || f.verdict === 'error';
const familyOf = (info: ProfileRun['info'], policy: string) => info.policies.find((p) => p.name === policy)?.tags.find((t) => t.startsWith('family:'))?.slice(7);
const clausesOf = (d: Diagnostic) => /^条項 clauses: (.*?) — /m.exec(d.message)?.[1].split(', ') ?? [];
const short = (d: Diagnostic) => `${d.enforcementLevel} ${d.policyName} ${d.urn.split('::').slice(2).join('::')}`;

beforeAll(async () => {
  const config = (variant: string, classification: string) => ({
    [`${PROJECT}:variant`]: variant, [`${PROJECT}:classification`]: classification, 'aws:region': 'ap-northeast-1',
  });
  await Promise.all(
    Object.entries(PROFILES).map(async ([profile, { classification, params }]) => {
      const [pack, ...captures] = await Promise.all([
        PackProcess.start(path.join(ROOT, 'policies', profile), { stackConfig: { 'aws:region': 'ap-northeast-1' } }),
        capture(config('noncompliant', classification), false),
        capture(config('noncompliant', classification), true),
        capture(config('compliant', classification), false),
        capture(config('compliant', classification), true),
      ]);
      const [nu, np, cu, cp] = captures as Captured[];
      const file = path.join(tmp, `${profile}.tf.json`);
      fs.writeFileSync(file, JSON.stringify(scenario({ classification, violations: true })));
      const terraform = runScan({ paths: [file], profile, params, asOf: AS_OF }).findings;
      runs[profile] = {
        pack,
        info: await pack.info(),
        views: { noncompliant: { update: engineView(nu), preview: engineView(np) }, compliant: { update: engineView(cu), preview: engineView(cp) } },
        terraform,
      };
    }),
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(runs).map((r) => r.pack.stop()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(Object.keys(PROFILES))('policy pack %s', (profile) => {
  it('starts and describes one stack policy per control with its family, clauses and config schema', () => {
    const { info, pack } = runs[profile];
    expect(info.name).toBe(`muniguard-${profile}`);
    expect(info.version).toBe('0.1.0');
    expect(pack.startedMs).toBeLessThan(60_000);
    const controls = info.policies.filter((p) => p.name !== 'muniguard-settings');
    expect(controls.length).toBeGreaterThan(20);
    for (const p of info.policies) {
      expect({ name: p.name, type: p.policyType }).toEqual({ name: p.name, type: 2 }); // POLICY_TYPE_STACK
      expect(p.severity).toBeGreaterThan(0);
      expect(p.framework?.name).toMatch(/.+ \/ .+/);
    }
    for (const p of controls) {
      const family = p.tags.find((t) => t.startsWith('family:'));
      expect({ name: p.name, family }).toEqual({ name: p.name, family: expect.stringMatching(/^family:[a-z-]+$/) });
      expect(p.framework!.reference).toMatch(/\S/); // the clause paths
      expect(p.configSchema).toHaveProperty('unknownBlocks');
      expect(['mandatory', 'advisory']).toContain(p.enforcementLevel);
      expect(p.remediationSteps).toMatch(/[ぁ-んァ-ン一-龯]/); // Japanese first
    }
    expect(info.policies.find((p) => p.name === 'log-group-retention')?.configSchema).toHaveProperty('minLogRetentionDays');
    expect(info.policies.find((p) => p.name === 'resource-region-allowed')?.configSchema).toHaveProperty('allowedRegions');
  });

  it.each(['update', 'preview'] as const)('the %s of the non-compliant variant is flagged per family like the Terraform scan, with the clauses', async (view) => {
    const run = runs[profile];
    await configure(profile);
    const { diagnostics } = await run.pack.analyzeStack(run.views.noncompliant[view]);
    // the same failing control × resource pairs, with the same enforcement, as the Terraform scan
    const expected = run.terraform.filter(failing).map((f) => `${f.enforcement} ${f.controlId} ${(PULUMI_OF[f.resource.address] ?? f.resource.address).split('::').slice(2).join('::')}`);
    expect(diagnostics.map(short).sort()).toEqual(expected.sort());
    for (const family of FAMILIES_PLANTED as readonly Family[]) {
      const address = VIOLATION_ADDRESS[family];
      const tf = run.terraform.filter((f) => f.resource.address === address && f.family === family && failing(f));
      const hits = diagnostics.filter((d) => d.urn === PULUMI_OF[address] && familyOf(run.info, d.policyName) === family);
      expect({ family, flagged: hits.length }).toEqual({ family, flagged: tf.length });
      expect({ family, flagged: hits.length > 0 }).toEqual({ family, flagged: true });
      const cited = new Set(hits.flatMap(clausesOf));
      for (const p of tf.flatMap((f) => f.clauses.map((c) => c.path))) expect({ family, cites: p, found: cited.has(p) }).toEqual({ family, cites: p, found: true });
    }
    // the pack blocks: at least one planted violation is mandatory
    expect(diagnostics.some((d) => d.enforcementLevel === 'mandatory')).toBe(true);
  });

  it.each(['update', 'preview'] as const)('the %s of the compliant variant gets no diagnostic at all', async (view) => {
    const run = runs[profile];
    await configure(profile);
    const { diagnostics } = await run.pack.analyzeStack(run.views.compliant[view]);
    expect(diagnostics.map(short)).toEqual([]);
  });
});

it('the example program type-checks against @pulumi/aws 7.48.0 (the capture only transpiles it)', () => {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'examples', 'pulumi-app', 'tsconfig.json')], { encoding: 'utf8' });
  expect({ status: tsc.status, out: tsc.stdout + tsc.stderr }).toEqual({ status: 0, out: '' });
});

describe('pack behaviour (osaka)', () => {
  const P = 'osaka';
  const withRetention = (value: unknown) =>
    runs[P].views.compliant.update.map((r) => (r.urn === APP_LOG_GROUP ? { ...r, properties: { ...r.properties, retentionInDays: value } } : r));

  it('a preview unknown is reported as unknown with its property path, advisory unless unknownBlocks', async () => {
    await configure(P);
    const stack = withRetention(SENTINEL);
    let { diagnostics } = await runs[P].pack.analyzeStack(stack);
    expect(diagnostics.map(short)).toEqual([`advisory log-group-retention aws:cloudwatch/logGroup:LogGroup::app`]);
    expect(diagnostics[0].message).toMatch(/^判定不能 unknown \(retentionInDays\): /);
    expect(diagnostics[0].message).toContain('unknownBlocks: false');

    await configure(P, {}, { unknownBlocks: true });
    ({ diagnostics } = await runs[P].pack.analyzeStack(stack));
    expect(diagnostics.map(short)).toEqual([`mandatory log-group-retention aws:cloudwatch/logGroup:LogGroup::app`]);

    await configure(P, { 'log-group-retention': { unknownBlocks: true } });
    ({ diagnostics } = await runs[P].pack.analyzeStack(stack));
    expect(diagnostics.map(short)).toEqual([`mandatory log-group-retention aws:cloudwatch/logGroup:LogGroup::app`]);
  });

  it('Configure with a stricter parameter changes the verdict; an invalid one is an error, not a pass', async () => {
    await configure(P, { 'log-group-retention': { minLogRetentionDays: 4000 } });
    let { diagnostics } = await runs[P].pack.analyzeStack(runs[P].views.compliant.update);
    expect(diagnostics.map(short)).toEqual([`mandatory log-group-retention aws:cloudwatch/logGroup:LogGroup::app`]);
    expect(diagnostics[0].message).toContain('4000');

    await configure(P, { 'log-group-retention': { minLogRetentionDays: 0 } });
    ({ diagnostics } = await runs[P].pack.analyzeStack(runs[P].views.compliant.update));
    expect(diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName}`)).toEqual(['mandatory log-group-retention']);
    expect(diagnostics[0].message).toContain('minLogRetentionDays');
  });

  it('Configure with an enforcement level makes an advisory clause block', async () => {
    await configure(P);
    const region = runs[P].views.noncompliant.update;
    let { diagnostics } = await runs[P].pack.analyzeStack(region);
    const onRegion = (ds: Diagnostic[]) => ds.filter((d) => d.policyName === 'resource-region-allowed').map(short).sort();
    expect(onRegion(diagnostics)).toEqual(['advisory resource-region-allowed aws:cloudwatch/logGroup:LogGroup::violation-region', 'advisory resource-region-allowed aws:kms/key:Key::us']);
    await configure(P, { 'resource-region-allowed': { enforcementLevel: 'mandatory' } });
    ({ diagnostics } = await runs[P].pack.analyzeStack(region));
    expect(onRegion(diagnostics)).toEqual(['mandatory resource-region-allowed aws:cloudwatch/logGroup:LogGroup::violation-region', 'mandatory resource-region-allowed aws:kms/key:Key::us']);
  });

  it('waivers: an active one is advisory with the approval record, an expired one blocks', async () => {
    const file = path.join(tmp, 'waivers.yaml');
    fs.writeFileSync(
      file,
      [
        'waivers:',
        '  - control: dynamodb-pitr',
        "    resources: ['urn:pulumi:*::*::aws:dynamodb/table:Table::violation-backup']",
        '    reason: 移行期間中 / during the migration',
        '    approvedBy: 情報セキュリティ管理者',
        "    approvedOn: '2026-01-10'",
        "    expires: '2026-12-31'",
        '    reference: 第3号様式 No.12',
        '  - control: log-group-retention',
        "    resources: ['urn:pulumi:*::*::aws:cloudwatch/logGroup:LogGroup::violation-logging']",
        '    reason: 旧システム / legacy system',
        '    approvedBy: 情報セキュリティ管理者',
        "    approvedOn: '2025-10-01'",
        "    expires: '2026-03-01'",
        '',
      ].join('\n'),
    );
    await configure(P, {}, { waiversFile: file });
    const { diagnostics } = await runs[P].pack.analyzeStack(runs[P].views.noncompliant.update);
    const pitr = diagnostics.find((d) => d.policyName === 'dynamodb-pitr')!;
    expect(short(pitr)).toBe('advisory dynamodb-pitr aws:dynamodb/table:Table::violation-backup');
    expect(pitr.message).toMatch(/^例外措置 waived/);
    expect(pitr.message).toContain('情報セキュリティ管理者');
    expect(pitr.message).toContain('2026-12-31');
    expect(pitr.message).toContain('第3号様式 No.12');
    const retention = diagnostics.filter((d) => d.policyName === 'log-group-retention');
    expect(retention.map((d) => `${d.enforcementLevel} ${d.urn ? d.urn.split('::').slice(2).join('::') : '(stack)'}`).sort()).toEqual([
      'mandatory (stack)', 'mandatory aws:cloudwatch/logGroup:LogGroup::violation-logging',
    ]);
    expect(retention.find((d) => !d.urn)!.message).toContain('2026-03-01');
  });

  it('a waiver or params file that cannot be read blocks through the settings policy', async () => {
    await configure(P, {}, { waiversFile: path.join(tmp, 'no-such-waivers.yaml') });
    const { diagnostics } = await runs[P].pack.analyzeStack(runs[P].views.compliant.update);
    expect(diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName}`)).toEqual(['mandatory muniguard-settings']);
    expect(diagnostics[0].message).toContain('no-such-waivers.yaml');
  });

  it('nara without its params file fails closed: the settings policy blocks and names the missing values', async () => {
    const nara = runs.nara;
    await nara.pack.configure({ ...defaultConfig(nara.info.policies), 'muniguard-settings': { enforcementLevel: 'mandatory', asOf: AS_OF } });
    const { diagnostics } = await nara.pack.analyzeStack(nara.views.compliant.update);
    expect(diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName}`)).toEqual(['mandatory muniguard-settings']);
    expect(diagnostics[0].message).toMatch(/params file/);
    expect(diagnostics[0].message).toContain('minLogRetentionDays');
  });

  it('Analyze sends one resource without its siblings; AnalyzeStack links them through propertyDependencies', async () => {
    await configure(P);
    const preview = runs[P].views.compliant.preview;
    const bucket = preview.find((r) => r.urn === DATA_BUCKET)!;
    const sse = preview.find((r) => r.type.startsWith('aws:s3/bucketServerSideEncryptionConfiguration') && r.name === 'data')!;
    // the bucket's own inputs say nothing about encryption; the sibling names it only by an unknown id
    expect(Object.keys(bucket.properties)).not.toContain('serverSideEncryptionConfiguration');
    expect(sse.properties.bucket).toBe(SENTINEL);
    expect(sse.propertyDependencies?.bucket).toEqual([DATA_BUCKET]);
    // the protocol: AnalyzeRequest has no dependency fields at all, AnalyzerResource (AnalyzeStack) has them
    /* eslint-disable @typescript-eslint/no-require-imports */
    const pb = require('@pulumi/pulumi/proto/analyzer_pb');
    expect(typeof pb.AnalyzeRequest.prototype.getPropertydependenciesMap).toBe('undefined');
    expect(typeof pb.AnalyzerResource.prototype.getPropertydependenciesMap).toBe('function');
    // the pack's policies are stack policies: Analyze of one resource evaluates none of them
    const single = await runs[P].pack.analyze(bucket);
    expect(single.diagnostics).toEqual([]);
    // AnalyzeStack: with the sibling the bucket passes s3-bucket-kms-cmk, without it it fails
    const withSse = await runs[P].pack.analyzeStack(preview);
    expect(withSse.diagnostics.filter((d) => d.urn === DATA_BUCKET)).toEqual([]);
    const withoutSse = await runs[P].pack.analyzeStack(preview.filter((r) => r !== sse));
    expect(withoutSse.diagnostics.filter((d) => d.urn === DATA_BUCKET).map(short).sort()).toEqual([
      'mandatory data-store-cmk-erasable aws:s3/bucket:Bucket::data', // no key of its own: cannot be erased by deleting the key
      'mandatory s3-bucket-kms-cmk aws:s3/bucket:Bucket::data',
    ]);
  });
});
