import * as fs from 'node:fs';
import { InputError, parseJsonFile, type Resource } from '@muniguard/core';
import { normalizePulumi } from './adapter';
import type { PulumiResource } from './model';

/** What `muniguard scan` gets from a Pulumi stack export. */
export interface LoadedStackExport {
  path: string;
  kind: 'pulumi-export';
  resources: Resource[];
}

interface ExportedResource {
  urn?: unknown;
  type?: unknown;
  id?: unknown;
  custom?: unknown;
  delete?: unknown;
  inputs?: unknown;
  outputs?: unknown;
  provider?: unknown;
  dependencies?: unknown;
  propertyDependencies?: unknown;
  parent?: unknown;
}

/** A parsed JSON document is a `pulumi stack export` checkpoint: `{ version, deployment: { ... } }`. */
export function looksLikeStackExport(doc: unknown): boolean {
  return !!doc && typeof doc === 'object' && !Array.isArray(doc) && 'deployment' in doc && 'version' in doc;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Read the resources of a stack export (`pulumi stack export` JSON): the deployed state, so
 * properties are each resource's outputs over its inputs. Fails closed with an InputError naming
 * the file and the entry on anything that is not a checkpoint.
 */
export function readStackExport(doc: unknown, display: string): LoadedStackExport {
  if (!isObject(doc) || !looksLikeStackExport(doc)) throw new InputError(display, 'is not a Pulumi stack export (expected {"version": …, "deployment": {…}})');
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    throw new InputError(display, `version ${JSON.stringify(doc.version)} is not a checkpoint version number`);
  }
  if (doc.version > 3) throw new InputError(display, `checkpoint version ${doc.version} is newer than this reader knows (1-3)`);
  const deployment = doc.deployment;
  if (!isObject(deployment)) throw new InputError(display, 'deployment is not an object');
  const list = deployment.resources ?? [];
  if (!Array.isArray(list)) throw new InputError(display, 'deployment.resources is not a list');
  const resources: PulumiResource[] = [];
  list.forEach((raw: unknown, i) => {
    const where = `deployment.resources[${i}]`;
    if (!isObject(raw)) throw new InputError(display, `${where} is not an object`);
    const r = raw as ExportedResource;
    if (typeof r.urn !== 'string' || !r.urn.startsWith('urn:pulumi:')) throw new InputError(display, `${where}.urn is missing or not a Pulumi URN`);
    if (typeof r.type !== 'string' || r.type === '') throw new InputError(display, `${where}.type is missing`);
    for (const key of ['inputs', 'outputs'] as const) {
      if (r[key] !== undefined && r[key] !== null && !isObject(r[key])) throw new InputError(display, `${where}.${key} is not an object`);
    }
    if (r.provider !== undefined && typeof r.provider !== 'string') throw new InputError(display, `${where}.provider is not a provider reference`);
    if (r.dependencies !== undefined && !isStringList(r.dependencies)) throw new InputError(display, `${where}.dependencies is not a list of URNs`);
    if (r.propertyDependencies !== undefined) {
      if (!isObject(r.propertyDependencies) || !Object.values(r.propertyDependencies).every(isStringList)) {
        throw new InputError(display, `${where}.propertyDependencies is not a map of URN lists`);
      }
    }
    if (r.delete === true) return; // replaced, waiting for deletion: not part of the stack
    resources.push({
      type: r.type,
      urn: r.urn,
      id: typeof r.id === 'string' ? r.id : undefined,
      properties: { ...((r.inputs as Record<string, unknown>) ?? {}), ...((r.outputs as Record<string, unknown>) ?? {}) },
      provider: r.provider as string | undefined,
      propertyDependencies: r.propertyDependencies as Record<string, string[]> | undefined,
      dependencies: r.dependencies as string[] | undefined,
      parent: typeof r.parent === 'string' ? r.parent : undefined,
    });
  });
  return { path: display, kind: 'pulumi-export', resources: normalizePulumi(resources, { file: display }) };
}

/** Load a `pulumi stack export` file. `display` is how the file is named in output. */
export function loadStackExport(file: string, display = file): LoadedStackExport {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(display, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return readStackExport(parseJsonFile(display, text), display);
}
