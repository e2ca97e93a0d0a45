import { ResourceType } from '@aws-sdk/client-config-service';
import { AwsApi } from './api';
import { CONFIG_MAPPINGS, CONFIG_TYPE_OF_KIND, type ConfigurationItemLike } from './config-items';
import { completeItems, selectItems } from './config-source';

/** What the periodic rule read: the configuration items, and the keys it could not read. */
export interface InventoryRead {
  items: ConfigurationItemLike[];
  unread: { resourceType: string; resourceId: string }[];
}

/** Reads the configuration items of the given Config resource types in the function's account and region. */
export type ConfigInventory = (resourceTypes: readonly string[], where: { region: string }) => Promise<InventoryRead>;

let recorded: Set<string> | undefined;

/**
 * The Config resource types muniguard normalizes and AWS Config can record. The SDK's own
 * ResourceType list is the authority for the second half (AWS::Logs::LogGroup and the ElastiCache
 * replication group, for instance, are not in it: the live scan reads them from their APIs).
 */
export function configRecordedTypes(): Set<string> {
  if (!recorded) {
    const known = new Set<string>(Object.values(ResourceType));
    recorded = new Set(Object.keys(CONFIG_MAPPINGS).filter((t) => known.has(t)));
  }
  return recorded;
}

/** The normalized kind of a Config resource type (the type itself when muniguard has no mapping). */
export function kindOfConfigType(type: string): string {
  return CONFIG_MAPPINGS[type]?.kind ?? type;
}

/** The Config resource type that records a normalized kind, if Config records it. */
export function recordedTypeOfKind(kind: string): string | undefined {
  const type = CONFIG_TYPE_OF_KIND[kind];
  return type && configRecordedTypes().has(type) ? type : undefined;
}

/**
 * Default periodic inventory: the live scan's own Config advanced query (100 rows a call, so
 * N/100 + 1 calls for N resources), with rows that came back without their configuration
 * completed by BatchGetResourceConfig. A failed query throws: the periodic evaluation cannot be
 * made, Config records the rule as failed, nothing is reported as compliant.
 */
export const configInventory: ConfigInventory = async (resourceTypes, { region }) => {
  if (resourceTypes.length === 0) return { items: [], unread: [] };
  const api = new AwsApi();
  try {
    const sel = await selectItems(api, region, resourceTypes, { record: false });
    if (sel.failed) {
      throw new Error(`AWS Config advanced query failed in ${region} (${sel.failed.action}: ${sel.failed.code}): ${sel.failed.message}`);
    }
    const whole: ConfigurationItemLike[] = [];
    const partial: ConfigurationItemLike[] = [];
    for (const r of sel.items) (r.configuration === undefined || r.configuration === null ? partial : whole).push(r);
    if (!partial.length) return { items: whole, unread: [] };
    const { completed, unprocessed } = await completeItems(api, region, partial);
    return {
      items: [...whole, ...completed],
      unread: unprocessed.map((u) => ({ resourceType: String(u.resourceType), resourceId: String(u.resourceId) })),
    };
  } finally {
    api.close();
  }
};
