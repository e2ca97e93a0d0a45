import { isUnknown, Unknown, type Ref } from '@muniguard/core';
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

/**
 * Attributes the provider computes from *separate* resources (the S3 bucket's legacy inline
 * blocks, a security group's rules, a role's inline policies). When the configuration does not
 * set them, "known after apply" only means "whatever the split resources say": treat them as
 * not set, and let the folded split resource (if any) provide the value.
 */
const COMPUTED_FROM_SPLIT: Record<string, string[]> = {
  aws_s3_bucket: ['server_side_encryption_configuration', 'versioning', 'logging', 'replication_configuration', 'policy', 'acl', 'grant', 'lifecycle_rule', 'object_lock_configuration', 'website', 'cors_rule', 'acceleration_status', 'request_payer'],
  aws_security_group: ['ingress', 'egress'],
  aws_iam_role: ['inline_policy', 'managed_policy_arns'],
};

function dropComputedFromSplit(type: string, attrs: Record<string, unknown>, expressions: Record<string, unknown> | undefined): Record<string, unknown> {
  for (const key of COMPUTED_FROM_SPLIT[type] ?? []) {
    if (isUnknown(attrs[key]) && !(expressions && key in expressions)) delete attrs[key];
  }
  return attrs;
}

export function looksLikePlan(doc: unknown): doc is PlanJson {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return typeof d.format_version === 'string' && ('planned_values' in d || 'resource_changes' in d || 'values' in d);
}

/** Expression of one attribute: `{constant_value}` or `{references: [...]}`; nested blocks are arrays of objects. */
function referenceOf(expr: unknown, prefix: string): Ref | Ref[] | undefined {
  if (!expr || typeof expr !== 'object' || Array.isArray(expr)) return undefined;
  const refs: Ref[] = [];
  const seen = new Set<string>();
  for (const r of (expr as { references?: string[] }).references ?? []) {
    const ref = parseReference(r, prefix);
    if (!ref || seen.has(ref.address)) continue;
    seen.add(ref.address);
    refs.push(ref);
  }
  // several resources referenced by one expression: a list of them (e.g. a Backup selection's resources)
  return refs.length === 0 ? undefined : refs.length === 1 ? refs[0] : refs;
}

/**
 * Merge a planned value with its unknown-marker tree and its configuration expression:
 * an unknown leaf becomes a Ref when the configuration references a resource of the plan
 * (the value is certainly set), Unknown("known after apply") when the configuration writes
 * an expression that cannot be resolved yet, and undefined (attribute omitted) when the
 * configuration does not write it at all — the provider's computed default, which controls
 * judge like an omitted attribute. `null` (not set) becomes undefined.
 */
function merge(after: unknown, unknown: unknown, expr: unknown, prefix: string, haveConfig: boolean): unknown {
  if (unknown === undefined || unknown === false) {
    if (after === null) return undefined;
    if (typeof after !== 'object') return after;
  }
  if (unknown === true) {
    // not written in the configuration: the provider fills in its default, which the controls
    // judge as "attribute omitted"; written but not resolvable yet: known after apply
    if (haveConfig && expr === undefined) return undefined;
    return referenceOf(expr, prefix) ?? AFTER_APPLY;
  }
  if (Array.isArray(after) || Array.isArray(unknown)) {
    const a = Array.isArray(after) ? after : [];
    const u = Array.isArray(unknown) ? unknown : [];
    const n = Math.max(a.length, u.length);
    // a list of blocks has one expression object per block; a list attribute has one expression for the whole list
    const elementExpr = (i: number) => (Array.isArray(expr) ? expr[i] ?? expr[0] : expr);
    return Array.from({ length: n }, (_, i) => merge(a[i], u[i], elementExpr(i), prefix, haveConfig));
  }
  const objAfter = after && typeof after === 'object' ? (after as Record<string, unknown>) : undefined;
  const objUnknown = unknown && typeof unknown === 'object' ? (unknown as Record<string, unknown>) : undefined;
  if (objAfter || objUnknown) {
    const out: Record<string, unknown> = {};
    const exprObj = expr && typeof expr === 'object' && !Array.isArray(expr) ? (expr as Record<string, unknown>) : {};
    // a map or object attribute written as one expression covers every key inside it
    const whole = 'references' in exprObj || 'constant_value' in exprObj;
    if (objAfter) {
      for (const key in objAfter) {
        const v = merge(objAfter[key], objUnknown?.[key], whole ? exprObj : exprObj[key], prefix, haveConfig);
        if (v !== undefined) out[key] = v;
      }
    }
    if (objUnknown) {
      for (const key in objUnknown) {
        if (objAfter && key in objAfter) continue;
        const v = merge(undefined, objUnknown[key], whole ? exprObj : exprObj[key], prefix, haveConfig);
        if (v !== undefined) out[key] = v;
      }
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
      // tags_all is computed from `tags` (plus the provider's default_tags): it is written where `tags` is
      if (entry?.expressions && 'tags' in entry.expressions && !('tags_all' in entry.expressions)) {
        entry.expressions = { ...entry.expressions, tags_all: entry.expressions.tags };
      }
      const attrs = dropComputedFromSplit(rc.type, merge(rc.change.after ?? {}, rc.change.after_unknown, entry?.expressions ?? {}, prefix, entry !== undefined) as Record<string, unknown>, entry?.expressions);
      push(rc.address, rc.type, rc.mode, attrs);
    }
  } else {
    for (const r of moduleResources(plan.planned_values?.root_module ?? plan.values?.root_module)) {
      push(r.address, r.type, r.mode, (merge(r.values ?? {}, undefined, undefined, '', false) as Record<string, unknown>) ?? {});
    }
  }
  // data sources read at plan time (e.g. aws_iam_policy_document) live in prior_state
  for (const r of moduleResources(plan.prior_state?.values?.root_module)) {
    if (r.mode === 'data') push(r.address, r.type, r.mode, (merge(r.values ?? {}, undefined, undefined, '', false) as Record<string, unknown>) ?? {});
  }
  return out;
}
