import { InputError, isUnknown, Unknown } from '@muniguard/core';
import { convertValue, UNRESOLVED, type Scope } from './expressions';
import type { RawResource } from './raw';

/** Terraform JSON configuration (`*.tf.json`, CDKTF's `cdk.tf.json`). */
export interface TfJsonConfig {
  terraform?: unknown;
  provider?: Record<string, unknown>;
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
  variable?: Record<string, { default?: unknown }>;
  locals?: Record<string, unknown>;
  module?: unknown;
  output?: unknown;
}

const CONFIG_KEYS = ['terraform', 'provider', 'resource', 'data', 'variable', 'locals', 'module', 'output', 'moved', 'import', 'check', '//'];

export function looksLikeConfig(doc: unknown): doc is TfJsonConfig {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const keys = Object.keys(doc);
  return keys.length > 0 && keys.every((k) => CONFIG_KEYS.includes(k)) && keys.some((k) => k !== '//');
}

/** Blocks in Terraform JSON may be an object or an array of objects. */
function blockList(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object') as Record<string, unknown>[];
  if (value && typeof value === 'object') return [value as Record<string, unknown>];
  return [];
}

interface ProviderConfig {
  region: unknown;
  defaultTags?: Record<string, unknown> | Unknown;
}

/**
 * Read several files that form one configuration (one module, or one CDKTF stack).
 * `prefix` is prepended to every address (`<stack>/` for cdktf.out).
 */
export function readConfig(files: { file: string; doc: TfJsonConfig }[], prefix: string): RawResource[] {
  const variables: Record<string, unknown> = {};
  const locals: Record<string, unknown> = {};
  for (const { doc } of files) {
    for (const [name, v] of Object.entries(doc.variable ?? {})) {
      const spec = blockList(v)[0];
      if (spec && 'default' in spec) variables[name] = spec.default;
    }
    for (const block of blockList(doc.locals)) Object.assign(locals, block);
  }
  const scope: Scope = { prefix, variables, locals };

  const providers = new Map<string, ProviderConfig>();
  for (const { file, doc } of files) {
    for (const block of blockList(doc.provider?.aws)) {
      const alias = typeof block.alias === 'string' ? block.alias : undefined;
      const key = alias ? `aws.${alias}` : 'aws';
      const converted = convertValue(block, scope) as Record<string, unknown>;
      const defaultTagsBlock = blockList(converted.default_tags)[0];
      const tags = defaultTagsBlock?.tags;
      providers.set(key, {
        region: converted.region,
        defaultTags: isUnknown(tags) ? tags : (tags as Record<string, unknown> | undefined),
      });
      void file;
    }
  }

  const out: RawResource[] = [];
  for (const { file, doc } of files) {
    for (const [mode, section] of [['managed', doc.resource], ['data', doc.data]] as const) {
      for (const [type, byName] of Object.entries(section ?? {})) {
        if (!byName || typeof byName !== 'object') throw new InputError(file, `${mode === 'data' ? 'data' : 'resource'}.${type} is not an object`);
        for (const [name, body] of Object.entries(byName)) {
          const instances = blockList(body).flatMap((block) => instanceKeys(block, scope).map((key) => [block, key] as const));
          for (const [block, key] of instances) {
            const address = `${prefix}${mode === 'data' ? 'data.' : ''}${type}.${name}${key}`;
            const attrs = convertValue(block, scope) as Record<string, unknown>;
            delete attrs.count;
            delete attrs.for_each;
            const providerKey = providerKeyOf(block.provider);
            const provider = providerKey ? providers.get(providerKey) : undefined;
            let region: unknown = provider?.region;
            if (providerKey === undefined) region = UNRESOLVED;
            else if (!provider) region = providerKey === 'aws' ? undefined : UNRESOLVED;
            const meta = (block['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
            out.push({
              address,
              type,
              mode,
              attrs,
              providerRegion: typeof region === 'string' || isUnknown(region) ? region : region === undefined ? undefined : UNRESOLVED,
              defaultTags: provider?.defaultTags,
              file,
              constructPath: meta?.path,
            });
          }
        }
      }
    }
  }
  return out;
}

/**
 * Instances of a resource block: `count` with a known number gives `[0]`…`[n-1]`, `for_each`
 * over a known map or set of strings gives `["key"]`; anything unresolved is one instance
 * without a key (its attributes are evaluated once, which is what a config scan can know).
 */
function instanceKeys(block: Record<string, unknown>, scope: Scope): string[] {
  if ('count' in block) {
    const n = convertValue(block.count, scope);
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1000) return Array.from({ length: n }, (_, i) => `[${i}]`);
    return [''];
  }
  if ('for_each' in block) {
    const each = convertValue(block.for_each, scope);
    const keys = Array.isArray(each) ? each.filter((k) => typeof k === 'string') : each && typeof each === 'object' && !isUnknown(each) ? Object.keys(each) : [];
    if (keys.length && keys.length <= 1000) return keys.map((k) => `[${JSON.stringify(k)}]`);
    return [''];
  }
  return [''];
}

/** `provider = "aws.west"` or `"${aws.west}"`; absent = the default `aws`. undefined = cannot tell. */
function providerKeyOf(value: unknown): string | undefined {
  if (value === undefined) return 'aws';
  if (typeof value !== 'string') return undefined;
  const v = value.replace(/^\$\{(.*)\}$/, '$1').trim();
  return /^aws(\.[A-Za-z0-9_-]+)?$/.test(v) ? v : undefined;
}
