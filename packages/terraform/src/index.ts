import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, parseJsonFile, type Resource } from '@muniguard/core';
import { looksLikeConfig, readConfig, type TfJsonConfig } from './config';
import { looksLikePlan, readPlan } from './plan';
import { normalize } from './normalize';
import type { RawResource } from './raw';

export { normalize, MAPPINGS, FOLDS } from './normalize';
export { block, blocks } from './normalize';
export { readConfig, looksLikeConfig } from './config';
export { readPlan, looksLikePlan } from './plan';
export type { RawResource } from './raw';
export type { TfJsonConfig } from './config';

export type InputKind = 'terraform-config' | 'terraform-plan' | 'terraform-state' | 'cdktf-out' | 'pulumi-export';

export interface LoadedInput {
  path: string;
  kind: InputKind;
  resources: Resource[];
}

/** What a parsed JSON document is: Terraform JSON config, plan/state JSON, a Pulumi stack export, or nothing we know. */
export function detectDocument(doc: unknown): InputKind | undefined {
  if (looksLikePlan(doc)) return 'planned_values' in (doc as object) || 'resource_changes' in (doc as object) ? 'terraform-plan' : 'terraform-state';
  if (looksLikeConfig(doc)) return 'terraform-config';
  if (doc && typeof doc === 'object' && 'deployment' in doc && 'version' in doc) return 'pulumi-export';
  return undefined;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseJsonFile(file, text);
}

const NOT_TERRAFORM = 'is neither Terraform JSON configuration (*.tf.json, cdk.tf.json) nor `terraform show -json` output (format_version with planned_values/resource_changes)';

/** Load one file: config, plan or state JSON. `display` is how the file is named in output. */
export function loadFile(file: string, display = file, prefix = ''): LoadedInput {
  const doc = readJson(file);
  const kind = detectDocument(doc);
  let raws: RawResource[];
  if (kind === 'terraform-plan' || kind === 'terraform-state') raws = readPlan(doc as never, display, prefix);
  else if (kind === 'terraform-config') raws = readConfig([{ file: display, doc: doc as TfJsonConfig }], prefix);
  else if (kind === 'pulumi-export') throw new InputError(display, 'is a Pulumi stack export: reading it needs @muniguard/pulumi, which this build does not include yet');
  else throw new InputError(display, NOT_TERRAFORM);
  return { path: display, kind, resources: normalize(raws) };
}

/** A CDKTF output directory: every stack, addresses prefixed `<stack>/`. */
export function loadCdktfOut(dir: string, display = dir): LoadedInput {
  const manifestFile = path.join(dir, 'manifest.json');
  const stacks: { name: string; file: string }[] = [];
  if (fs.existsSync(manifestFile)) {
    const manifest = readJson(manifestFile) as { stacks?: Record<string, { synthesizedStackPath?: string; workingDirectory?: string }> };
    if (!manifest.stacks || typeof manifest.stacks !== 'object') throw new InputError(path.join(display, 'manifest.json'), 'is not a CDKTF manifest (no "stacks")');
    for (const [name, s] of Object.entries(manifest.stacks)) {
      const rel = s.synthesizedStackPath ?? path.join('stacks', name, 'cdk.tf.json');
      stacks.push({ name, file: path.join(dir, rel) });
    }
  } else {
    const stacksDir = path.join(dir, 'stacks');
    for (const name of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : []) {
      const file = path.join(stacksDir, name, 'cdk.tf.json');
      if (fs.existsSync(file)) stacks.push({ name, file });
    }
  }
  if (stacks.length === 0) throw new InputError(display, 'is a cdktf.out directory with no stacks');
  const resources: Resource[] = [];
  for (const s of stacks) {
    const shown = path.join(display, path.relative(dir, s.file)).split(path.sep).join('/');
    const doc = readJson(s.file);
    if (!looksLikeConfig(doc)) throw new InputError(shown, NOT_TERRAFORM);
    resources.push(...normalize(readConfig([{ file: shown, doc }], `${s.name}/`)));
  }
  return { path: display, kind: 'cdktf-out', resources };
}

function isCdktfOut(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'manifest.json')) || fs.existsSync(path.join(dir, 'stacks'));
}

/**
 * Load a path as the CLI receives it: a file (config/plan/state JSON), a cdktf.out directory,
 * or a directory of `*.tf.json` files (one configuration) and plan files, with a `cdktf.out`
 * inside it included.
 */
export function loadPath(p: string): LoadedInput[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new InputError(p, 'no such file or directory');
  }
  if (!stat.isDirectory()) return [loadFile(p)];
  if (isCdktfOut(p)) return [loadCdktfOut(p)];
  const out: LoadedInput[] = [];
  const entries = fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const configs: { file: string; doc: TfJsonConfig }[] = [];
  for (const e of entries) {
    const full = path.join(p, e.name);
    if (e.isDirectory() && e.name === 'cdktf.out') out.push(loadCdktfOut(full));
    else if (e.isFile() && e.name.endsWith('.tf.json')) {
      const doc = readJson(full);
      if (!looksLikeConfig(doc)) throw new InputError(full, NOT_TERRAFORM);
      configs.push({ file: full, doc });
    } else if (e.isFile() && e.name.endsWith('.json')) {
      const doc = readJson(full);
      const kind = detectDocument(doc);
      if (kind === 'terraform-plan' || kind === 'terraform-state') out.push({ path: full, kind, resources: normalize(readPlan(doc as never, full)) });
    }
  }
  if (configs.length) out.unshift({ path: p, kind: 'terraform-config', resources: normalize(readConfig(configs, '')) });
  if (out.length === 0) throw new InputError(p, 'contains no Terraform JSON configuration (*.tf.json), plan JSON or cdktf.out');
  return out;
}
