import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRef, isUnknown, KINDS, type Resource } from '@muniguard/core';
import { FOLDS, MAPPINGS } from '@muniguard/terraform';
import { AWS_TYPES, PLURAL_KEYS, terraformTypeOf } from '../aws-types';
import { normalizePulumi } from '../adapter';
import { coverage, GAPS, mappedKinds, nativeTokens } from '../gaps';
import { UNKNOWN_SENTINEL as S, type PulumiResource } from '../model';

const AWS_PKG = path.dirname(require.resolve('@pulumi/aws/package.json'));
const U = (type: string, name: string) => `urn:pulumi:dev::city::${type}::${name}`;
const TOKYO = { urn: U('pulumi:providers:aws', 'default_7_48_0'), type: 'pulumi:providers:aws', name: 'default_7_48_0', properties: { region: 'ap-northeast-1' } };
const res = (type: string, name: string, properties: Record<string, unknown>, extra: Partial<PulumiResource> = {}): PulumiResource => ({
  type, urn: U(type, name), name, provider: TOKYO, properties, ...extra,
});
const byUrn = (rs: Resource[], type: string, name: string) => {
  const r = rs.find((x) => x.id === U(type, name));
  if (!r) throw new Error(`no ${type}::${name} in ${rs.map((x) => x.id).join(', ')}`);
  return r;
};

describe('@pulumi/aws type tokens', () => {
  // every __pulumiType and alias type declared by the files of the tokens in the table
  const declared = new Set<string>();
  const files = new Set(Object.values(AWS_TYPES).flat().map((t) => /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):/.exec(t)!).map((m) => path.join(AWS_PKG, m[1], `${m[2]}.js`)));
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/__pulumiType = '([^']+)'/g)) declared.add(m[1]);
    for (const m of text.matchAll(/\{ type: "([^"]+)" \}/g)) declared.add(m[1]);
  }

  it('every token of the table is a type or an alias type of @pulumi/aws 7.48.0', () => {
    const missing = Object.values(AWS_TYPES).flat().filter((t) => !declared.has(t));
    expect(missing).toEqual([]);
  });

  it('every Terraform type the normalizer knows has a Pulumi token, and every entry is one it knows', () => {
    const known = new Set([...Object.keys(MAPPINGS), ...Object.keys(FOLDS), 'aws_iam_policy_attachment']);
    expect(Object.keys(AWS_TYPES).filter((t) => !known.has(t))).toEqual([]);
    expect([...known].filter((t) => !AWS_TYPES[t]?.length)).toEqual([]);
  });

  it('current and deprecated V2 names map to the same Terraform type', () => {
    expect(terraformTypeOf('aws:s3/bucket:Bucket')).toEqual({ type: 'aws_s3_bucket', mapped: true });
    expect(terraformTypeOf('aws:s3/bucketV2:BucketV2')).toEqual({ type: 'aws_s3_bucket', mapped: true });
    expect(terraformTypeOf('aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2')?.type).toBe('aws_s3_bucket_server_side_encryption_configuration');
    expect(terraformTypeOf('aws:rds/instance:Instance')?.type).toBe('aws_db_instance');
    expect(terraformTypeOf('aws:lambda/function:Function')).toEqual({ type: 'aws_lambda_function', mapped: false });
    expect(terraformTypeOf('random:index/randomId:RandomId')).toBeUndefined();
  });

  it('the plural names of list blocks are properties of @pulumi/aws', () => {
    const texts = [path.join(AWS_PKG, 'types', 'input.d.ts'), ...[...files].map((f) => f.replace(/\.js$/, '.d.ts'))]
      .filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(Object.keys(PLURAL_KEYS).filter((k) => !new RegExp(`\\n\\s+${k}\\??:`).test(texts))).toEqual([]);
  });
});

describe('kind coverage and GAPS', () => {
  it('every kind of core maps from both providers or is a listed gap, never both', () => {
    for (const row of coverage()) expect({ ...row, ok: row.mapped !== Boolean(row.gap) }).toEqual({ ...row, ok: true });
    expect(mappedKinds('aws').size).toBe(Object.values(KINDS).length - GAPS.filter((g) => g.provider === 'aws' && !g.part).length);
  });

  it('a partial gap names a real aws-native type the tables do not handle', () => {
    for (const g of GAPS.filter((x) => x.part)) {
      expect(g.part).toMatch(/^aws-native:[a-z0-9]+:[A-Z][A-Za-z0-9]+$/);
      expect(nativeTokens()).not.toContain(g.part);
      expect(g.detail.ja && g.detail.en).toBeTruthy();
    }
  });
});

describe('normalizePulumi (@pulumi/aws through the Terraform normalizer)', () => {
  const key = res('aws:kms/key:Key', 'data', { enableKeyRotation: true, arn: S });
  const bucket = res('aws:s3/bucket:Bucket', 'data', { bucket: 'city-data', tags: { DataClassification: 'Ⅱ' }, tagsAll: { DataClassification: 'Ⅱ', Owner: 'it' } });

  it('preview: a split resource lands on its parent through propertyDependencies, a sentinel with one source is a Ref', () => {
    const sse = res('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', 'data', {
      bucket: S, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: S }, bucketKeyEnabled: true }],
    }, { propertyDependencies: { bucket: [bucket.urn], rules: [key.urn] } });
    const rs = normalizePulumi([TOKYO as PulumiResource, key, bucket, sse]);
    const b = byUrn(rs, 'aws:s3/bucket:Bucket', 'data');
    expect(b.kind).toBe(KINDS.S3Bucket);
    expect(b.source).toMatchObject({ adapter: 'pulumi', address: bucket.urn, origins: { encryption: sse.urn } });
    const enc = b.props.encryption as { algorithm: string; kmsKeyId: unknown; bucketKeyEnabled: boolean };
    expect(enc.algorithm).toBe('aws:kms');
    expect(isRef(enc.kmsKeyId) && enc.kmsKeyId.address).toBe(key.urn);
    expect(enc.bucketKeyEnabled).toBe(true);
    expect(b.tags).toEqual({ DataClassification: 'Ⅱ', Owner: 'it' }); // tagsAll wins, like tags_all
    expect(b.region).toBe('ap-northeast-1');
    expect(rs.some((r) => r.id === sse.urn)).toBe(false); // folded, not a resource of its own
  });

  it('update / stack export: a literal link equal to the parent id folds too', () => {
    const withId = { ...bucket, id: 'city-data' };
    const v = res('aws:s3/bucketVersioningV2:BucketVersioningV2', 'data', { bucket: 'city-data', versioningConfiguration: { status: 'Enabled' } });
    const b = byUrn(normalizePulumi([withId, v]), 'aws:s3/bucket:Bucket', 'data');
    expect(b.props.versioning).toEqual({ status: 'Enabled' });
  });

  it('the deprecated BucketV2 inline blocks (pluralized lists) read like aws_s3_bucket', () => {
    const b2 = res('aws:s3/bucketV2:BucketV2', 'legacy', {
      bucket: 'legacy',
      serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: 'AES256' }] }] }],
      versionings: [{ enabled: false }],
      loggings: [{ targetBucket: 'logs', targetPrefix: 'legacy/' }],
    });
    const b = byUrn(normalizePulumi([b2]), 'aws:s3/bucketV2:BucketV2', 'legacy');
    expect(b.props).toMatchObject({ encryption: { algorithm: 'AES256' }, versioning: { status: 'Suspended' }, logging: { targetBucket: 'logs', targetPrefix: 'legacy/' } });
  });

  it('unknowns: a sentinel anywhere is Unknown (tags never become Refs); a list from several resources is one Ref each', () => {
    const vol = res('aws:ebs/volume:Volume', 'data', { encrypted: true, tags: { DataClassification: S } }, { propertyDependencies: { tags: [key.urn] } });
    const lg = res('aws:cloudwatch/logGroup:LogGroup', 'app', { retentionInDays: S, kmsKeyId: `${S}` }, { propertyDependencies: { kmsKeyId: [key.urn, bucket.urn] } });
    const sel = res('aws:backup/selection:Selection', 'stores', { name: 'stores', planId: S, resources: [S, S] }, { propertyDependencies: { resources: [bucket.urn, vol.urn] } });
    const rs = normalizePulumi([key, bucket, vol, lg, sel]);
    expect(isUnknown((byUrn(rs, 'aws:ebs/volume:Volume', 'data').tags as Record<string, unknown>).DataClassification)).toBe(true);
    const g = byUrn(rs, 'aws:cloudwatch/logGroup:LogGroup', 'app');
    expect(isUnknown(g.props.retentionInDays)).toBe(true);
    expect(isUnknown(g.props.kmsKeyId)).toBe(true); // two sources: which one is not known
    const s = byUrn(rs, 'aws:backup/selection:Selection', 'stores');
    expect((s.props.resources as unknown[]).map((r) => (isRef(r) ? r.address : r))).toEqual([bucket.urn, vol.urn]);
    expect(isUnknown(s.props.planId)).toBe(true);
  });

  it('region: the provider resource, a provider reference, a resource-level region, the stack config, else Unknown', () => {
    const us = { type: 'pulumi:providers:aws', urn: U('pulumi:providers:aws', 'us'), id: 'p1', properties: { region: 'us-east-1', defaultTags: JSON.stringify({ tags: { ContractEnd: '2030-03-31' } }) } };
    const viaRef = { ...res('aws:sqs/queue:Queue', 'us', { name: 'q' }), provider: `${us.urn}::p1` };
    const own = res('aws:sqs/queue:Queue', 'own', { name: 'o', region: 'ap-northeast-3' });
    const none = { ...res('aws:sqs/queue:Queue', 'none', { name: 'n' }), provider: { urn: TOKYO.urn, properties: {} } };
    let rs = normalizePulumi([us, viaRef, own, none]);
    expect(byUrn(rs, 'aws:sqs/queue:Queue', 'us').region).toBe('us-east-1');
    expect(byUrn(rs, 'aws:sqs/queue:Queue', 'us').tags).toEqual({ ContractEnd: '2030-03-31' }); // provider defaultTags (stored as JSON)
    expect(byUrn(rs, 'aws:sqs/queue:Queue', 'own').region).toBe('ap-northeast-3');
    expect(isUnknown(byUrn(rs, 'aws:sqs/queue:Queue', 'none').region)).toBe(true);
    rs = normalizePulumi([none], { stackConfig: { 'aws:region': 'ap-northeast-1' } });
    expect(byUrn(rs, 'aws:sqs/queue:Queue', 'none').region).toBe('ap-northeast-1');
  });

  it('types no control reads keep a region under their Pulumi name; IAM is global; non-AWS packages are left out', () => {
    const fn = res('aws:lambda/function:Function', 'f', { name: 'f' });
    const ip = res('aws:iam/instanceProfile:InstanceProfile', 'ip', { name: 'ip' });
    const role = res('aws:iam/role:Role', 'r', { name: 'r', assumeRolePolicy: '{"Statement":[]}' });
    const rnd = res('random:index/randomId:RandomId', 'x', { byteLength: 4 });
    const comp = { type: 'city:app:Component', urn: U('city:app:Component', 'c'), properties: {} };
    const rs = normalizePulumi([fn, ip, role, rnd, comp]);
    expect(rs.map((r) => `${r.kind} ${r.region ?? '-'}`).sort()).toEqual([
      'AWS::IAM::Role -', 'Pulumi::aws:iam/instanceProfile:InstanceProfile -', 'Pulumi::aws:lambda/function:Function ap-northeast-1',
    ]);
  });

  it('a role and its attachment: the Ref from the preview sentinel folds the policy onto the role', () => {
    const role = res('aws:iam/role:Role', 'admin', { assumeRolePolicy: '{"Statement":[]}' });
    const att = res('aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'admin', { role: S, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, { propertyDependencies: { role: [role.urn] } });
    const r = byUrn(normalizePulumi([role, att]), 'aws:iam/role:Role', 'admin');
    expect(r.props.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
  });
});

describe('normalizePulumi (@pulumi/aws-native table)', () => {
  const native = { urn: U('pulumi:providers:aws-native', 'default'), type: 'pulumi:providers:aws-native', name: 'default', properties: { region: 'ap-northeast-3' } };
  const nres = (type: string, name: string, properties: Record<string, unknown>, extra: Partial<PulumiResource> = {}) => res(type, name, properties, { provider: native, ...extra });

  it('CloudFormation-shaped properties map straight to the normalized ones, tag lists become maps', () => {
    const b = nres('aws-native:s3:Bucket', 'data', {
      bucketName: 'city-data', tags: [{ key: 'DataClassification', value: 'Ⅱ' }],
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/city' }, bucketKeyEnabled: true }] },
      versioningConfiguration: { status: 'Enabled' },
      publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true },
    });
    const policy = nres('aws-native:s3:BucketPolicy', 'data', { bucket: S, policyDocument: { Statement: [] } }, { propertyDependencies: { bucket: [b.urn] } });
    const r = byUrn(normalizePulumi([native as PulumiResource, b, policy]), 'aws-native:s3:Bucket', 'data');
    expect(r).toMatchObject({
      kind: KINDS.S3Bucket, name: 'city-data', region: 'ap-northeast-3', tags: { DataClassification: 'Ⅱ' },
      props: {
        encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/city', bucketKeyEnabled: true }, versioning: { status: 'Enabled' },
        publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: false, restrictPublicBuckets: false },
        policy: { Statement: [] },
      },
      source: { adapter: 'pulumi', origins: { policy: policy.urn } },
    });
  });

  it('every mapped kind is produced by its token', () => {
    const rows = [
      ['aws-native:rds:DbInstance', { storageEncrypted: true }, KINDS.RdsInstance],
      ['aws-native:logs:LogGroup', { retentionInDays: 30 }, KINDS.LogGroup],
      ['aws-native:iam:Role', { roleName: 'r' }, KINDS.IamRole],
      ['aws-native:backup:BackupPlan', { backupPlan: { backupPlanName: 'p', backupPlanRule: [{ ruleName: 'd', scheduleExpression: 'cron(0 17 * * ? *)', lifecycle: { deleteAfterDays: 400 } }] } }, KINDS.BackupPlan],
    ] as const;
    const rs = normalizePulumi(rows.map(([t, p], i) => nres(t, `r${i}`, p as Record<string, unknown>)));
    expect(rs.map((r) => r.kind)).toEqual(rows.map((r) => r[2]));
    expect(rs[1].props.retentionInDays).toBe(30);
    expect(rs[2].region).toBeUndefined(); // IAM is global
    expect(rs[3].props.rules).toEqual([{ name: 'd', schedule: 'cron(0 17 * * ? *)', deleteAfterDays: 400, copyActions: [] }]);
  });
});
