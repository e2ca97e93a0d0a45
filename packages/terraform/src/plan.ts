import { isUnknown, Unknown } from '@muniguard/core';
import { AFTER_APPLY, parseReference, UNRESOLVED } from './expressions';
import { addressPrefix, withoutIndex, type RawResource } from './raw';

/** `terraform show -json` output of a plan (format_version + planned_values/resource_changes) or of a state. */
export interface PlanJson {
  format_version: string;
  terraform_version?: string;
  variables?: Record<string, { value?: unknown }>;
  planned_values?: { root_module?: ModuleValues };
  values?: { root_module?: ModuleValues };
  prior_state?: { values?: { root_module?: ModuleValues } };
  resource_changes?: ResourceChange[];
  configuration?: { provider_config?: Record<string, ProviderConfigJson>; root_module?: ModuleConfig };
}

interface ModuleValues {
  resources?: { address: string; mode: string; type: string; values?: Record<string, unknown> }[];
  child_modules?: ModuleValues[];
}
interface ResourceChange {
  address: string;
  mode: string;
  type: string;
  change: { actions: string[]; after?: Record<string, unknown> | null; after_unknown?: unknown };
}
interface ProviderConfigJson {
  name: string;
  alias?: string;
  module_address?: string;
  expressions?: Record<string, unknown>;
}
interface ModuleConfig {
  resources?: { address: string; mode?: string; type: string; provider_config_key?: string; expressions?: Record<string, unknown> }[];
  module_calls?: Record<string, { module?: ModuleConfig }>;
}

export function looksLikePlan(doc: unknown): doc is PlanJson {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return typeof d.format_version === 'string' && ('planned_values' in d || 'resource_changes' in d || 'values' in d);
}

/** Expression of one attribute: `{constant_value}` or `{references: [...]}`; nested blocks are arrays of objects. */
function referenceOf(expr: unknown, prefix: string) {
  if (!expr || typeof expr !== 'object' || Array.isArray(expr)) return undefined;
  const refs = (expr as { references?: string[] }).references;
  for (const r of refs ?? []) {
    const ref = parseReference(r, prefix);
    if (ref) return ref;
  }
  return undefined;
}

/**
 * Merge a planned value with its unknown-marker tree and its configuration expression:
 * unknown leaves become a Ref when the configuration references a resource of the plan,
 * otherwise Unknown("known after apply"). `null` (not set) becomes undefined.
 */
function merge(after: unknown, unknown: unknown, expr: unknown, prefix: string): unknown {
  if (unknown === true) return referenceOf(expr, prefix) ?? AFTER_APPLY;
  if (Array.isArray(after) || Array.isArray(unknown)) {
    const a = Array.isArray(after) ? after : [];
    const u = Array.isArray(unknown) ? unknown : [];
    const e = Array.isArray(expr) ? expr : [];
    const n = Math.max(a.length, u.length);
    return Array.from({ length: n }, (_, i) => merge(a[i], u[i], e[i] ?? e[0], prefix));
  }
  const objAfter = after && typeof after === 'object' ? (after as Record<string, unknown>) : undefined;
  const objUnknown = unknown && typeof unknown === 'object' ? (unknown as Record<string, unknown>) : undefined;
  if (objAfter || objUnknown) {
    const out: Record<string, unknown> = {};
    const exprObj = expr && typeof expr === 'object' && !Array.isArray(expr) ? (expr as Record<string, unknown>) : {};
    for (const key of new Set([...Object.keys(objAfter ?? {}), ...Object.keys(objUnknown ?? {})])) {
      const v = merge(objAfter?.[key], objUnknown?.[key], exprObj[key], prefix);
      if (v !== undefined) out[key] = v;
    }
    // a map attribute (tags) is a plain object whose expression is {constant_value}: nothing to do
    return out;
  }
  return after === null ? undefined : after;
}

function* moduleResources(mod: ModuleValues | undefined): Generator<NonNullable<ModuleValues['resources']>[number]> {
  if (!mod) return;
  for (const r of mod.resources ?? []) yield r;
  for (const child of mod.child_modules ?? []) yield* moduleResources(child);
}

interface ConfigEntry {
  providerKey?: string;
  expressions?: Record<string, unknown>;
}

function indexConfig(mod: ModuleConfig | undefined, modulePrefix: string, out: Map<string, ConfigEntry>): void {
  if (!mod) return;
  for (const r of mod.resources ?? []) out.set(`${modulePrefix}${r.address}`, { providerKey: r.provider_config_key, expressions: r.expressions });
  for (const [name, call] of Object.entries(mod.module_calls ?? {})) indexConfig(call.module, `${modulePrefix}module.${name}.`, out);
}

function constant(expr: unknown, variables: PlanJson['variables']): unknown {
  if (!expr || typeof expr !== 'object') return undefined;
  const e = expr as { constant_value?: unknown; references?: string[] };
  if ('constant_value' in e) return e.constant_value;
  const v = e.references?.map((r) => /^var\.([A-Za-z0-9_-]+)$/.exec(r)).find(Boolean);
  if (v && variables?.[v[1]] && 'value' in variables[v[1]]) return variables[v[1]].value;
  return UNRESOLVED;
}

export function readPlan(plan: PlanJson, file: string, stackPrefix = ''): RawResource[] {
  const config = new Map<string, ConfigEntry>();
  indexConfig(plan.configuration?.root_module, '', config);

  const providers = new Map<string, { region: unknown; defaultTags?: Record<string, unknown> | Unknown }>();
  for (const [key, p] of Object.entries(plan.configuration?.provider_config ?? {})) {
    if (p.name !== 'aws') continue;
    const ex = p.expressions ?? {};
    const region = 'region' in ex ? constant(ex.region, plan.variables) : undefined;
    const dt = Array.isArray(ex.default_tags) ? (ex.default_tags[0] as Record<string, unknown>) : undefined;
    const tags = dt ? constant(dt.tags, plan.variables) : undefined;
    providers.set(key, { region, defaultTags: isUnknown(tags) ? tags : (tags as Record<string, unknown> | undefined) });
  }
  const providerFor = (key: string | undefined) => {
    if (!key) return providers.get('aws');
    return providers.get(key) ?? providers.get(key.replace(/^.*:/, '')) ?? undefined;
  };

  const out: RawResource[] = [];
  const seen = new Set<string>();
  const push = (address: string, type: string, mode: string, attrs: Record<string, unknown>) => {
    if (seen.has(address)) return;
    seen.add(address);
    const entry = config.get(withoutIndex(address));
    const provider = providerFor(entry?.providerKey);
    out.push({
      address: `${stackPrefix}${address}`,
      type,
      mode: mode === 'data' ? 'data' : 'managed',
      attrs,
      providerRegion: provider ? (typeof provider.region === 'string' || isUnknown(provider.region) ? provider.region : undefined) : undefined,
      defaultTags: provider?.defaultTags,
      file,
    });
  };

  if (plan.resource_changes) {
    for (const rc of plan.resource_changes) {
      const actions = rc.change?.actions ?? [];
      if (actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget')) continue;
      const entry = config.get(withoutIndex(rc.address));
      const prefix = stackPrefix + addressPrefix(rc.address);
      const attrs = merge(rc.change.after ?? {}, rc.change.after_unknown, entry?.expressions, prefix) as Record<string, unknown>;
      push(rc.address, rc.type, rc.mode, attrs);
    }
  } else {
    for (const r of moduleResources(plan.planned_values?.root_module ?? plan.values?.root_module)) {
      push(r.address, r.type, r.mode, (merge(r.values ?? {}, undefined, undefined, '') as Record<string, unknown>) ?? {});
    }
  }
  // data sources read at plan time (e.g. aws_iam_policy_document) live in prior_state
  for (const r of moduleResources(plan.prior_state?.values?.root_module)) {
    if (r.mode === 'data') push(r.address, r.type, r.mode, (merge(r.values ?? {}, undefined, undefined, '') as Record<string, unknown>) ?? {});
  }
  return out;
}
