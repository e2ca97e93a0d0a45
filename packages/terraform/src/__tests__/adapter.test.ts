import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError, isRef, isUnknown, KINDS, type Resource } from '@muniguard/core';
import { loadFile, loadPath, normalize, readConfig, readPlan } from '../index';

const cfg = (doc: Record<string, unknown>, prefix = '') => normalize(readConfig([{ file: 'main.tf.json', doc }], prefix));
const byId = (rs: Resource[], id: string) => {
  const r = rs.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id} in ${rs.map((x) => x.id).join(', ')}`);
  return r;
};

describe('Terraform JSON configuration', () => {
  const doc = {
    provider: { aws: [{ region: 'ap-northeast-1', default_tags: { tags: { DataClassification: 'II', Owner: 'infra' } } }, { alias: 'us', region: 'us-east-1' }] },
    variable: { classification: { default: 'I' } },
    resource: {
      aws_kms_key: { k: { enable_key_rotation: true } },
      aws_s3_bucket: { b: { bucket: 'city-data', tags: { DataClassification: '${var.classification}' } }, west: { provider: 'aws.us', bucket: 'far' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        b: { bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.k.arn}' } }] },
      },
      aws_s3_bucket_versioning: { b: { bucket: 'city-data', versioning_configuration: { status: 'Enabled' } } },
      aws_s3_bucket_public_access_block: { b: { bucket: '${aws_s3_bucket.b.id}', block_public_acls: true } },
      aws_s3_bucket_policy: { b: { bucket: '${aws_s3_bucket.b.id}', policy: '{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::${aws_s3_bucket.b.id}/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}' } },
      aws_sqs_queue: { q: { name: 'q', kms_master_key_id: '${TfToken[TOKEN.12]}' } },
      aws_iam_user: { u: { name: 'alice' } },
      aws_iam_user_login_profile: { u: { user: '${aws_iam_user.u.name}' } },
      random_id: { r: { byte_length: 4 } },
    },
  };
  const rs = cfg(doc);

  it('folds split S3 resources onto their bucket, by reference or by literal name', () => {
    const b = byId(rs, 'aws_s3_bucket.b');
    expect(b.kind).toBe(KINDS.S3Bucket);
    expect(b.props.encryption).toMatchObject({ algorithm: 'aws:kms' });
    const key = (b.props.encryption as { kmsKeyId: unknown }).kmsKeyId;
    expect(isRef(key) && key.address).toBe('aws_kms_key.k');
    expect(b.props.versioning).toEqual({ status: 'Enabled' });
    expect(b.props.publicAccessBlock).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: false });
    expect(b.source.origins?.encryption).toBe('aws_s3_bucket_server_side_encryption_configuration.b');
    // split resources do not appear on their own
    expect(rs.some((r) => r.id.startsWith('aws_s3_bucket_versioning'))).toBe(false);
  });

  it('keeps the structure of a policy whose strings contain interpolations', () => {
    const policy = byId(rs, 'aws_s3_bucket.b').props.policy as { Statement: unknown[] };
    expect(policy.Statement).toHaveLength(1);
  });

  it('resolves regions through provider aliases and merges default tags', () => {
    expect(byId(rs, 'aws_s3_bucket.b').region).toBe('ap-northeast-1');
    expect(byId(rs, 'aws_s3_bucket.west').region).toBe('us-east-1');
    expect(byId(rs, 'aws_s3_bucket.b').tags).toEqual({ DataClassification: 'I', Owner: 'infra' });
    expect(byId(rs, 'aws_s3_bucket.west').tags).toEqual({});
  });

  it('turns an unresolved CDKTF token into Unknown and drops non-AWS resources', () => {
    expect(isUnknown(byId(rs, 'aws_sqs_queue.q').props.kmsMasterKeyId)).toBe(true);
    expect(rs.some((r) => r.id === 'random_id.r')).toBe(false);
  });

  it('marks IAM users with a console login profile and gives IAM no region', () => {
    const u = byId(rs, 'aws_iam_user.u');
    expect(u.props.loginProfile).toBe(true);
    expect(u.region).toBeUndefined();
  });

  it('reports a region the provider does not set as Unknown', () => {
    const rs2 = cfg({ resource: { aws_sqs_queue: { q: { name: 'q' } } } });
    expect(isUnknown(byId(rs2, 'aws_sqs_queue.q').region)).toBe(true);
  });

  it('builds policies from aws_iam_policy_document data sources', () => {
    const rs3 = cfg({
      provider: { aws: { region: 'ap-northeast-1' } },
      data: { aws_iam_policy_document: { tls: { statement: [{ effect: 'Deny', actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }] } } },
      resource: { aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_policy: { b: { bucket: '${aws_s3_bucket.b.id}', policy: '${data.aws_iam_policy_document.tls.json}' } } },
    });
    const policy = byId(rs3, 'aws_s3_bucket.b').props.policy as { Statement: { Effect: string; Condition: unknown }[] };
    expect(policy.Statement[0].Effect).toBe('Deny');
    expect(policy.Statement[0].Condition).toEqual({ Bool: { 'aws:SecureTransport': ['false'] } });
  });
});

describe('terraform show -json plan', () => {
  const plan = {
    format_version: '1.2',
    variables: { region: { value: 'ap-northeast-3' } },
    planned_values: { root_module: {} },
    resource_changes: [
      { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', change: { actions: ['create'], after: { bucket: 'd', tags: { DataClassification: 'II' }, tags_all: { DataClassification: 'II' } }, after_unknown: { arn: true, id: true } } },
      {
        address: 'aws_s3_bucket_server_side_encryption_configuration.b', mode: 'managed', type: 'aws_s3_bucket_server_side_encryption_configuration', name: 'b',
        change: { actions: ['create'], after: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }, after_unknown: { bucket: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] } },
      },
      { address: 'aws_s3_bucket.gone', mode: 'managed', type: 'aws_s3_bucket', name: 'gone', change: { actions: ['delete'], after: null } },
      { address: 'module.logs.aws_cloudwatch_log_group.g', mode: 'managed', type: 'aws_cloudwatch_log_group', name: 'g', change: { actions: ['create'], after: { name: 'g' }, after_unknown: { retention_in_days: true } } },
    ],
    configuration: {
      provider_config: { aws: { name: 'aws', expressions: { region: { references: ['var.region'] } } } },
      root_module: {
        resources: [
          { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', provider_config_key: 'aws', expressions: {} },
          {
            address: 'aws_s3_bucket_server_side_encryption_configuration.b', type: 'aws_s3_bucket_server_side_encryption_configuration', provider_config_key: 'aws',
            expressions: { bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] }, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: { references: ['var.key'] } }] }] },
          },
        ],
        module_calls: { logs: { module: { resources: [{ address: 'aws_cloudwatch_log_group.g', type: 'aws_cloudwatch_log_group', provider_config_key: 'aws', expressions: { retention_in_days: { references: ['var.days'] } } }] } } },
      },
    },
  };
  const rs = normalize(readPlan(plan as never, 'plan.json'));

  it('links split resources through configuration references although `bucket` is known after apply', () => {
    const b = byId(rs, 'aws_s3_bucket.b');
    expect(b.props.encryption).toMatchObject({ algorithm: 'aws:kms' });
    // the key comes from a variable without a value in the plan: known after apply
    expect(isUnknown((b.props.encryption as { kmsKeyId: unknown }).kmsKeyId)).toBe(true);
  });

  it('skips deleted resources, reads module resources, resolves the region from a variable', () => {
    expect(rs.some((r) => r.id === 'aws_s3_bucket.gone')).toBe(false);
    const g = byId(rs, 'module.logs.aws_cloudwatch_log_group.g');
    expect(isUnknown(g.props.retentionInDays)).toBe(true);
    expect(g.region).toBe('ap-northeast-3');
  });
});

describe('plan: what is "known after apply"', () => {
  const planOf = (expressions: Record<string, unknown>) => ({
    format_version: '1.2',
    resource_changes: [
      { address: 'aws_ebs_volume.v', mode: 'managed', type: 'aws_ebs_volume', name: 'v', change: { actions: ['create'], after: { size: 10, tags: { Owner: 'a' }, tags_all: { Owner: 'a' } }, after_unknown: { encrypted: true, kms_key_id: true, arn: true, tags: { DataClassification: true }, tags_all: { DataClassification: true } } } },
    ],
    configuration: { provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'ap-northeast-1' } } } }, root_module: { resources: [{ address: 'aws_ebs_volume.v', type: 'aws_ebs_volume', provider_config_key: 'aws', expressions }] } },
  });

  it('an attribute the configuration does not write is the provider default: omitted, not unknown', () => {
    const [v] = normalize(readPlan(planOf({ size: { constant_value: 10 } }) as never, 'p.json'));
    expect(v.props.encrypted).toBeUndefined();
    expect(v.props.kmsKeyId).toBeUndefined();
  });

  it('an expression that cannot be resolved yet is Unknown; a resource reference is a Ref; tags_all follows tags', () => {
    const [v] = normalize(readPlan(planOf({ encrypted: { references: ['local.encrypt'] }, kms_key_id: { references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] }, tags: { references: ['data.aws_ssm_parameter.c.value', 'data.aws_ssm_parameter.c'] } }) as never, 'p.json'));
    expect(isUnknown(v.props.encrypted)).toBe(true);
    expect(isRef(v.props.kmsKeyId)).toBe(true);
    const tags = v.tags as Record<string, unknown>;
    expect(tags.Owner).toBe('a');
    expect(tags.DataClassification).toBeDefined();
  });
});

describe('inputs and errors', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-tf-'));
  const write = (rel: string, text: string) => {
    const f = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };

  it('reads every stack of a cdktf.out directory with addresses prefixed by the stack', () => {
    const stack = (bucket: string) => JSON.stringify({ provider: { aws: [{ region: 'ap-northeast-1' }] }, resource: { aws_s3_bucket: { data: { bucket, '//': { metadata: { path: `s/${bucket}` } } } } } });
    write('cdktf.out/manifest.json', JSON.stringify({ stacks: { web: { synthesizedStackPath: 'stacks/web/cdk.tf.json' }, db: { synthesizedStackPath: 'stacks/db/cdk.tf.json' } } }));
    write('cdktf.out/stacks/web/cdk.tf.json', stack('w'));
    write('cdktf.out/stacks/db/cdk.tf.json', stack('d'));
    const [input] = loadPath(path.join(tmp, 'cdktf.out'));
    expect(input.kind).toBe('cdktf-out');
    expect(input.resources.map((r) => r.id).sort()).toEqual(['db/aws_s3_bucket.data', 'web/aws_s3_bucket.data']);
    expect(input.resources[0].source.constructPath).toMatch(/^s\//);
  });

  it('names the file and the position of malformed JSON', () => {
    const f = write('bad.json', '{\n  "resource": {,\n}');
    expect(() => loadFile(f)).toThrow(InputError);
    expect(() => loadFile(f)).toThrow(/bad\.json: malformed JSON at line 2, column \d+/);
  });

  it('rejects JSON that is neither configuration nor plan', () => {
    const f = write('package.json', JSON.stringify({ name: 'x', version: '1.0.0' }));
    expect(() => loadFile(f)).toThrow(/package\.json: is neither Terraform JSON configuration/);
  });

  it('rejects a directory without Terraform inputs', () => {
    fs.mkdirSync(path.join(tmp, 'empty'));
    expect(() => loadPath(path.join(tmp, 'empty'))).toThrow(/contains no Terraform JSON/);
  });
});
