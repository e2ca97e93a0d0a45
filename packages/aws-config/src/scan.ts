/**
 * `scanAccount()`: a read-only scan of one AWS account (or, with an aggregator, of an
 * organisation's accounts through AWS Config) into normalized resources.
 *
 * Per region: the inventory comes from AWS Config where the recorder records a type
 * (SelectResourceConfig, 100 rows a page), and from the service APIs where it does not (each
 * such fallback is said in `notes`). Log groups and Cognito user pools always come from their
 * APIs. Account facts (root MFA, credential report, trails, recorders, GuardDuty, enabled
 * regions) come from their APIs. Every refused or failed call is a ReadError; the scan goes on.
 */
import { GetCallerIdentityCommand, STSClient, type GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import { DescribeRegionsCommand, type DescribeRegionsCommandOutput } from '@aws-sdk/client-ec2';
import { InputError, KINDS, Unknown, accountAddress, type ReadError, type Resource, type Text } from '@muniguard/core';
import { accountResource, readAccountResponses, type AccountResponses, type Failed } from './account';
import { AwsApi } from './api';
import { CONFIG_MAPPINGS, resourceFromConfigurationItem, unreadableResource, type ConfigurationItemLike } from './config-items';
import { completeItems, readRecorder, records, selectItems, type RecorderFact } from './config-source';
import { CREDENTIAL_PROPS, foldCredentialReport, parseCredentialReport } from './credential-report';
import {
  API_ONLY_TYPES, READER_ALSO_COVERS, SERVICE_READERS, foldFlowLogs, listBuckets, readBucket, readBucketParts, readIam, resourcesFromReadItems,
  type AccountContext, type BucketPart, type BucketRef, type ReadItem,
} from './service-readers';

export interface ScanAccountOptions {
  /** Regions to scan (default: every region enabled for the account, to find resources outside the allowed ones). */
  regions?: string[];
  /** Read the inventory through this AWS Config aggregator (SelectAggregateResourceConfig) instead of per region. */
  aggregator?: string;
  /** Whole-scan timeout in ms; what is not read by then becomes read errors. */
  timeoutMs?: number;
  /** Calls in flight per service (default 4). */
  concurrency?: number;
  /** No progress on stderr. */
  quiet?: boolean;
  /** Progress sink (default: stderr unless quiet). */
  progress?: (message: string) => void;
  /** The profile's allowed regions: their recorder and GuardDuty are read even when `regions` leaves them out. */
  allowedRegions?: string[];
  /** Region for global calls (default: the SDK's configured region, else us-east-1). */
  homeRegion?: string;
  /** How long to wait for IAM to generate the credential report (default 60 s). */
  reportWaitMs?: number;
}

export interface AccountScan {
  resources: Resource[];
  readErrors: ReadError[];
  notes: Text[];
  /** SDK calls made, by IAM action. */
  calls: Record<string, number>;
  accountId: string;
  regions: string[];
}

/** Config resource types read per region (IAM is global, S3 is listed once). */
const REGIONAL_TYPES = Object.keys(CONFIG_MAPPINGS).filter((t) => !t.startsWith('AWS::IAM::') && t !== 'AWS::S3::Bucket');
const IAM_TYPES = Object.keys(CONFIG_MAPPINGS).filter((t) => t.startsWith('AWS::IAM::'));
const S3 = 'AWS::S3::Bucket';
const REGIONAL_KINDS = [...new Set([...REGIONAL_TYPES, S3].map((t) => CONFIG_MAPPINGS[t].kind))];

async function configuredRegion(): Promise<string | undefined> {
  try {
    const client = new STSClient({});
    const region = await client.config.region();
    client.destroy();
    return region || undefined;
  } catch {
    return undefined;
  }
}

const uniq = <T>(xs: Iterable<T>) => [...new Set(xs)];

export async function scanAccount(options: ScanAccountOptions = {}): Promise<AccountScan> {
  const progress = options.progress ?? (options.quiet ? () => undefined : (m: string) => process.stderr.write(`muniguard: ${m}\n`));
  const api = new AwsApi({ concurrency: options.concurrency, timeoutMs: options.timeoutMs, progress });
  const notes: Text[] = [];
  try {
    return await runScan(api, options, progress, notes);
  } finally {
    api.close();
  }
}

async function runScan(api: AwsApi, options: ScanAccountOptions, progress: (m: string) => void, notes: Text[]): Promise<AccountScan> {
  const homeRegion = options.homeRegion ?? (await configuredRegion()) ?? 'us-east-1';

  const who = await api.call<GetCallerIdentityCommandOutput>('sts', homeRegion, new GetCallerIdentityCommand({}), { kinds: [], record: false });
  if (!who.ok) {
    const why = who.absent ? who.code : `${who.code}: ${who.error.message}`;
    throw new InputError('aws', `cannot identify the AWS account with the configured credentials (sts:GetCallerIdentity failed, ${why})`);
  }
  const accountId = who.value.Account ?? '';
  const partition = who.value.Arn?.split(':')[1] ?? 'aws';
  const ctx: AccountContext = { api, accountId, partition, homeRegion };
  const account = accountAddress(accountId);
  progress(`account ${accountId}, home region ${homeRegion}`);

  // every enabled region: resources outside the allowed ones are findings too
  const dr = await api.call<DescribeRegionsCommandOutput>('ec2', homeRegion, new DescribeRegionsCommand({ AllRegions: false }), {
    kinds: options.regions ? [KINDS.Account] : REGIONAL_KINDS,
    ...(options.regions ? { resources: [{ address: account, kind: KINDS.Account }], properties: ['enabledRegions'] } : {}),
    record: false,
  });
  let enabled: string[] | undefined;
  if (dr.ok) enabled = uniq((dr.value.Regions ?? []).map((r) => r.RegionName).filter((r): r is string => !!r)).sort();
  else if (!dr.absent) {
    const e = dr.error;
    // without the region list the scan cannot see resources outside the regions it knows of
    api.readErrors.push(options.regions ? e : { ...e, region: 'other-regions' });
  }
  const allowed = options.allowedRegions ?? [];
  const scanRegions = uniq(options.regions ?? enabled ?? [homeRegion, ...allowed]);
  if (options.regions && enabled) {
    const off = options.regions.filter((r) => !enabled!.includes(r));
    if (off.length) notes.push({ ja: `有効になっていないリージョンが指定されました: ${off.join(', ')}`, en: `Regions that are not enabled for the account were requested: ${off.join(', ')}` });
  }
  const factRegions = uniq([...scanRegions, ...allowed.filter((r) => !enabled || enabled.includes(r))]);

  // Config recorders of every region whose facts the account checks need
  const recorders = new Map<string, RecorderFact | null | undefined>();
  const responses: Pick<AccountResponses, 'DescribeConfigurationRecorders' | 'DescribeConfigurationRecorderStatus'> = { DescribeConfigurationRecorders: {}, DescribeConfigurationRecorderStatus: {} };
  await Promise.all(factRegions.map(async (region) => {
    const rec = await readRecorder(api, region, account);
    responses.DescribeConfigurationRecorders![region] = rec.recorders as never;
    responses.DescribeConfigurationRecorderStatus![region] = rec.status as never;
    recorders.set(region, rec.fact);
  }));

  const items: ReadItem[] = [];
  const fromConfig: ConfigurationItemLike[] = [];
  const unreadable: Resource[] = [];
  const s3Fallback = new Set<string>();
  let iamFromConfig = false;
  let n = 0;
  const total = scanRegions.length;

  if (options.aggregator) {
    progress(`AWS Config aggregator ${options.aggregator}`);
    const types = [...REGIONAL_TYPES.filter((t) => !API_ONLY_TYPES.includes(t)), S3, ...IAM_TYPES];
    const sel = await selectItems(api, homeRegion, types, { aggregator: options.aggregator, regions: options.regions });
    const rows = await completeRows(api, homeRegion, sel.items, unreadable, options.aggregator);
    fromConfig.push(...rows);
    iamFromConfig = !sel.failed;
    notes.push({
      ja: `アグリゲータ ${options.aggregator} の AWS Config から ${sel.items.length} 件を読み取りました。各アカウントのレコーダーが記録しない種別は見えません。ロググループと Cognito ユーザープール、アカウント単位の設定はこのアカウント（${accountId}）についてのみ読み取りました。`,
      en: `Read ${sel.items.length} resources from AWS Config aggregator ${options.aggregator}. Types a member account's recorder does not record are not visible; log groups, Cognito user pools and account settings were read for this account (${accountId}) only.`,
    });
    await Promise.all(scanRegions.map(async (region) => {
      for (const type of API_ONLY_TYPES) items.push(...(await SERVICE_READERS[type](ctx, region)));
    }));
  } else {
    await Promise.all(scanRegions.map(async (region) => {
      const fact = recorders.get(region);
      const recorded = [...REGIONAL_TYPES, S3, ...IAM_TYPES].filter((t) => !API_ONLY_TYPES.includes(t) && records(fact ?? null, t));
      const viaApi = new Set(REGIONAL_TYPES.filter((t) => !recorded.includes(t)));
      let s3ViaConfig = recorded.includes(S3);
      if (recorded.length) {
        progress(`[${++n}/${total}] ${region}: AWS Config (${recorded.length} types)`);
        const sel = await selectItems(api, region, recorded, { record: false });
        if (sel.failed) {
          notes.push({
            ja: `${region} の AWS Config を照会できませんでした（${sel.failed.action}: ${sel.failed.code}）。サービスの API で読み取りました。`,
            en: `Could not query AWS Config in ${region} (${sel.failed.action}: ${sel.failed.code}); read the resources through the service APIs instead.`,
          });
          for (const t of recorded) if (t !== S3 && !t.startsWith('AWS::IAM::')) viaApi.add(t);
          s3ViaConfig = false;
        } else {
          const rows = await completeRows(api, region, sel.items, unreadable);
          fromConfig.push(...rows);
          // a recorded type with no item: Config may lag behind, so ask the service once (cheap when empty)
          const seen = new Set(rows.map((r) => r.resourceType));
          // every account has IAM roles: recorded IAM types without any item mean Config has not delivered them
          if (IAM_TYPES.every((t) => recorded.includes(t)) && IAM_TYPES.some((t) => seen.has(t))) iamFromConfig = true;
          for (const t of recorded) if (!seen.has(t) && REGIONAL_TYPES.includes(t)) viaApi.add(t);
          if (s3ViaConfig && !seen.has(S3)) s3ViaConfig = false;
        }
      } else {
        progress(`[${++n}/${total}] ${region}: service APIs (${fact === undefined ? 'recorder not readable' : fact === null ? 'no Config recorder' : fact.recording ? 'recorder records none of these types' : 'Config recorder stopped'})`);
      }
      if (!s3ViaConfig) s3Fallback.add(region);
      const notRecorded = [...[...viaApi].filter((t) => !recorded.includes(t) && !API_ONLY_TYPES.includes(t)), ...(recorded.includes(S3) ? [] : [S3])];
      if (notRecorded.length) {
        notes.push({
          ja: `${region}: AWS Config が記録していない ${notRecorded.length} 種別（${notRecorded.join(', ')}）はサービスの API で読み取りました。`,
          en: `${region}: AWS Config does not record ${notRecorded.length} types (${notRecorded.join(', ')}); read them through the service APIs.`,
        });
      }
      const readers = new Set<string>();
      for (const t of [...viaApi, ...API_ONLY_TYPES]) readers.add(READER_ALSO_COVERS[t] ?? t);
      await Promise.all([...readers].map(async (t) => {
        if (!SERVICE_READERS[t]) return;
        items.push(...(await SERVICE_READERS[t](ctx, region)));
      }));
    }));
  }

  // S3: one global list, then the buckets of the regions Config did not cover
  let buckets: BucketRef[] | undefined;
  const configBuckets = fromConfig.filter((i) => i.resourceType === S3);
  if (s3Fallback.size) {
    progress(`S3: listing buckets for ${[...s3Fallback].join(', ')}`);
    buckets = await listBuckets(ctx);
    const known = new Set(configBuckets.map((b) => b.arn));
    for (const b of buckets ?? []) {
      if (known.has(b.arn)) continue;
      if (!b.region) {
        // its location could not be read (a read error says why): the bucket is there, nothing of it is known
        const r = unreadableResource({ resourceType: S3, resourceId: b.name, resourceName: b.name, arn: b.arn, accountId }, 'the bucket location could not be read');
        if (r) {
          r.region = new Unknown('the bucket location could not be read');
          r.tags = new Unknown('the bucket location could not be read');
          unreadable.push(r);
        }
        continue;
      }
      if (s3Fallback.has(b.region) || (!scanRegions.includes(b.region) && !options.regions)) items.push(await readBucket(ctx, b));
    }
  }

  // IAM (global): from Config when every IAM type is recorded, else one paginated IAM call
  if (!iamFromConfig) {
    progress('IAM: users, roles, groups and policies');
    notes.push({
      ja: 'IAM のユーザー・ロール・グループ・ポリシーは AWS Config から得られなかったため、IAM の API（GetAccountAuthorizationDetails）で読み取りました。',
      en: 'IAM users, roles, groups and policies did not come from AWS Config; read them through the IAM API (GetAccountAuthorizationDetails).',
    });
    items.push(...((await readIam(ctx)) ?? []));
  }

  // resources: Config first, then the service APIs; one resource per address
  const resources: Resource[] = [];
  const byId = new Map<string, Resource>();
  const add = (r: Resource | undefined) => {
    if (!r || byId.has(r.id)) return;
    byId.set(r.id, r);
    resources.push(r);
  };
  for (const it of fromConfig) add(resourceFromConfigurationItem(it));
  for (const r of unreadable) add(r);
  for (const r of resourcesFromReadItems(items)) add(r);

  // S3 items Config recorded without some attributes (moto, older recorders): ask S3 for those parts only
  await completeConfigBuckets(ctx, resources);

  // VPC flow logs per region
  const vpcsByRegion = new Map<string, Resource[]>();
  for (const r of resources) if (r.kind === KINDS.Vpc && typeof r.region === 'string' && (!options.aggregator || r.id.includes(`:${accountId}:`))) vpcsByRegion.set(r.region, [...(vpcsByRegion.get(r.region) ?? []), r]);
  await Promise.all([...vpcsByRegion].map(([region, vpcs]) => foldFlowLogs(ctx, region, vpcs)));

  // the account and the credential report
  progress('account settings, trails, GuardDuty, credential report');
  const acct = await readAccountResponses(api, {
    accountId, partition, homeRegion, factRegions,
    describeRegions: dr.ok ? (dr.value as AccountResponses['DescribeRegions']) : { failed: dr.code },
    reportWaitMs: options.reportWaitMs,
  });
  Object.assign(acct, responses, { scannedRegions: scanRegions });
  resources.push(accountResource(acct));
  const report = acct.credentialReport;
  let rows;
  if (typeof report === 'string') {
    try {
      rows = parseCredentialReport(report);
    } catch (error) {
      rows = new Unknown(`the credential report could not be parsed: ${(error as Error).message}`);
    }
  } else {
    rows = new Unknown(`the credential report could not be read (${report?.failed ?? 'not read'})`);
  }
  foldCredentialReport(resources, rows, options.aggregator ? accountId : undefined);
  if (rows instanceof Unknown) {
    const users = resources.filter((r) => r.kind === KINDS.IamUser && (!options.aggregator || r.id.includes(`::${accountId}:`)));
    const failed: Failed = typeof report === 'object' && report ? report : { failed: 'CredentialReportUnreadable', message: rows.reason };
    api.readErrors.push({
      service: 'iam', action: failed.action ?? 'iam:GetCredentialReport',
      kinds: [KINDS.IamUser], resources: users.map((u) => ({ address: u.source.address, kind: KINDS.IamUser })), properties: [...CREDENTIAL_PROPS],
      code: failed.failed, message: failed.message ?? rows.reason,
    });
  }

  if (api.timedOut) notes.push({ ja: 'スキャン全体のタイムアウトに達したため、読み取れなかったものはエラーとして報告します。', en: 'The whole-scan timeout ran out: what was not read by then is reported as errors.' });
  notes.push({
    ja: `${scanRegions.length} リージョンで ${resources.length} 件のリソースを読み取りました（AWS API 呼び出し ${Object.values(api.calls).reduce((a, b) => a + b, 0)} 回）。`,
    en: `Read ${resources.length} resources in ${scanRegions.length} regions (${Object.values(api.calls).reduce((a, b) => a + b, 0)} AWS API calls).`,
  });
  progress(`done: ${resources.length} resources, ${api.readErrors.length} read errors`);
  return { resources, readErrors: api.readErrors, notes, calls: { ...api.calls }, accountId, regions: scanRegions };
}

/** Rows without a configuration are completed with BatchGet; what stays unprocessed is unreadable. */
async function completeRows(api: AwsApi, region: string, rows: ConfigurationItemLike[], unreadable: Resource[], aggregator?: string): Promise<ConfigurationItemLike[]> {
  const whole: ConfigurationItemLike[] = [];
  const partial: ConfigurationItemLike[] = [];
  for (const r of rows) (r.configuration === undefined || r.configuration === null ? partial : whole).push(r);
  if (!partial.length) return whole;
  const { completed, unprocessed, errors } = await completeItems(api, region, partial, { aggregator });
  for (const row of unprocessed) {
    const r = unreadableResource(row, 'AWS Config returned no configuration for it');
    if (r) unreadable.push(r);
  }
  if (unprocessed.length) {
    const e = errors[0];
    api.readErrors.push({
      service: 'config', action: aggregator ? 'config:BatchGetAggregateResourceConfig' : 'config:BatchGetResourceConfig', region,
      kinds: uniq(unprocessed.map((u) => CONFIG_MAPPINGS[u.resourceType ?? '']?.kind).filter((k): k is string => !!k)),
      resources: unprocessed.map((u) => ({ address: u.arn ?? '', kind: CONFIG_MAPPINGS[u.resourceType ?? '']?.kind ?? '' })),
      code: e?.code ?? 'UnprocessedResourceKeys', message: e?.message ?? 'AWS Config left these keys unprocessed after retries',
    });
  }
  return [...whole, ...completed];
}

const PART_OF_PROP: Record<string, BucketPart> = { encryption: 'encryption', versioning: 'versioning', logging: 'logging' };

async function completeConfigBuckets(ctx: AccountContext, resources: Resource[]): Promise<void> {
  await Promise.all(resources.map(async (r) => {
    if (r.kind !== KINDS.S3Bucket || r.source.adapter !== 'aws-config' || typeof r.region !== 'string') return;
    const missing = Object.keys(PART_OF_PROP).filter((p) => {
      const v = r.props[p];
      return v instanceof Unknown && v.reason.startsWith('AWS Config did not record');
    });
    if (!missing.length) return;
    const name = String(r.props.bucket ?? r.name ?? '');
    const got = await readBucketParts(ctx, { name, region: r.region, arn: String(r.props.arn ?? r.id) }, missing.map((m) => PART_OF_PROP[m]));
    const filled = resourceFromConfigurationItem({ resourceType: S3, resourceName: name, arn: String(r.props.arn ?? r.id), awsRegion: r.region, supplementaryConfiguration: got.supplementary });
    for (const p of missing) r.props[p] = got.unknown[p] ? new Unknown(got.unknown[p]) : filled?.props[p];
    for (const p of missing) if (r.props[p] === undefined) delete r.props[p];
  }));
}
