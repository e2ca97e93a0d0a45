import * as fs from 'node:fs';
import { InputError, parseJsonFile, Ref, type Resource, type Unknown } from '@muniguard/core';
import { FOLDS, normalize, type RawResource } from '@muniguard/terraform';
import { OPAQUE_KEYS, TAG_KEYS, terraformKey, terraformTypeOf } from './aws-types';
import { convertValue, hasSentinel, PREVIEW_UNKNOWN, type ConvertOptions, type NormalizeOptions, type PulumiProvider, type PulumiResource } from './model';
import { normalizeNative, NATIVE_PREFIX } from './native';

const AWS_CONVERT: ConvertOptions = { key: terraformKey, opaque: OPAQUE_KEYS, noRef: TAG_KEYS };

/** `<provider URN>::<provider id>` -> the provider URN. */
export function providerUrnOf(ref: string): string {
  const i = ref.lastIndexOf('::');
  return i > 0 && ref.slice(0, i).startsWith('urn:') ? ref.slice(0, i) : ref;
}

/** Provider inputs are stored as JSON strings for non-string values (`defaultTags`): read both forms. */
function jsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return value;
  try {
    return JSON.parse(t);
  } catch {
    return value;
  }
}

export interface ProviderInfo {
  region: string | Unknown | undefined;
  defaultTags?: Record<string, unknown> | Unknown;
}

/** Region and default tags of the provider a resource uses, with the stack's `<pkg>:region` config as fallback. */
export function providerInfo(
  r: PulumiResource,
  providers: ReadonlyMap<string, Record<string, unknown>>,
  stackConfig: Record<string, unknown>,
  pkg: 'aws' | 'aws-native',
): ProviderInfo {
  let props: Record<string, unknown> | undefined;
  if (typeof r.provider === 'string') props = providers.get(providerUrnOf(r.provider));
  else if (r.provider) props = (r.provider as PulumiProvider).properties ?? (r.provider.urn ? providers.get(r.provider.urn) : undefined);
  let region: string | Unknown | undefined;
  const own = props?.region;
  if (typeof own === 'string' && own.trim() !== '') region = hasSentinel(own) ? PREVIEW_UNKNOWN : own;
  if (region === undefined) {
    const fromConfig = stackConfig[`${pkg}:region`];
    if (typeof fromConfig === 'string' && fromConfig.trim() !== '') region = fromConfig;
  }
  let defaultTags: ProviderInfo['defaultTags'];
  const dt = jsonish(props?.defaultTags);
  if (typeof dt === 'string' && hasSentinel(dt)) defaultTags = PREVIEW_UNKNOWN;
  else if (dt && typeof dt === 'object' && !Array.isArray(dt)) {
    const tags = jsonish((dt as Record<string, unknown>).tags);
    if (typeof tags === 'string' && hasSentinel(tags)) defaultTags = PREVIEW_UNKNOWN;
    else if (tags && typeof tags === 'object') defaultTags = convertValue(tags, [], AWS_CONVERT, true, false) as Record<string, unknown>;
  }
  return { region, defaultTags };
}

/** Links between resources: URN -> Terraform type, and literal ids -> URN. */
interface Links {
  tfTypeOf: Map<string, string>;
  byId: Map<string, string[]>;
}

/** One @pulumi/aws resource as the Terraform normalizer's RawResource (type = the Terraform type, attrs in snake_case). */
function toRaw(r: PulumiResource, tfType: string, provider: ProviderInfo, links: Links, file: string): RawResource {
  const deps = r.propertyDependencies ?? {};
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r.properties ?? {})) {
    if (key.startsWith('__')) continue; // engine bookkeeping (__defaults, __meta)
    const opaque = OPAQUE_KEYS.has(key);
    const c = convertValue(value, deps[key] ?? [], AWS_CONVERT, opaque, !TAG_KEYS.has(key));
    if (c !== undefined) attrs[terraformKey(key)] = c;
  }
  // a split resource's link to its parent: the parent's URN when the value came from it (its id,
  // known or not yet), so the fold does not depend on names
  const fold = FOLDS[tfType];
  if (fold) {
    const pulumiKey = Object.keys(r.properties ?? {}).find((k) => terraformKey(k) === fold.link);
    const fromParent = (pulumiKey ? deps[pulumiKey] ?? [] : []).filter((u) => fold.parentTypes.includes(links.tfTypeOf.get(u) ?? ''));
    const value = attrs[fold.link];
    if (fromParent.length === 1) attrs[fold.link] = new Ref(fromParent[0]);
    else if (typeof value === 'string') {
      const byId = (links.byId.get(value) ?? []).filter((u) => fold.parentTypes.includes(links.tfTypeOf.get(u) ?? ''));
      if (byId.length === 1) attrs[fold.link] = new Ref(byId[0]);
    }
  }
  if (r.id && attrs.id === undefined) attrs.id = r.id;
  return {
    address: r.urn,
    type: tfType,
    mode: 'managed',
    attrs,
    providerRegion: provider.region,
    defaultTags: provider.defaultTags,
    file,
  };
}

/**
 * Turn the resources of one Pulumi stack (as the engine sends them to a policy pack, or read
 * from a stack export) into normalized resources: @pulumi/aws through the Terraform normalizer,
 * @pulumi/aws-native through its own table. Other packages (random, kubernetes, components,
 * providers, the stack itself) are not AWS resources and are left out.
 */
export function normalizePulumi(resources: readonly PulumiResource[], options: NormalizeOptions = {}): Resource[] {
  const stackConfig = options.stackConfig ?? {};
  const file = options.file ?? '';
  const providers = new Map<string, Record<string, unknown>>();
  const links: Links = { tfTypeOf: new Map(), byId: new Map() };
  for (const r of resources) {
    if (r.type.startsWith('pulumi:providers:')) {
      providers.set(r.urn, r.properties ?? {});
      continue;
    }
    const tf = terraformTypeOf(r.type);
    if (tf) links.tfTypeOf.set(r.urn, tf.type);
    for (const id of [r.id, r.properties?.id]) {
      if (typeof id === 'string' && id !== '' && !hasSentinel(id)) {
        const list = links.byId.get(id);
        if (list) list.push(r.urn);
        else links.byId.set(id, [r.urn]);
      }
    }
  }

  const raws: RawResource[] = [];
  const natives: PulumiResource[] = [];
  const tokens = new Map<string, { token: string; mapped: boolean }>();
  for (const r of resources) {
    if (typeof r.urn !== 'string' || typeof r.type !== 'string') continue;
    if (r.type.startsWith(NATIVE_PREFIX)) {
      natives.push(r);
      continue;
    }
    const tf = terraformTypeOf(r.type);
    if (!tf) continue;
    tokens.set(r.urn, { token: r.type, mapped: tf.mapped });
    raws.push(toRaw(r, tf.type, providerInfo(r, providers, stackConfig, 'aws'), links, file));
  }

  const out = normalize(raws);
  for (const res of out) {
    res.source.adapter = 'pulumi';
    if (!file) delete res.source.file;
    const t = tokens.get(res.id);
    // types no control reads keep their Pulumi name (the derived Terraform name is only approximate)
    if (t && !t.mapped) res.kind = `Pulumi::${t.token}`;
  }
  out.push(...normalizeNative(natives, (r) => providerInfo(r, providers, stackConfig, 'aws-native'), file));
  return out;
}

/** Fixture files and hand-written analyzer input: a list of resources, or `{ stackConfig, resources }`. */
export function readAnalyzerResources(file: string, display = file): Resource[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(display, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const doc = parseJsonFile(display, text);
  const list = Array.isArray(doc) ? doc : (doc as { resources?: unknown })?.resources;
  if (!Array.isArray(list)) throw new InputError(display, 'is not a list of Pulumi resources (expected an array, or an object with "resources")');
  list.forEach((r, i) => {
    if (!r || typeof r !== 'object' || typeof (r as PulumiResource).urn !== 'string' || typeof (r as PulumiResource).type !== 'string') {
      throw new InputError(display, `resources[${i}] needs "urn" and "type" strings`);
    }
  });
  const stackConfig = Array.isArray(doc) ? undefined : (doc as { stackConfig?: Record<string, unknown> }).stackConfig;
  return normalizePulumi(
    (list as PulumiResource[]).map((r) => ({ ...r, properties: r.properties ?? {} })),
    { stackConfig, file: display },
  );
}
