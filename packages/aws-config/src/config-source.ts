/**
 * Reading the inventory from AWS Config: which types the recorder records in a region, the
 * advanced query (SelectResourceConfig, or SelectAggregateResourceConfig over an aggregator)
 * at 100 rows a page, and BatchGetResourceConfig (100 keys a call) for rows that came back
 * without their configuration. Cost: one query call per 100 resources, plus a constant.
 */
import {
  BatchGetAggregateResourceConfigCommand, BatchGetResourceConfigCommand, DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand, SelectAggregateResourceConfigCommand, SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import type {
  BatchGetAggregateResourceConfigCommandOutput, BatchGetResourceConfigCommandOutput, DescribeConfigurationRecordersCommandOutput,
  DescribeConfigurationRecorderStatusCommandOutput, SelectAggregateResourceConfigCommandOutput, SelectResourceConfigCommandOutput,
} from '@aws-sdk/client-config-service';
import { KINDS, type ReadError } from '@muniguard/core';
import type { AwsApi } from './api';
import { CONFIG_MAPPINGS, itemFromSelectRow, type ConfigurationItemLike } from './config-items';

/** The recorder of one region as muniguard needs it (kinds.ts AWS::::Account configRecorders). */
export interface RecorderFact {
  name: string;
  recording: boolean;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  resourceTypes: string[];
  excludedResourceTypes: string[];
}

/** Both Describe responses of a region -> the recorder fact (null: no recorder). */
export function recorderFact(
  recorders: DescribeConfigurationRecordersCommandOutput | { ConfigurationRecorders?: unknown[] },
  status: DescribeConfigurationRecorderStatusCommandOutput | { ConfigurationRecordersStatus?: unknown[] },
): RecorderFact | null {
  const list = (recorders.ConfigurationRecorders ?? []) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!list.length) return null;
  // an account has at most one customer-managed recorder per region; service-linked recorders follow it
  const rec = list.find((r) => !String(r.name ?? '').startsWith('AWSConfigurationRecorderFor')) ?? list[0];
  const st = ((status.ConfigurationRecordersStatus ?? []) as Record<string, any>[]).find((s) => s.name === rec.name); // eslint-disable-line @typescript-eslint/no-explicit-any
  const g = rec.recordingGroup ?? {};
  const useOnly = g.recordingStrategy?.useOnly as string | undefined;
  const exclusion = useOnly === 'EXCLUSION_BY_RESOURCE_TYPES';
  return {
    name: String(rec.name ?? 'default'),
    recording: st?.recording === true,
    allSupported: exclusion || g.allSupported === true || (g.allSupported === undefined && !g.resourceTypes?.length && useOnly !== 'INCLUSION_BY_RESOURCE_TYPES'),
    includeGlobalResourceTypes: g.includeGlobalResourceTypes === true,
    resourceTypes: [...(g.resourceTypes ?? [])],
    excludedResourceTypes: [...(g.exclusionByResourceTypes?.resourceTypes ?? [])],
  };
}

const GLOBAL_TYPES = new Set(['AWS::IAM::User', 'AWS::IAM::Role', 'AWS::IAM::Group', 'AWS::IAM::Policy']);

/** Does the recorder record this type? */
export function records(fact: RecorderFact | null, type: string): boolean {
  if (!fact || !fact.recording) return false;
  if (fact.resourceTypes.includes(type)) return true;
  if (!fact.allSupported || fact.excludedResourceTypes.includes(type)) return false;
  return !GLOBAL_TYPES.has(type) || fact.includeGlobalResourceTypes;
}

/** Read a region's recorder. A failure is recorded as a ReadError for the kinds Config would have listed. */
export async function readRecorder(
  api: AwsApi,
  region: string,
  account: string,
): Promise<{ recorders: DescribeConfigurationRecordersCommandOutput | { failed: string }; status: DescribeConfigurationRecorderStatusCommandOutput | { failed: string }; fact?: RecorderFact | null }> {
  // a recorder that cannot be read leaves the account's configRecorders Unknown for the region
  const meta = { kinds: [KINDS.Account], resources: [{ address: account, kind: KINDS.Account }], properties: ['configRecorders'] };
  const [r, s] = await Promise.all([
    api.call<DescribeConfigurationRecordersCommandOutput>('config', region, new DescribeConfigurationRecordersCommand({}), meta),
    api.call<DescribeConfigurationRecorderStatusCommandOutput>('config', region, new DescribeConfigurationRecorderStatusCommand({}), meta),
  ]);
  const recorders = r.ok ? r.value : { failed: r.code };
  const status = s.ok ? s.value : { failed: s.code };
  return { recorders, status, ...(r.ok && s.ok ? { fact: recorderFact(r.value, s.value) } : {}) };
}

/** The advanced query muniguard runs: every field it normalizes, for the given types. */
export function selectExpression(types: readonly string[], regions?: readonly string[]): string {
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  let where = `resourceType IN (${types.map(quote).join(', ')})`;
  if (regions?.length) where += ` AND awsRegion IN (${regions.map(quote).join(', ')})`;
  return `SELECT resourceId, resourceName, resourceType, arn, awsRegion, accountId, configurationItemStatus, configuration, supplementaryConfiguration, tags WHERE ${where}`;
}

export interface SelectResult {
  items: ConfigurationItemLike[];
  /** The query failed (the caller falls back or reports). */
  failed?: ReadError;
  calls: number;
}

/** Page through SelectResourceConfig (or SelectAggregateResourceConfig) at 100 rows a page. */
export async function selectItems(api: AwsApi, region: string, types: readonly string[], options: { aggregator?: string; regions?: readonly string[]; record?: boolean } = {}): Promise<SelectResult> {
  const kinds = [...new Set(types.map((t) => CONFIG_MAPPINGS[t]?.kind).filter((k): k is string => !!k))];
  const expression = selectExpression(types, options.aggregator ? options.regions : undefined);
  const { pages, failed } = options.aggregator
    ? await api.paginate<SelectAggregateResourceConfigCommandOutput>(
        'config', region,
        (t) => new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: options.aggregator, Expression: expression, Limit: 100, ...(t ? { NextToken: t } : {}) }),
        (p) => p.NextToken, { kinds, record: options.record },
      )
    : await api.paginate<SelectResourceConfigCommandOutput>(
        'config', region,
        (t) => new SelectResourceConfigCommand({ Expression: expression, Limit: 100, ...(t ? { NextToken: t } : {}) }),
        (p) => p.NextToken, { kinds, record: options.record },
      );
  const items: ConfigurationItemLike[] = [];
  for (const p of pages) for (const row of p.Results ?? []) items.push(itemFromSelectRow(row));
  return { items, failed: failed && !failed.absent ? (failed as { error: ReadError }).error : undefined, calls: pages.length + (failed ? 1 : 0) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Complete rows that came back without a configuration with BatchGetResourceConfig (100 keys a
 * call; aggregator: BatchGetAggregateResourceConfig). Unprocessed keys are retried with backoff;
 * what stays unprocessed is returned so the caller marks those resources unreadable.
 */
export async function completeItems(
  api: AwsApi,
  region: string,
  rows: ConfigurationItemLike[],
  options: { aggregator?: string; retryDelayMs?: number } = {},
): Promise<{ completed: ConfigurationItemLike[]; unprocessed: ConfigurationItemLike[]; errors: ReadError[] }> {
  // one region's Config knows a resource by type and id; an aggregator also needs its account and region
  const keyOf = (i: { resourceType?: string; resourceId?: string; accountId?: string; awsRegion?: string }) =>
    options.aggregator ? `${i.accountId ?? ''}\u0000${i.awsRegion ?? ''}\u0000${i.resourceType}\u0000${i.resourceId}` : `${i.resourceType}\u0000${i.resourceId}`;
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  const done = new Map<string, ConfigurationItemLike>();
  const errors: ReadError[] = [];
  let pending = [...rows];
  for (let attempt = 0; attempt < 4 && pending.length && !api.timedOut; attempt++) {
    if (attempt) await sleep((options.retryDelayMs ?? 200) * 2 ** (attempt - 1));
    const next: ConfigurationItemLike[] = [];
    const batches: ConfigurationItemLike[][] = [];
    for (let i = 0; i < pending.length; i += 100) batches.push(pending.slice(i, i + 100));
    await Promise.all(batches.map(async (batch) => {
      const kinds = [...new Set(batch.map((b) => CONFIG_MAPPINGS[b.resourceType ?? '']?.kind).filter((k): k is string => !!k))];
      const resources = batch.map((b) => ({ address: b.arn ?? '', kind: CONFIG_MAPPINGS[b.resourceType ?? '']?.kind ?? '' }));
      if (options.aggregator) {
        const out = await api.call<BatchGetAggregateResourceConfigCommandOutput>('config', region, new BatchGetAggregateResourceConfigCommand({
          ConfigurationAggregatorName: options.aggregator,
          ResourceIdentifiers: batch.map((b) => ({ SourceAccountId: b.accountId, SourceRegion: b.awsRegion, ResourceId: b.resourceId, ResourceType: b.resourceType as never })),
        }), { kinds, resources, record: false });
        if (!out.ok) {
          if (!out.absent) errors.push({ ...out.error, resources });
          return;
        }
        for (const it of out.value.BaseConfigurationItems ?? []) done.set(keyOf(it as never), it as ConfigurationItemLike);
        for (const u of out.value.UnprocessedResourceIdentifiers ?? []) {
          const row = byKey.get(keyOf({ accountId: u.SourceAccountId, awsRegion: u.SourceRegion, resourceType: u.ResourceType, resourceId: u.ResourceId }));
          if (row) next.push(row);
        }
      } else {
        const out = await api.call<BatchGetResourceConfigCommandOutput>('config', region, new BatchGetResourceConfigCommand({
          resourceKeys: batch.map((b) => ({ resourceType: b.resourceType as never, resourceId: b.resourceId })),
        }), { kinds, resources, record: false });
        if (!out.ok) {
          if (!out.absent) errors.push({ ...out.error, resources });
          return;
        }
        for (const it of out.value.baseConfigurationItems ?? []) done.set(keyOf(it as never), it as ConfigurationItemLike);
        for (const u of out.value.unprocessedResourceKeys ?? []) {
          const row = byKey.get(keyOf(u as never));
          if (row) next.push(row);
        }
      }
    }));
    if (errors.length) break;
    pending = next;
  }
  const completed: ConfigurationItemLike[] = [];
  const unprocessed: ConfigurationItemLike[] = [];
  for (const row of rows) {
    const got = done.get(keyOf(row));
    if (got) {
      completed.push({
        ...row,
        configuration: got.configuration ?? row.configuration,
        supplementaryConfiguration: (got.supplementaryConfiguration as Record<string, unknown>) ?? row.supplementaryConfiguration,
        arn: row.arn ?? (got.arn as string | undefined),
      });
    } else unprocessed.push(row);
  }
  return { completed, unprocessed, errors };
}
