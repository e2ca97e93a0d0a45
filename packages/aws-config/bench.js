#!/usr/bin/env node
/**
 * Benchmark of the live scan's cost through AWS Config: an account of N mocked resources
 * (aws-sdk-client-mock; advanced-query rows in AWS's documented shape) is scanned, and the SDK
 * commands are counted per action. The target: about N/100 + a constant Config calls.
 *
 *   npm run build && node packages/aws-config/bench.js [N] [regions]
 *
 * Prints one JSON line per scenario: resources, Config calls, N/100, all calls, wall time.
 */
'use strict';
const { mockClient } = require('aws-sdk-client-mock');
const cfg = require('@aws-sdk/client-config-service');
const { GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
const { DescribeRegionsCommand } = require('@aws-sdk/client-ec2');
const { SERVICES, scanAccount } = require('./dist');

const N = Number(process.argv[2] ?? 10_000);
const REGION_COUNT = Number(process.argv[3] ?? 1);
const ACCOUNT = '123456789012';
const REGIONS = ['ap-northeast-1', 'ap-northeast-3', 'us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'].slice(0, REGION_COUNT);

function row(i, region, withConfiguration) {
  const kind = i % 5;
  const base = { accountId: ACCOUNT, awsRegion: region, configurationItemStatus: 'OK', tags: [{ key: 'DataClassification', value: 'Ⅱ', tag: 'DataClassification=Ⅱ' }], supplementaryConfiguration: {} };
  let r;
  if (kind === 0) {
    const name = `bucket-${region}-${i}`;
    r = { ...base, resourceType: 'AWS::S3::Bucket', resourceId: name, resourceName: name, arn: `arn:aws:s3:::${name}`, configuration: { name },
      supplementaryConfiguration: { ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] }, BucketVersioningConfiguration: { status: 'Enabled' }, BucketLoggingConfiguration: { destinationBucketName: null } } };
  } else if (kind === 1) {
    r = { ...base, resourceType: 'AWS::RDS::DBInstance', resourceId: `db-${i}`, resourceName: `db${i}`, arn: `arn:aws:rds:${region}:${ACCOUNT}:db:db${i}`, configuration: { dBInstanceIdentifier: `db${i}`, storageEncrypted: true, engine: 'postgres', backupRetentionPeriod: 7 } };
  } else if (kind === 2) {
    r = { ...base, resourceType: 'AWS::DynamoDB::Table', resourceId: `t${i}`, resourceName: `t${i}`, arn: `arn:aws:dynamodb:${region}:${ACCOUNT}:table/t${i}`, configuration: { tableName: `t${i}`, ssedescription: { status: 'ENABLED', ssetype: 'KMS' } },
      supplementaryConfiguration: { ContinuousBackupsDescription: { pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'ENABLED' } } } };
  } else if (kind === 3) {
    r = { ...base, resourceType: 'AWS::EC2::Volume', resourceId: `vol-${i}`, arn: `arn:aws:ec2:${region}:${ACCOUNT}:volume/vol-${i}`, configuration: { volumeId: `vol-${i}`, encrypted: true } };
  } else {
    r = { ...base, resourceType: 'AWS::EC2::SecurityGroup', resourceId: `sg-${i}`, resourceName: `sg${i}`, arn: `arn:aws:ec2:${region}:${ACCOUNT}:security-group/sg-${i}`, configuration: { groupId: `sg-${i}`, vpcId: 'vpc-1', ipPermissions: [] } };
  }
  if (!withConfiguration) delete r.configuration;
  return JSON.stringify(r);
}

async function scenario(label, partialEvery) {
  const stubs = Object.values(SERVICES).map(({ client }) => {
    const s = mockClient(client);
    s.onAnyCommand().resolves({});
    return s;
  });
  const stub = (client) => stubs[Object.values(SERVICES).findIndex((x) => x.client === client)];
  stub(SERVICES.sts.client).on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:role/scan` });
  stub(SERVICES.ec2.client).on(DescribeRegionsCommand).resolves({ Regions: REGIONS.map((r) => ({ RegionName: r })) });
  const c = stub(SERVICES.config.client);
  c.on(cfg.DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }] });
  c.on(cfg.DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] });
  const perRegion = Math.ceil(N / REGIONS.length);
  const rowsByRegion = new Map(REGIONS.map((region, r) => [region, Array.from({ length: perRegion }, (_, i) => row(r * perRegion + i, region, !partialEvery || i % partialEvery !== 0))]));
  // what BatchGetResourceConfig knows: the complete item of every resource, by type and id
  const complete = new Map();
  REGIONS.forEach((region, r) => {
    for (let i = 0; i < perRegion; i++) {
      const full = JSON.parse(row(r * perRegion + i, region, true));
      complete.set(`${region} ${full.resourceType} ${full.resourceId}`, full);
    }
  });
  c.on(cfg.SelectResourceConfigCommand).callsFake(async (input, getClient) => {
    const region = await getClient().config.region();
    const rows = rowsByRegion.get(region) ?? [];
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const end = Math.min(start + (input.Limit ?? 100), rows.length);
    return { QueryInfo: { SelectFields: [{ Name: 'resourceId' }] }, Results: rows.slice(start, end), ...(end < rows.length ? { NextToken: String(end) } : {}) };
  });
  c.on(cfg.BatchGetResourceConfigCommand).callsFake(async (input, getClient) => {
    const region = await getClient().config.region();
    return {
      baseConfigurationItems: input.resourceKeys.map((k) => {
        const full = complete.get(`${region} ${k.resourceType} ${k.resourceId}`);
        return { ...full, tags: undefined, configuration: JSON.stringify(full.configuration), configurationItemCaptureTime: new Date() };
      }),
      unprocessedResourceKeys: [],
    };
  });

  const t0 = process.hrtime.bigint();
  const scan = await scanAccount({ quiet: true, homeRegion: REGIONS[0], reportWaitMs: 10 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  for (const s of stubs) s.restore();
  const configCalls = Object.entries(scan.calls).filter(([a]) => a.startsWith('config:')).reduce((n, [, v]) => n + v, 0);
  const all = Object.values(scan.calls).reduce((a, b) => a + b, 0);
  const resources = scan.resources.length;
  console.log(JSON.stringify({
    scenario: label, regions: REGIONS.length, resources, configCalls, nOver100: Math.ceil(N / 100),
    configByAction: Object.fromEntries(Object.entries(scan.calls).filter(([a]) => a.startsWith('config:'))),
    allCalls: all, wallMs: Math.round(ms), readErrors: scan.readErrors.length,
  }));
  return { configCalls, resources };
}

(async () => {
  await scenario(`${N} resources, every row complete`, 0);
  await scenario(`${N} resources, 1 row in 20 without configuration (BatchGet)`, 20);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
