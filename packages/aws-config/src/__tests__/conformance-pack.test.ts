import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { controlsById } from '@muniguard/controls';
import { listProfileIds, loadProfile, planControls, policiesDir, type Profile } from '@muniguard/core';
import { exportConformancePack, FUNCTION_ARN_PARAMETER, RULE_NAME_PATTERN, TEMPLATE_BODY_LIMIT } from '../conformance-pack';
import { MANAGED_EQUIVALENTS } from '../conformance-pack-rules';

const controls = controlsById();
const NARA_PARAMS = path.join(policiesDir(), 'nara', 'params.example.yaml');
const paramsFor = (id: string) => (id === 'nara' ? NARA_PARAMS : undefined);

interface RuleResource {
  Type: string;
  Properties: {
    ConfigRuleName: string;
    Description?: string;
    InputParameters?: Record<string, string>;
    Scope?: { ComplianceResourceTypes: string[] };
    Source: { Owner: string; SourceIdentifier: string | { Ref: string }; SourceDetails?: { EventSource: string; MessageType: string; MaximumExecutionFrequency?: string }[] };
  };
}
interface Template {
  Parameters?: Record<string, { Type: string }>;
  Resources: Record<string, RuleResource>;
}

function parse(template: string): Template {
  return yaml.load(template) as Template;
}

/** The comment lines written right above a resource's logical id. */
function commentsAbove(template: string, logicalId: string): string {
  const lines = template.split('\n');
  const at = lines.indexOf(`  ${logicalId}:`);
  expect(at).toBeGreaterThan(0);
  const out: string[] = [];
  for (let i = at - 1; i >= 0 && lines[i].trimStart().startsWith('#'); i--) out.unshift(lines[i]);
  return out.join('\n');
}

describe.each(listProfileIds())('conformance pack for profile %s', (id) => {
  const profile: Profile = loadProfile(id, { controls, paramsFile: paramsFor(id) });
  const out = exportConformancePack({ profile: id, controls, paramsFile: paramsFor(id) });
  const doc = parse(out.template);
  const resources = Object.entries(doc.Resources);

  test('is YAML with only AWS::Config::ConfigRule resources, small enough for TemplateBody', () => {
    expect(resources.length).toBeGreaterThan(0);
    for (const [logicalId, r] of resources) {
      expect(logicalId).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(r.Type).toBe('AWS::Config::ConfigRule');
      expect(['AWS', 'CUSTOM_LAMBDA']).toContain(r.Properties.Source.Owner);
      if (r.Properties.Description) expect(Array.from(r.Properties.Description).length).toBeLessThanOrEqual(256);
    }
    expect(Buffer.byteLength(out.template)).toBeLessThanOrEqual(TEMPLATE_BODY_LIMIT);
    expect(out.warnings).toEqual([]);
  });

  test('rule names are unique and within Config naming limits', () => {
    const names = resources.map(([, r]) => r.Properties.ConfigRuleName);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(RULE_NAME_PATTERN);
    expect(Object.keys(out.mapping.rules).sort()).toEqual([...names].sort());
  });

  test('every control the profile switches on has a rule (managed or custom)', () => {
    const expected = planControls(profile, controls).map((p) => p.control.id).sort();
    const mapped = [...new Set(Object.values(out.mapping.rules).map((m) => m.controlId))].sort();
    expect(mapped).toEqual(expected);
    for (const [name, m] of Object.entries(out.mapping.rules)) {
      const r = doc.Resources[m.logicalId];
      expect(r.Properties.ConfigRuleName).toBe(name);
      if (m.type === 'custom') {
        expect(r.Properties.Source).toMatchObject({ Owner: 'CUSTOM_LAMBDA', SourceIdentifier: { Ref: FUNCTION_ARN_PARAMETER } });
        expect(r.Properties.InputParameters).toEqual({ profile: id, controls: m.controlId });
        expect(doc.Parameters?.[FUNCTION_ARN_PARAMETER]?.Type).toBe('String');
      } else {
        expect(MANAGED_EQUIVALENTS[m.controlId].map((e) => e.identifier)).toContain(r.Properties.Source.SourceIdentifier);
      }
    }
  });

  test('the comment above each rule cites every clause that maps its control, and the side file too', () => {
    for (const m of Object.values(out.mapping.rules)) {
      const paths = profile.clauses.filter((c) => c.controls?.some((x) => x.id === m.controlId)).map((c) => c.path);
      expect(paths.length).toBeGreaterThan(0);
      const comments = commentsAbove(out.template, m.logicalId);
      for (const p of paths) expect(comments).toContain(` ${p} `);
      expect(m.clauses.map((c) => c.path).sort()).toEqual([...paths].sort());
    }
    const side = JSON.parse(JSON.stringify(out.mapping));
    expect(side.profile.id).toBe(id);
  });

  test('managed rule parameters come from the profile, with their provenance', () => {
    for (const m of Object.values(out.mapping.rules)) {
      const r = doc.Resources[m.logicalId];
      for (const p of m.parameters) {
        const resolved = profile.resolvedParameters[p.parameter];
        expect(r.Properties.InputParameters?.[p.name]).toBe(String(resolved.value));
        expect(p.source).toBe(resolved.source);
        expect(commentsAbove(out.template, m.logicalId)).toContain(`${p.name} = ${p.value} ← ${p.parameter} (source: ${resolved.source}`);
      }
    }
    const retention = Object.values(out.mapping.rules).find((m) => m.controlId === 'log-group-retention');
    if (retention?.type === 'managed') {
      expect(doc.Resources[retention.logicalId].Properties.InputParameters).toEqual({
        MinRetentionTime: String(profile.resolvedParameters.minLogRetentionDays.value),
      });
    }
  });
});

describe('which controls get a managed rule', () => {
  const ruleOf = (out: ReturnType<typeof exportConformancePack>, controlId: string) =>
    Object.entries(out.mapping.rules).filter(([, m]) => m.controlId === controlId);

  test('a class-gated control (Osaka: efs-encrypted from Ⅱ) runs the custom rule; ungated (Nara) uses EFS_ENCRYPTED_CHECK', () => {
    const osaka = exportConformancePack({ profile: 'osaka', controls });
    const [[, o]] = ruleOf(osaka, 'efs-encrypted');
    expect(o.type).toBe('custom');
    expect(o.note.en).toContain('from class Ⅱ');
    expect(o.scope).toEqual(['AWS::EFS::FileSystem']);
    expect(parse(osaka.template).Resources[o.logicalId].Properties.Scope).toEqual({ ComplianceResourceTypes: ['AWS::EFS::FileSystem'] });

    const nara = exportConformancePack({ profile: 'nara', controls, paramsFile: NARA_PARAMS });
    const [[, n]] = ruleOf(nara, 'efs-encrypted');
    expect(n).toMatchObject({ type: 'managed', source: 'EFS_ENCRYPTED_CHECK' });
  });

  test('rds-storage-encrypted needs two managed rules (instances and clusters) when it applies to every class', () => {
    const nara = exportConformancePack({ profile: 'nara', controls, paramsFile: NARA_PARAMS });
    const rules = ruleOf(nara, 'rds-storage-encrypted').map(([name, m]) => [name, m.source]);
    expect(rules).toEqual([
      ['muniguard-nara-rds-storage-encrypted-instance', 'RDS_STORAGE_ENCRYPTED'],
      ['muniguard-nara-rds-storage-encrypted-cluster', 'RDS_CLUSTER_ENCRYPTED_AT_REST'],
    ]);
  });

  test('near misses say why: s3-bucket-kms-cmk is not S3_DEFAULT_ENCRYPTION_KMS', () => {
    const nara = exportConformancePack({ profile: 'nara', controls, paramsFile: NARA_PARAMS });
    const [[, m]] = ruleOf(nara, 's3-bucket-kms-cmk');
    expect(m.type).toBe('custom');
    expect(m.note.en).toContain('S3_DEFAULT_ENCRYPTION_KMS');
  });

  test('a stack-scope control runs periodically; a kind Config does not record is said to be out of reach', () => {
    const osaka = exportConformancePack({ profile: 'osaka', controls });
    const doc = parse(osaka.template);
    const [[, stack]] = ruleOf(osaka, 'data-store-backup-coverage');
    expect(stack.trigger).toBe('periodic');
    expect(doc.Resources[stack.logicalId].Properties.Source.SourceDetails).toEqual([
      { EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: 'TwentyFour_Hours' },
    ]);
    const [[, cache]] = ruleOf(osaka, 'elasticache-at-rest-encryption');
    expect(cache).toMatchObject({ type: 'custom', trigger: 'periodic' });
    expect(cache.note.en).toContain('AWS Config records none of the control');
  });

  describe('with a params file', () => {
    let dir: string;
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-pack-'))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const withParams = (text: string) => {
      const file = path.join(dir, `params-${Math.random().toString(36).slice(2)}.yaml`);
      fs.writeFileSync(file, text);
      return { file, out: exportConformancePack({ profile: 'osaka', controls, paramsFile: file }) };
    };

    test('the user value reaches MinRetentionTime and is marked as the user\'s', () => {
      const { file, out } = withParams('parameters:\n  minLogRetentionDays: 400\n');
      const [[, m]] = ruleOf(out, 'log-group-retention');
      expect(m.type).toBe('managed');
      expect(parse(out.template).Resources[m.logicalId].Properties.InputParameters).toEqual({ MinRetentionTime: '400' });
      expect(m.parameters).toEqual([expect.objectContaining({ name: 'MinRetentionTime', value: '400', parameter: 'minLogRetentionDays', source: 'user', file: path.basename(file) })]);
      expect(out.template).toContain('MUNIGUARD_PARAMS_FILE');
    });

    test('a value the managed rule cannot take falls back to the custom rule', () => {
      const { out } = withParams('parameters:\n  minLogRetentionDays: 100\n');
      const [[, m]] = ruleOf(out, 'log-group-retention');
      expect(m.type).toBe('custom');
      expect(m.note.en).toContain('minLogRetentionDays = 100');
    });

    test('a control disabled in the params file gets no rule', () => {
      const { out } = withParams('controls:\n  vpc-flow-logs:\n    disabled: true\n');
      expect(ruleOf(out, 'vpc-flow-logs')).toEqual([]);
    });
  });

  test('account-level controls of the live scan use the managed rules that can see what Config items cannot', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-pack-profile-'));
    try {
      const doc = yaml.load(fs.readFileSync(path.join(policiesDir(), 'osaka', 'profile.yaml'), 'utf8')) as { clauses: unknown[] };
      const live = ['root-account-mfa', 'iam-user-console-mfa', 'iam-unused-credentials', 'guardduty-enabled', 'config-recorder-enabled'];
      doc.clauses.push({
        path: 'L(1)',
        title: { ja: 'アカウントの設定', en: 'Account settings' },
        summary: { ja: 'テスト用の条項', en: 'A clause for this test' },
        controls: live.map((id) => ({ id, relation: 'requires', enforcement: 'mandatory' })),
      });
      const file = path.join(dir, 'profile.yaml');
      fs.writeFileSync(file, yaml.dump(doc));
      const out = exportConformancePack({ profile: file, controls });
      const source = (id: string) => ruleOf(out, id).map(([, m]) => m.source);
      expect(source('root-account-mfa')).toEqual(['ROOT_ACCOUNT_MFA_ENABLED']);
      expect(source('iam-user-console-mfa')).toEqual(['MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS']);
      expect(source('guardduty-enabled')).toEqual(['GUARDDUTY_ENABLED_CENTRALIZED']);
      const [[, unused]] = ruleOf(out, 'iam-unused-credentials');
      expect(unused).toMatchObject({ source: 'IAM_USER_UNUSED_CREDENTIALS_CHECK', parameters: [expect.objectContaining({ name: 'maxCredentialUsageAge', value: '90', parameter: 'maxCredentialUnusedDays', source: 'default', setBy: 'control' })] });
      expect(parse(out.template).Resources[unused.logicalId].Properties.InputParameters).toEqual({ maxCredentialUsageAge: '90' });
      const [[, recorder]] = ruleOf(out, 'config-recorder-enabled');
      expect(recorder).toMatchObject({ type: 'custom', trigger: 'periodic' });
      // a profile given as a file: the function finds it by its file name
      const custom = Object.values(out.mapping.rules).find((m) => m.type === 'custom')!;
      expect(parse(out.template).Resources[custom.logicalId].Properties.InputParameters?.profile).toBe('profile.yaml');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('customOnly: every control runs the muniguard custom rule', () => {
    const out = exportConformancePack({ profile: 'osaka', controls, customOnly: true });
    expect(Object.values(out.mapping.rules).every((m) => m.type === 'custom')).toBe(true);
    expect(out.template).not.toContain('Owner: AWS');
  });
});

const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const haveCfnLint = cfnLint.status === 0;
if (!haveCfnLint) console.warn('conformance-pack: cfn-lint is not on PATH, the template is not linted (pip install cfn-lint)');

(haveCfnLint ? describe : describe.skip)('cfn-lint (skipped when cfn-lint is not installed)', () => {
  test.each(listProfileIds())('the %s template passes cfn-lint', (id) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-cfnlint-'));
    try {
      const file = path.join(dir, `${id}.yaml`);
      fs.writeFileSync(file, exportConformancePack({ profile: id, controls, paramsFile: paramsFor(id) }).template);
      const run = spawnSync('cfn-lint', [file], { encoding: 'utf8' });
      expect({ status: run.status, out: run.stdout + run.stderr }).toEqual({ status: 0, out: '' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
