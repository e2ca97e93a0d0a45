import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate, InputError, isRef, isUnknown, KINDS, loadProfile } from '@muniguard/core';
import { controlsById } from '@muniguard/controls';
import { loadStackExport, readStackExport } from '../stack-export';

const STACK = 'urn:pulumi:dev::city::pulumi:pulumi:Stack::city-dev';
const u = (t: string, n: string) => `urn:pulumi:dev::city::${t}::${n}`;
const DEFAULT = u('pulumi:providers:aws', 'default_7_48_0');
const US = u('pulumi:providers:aws', 'us');
const SECRET = '4dabf18193072939515e22adb298388d';
const SECRET_VALUE = '1b47061264138c4ac30d75fd1eb44270';
const KEY_ARN = 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** A `pulumi stack export` of a small stack, in the checkpoint format the CLI writes (version 3). */
function exportDoc() {
  const tags = { DataClassification: 'Ⅰ', ContractEnd: '2030-03-31' };
  return {
    version: 3,
    deployment: {
      manifest: { time: '2026-11-20T10:00:00.000000+09:00', magic: 'f0e1d2c3', version: 'v3.200.0' },
      secrets_providers: { type: 'passphrase', state: { salt: 'v1:abcd' } },
      resources: [
        { urn: STACK, custom: false, type: 'pulumi:pulumi:Stack', outputs: { dataBucket: 'city-data' } },
        {
          urn: DEFAULT, custom: true, id: '5a3c0a2e', type: 'pulumi:providers:aws',
          inputs: { __internal: {}, region: 'ap-northeast-1', skipCredentialsValidation: 'false', version: '7.48.0' },
          outputs: { region: 'ap-northeast-1', skipCredentialsValidation: 'false', version: '7.48.0' },
        },
        { urn: US, custom: true, id: '77aa', type: 'pulumi:providers:aws', inputs: { region: 'us-east-1' }, outputs: { region: 'us-east-1' }, parent: STACK },
        {
          urn: u('aws:kms/key:Key', 'data'), custom: true, id: '1234abcd-12ab-34cd-56ef-1234567890ab', type: 'aws:kms/key:Key',
          inputs: { __defaults: ['isEnabled'], enableKeyRotation: true }, outputs: { arn: KEY_ARN, enableKeyRotation: true, keyUsage: 'ENCRYPT_DECRYPT' },
          parent: STACK, provider: `${DEFAULT}::5a3c0a2e`, propertyDependencies: { enableKeyRotation: [] },
        },
        {
          urn: u('aws:s3/bucket:Bucket', 'data'), custom: true, id: 'city-data', type: 'aws:s3/bucket:Bucket',
          inputs: { bucket: 'city-data', tags }, outputs: { arn: 'arn:aws:s3:::city-data', bucket: 'city-data', tags, tagsAll: tags },
          parent: STACK, provider: `${DEFAULT}::5a3c0a2e`,
        },
        {
          urn: u('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', 'data'), custom: true, id: 'city-data',
          type: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
          inputs: { bucket: 'city-data', rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY_ARN } }] },
          outputs: { bucket: 'city-data', rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: false }] },
          parent: STACK, provider: `${DEFAULT}::5a3c0a2e`,
          dependencies: [u('aws:s3/bucket:Bucket', 'data'), u('aws:kms/key:Key', 'data')],
          propertyDependencies: { bucket: [u('aws:s3/bucket:Bucket', 'data')], rules: [u('aws:kms/key:Key', 'data')] },
        },
        {
          urn: u('aws:rds/instance:Instance', 'db'), custom: true, id: 'city-db', type: 'aws:rds/instance:Instance',
          inputs: { identifier: 'city-db', storageEncrypted: false, password: { [SECRET]: SECRET_VALUE, ciphertext: 'v1:Zm9v' } },
          outputs: {
            arn: 'arn:aws:rds:ap-northeast-1:111122223333:db:city-db', identifier: 'city-db', storageEncrypted: false, tags, tagsAll: tags,
            password: { [SECRET]: SECRET_VALUE, ciphertext: 'v1:Zm9v' }, kmsKeyId: { [SECRET]: SECRET_VALUE, plaintext: JSON.stringify(KEY_ARN) },
          },
          parent: STACK, provider: `${DEFAULT}::5a3c0a2e`,
        },
        {
          urn: u('aws:sqs/queue:Queue', 'far'), custom: true, id: 'https://sqs.us-east-1.amazonaws.com/111122223333/far', type: 'aws:sqs/queue:Queue',
          inputs: { name: 'far' }, outputs: { name: 'far', tags, tagsAll: tags }, parent: STACK, provider: `${US}::77aa`,
        },
        {
          urn: u('aws:sqs/queue:Queue', 'old'), custom: true, id: 'old', type: 'aws:sqs/queue:Queue', delete: true,
          inputs: { name: 'old' }, outputs: { name: 'old' }, parent: STACK, provider: `${DEFAULT}::5a3c0a2e`,
        },
      ],
    },
  };
}

describe('loadStackExport', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-export-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
    return f;
  };

  it('reads the deployed state: outputs, providers by reference, folded split resources, secrets; skips pending deletes', () => {
    const file = write('stack.json', exportDoc());
    const loaded = loadStackExport(file, 'stack.json');
    expect(loaded.kind).toBe('pulumi-export');
    expect(loaded.path).toBe('stack.json');
    expect(loaded.resources.map((r) => `${r.kind} ${r.id.split('::').pop()} ${String(r.region)}`).sort()).toEqual([
      `${KINDS.KmsKey} data ap-northeast-1`,
      `${KINDS.RdsInstance} db ap-northeast-1`,
      `${KINDS.S3Bucket} data ap-northeast-1`,
      `${KINDS.SqsQueue} far us-east-1`,
    ]);
    const bucket = loaded.resources.find((r) => r.kind === KINDS.S3Bucket)!;
    expect(bucket.source).toMatchObject({ adapter: 'pulumi', file: 'stack.json', address: u('aws:s3/bucket:Bucket', 'data') });
    expect(bucket.props.encryption).toMatchObject({ algorithm: 'aws:kms', kmsKeyId: KEY_ARN });
    const db = loaded.resources.find((r) => r.kind === KINDS.RdsInstance)!;
    expect(db.props.storageEncrypted).toBe(false);
    expect(db.props.kmsKeyId).toBe(KEY_ARN); // a plaintext secret (--show-secrets) is read
    expect(db.props.arn).toMatch(/^arn:aws:rds:/);
  });

  it('the state it reads is judged by the engine like any other input', () => {
    const controls = controlsById();
    const profile = loadProfile('osaka', { controls });
    const { resources } = loadStackExport(write('judge.json', exportDoc()), 'judge.json');
    const result = evaluate({ profile, controls, resources, asOf: '2026-04-01' });
    const failing = result.findings.filter((f) => f.verdict === 'fail').map((f) => `${f.controlId} ${f.resource.address.split('::').pop()}`);
    expect(failing).toContain('rds-storage-encrypted db');
    expect(failing).toContain('resource-region-allowed far');
    expect(failing.filter((f) => f.endsWith(' data') && f.startsWith('s3-bucket-kms-cmk'))).toEqual([]); // encrypted with the stack's own key
  });

  it('an encrypted secret is unknown, not a value', () => {
    const doc = exportDoc();
    const rds = doc.deployment.resources.find((r) => r.type === 'aws:rds/instance:Instance')!;
    (rds.outputs as Record<string, unknown>).storageEncrypted = { [SECRET]: SECRET_VALUE, ciphertext: 'v1:YmFy' };
    const { resources } = readStackExport(doc, 'secret.json');
    expect(isUnknown(resources.find((r) => r.kind === KINDS.RdsInstance)!.props.storageEncrypted)).toBe(true);
  });

  it('links a split resource by propertyDependencies even when its value is not the parent id', () => {
    const doc = exportDoc();
    const sse = doc.deployment.resources.find((r) => r.type.includes('ServerSideEncryption'))!;
    sse.outputs = { ...sse.outputs, bucket: 'renamed-out-of-band' };
    const { resources } = readStackExport(doc, 'x.json');
    const bucket = resources.find((r) => r.kind === KINDS.S3Bucket)!;
    expect(bucket.props.encryption).toBeDefined();
    expect(isRef(bucket.props.encryption)).toBe(false);
  });

  it.each([
    ['not JSON', '{"version": 3,\n "deployment": nope}', /^bad\.json: malformed JSON/],
    ['not an export', { resources: [] }, /^bad\.json: is not a Pulumi stack export/],
    ['a version that is not a number', { version: '3', deployment: { resources: [] } }, /version "3" is not a checkpoint version number/],
    ['a newer version', { version: 4, deployment: { resources: [] } }, /checkpoint version 4 is newer/],
    ['deployment not an object', { version: 3, deployment: [] }, /deployment is not an object/],
    ['resources not a list', { version: 3, deployment: { resources: {} } }, /deployment\.resources is not a list/],
    ['a resource without urn', { version: 3, deployment: { resources: [{ type: 'aws:s3/bucket:Bucket' }] } }, /deployment\.resources\[0\]\.urn is missing/],
    ['a resource without type', { version: 3, deployment: { resources: [{ urn: STACK }] } }, /deployment\.resources\[0\]\.type is missing/],
    ['outputs that are not an object', { version: 3, deployment: { resources: [{ urn: STACK, type: 'pulumi:pulumi:Stack', outputs: [1] }] } }, /resources\[0\]\.outputs is not an object/],
    ['a provider that is not a reference', { version: 3, deployment: { resources: [{ urn: STACK, type: 'x:y:Z', provider: 5 }] } }, /resources\[0\]\.provider is not a provider reference/],
    ['propertyDependencies that are not URN lists', { version: 3, deployment: { resources: [{ urn: STACK, type: 'x:y:Z', propertyDependencies: { a: 'b' } }] } }, /propertyDependencies is not a map of URN lists/],
  ])('fails closed on %s with one line naming the file', (_name, content, message) => {
    const file = write('bad.json', content);
    let error: unknown;
    try {
      loadStackExport(file, 'bad.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('a missing file is an InputError', () => {
    expect(() => loadStackExport(path.join(dir, 'nope.json'), 'nope.json')).toThrow(/^nope\.json: cannot read: ENOENT$/);
  });
});
