import {
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  GetResourceConfigHistoryCommand,
  PutEvaluationsCommand,
  SelectResourceConfigCommand,
  type Evaluation,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { controlsById } from '@muniguard/controls';
import { findLevel, loadProfile } from '@muniguard/core';
import { annotationFor, ANNOTATION_LIMIT, evaluationOf, handleConfigRuleEvent, type RuleHandlerOptions } from '../rule-handler';
import type { Finding } from '@muniguard/core';

/*
 * Events and configuration items follow the shapes AWS documents for Config rule invocations
 * (invokingEvent / ruleParameters as JSON text, configurationItem version 1.3, the summary of an
 * oversized item) and for the API (GetResourceConfigHistory: configuration as JSON text,
 * supplementaryConfiguration values as JSON text; SelectResourceConfig: one JSON text per row).
 */

const ACCOUNT = '123456789012';
const REGION = 'ap-northeast-1';
const CAPTURED = '2026-11-20T01:02:03.456Z';
const NOTIFIED = '2026-11-20T01:02:09.000Z';
const CMK = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const controls = controlsById();
const osaka = loadProfile('osaka', { controls });
const config = mockClient(ConfigServiceClient);
const client = new ConfigServiceClient({ region: REGION });
const logs: string[] = [];
const options: RuleHandlerOptions = { controls, client, env: {}, asOf: () => '2026-11-20', log: (l) => logs.push(l) };

beforeEach(() => {
  config.reset();
  config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  logs.length = 0;
});

interface BucketShape {
  name?: string;
  tags?: Record<string, string>;
  /** undefined: Config recorded no encryption configuration at all */
  sse?: { algorithm: string; key?: string } | 'absent';
  versioning?: 'Off' | 'Enabled' | 'Suspended';
}

/** The supplementaryConfiguration Config records for a bucket (objects, as in an invocation event). */
function bucketSupplementary(b: BucketShape): Record<string, unknown> {
  const supp: Record<string, unknown> = {
    AccessControlList: '{"grantSet":null,"grantList":[],"owner":{"displayName":null,"id":"abc"},"isRequesterCharged":false}',
    BucketAccelerateConfiguration: { status: null },
    BucketLoggingConfiguration: { destinationBucketName: null, logFilePrefix: null },
    BucketNotificationConfiguration: { configurations: {} },
    BucketPolicy: { policyText: null },
    BucketVersioningConfiguration: { status: b.versioning ?? 'Off', isMfaDeleteEnabled: null },
    IsRequesterPaysEnabled: false,
  };
  if (b.sse !== 'absent') {
    const sse = b.sse ?? { algorithm: 'AES256' };
    supp.ServerSideEncryptionConfiguration = {
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: sse.algorithm, kmsMasterKeyID: sse.key ?? null }, bucketKeyEnabled: false }],
    };
  }
  if (b.tags) supp.BucketTaggingConfiguration = { tagSets: [{ tags: b.tags }] };
  return supp;
}

/** A bucket's configurationItem as embedded in a ConfigurationItemChangeNotification. */
function bucketItem(b: BucketShape = {}, status = 'OK') {
  const name = b.name ?? 'muniguard-subject';
  return {
    relatedEvents: [],
    relationships: [],
    configuration: status.startsWith('ResourceDeleted') ? null : { name, owner: { displayName: null, id: 'abc' }, creationDate: '2026-01-10T02:00:00.000Z' },
    supplementaryConfiguration: status.startsWith('ResourceDeleted') ? {} : bucketSupplementary(b),
    tags: b.tags ?? {},
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: CAPTURED,
    configurationStateId: 1763600523456,
    awsAccountId: ACCOUNT,
    configurationItemStatus: status,
    resourceType: 'AWS::S3::Bucket',
    resourceId: name,
    resourceName: name,
    ARN: `arn:aws:s3:::${name}`,
    awsRegion: REGION,
    availabilityZone: 'Regional',
    configurationStateMd5Hash: '',
    resourceCreationTime: '2026-01-10T02:00:00.000Z',
  };
}

function ruleEvent(invoking: Record<string, unknown>, ruleParameters: Record<string, unknown> = { profile: 'osaka', controls: 's3-bucket-kms-cmk' }, extra: Record<string, unknown> = {}) {
  return {
    version: '1.0',
    invokingEvent: JSON.stringify(invoking),
    ruleParameters: JSON.stringify(ruleParameters),
    resultToken: 'result-token-from-config',
    eventLeftScope: false,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/config-role`,
    configRuleArn: `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/config-rule-abcdef`,
    configRuleName: 'muniguard-osaka-s3-bucket-kms-cmk',
    configRuleId: 'config-rule-abcdef',
    accountId: ACCOUNT,
    ...extra,
  };
}

function changeEvent(item: Record<string, unknown>, ruleParameters?: Record<string, unknown>, extra?: Record<string, unknown>) {
  return ruleEvent(
    { configurationItemDiff: null, configurationItem: item, notificationCreationTime: NOTIFIED, messageType: 'ConfigurationItemChangeNotification', recordVersion: '1.3' },
    ruleParameters,
    extra,
  );
}

function scheduledEvent(ruleParameters: Record<string, unknown>) {
  return ruleEvent({ awsAccountId: ACCOUNT, notificationCreationTime: NOTIFIED, messageType: 'ScheduledNotification', recordVersion: '1.0' }, ruleParameters);
}

function reported(): Evaluation[] {
  return config.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations ?? []);
}

/** The clause paths of the profile that map a control at a given class. */
function clausePaths(controlId: string, classValue: string): string[] {
  const rank = findLevel(osaka.levels, classValue)!.rank;
  return osaka.clauses
    .filter((c) => c.controls?.some((m) => m.id === controlId && (m.from === undefined || findLevel(osaka.levels, m.from)!.rank <= rank)))
    .map((c) => c.path);
}

describe('configuration change notifications', () => {
  test('a classified bucket without a customer-managed key is NON_COMPLIANT, citing the clause', async () => {
    const result = await handleConfigRuleEvent(changeEvent(bucketItem({ tags: { 重要性分類: 'Ⅱ' }, sse: { algorithm: 'AES256' } })), options);

    const calls = config.commandCalls(PutEvaluationsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toMatchObject({ ResultToken: 'result-token-from-config', TestMode: false });
    const [e] = reported();
    expect(e).toMatchObject({ ComplianceResourceType: 'AWS::S3::Bucket', ComplianceResourceId: 'muniguard-subject', ComplianceType: 'NON_COMPLIANT' });
    expect(e.OrderingTimestamp).toEqual(new Date(CAPTURED));
    const paths = clausePaths('s3-bucket-kms-cmk', 'Ⅱ');
    expect(paths.length).toBeGreaterThan(0);
    expect(e.Annotation).toContain('[s3-bucket-kms-cmk] 既定の暗号化が AES256 です（KMS ではありません）。');
    expect(e.Annotation).toContain(`根拠: osaka ${paths[0]}`);
    expect(Array.from(e.Annotation!).length).toBeLessThanOrEqual(ANNOTATION_LIMIT);
    expect(result.putEvaluationsCalls).toBe(1);
    expect(logs.join('\n')).not.toContain('result-token-from-config');
  });

  test('the same bucket with a customer-managed key is COMPLIANT', async () => {
    await handleConfigRuleEvent(changeEvent(bucketItem({ tags: { 重要性分類: 'Ⅱ' }, sse: { algorithm: 'aws:kms', key: CMK } })), options);
    expect(reported()).toEqual([expect.objectContaining({ ComplianceResourceId: 'muniguard-subject', ComplianceType: 'COMPLIANT' })]);
  });

  test('a class Ⅳ bucket is NOT_APPLICABLE: Osaka requires the key from class Ⅱ', async () => {
    await handleConfigRuleEvent(changeEvent(bucketItem({ tags: { 重要性分類: 'Ⅳ' }, sse: { algorithm: 'AES256' } })), options);
    expect(reported()).toEqual([expect.objectContaining({ ComplianceType: 'NOT_APPLICABLE' })]);
  });

  test('an attribute Config did not record gives INSUFFICIENT_DATA, never COMPLIANT', async () => {
    await handleConfigRuleEvent(changeEvent(bucketItem({ tags: { 重要性分類: 'Ⅰ' }, sse: 'absent' })), options);
    const [e] = reported();
    expect(e.ComplianceType).toBe('INSUFFICIENT_DATA');
    expect(e.Annotation).toContain('[s3-bucket-kms-cmk]');
  });

  test('a deleted resource is NOT_APPLICABLE and nothing else is read', async () => {
    await handleConfigRuleEvent(changeEvent(bucketItem({}, 'ResourceDeleted')), options);
    expect(reported()).toEqual([
      expect.objectContaining({ ComplianceResourceType: 'AWS::S3::Bucket', ComplianceResourceId: 'muniguard-subject', ComplianceType: 'NOT_APPLICABLE', Annotation: '削除されたリソースです。' }),
    ]);
    expect(config.commandCalls(GetResourceConfigHistoryCommand)).toHaveLength(0);
  });

  test('a resource that left the rule scope is NOT_APPLICABLE', async () => {
    await handleConfigRuleEvent(changeEvent(bucketItem({ tags: { 重要性分類: 'Ⅱ' } }), undefined, { eventLeftScope: true }), options);
    expect(reported()).toEqual([expect.objectContaining({ ComplianceType: 'NOT_APPLICABLE' })]);
  });

  test('an active waiver (例外措置) is COMPLIANT and says so; an expired one stays NON_COMPLIANT', async () => {
    const waiver = (expires: string) => ({
      waivers: [{ control: 's3-bucket-kms-cmk', resources: ['arn:aws:s3:::muniguard-*'], reason: '移行中', approvedBy: 'CISO', approvedOn: '2026-04-01', expires, reference: '第3号様式 12' }],
    });
    const bucket = bucketItem({ tags: { 重要性分類: 'Ⅱ' } });
    await handleConfigRuleEvent(changeEvent(bucket, { profile: 'osaka', controls: 's3-bucket-kms-cmk', waivers: JSON.stringify(waiver('2026-12-31')) }), options);
    const [active] = reported();
    expect(active.ComplianceType).toBe('COMPLIANT');
    expect(active.Annotation).toContain('例外措置により承認済み（期限 2026-12-31、承認者 CISO、第3号様式 12）');

    config.resetHistory();
    await handleConfigRuleEvent(changeEvent(bucket, { profile: 'osaka', controls: 's3-bucket-kms-cmk', waivers: JSON.stringify(waiver('2026-10-31')) }), options);
    expect(reported()[0].ComplianceType).toBe('NON_COMPLIANT');
  });

  test('a stack-scope control cannot judge one item: NOT_APPLICABLE, the annotation points to the periodic rule', async () => {
    await handleConfigRuleEvent(changeEvent(bucketItem({}), { profile: 'osaka', controls: 'data-store-classification-tag' }), options);
    const [e] = reported();
    expect(e.ComplianceType).toBe('NOT_APPLICABLE');
    expect(e.Annotation).toContain('data-store-classification-tag');
    expect(e.Annotation).toContain('定期実行');
  });

  test('resultToken TESTMODE reports with TestMode on', async () => {
    const event = { ...changeEvent(bucketItem({ tags: { 重要性分類: 'Ⅱ' } })), resultToken: 'TESTMODE' };
    const result = await handleConfigRuleEvent(event, options);
    expect(result.testMode).toBe(true);
    expect(config.commandCalls(PutEvaluationsCommand)[0].args[0].input).toMatchObject({ ResultToken: 'TESTMODE', TestMode: true });
  });
});

describe('oversized configuration item notifications', () => {
  test('the item is fetched with GetResourceConfigHistory and evaluated', async () => {
    const api = bucketItem({ tags: { 重要性分類: 'Ⅰ' }, sse: { algorithm: 'AES256' } });
    config.on(GetResourceConfigHistoryCommand).resolves({
      configurationItems: [
        {
          version: '1.3',
          accountId: ACCOUNT,
          configurationItemCaptureTime: new Date(CAPTURED),
          configurationItemStatus: 'OK',
          configurationStateId: '1763600523456',
          arn: 'arn:aws:s3:::muniguard-subject',
          resourceType: 'AWS::S3::Bucket',
          resourceId: 'muniguard-subject',
          resourceName: 'muniguard-subject',
          awsRegion: REGION,
          availabilityZone: 'Regional',
          tags: { 重要性分類: 'Ⅰ' },
          relatedEvents: [],
          relationships: [],
          configuration: JSON.stringify(api.configuration),
          supplementaryConfiguration: Object.fromEntries(Object.entries(api.supplementaryConfiguration).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
        },
      ],
    });
    const event = ruleEvent({
      configurationItemSummary: {
        changeType: 'UPDATE',
        configurationItemVersion: '1.3',
        configurationItemCaptureTime: CAPTURED,
        configurationStateId: 1763600523456,
        awsAccountId: ACCOUNT,
        configurationItemStatus: 'OK',
        resourceType: 'AWS::S3::Bucket',
        resourceId: 'muniguard-subject',
        resourceName: 'muniguard-subject',
        ARN: 'arn:aws:s3:::muniguard-subject',
        awsRegion: REGION,
        availabilityZone: 'Regional',
        configurationStateMd5Hash: '',
        resourceCreationTime: '2026-01-10T02:00:00.000Z',
      },
      s3DeliverySummary: { s3BucketLocation: 'config-bucket/AWSLogs/123456789012/Config/ap-northeast-1/2026/11/20/OversizedChangeNotification/x.json.gz' },
      notificationCreationTime: NOTIFIED,
      messageType: 'OversizedConfigurationItemChangeNotification',
      recordVersion: '1.0',
    });

    await handleConfigRuleEvent(event, options);

    const history = config.commandCalls(GetResourceConfigHistoryCommand);
    expect(history).toHaveLength(1);
    expect(history[0].args[0].input).toMatchObject({ resourceType: 'AWS::S3::Bucket', resourceId: 'muniguard-subject', limit: 1 });
    expect(reported()).toEqual([expect.objectContaining({ ComplianceResourceId: 'muniguard-subject', ComplianceType: 'NON_COMPLIANT' })]);
    expect(reported()[0].Annotation).toContain(`根拠: osaka ${clausePaths('s3-bucket-kms-cmk', 'Ⅰ')[0]}`);
  });
});

/** One SelectResourceConfig row (JSON text) for a bucket. */
function bucketRow(name: string, b: BucketShape = {}): string {
  const item = bucketItem({ ...b, name });
  return JSON.stringify({
    resourceId: name,
    resourceType: 'AWS::S3::Bucket',
    resourceName: name,
    arn: `arn:aws:s3:::${name}`,
    awsRegion: REGION,
    accountId: ACCOUNT,
    availabilityZone: 'Regional',
    configuration: item.configuration,
    supplementaryConfiguration: item.supplementaryConfiguration,
    tags: Object.entries(b.tags ?? {}).map(([key, value]) => ({ key, value, tag: `${key}=${value}` })),
    configurationItemCaptureTime: CAPTURED,
    configurationItemStatus: 'OK',
  });
}

describe('periodic (scheduled) notifications', () => {
  test('the region inventory is read from Config and a stack-scope control judges every resource', async () => {
    config
      .on(SelectResourceConfigCommand)
      .resolvesOnce({ Results: [bucketRow('tagged-bucket', { tags: { 重要性分類: 'Ⅲ' } })], NextToken: 'page-2' })
      .resolvesOnce({ Results: [bucketRow('untagged-bucket')] });

    await handleConfigRuleEvent(scheduledEvent({ profile: 'osaka', controls: 'data-store-classification-tag' }), options);

    const selects = config.commandCalls(SelectResourceConfigCommand);
    expect(selects).toHaveLength(2);
    expect(selects[0].args[0].input.Expression).toMatch(/^SELECT .*\btags\b.* WHERE resourceType IN \(.*'AWS::S3::Bucket'.*\)$/);
    expect(selects[0].args[0].input.Limit).toBe(100);
    expect(selects[1].args[0].input.NextToken).toBe('page-2');

    const byId = Object.fromEntries(reported().map((e) => [e.ComplianceResourceId, e]));
    expect(byId['tagged-bucket']).toMatchObject({ ComplianceType: 'COMPLIANT', OrderingTimestamp: new Date(NOTIFIED) });
    expect(byId['untagged-bucket'].ComplianceType).toBe('NON_COMPLIANT');
    expect(byId['untagged-bucket'].Annotation).toContain('[data-store-classification-tag]');
    // kinds Config does not record (ElastiCache replication groups) are reported for the account, not skipped silently
    expect(byId[ACCOUNT]).toMatchObject({ ComplianceResourceType: 'AWS::::Account', ComplianceType: 'INSUFFICIENT_DATA' });
    expect(byId[ACCOUNT].Annotation).toContain('AWS::ElastiCache::ReplicationGroup');
  });

  test('250 evaluations are reported in 3 PutEvaluations calls of at most 100', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => bucketRow(`bucket-${String(i).padStart(3, '0')}`, { tags: { 重要性分類: 'Ⅰ' }, versioning: i % 2 ? 'Enabled' : 'Off' }));
    config
      .on(SelectResourceConfigCommand)
      .resolvesOnce({ Results: rows.slice(0, 100), NextToken: 't1' })
      .resolvesOnce({ Results: rows.slice(100, 200), NextToken: 't2' })
      .resolvesOnce({ Results: rows.slice(200) });

    const result = await handleConfigRuleEvent(scheduledEvent({ profile: 'osaka', controls: 's3-bucket-versioning' }), options);

    const calls = config.commandCalls(PutEvaluationsCommand);
    expect(calls.map((c) => c.args[0].input.Evaluations!.length)).toEqual([100, 100, 50]);
    expect(calls.every((c) => c.args[0].input.ResultToken === 'result-token-from-config')).toBe(true);
    expect(result.putEvaluationsCalls).toBe(3);
    const counts = reported().reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.ComplianceType!]: (acc[e.ComplianceType!] ?? 0) + 1 }), {});
    expect(counts).toEqual({ COMPLIANT: 125, NON_COMPLIANT: 125 });
    expect(new Set(reported().map((e) => e.ComplianceResourceId)).size).toBe(250);
  });
});

describe('periodic notifications when Config cannot answer', () => {
  test('a row that Config could not complete is INSUFFICIENT_DATA', async () => {
    const partial = JSON.parse(bucketRow('half-read-bucket', { tags: { 重要性分類: 'Ⅰ' } }));
    delete partial.configuration;
    config.on(SelectResourceConfigCommand).resolves({ Results: [bucketRow('whole-bucket', { tags: { 重要性分類: 'Ⅰ' }, versioning: 'Enabled' }), JSON.stringify(partial)] });
    config.on(BatchGetResourceConfigCommand).resolves({ baseConfigurationItems: [], unprocessedResourceKeys: [{ resourceType: 'AWS::S3::Bucket', resourceId: 'half-read-bucket' }] });

    await handleConfigRuleEvent(scheduledEvent({ profile: 'osaka', controls: 's3-bucket-versioning' }), options);

    expect(config.commandCalls(BatchGetResourceConfigCommand)[0].args[0].input.resourceKeys).toEqual([{ resourceType: 'AWS::S3::Bucket', resourceId: 'half-read-bucket' }]);
    const byId = Object.fromEntries(reported().map((e) => [e.ComplianceResourceId, e.ComplianceType]));
    expect(byId).toEqual({ 'whole-bucket': 'COMPLIANT', 'half-read-bucket': 'INSUFFICIENT_DATA' });
  });

  test('a refused advanced query fails the invocation and reports nothing', async () => {
    config.on(SelectResourceConfigCommand).rejects(Object.assign(new Error('not authorized to perform config:SelectResourceConfig'), { name: 'AccessDeniedException' }));
    await expect(handleConfigRuleEvent(scheduledEvent({ profile: 'osaka', controls: 's3-bucket-versioning' }), options)).rejects.toThrow(
      /AWS Config advanced query failed in ap-northeast-1 \(config:SelectResourceConfig: AccessDeniedException\)/,
    );
    expect(config.commandCalls(PutEvaluationsCommand)).toHaveLength(0);
  });
});

describe('fail closed', () => {
  const expectNothingReported = () => expect(config.commandCalls(PutEvaluationsCommand)).toHaveLength(0);

  test.each([
    ['an invokingEvent that is not JSON', { ...changeEvent(bucketItem()), invokingEvent: '{"configurationItem": ' }, /Config rule event: invokingEvent is not valid JSON/],
    ['no resultToken', { ...changeEvent(bucketItem()), resultToken: undefined }, /resultToken is missing/],
    ['not an object', 'hello', /the event is not an object/],
    ['a change notification without its item', ruleEvent({ messageType: 'ConfigurationItemChangeNotification', notificationCreationTime: NOTIFIED }), /without a configurationItem/],
    ['an unknown message type', ruleEvent({ messageType: 'ConfigurationSnapshotDeliveryCompleted', notificationCreationTime: NOTIFIED }), /unsupported messageType "ConfigurationSnapshotDeliveryCompleted"/],
    ['ruleParameters that are not JSON', { ...changeEvent(bucketItem()), ruleParameters: '{profile: osaka}' }, /ruleParameters is not valid JSON/],
    ['a misspelt rule parameter', changeEvent(bucketItem(), { profile: 'osaka', control: 's3-bucket-kms-cmk' }), /ruleParameters\.control is not a muniguard rule parameter/],
    ['no profile', changeEvent(bucketItem(), {}), /no profile: set the rule parameter "profile" or MUNIGUARD_PROFILE/],
    ['a control the profile does not map', changeEvent(bucketItem(), { profile: 'osaka', controls: 'no-such-control' }), /controls: "no-such-control": no such muniguard control/],
    ['a params document that does not validate', changeEvent(bucketItem(), { profile: 'osaka', params: '{"parameters": {"minLogRetentionDays": "a year"}}' }), /^params: parameter minLogRetentionDays/],
    ['a profile whose required values are missing', changeEvent(bucketItem(), { profile: 'nara' }), /needs values the standard does not publish/],
  ])('%s: rejected with a clear message, nothing reported', async (_name, event, message) => {
    await expect(handleConfigRuleEvent(event, options)).rejects.toThrow(message);
    expectNothingReported();
  });

  test('evaluations Config rejects fail the invocation', async () => {
    config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [{ ComplianceResourceType: 'AWS::S3::Bucket', ComplianceResourceId: 'muniguard-subject', ComplianceType: 'COMPLIANT', OrderingTimestamp: new Date() }] });
    await expect(handleConfigRuleEvent(changeEvent(bucketItem({ tags: { 重要性分類: 'Ⅱ' } })), options)).rejects.toThrow(/PutEvaluations rejected 1 evaluation/);
  });
});

describe('settings from the environment', () => {
  test('MUNIGUARD_PROFILE / MUNIGUARD_CONTROLS apply when the rule has no parameters; the Lambda entry point works', async () => {
    const saved = { ...process.env };
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    Object.assign(process.env, { MUNIGUARD_PROFILE: 'osaka', MUNIGUARD_CONTROLS: 's3-bucket-versioning', AWS_REGION: REGION });
    try {
      // the real entry point: every control, the default client (mocked at the class by aws-sdk-client-mock)
      const { handler } = await import('../rule-handler-lambda');
      const event = changeEvent(bucketItem({ tags: { 重要性分類: 'Ⅱ' }, versioning: 'Enabled' }));
      delete (event as { ruleParameters?: string }).ruleParameters;
      const result = await handler(event, {});
      expect(result.evaluations).toEqual([expect.objectContaining({ ComplianceType: 'COMPLIANT', ComplianceResourceId: 'muniguard-subject' })]);
      expect(reported()).toEqual(result.evaluations);
      expect(log).toHaveBeenCalledWith(expect.stringContaining('muniguard rule muniguard-osaka-s3-bucket-kms-cmk (osaka, ConfigurationItemChangeNotification): 1 evaluation(s) {"COMPLIANT":1}'));
    } finally {
      log.mockRestore();
      process.env = saved;
    }
  });

  test('a profile that needs values loads with them (Nara + params in the rule parameters)', async () => {
    const params = {
      classification: { levels: [{ value: '機密性3', rank: 3, label: { ja: '3', en: '3' } }, { value: '機密性2', rank: 2, label: { ja: '2', en: '2' } }, { value: '機密性1', rank: 1, label: { ja: '1', en: '1' } }] },
      parameters: { allowedRegions: [REGION], minLogRetentionDays: 365, minBackupRetentionDays: 7, maxBackupIntervalHours: 24, contractEndNoticeDays: 90 },
    };
    await handleConfigRuleEvent(changeEvent(bucketItem({ tags: { DataClassification: '機密性1' } }), { profile: 'nara', controls: 's3-bucket-versioning', params: JSON.stringify(params) }), options);
    expect(reported()).toEqual([expect.objectContaining({ ComplianceType: 'NON_COMPLIANT' })]);
  });
});

describe('annotations', () => {
  const finding = (over: Partial<Finding>): Finding => ({
    controlId: 's3-bucket-kms-cmk',
    family: 'encryption',
    verdict: 'fail',
    severity: 'high',
    enforcement: 'mandatory',
    resource: { kind: 'AWS::S3::Bucket', address: 'arn:aws:s3:::b', source: 'aws-config', region: REGION },
    path: 'encryption',
    messageId: 'noConfig',
    message: { ja: '既定の暗号化の設定がありません。', en: 'No default encryption.' },
    clauses: [{ standard: 'osaka', path: '7⑪エ', title: { ja: 't', en: 't' }, relation: 'requires' }],
    waiver: null,
    ...over,
  });

  test('a long message is shortened to 256 characters, keeping the control and the citation', () => {
    const clauses = Array.from({ length: 6 }, (_, i) => ({ standard: 'osaka', path: `10(1)④ア(${i})`, title: { ja: 't', en: 't' }, relation: 'requires' as const }));
    const text = annotationFor(finding({ message: { ja: 'あ'.repeat(400), en: 'a' }, clauses }));
    expect(Array.from(text).length).toBe(ANNOTATION_LIMIT);
    expect(text.startsWith('[s3-bucket-kms-cmk] あ')).toBe(true);
    expect(text).toContain('…');
    expect(text.endsWith(`根拠: osaka ${clauses.map((c) => c.path).join(', ')}`)).toBe(true);
  });

  test('an advisory failure is marked 推奨; the worst of several findings decides and the others are counted', () => {
    expect(annotationFor(finding({ enforcement: 'advisory' }))).toBe('[s3-bucket-kms-cmk] （推奨）既定の暗号化の設定がありません。 根拠: osaka 7⑪エ');
    const result = evaluationOf([
      finding({ verdict: 'pass', controlId: 's3-bucket-versioning', message: { ja: '適合しています。', en: 'ok' } }),
      finding({ verdict: 'unknown', controlId: 's3-bucket-access-logging' }),
      finding({ verdict: 'fail', severity: 'medium', controlId: 's3-bucket-versioning' }),
      finding({ verdict: 'fail', severity: 'high' }),
    ]);
    expect(result.compliance).toBe('NON_COMPLIANT');
    expect(result.annotation).toBe('[s3-bucket-kms-cmk] 既定の暗号化の設定がありません。 根拠: osaka 7⑪エ 他1件');
  });
});
