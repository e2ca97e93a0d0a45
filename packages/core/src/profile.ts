import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import type { Text } from './i18n';
import type { Family, Severity, Control } from './control';
import { InputError, parseJsonFile } from './errors';
import { policiesDir, validateOrThrow, compileSchema, describeErrors } from './schema';
import { normalizeTagValue } from './tags';

export type Enforcement = 'mandatory' | 'advisory';

export interface Level {
  value: string;
  aliases?: string[];
  rank: number;
  label: Text;
}

export interface SegmentValue {
  value: string;
  aliases?: string[];
  role: 'mynumber' | 'lgwan' | 'internet' | 'internal' | 'other';
  label: Text;
}

export interface ControlMapping {
  id: string;
  from?: string;
  relation: 'requires' | 'supports';
  enforcement: Enforcement;
  severity?: Severity;
  note?: Text;
}

export interface Clause {
  path: string;
  title: Text;
  summary: Text;
  catalogRefs?: string[];
  controls?: ControlMapping[];
  manual?: Text;
  planned?: Text;
}

export interface ProfileParameter {
  value?: unknown;
  source: 'standard' | 'default' | 'required';
  clause?: string;
  rationale?: Text;
  description: Text;
}

export interface ProfileDocument {
  id: string;
  municipality: Text;
  standard: { title: Text; date?: string; version?: string; source: string; note?: Text };
  classification: { name: Text; clause?: string; tagKeys: string[]; levels?: Level[] };
  segments: { clause?: string; tagKeys: string[]; values: SegmentValue[] };
  tagKeys?: { contractEnd?: string[]; criticalSystem?: string[] };
  clauses: Clause[];
  parameters: Record<string, ProfileParameter>;
}

export interface ParamsDocument {
  classification?: { levels: Level[] };
  parameters?: Record<string, unknown>;
  controls?: Record<string, { enforcement?: Enforcement; severity?: Severity; disabled?: boolean }>;
}

/** Where a parameter's value came from: a user's params file, the standard's text, or a default. */
export interface ResolvedParameter {
  name: string;
  value: unknown;
  source: 'user' | 'standard' | 'default';
  /** the clause that states it (standard), the params file (user) */
  clause?: string;
  file?: string;
  /** for `default`: the public rationale; who set it (the profile or the control) */
  rationale?: Text;
  setBy?: 'profile' | 'control';
  description?: Text;
}

/** A profile ready to evaluate: scheme complete, parameters resolved, user overrides applied. */
export interface Profile extends ProfileDocument {
  file: string;
  levels: Level[];
  maxRank: number;
  resolvedParameters: Record<string, ResolvedParameter>;
  overrides: NonNullable<ParamsDocument['controls']>;
  paramsFile?: string;
}

export function listProfileIds(): string[] {
  const dir = policiesDir();
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'profile.yaml')))
    .map((d) => d.name)
    .sort();
}

/** Resolve `osaka` to the bundled profile, anything with a slash or extension to a file path. */
export function profilePath(idOrFile: string): string {
  if (/^[a-z][a-z0-9-]*$/.test(idOrFile)) {
    const bundled = path.join(policiesDir(), idOrFile, 'profile.yaml');
    if (fs.existsSync(bundled)) return bundled;
    if (!fs.existsSync(idOrFile)) {
      throw new InputError(idOrFile, `no such profile (bundled: ${listProfileIds().join(', ')})`);
    }
  }
  return idOrFile;
}

/** Read YAML or JSON, one-line InputError naming the file on any problem. */
export function readStructuredFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (file.endsWith('.json')) return parseJsonFile(file, text);
  try {
    // JSON_SCHEMA: plain YAML data; dates stay strings (2026-04-01 is not turned into a Date)
    return jsyaml.load(text, { filename: file, schema: jsyaml.JSON_SCHEMA });
  } catch (error) {
    const e = error as { reason?: string; mark?: { line: number; column: number }; message?: string };
    const where = e.mark ? ` at line ${e.mark.line + 1}, column ${e.mark.column + 1}` : '';
    throw new InputError(file, `malformed YAML${where}: ${e.reason ?? String(e.message).split('\n')[0]}`);
  }
}

export function readProfileDocument(idOrFile: string): { doc: ProfileDocument; file: string } {
  const file = profilePath(idOrFile);
  const data = readStructuredFile(file);
  validateOrThrow('profile', file, data);
  const doc = data as ProfileDocument;
  checkProfileConsistency(file, doc);
  return { doc, file };
}

/** What the schema cannot say: unique paths, `from` values that exist, unique ranks. */
function checkProfileConsistency(file: string, doc: ProfileDocument): void {
  const seen = new Set<string>();
  for (const clause of doc.clauses) {
    if (seen.has(clause.path)) throw new InputError(file, `clause path "${clause.path}" appears twice`);
    seen.add(clause.path);
  }
  if (doc.classification.levels) checkLevels(file, doc.classification.levels);
}

function checkLevels(file: string, levels: Level[]): void {
  const ranks = new Set<number>();
  const owner = new Map<string, string>();
  for (const level of levels) {
    if (ranks.has(level.rank)) throw new InputError(file, `classification rank ${level.rank} is used twice`);
    ranks.add(level.rank);
    for (const n of new Set([level.value, ...(level.aliases ?? [])].map(normalizeTagValue))) {
      const other = owner.get(n);
      if (other !== undefined) throw new InputError(file, `classification value "${n}" names both ${other} and ${level.value}`);
      owner.set(n, level.value);
    }
  }
}

export interface LoadOptions {
  paramsFile?: string;
  /** Controls by id: to validate mappings and resolve their parameters' defaults. */
  controls: ReadonlyMap<string, Control>;
}

/**
 * Load, validate and complete a profile: classification scheme (from the profile or the params
 * file), control ids that exist, `from` values of the scheme, every parameter resolved with its
 * provenance. A required parameter without a value is an InputError listing all of them.
 */
export function loadProfile(idOrFile: string, options: LoadOptions): Profile {
  const { doc, file } = readProfileDocument(idOrFile);
  let params: ParamsDocument = {};
  if (options.paramsFile) {
    params = readStructuredFile(options.paramsFile) as ParamsDocument;
    validateOrThrow('params', options.paramsFile, params);
    if (params.classification) checkLevels(options.paramsFile, params.classification.levels);
  }

  const levels = params.classification?.levels ?? doc.classification.levels ?? [];
  const missing: string[] = [];
  if (levels.length === 0) missing.push('classification.levels');

  for (const clause of doc.clauses) {
    for (const m of clause.controls ?? []) {
      if (!options.controls.has(m.id)) throw new InputError(file, `clause ${clause.path} maps unknown control "${m.id}"`);
      if (m.from !== undefined && levels.length && !findLevel(levels, m.from)) {
        throw new InputError(file, `clause ${clause.path}: control ${m.id} from "${m.from}" is not a classification value`);
      }
    }
  }
  for (const id of Object.keys(params.controls ?? {})) {
    if (!options.controls.has(id)) throw new InputError(options.paramsFile!, `controls.${id}: unknown control`);
  }

  const resolved: Record<string, ResolvedParameter> = {};
  const used = usedControls(doc, options.controls);
  const specs = new Map<string, { control: Control; name: string }>();
  for (const control of used) for (const name of Object.keys(control.params ?? {})) specs.set(name, { control, name });
  const userParams = params.parameters ?? {};
  for (const name of Object.keys(userParams)) {
    if (!specs.has(name) && !(name in doc.parameters)) {
      throw new InputError(options.paramsFile!, `parameters.${name}: no control of profile ${doc.id} reads this parameter`);
    }
  }
  const names = new Set([...specs.keys(), ...Object.keys(doc.parameters)]);
  for (const name of [...names].sort()) {
    const spec = specs.get(name);
    const fromProfile = doc.parameters[name];
    const paramSpec = spec?.control.params?.[name];
    let r: ResolvedParameter | undefined;
    if (name in userParams) {
      r = { name, value: userParams[name], source: 'user', file: options.paramsFile };
    } else if (fromProfile && fromProfile.source !== 'required') {
      r = fromProfile.source === 'standard'
        ? { name, value: fromProfile.value, source: 'standard', clause: fromProfile.clause }
        : { name, value: fromProfile.value, source: 'default', rationale: fromProfile.rationale, setBy: 'profile' };
    } else if (fromProfile?.source === 'required') {
      missing.push(name);
      continue;
    } else if (paramSpec) {
      r = { name, value: paramSpec.default, source: 'default', rationale: paramSpec.rationale, setBy: 'control' };
    }
    if (!r) continue;
    r.description = fromProfile?.description ?? paramSpec?.description;
    if (paramSpec) {
      const validate = compileSchema(paramSpec.schema);
      if (!validate(r.value)) {
        const where = r.source === 'user' ? options.paramsFile! : file;
        throw new InputError(where, `parameter ${name} = ${JSON.stringify(r.value)} ${describeErrors(validate.errors).replace(/^\/ /, '')}`);
      }
    }
    resolved[name] = r;
  }
  if (missing.length) {
    throw new InputError(
      options.paramsFile ?? file,
      `profile ${doc.id} needs values the standard does not publish; set them in a params file (--params): ${missing.join(', ')}`,
    );
  }
  const maxRank = Math.max(...levels.map((l) => l.rank));
  return { ...doc, file, levels, maxRank, resolvedParameters: resolved, overrides: params.controls ?? {}, paramsFile: options.paramsFile };
}

function usedControls(doc: ProfileDocument, controls: ReadonlyMap<string, Control>): Control[] {
  const ids = new Set(doc.clauses.flatMap((c) => (c.controls ?? []).map((m) => m.id)));
  return [...ids].map((id) => controls.get(id)!).filter(Boolean);
}

export function findLevel(levels: readonly Level[], value: string): Level | undefined {
  const v = normalizeTagValue(value);
  return levels.find((l) => [l.value, ...(l.aliases ?? [])].some((x) => normalizeTagValue(x) === v));
}

/** Families that the profile's control mappings cover. */
export function coveredFamilies(profile: ProfileDocument, controls: ReadonlyMap<string, Control>): Set<Family> {
  const out = new Set<Family>();
  for (const clause of profile.clauses) for (const m of clause.controls ?? []) {
    const c = controls.get(m.id);
    if (c) out.add(c.family);
  }
  return out;
}
