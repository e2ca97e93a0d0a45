import { defineControl } from './control';
import { evaluate } from './evaluate';
import { KINDS } from './kinds';
import type { ReadError } from './read-errors';
import { isPermissionError } from './read-errors';
import { testing } from './index';
import { isUnknown, Unknown } from './unknown';
import { read } from './values';

/** Two small controls over the same kind that read different properties. */
const enc = defineControl({
  id: 'test-encryption', family: 'encryption', kinds: [KINDS.S3Bucket], scope: 'resource', severity: 'high', classBased: true,
  title: { ja: '暗号化', en: 'Encryption' }, summary: { ja: 's', en: 's' }, remediation: { ja: 'r', en: 'r' },
  messages: { off: { ja: '暗号化なし', en: 'not encrypted' } },
  check: (b, ctx) => (isUnknown(read(b, 'encryption')) ? ctx.unknown('encryption.algorithm') : read(b, 'encryption') ? ctx.pass() : ctx.fail('off', { path: 'encryption' })),
});
const ver = defineControl({
  id: 'test-versioning', family: 'backup', kinds: [KINDS.S3Bucket], scope: 'resource', severity: 'low',
  title: { ja: '版管理', en: 'Versioning' }, summary: { ja: 's', en: 's' }, remediation: { ja: 'r', en: 'r' },
  messages: { off: { ja: '版管理なし', en: 'no versioning' } },
  check: (b, ctx) => (isUnknown(read(b, 'versioning')) ? ctx.unknown('versioning') : read(b, 'versioning') ? ctx.pass() : ctx.fail('off', { path: 'versioning' })),
});
const all = defineControl({
  id: 'test-anywhere', family: 'region', kinds: ['*'], scope: 'resource', severity: 'medium',
  title: { ja: '全種別', en: 'Any kind' }, summary: { ja: 's', en: 's' }, remediation: { ja: 'r', en: 'r' },
  messages: {},
  check: (_r, ctx) => ctx.pass(),
});

function run(resources: ReturnType<typeof testing.makeResource>[], readErrors: ReadError[], mapping: Record<string, unknown> = {}) {
  const controls = [enc, ver, all];
  const profile = testing.testProfile(controls, { mapping: mapping as never });
  return evaluate({ profile, controls: new Map(controls.map((c) => [c.id, c])), resources, asOf: '2026-04-01', readErrors });
}

const denied = (extra: Partial<ReadError>): ReadError => ({
  service: 's3', action: 's3:GetEncryptionConfiguration', region: 'ap-northeast-1', kinds: [KINDS.S3Bucket], code: 'AccessDenied', message: 'not authorized', ...extra,
});

describe('read errors become error findings for exactly what could not be read', () => {
  it('an attribute that could not be read: the controls that needed it say error (naming the permission), the others keep their verdict', () => {
    const bucket = testing.makeResource(KINDS.S3Bucket, { encryption: new Unknown('denied'), versioning: { status: 'Enabled' } }, { id: 'arn:aws:s3:::records' });
    const other = testing.makeResource(KINDS.S3Bucket, { encryption: new Unknown('not recorded yet'), versioning: { status: 'Enabled' } }, { id: 'arn:aws:s3:::other' });
    const result = run([bucket, other], [denied({ resources: [{ address: 'arn:aws:s3:::records', kind: KINDS.S3Bucket }], properties: ['encryption'] })]);
    const v = (id: string, addr: string) => result.findings.find((f) => f.controlId === id && f.resource.address === addr)!;
    expect(v('test-encryption', 'arn:aws:s3:::records')).toMatchObject({ verdict: 'error', messageId: 'readDenied', path: 'encryption.algorithm', enforcement: 'mandatory' });
    expect(v('test-encryption', 'arn:aws:s3:::records').message.en).toBe('Not allowed to read encryption.algorithm: s3:GetEncryptionConfiguration was denied (AccessDenied). Allow s3:GetEncryptionConfiguration for the scanning role.');
    expect(v('test-encryption', 'arn:aws:s3:::records').message.ja).toContain('s3:GetEncryptionConfiguration');
    expect(v('test-versioning', 'arn:aws:s3:::records').verdict).toBe('pass');
    // another bucket's Unknown has another cause: it stays unknown
    expect(v('test-encryption', 'arn:aws:s3:::other').verdict).toBe('unknown');
    expect(result.summary).toMatchObject({ error: 1, unknown: 1 });
    expect(result.readErrors).toHaveLength(1);
  });

  it('a list that could not be read: one error per control over the kind and region, with the clauses and the most sensitive class', () => {
    const result = run([], [
      { service: 's3', action: 's3:ListAllMyBuckets', kinds: [KINDS.S3Bucket, KINDS.DynamoTable], code: 'AccessDenied', message: 'x' },
      { service: 's3', action: 's3:ListAllMyBuckets', kinds: [KINDS.S3Bucket], code: 'AccessDenied', message: 'twice' },
      { service: 'rds', action: 'rds:DescribeDBInstances', region: 'ap-northeast-3', kinds: [KINDS.RdsInstance], code: 'TimeoutError', message: 'connect ETIMEDOUT' },
    ]);
    const rows = result.findings.map((f) => [f.controlId, f.resource.address, f.verdict, f.messageId]);
    expect(rows).toEqual([
      ['test-encryption', 'global/AWS::S3::Bucket', 'error', 'listDenied'],
      ['test-versioning', 'global/AWS::S3::Bucket', 'error', 'listDenied'],
      ['test-anywhere', 'global/AWS::S3::Bucket', 'error', 'listDenied'],
      ['test-anywhere', 'global/AWS::DynamoDB::Table', 'error', 'listDenied'],
      ['test-anywhere', 'ap-northeast-3/AWS::RDS::DBInstance', 'error', 'listFailed'],
    ]);
    const f = result.findings[0];
    expect(f).toMatchObject({ severity: 'high', enforcement: 'mandatory', resource: { kind: KINDS.S3Bucket, source: 'aws-config', region: null }, clauses: [{ path: 'T1', relation: 'requires' }] });
    expect(result.findings[4].message.en).toContain('rds:DescribeDBInstances failed (TimeoutError connect ETIMEDOUT)');
    expect(result.summary.error).toBe(5);
  });

  it('advisory mappings give advisory errors', () => {
    const result = run([], [denied({})], { enforcement: 'advisory' });
    expect(result.findings.every((f) => f.enforcement === 'advisory')).toBe(true);
  });

  it('tells a refused call from a failed one', () => {
    for (const code of ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']) expect(isPermissionError({ code })).toBe(true);
    for (const code of ['ThrottlingException', 'TimeoutError', 'ScanTimeout', 'ECONNREFUSED']) expect(isPermissionError({ code })).toBe(false);
  });

  it('without read errors nothing changes (IaC scans)', () => {
    const bucket = testing.makeResource(KINDS.S3Bucket, { encryption: new Unknown('known after apply'), versioning: { status: 'Enabled' } });
    const result = run([bucket], []);
    expect(result.findings.map((f) => f.verdict)).toEqual(['unknown', 'pass', 'pass']);
    expect(result.readErrors).toBeUndefined();
  });
});
