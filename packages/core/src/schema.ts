import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { InputError } from './errors';

/** Root of the repository's `policies/` folder (profiles and their JSON Schemas). */
export function policiesDir(): string {
  // packages/core/{src,dist}/schema.(ts|js) -> <repo>/policies
  return path.resolve(__dirname, '..', '..', '..', 'policies');
}

// unoptimized code generation compiles twice as fast; the schemas are small and validated once per scan
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, code: { optimize: false } });
const compiled = new Map<string, ValidateFunction>();

export function schemaValidator(name: 'profile' | 'params' | 'waivers'): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const file = path.join(policiesDir(), 'schema', `${name}.schema.json`);
    v = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
    compiled.set(name, v);
  }
  return v;
}

const bySchema = new WeakMap<object, ValidateFunction>();

/** Compile a control's parameter schema once (controls share their specs, e.g. BACKUP_PARAMS). */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  let v = bySchema.get(schema);
  if (!v) bySchema.set(schema, (v = ajv.compile(schema)));
  return v;
}

/** One line describing the first (most specific) schema error. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'does not validate';
  // prefer the deepest error that is not a oneOf/anyOf summary
  const useful = errors.filter((e) => !['anyOf', 'oneOf', 'if', 'allOf'].includes(e.keyword));
  const pick = (useful.length ? useful : errors).sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  const where = pick.instancePath || '/';
  let detail = pick.message ?? 'is invalid';
  if (pick.keyword === 'additionalProperties') detail = `has unknown property "${(pick.params as { additionalProperty: string }).additionalProperty}"`;
  if (pick.keyword === 'enum') detail = `must be one of ${(pick.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
  return `${where} ${detail}${more}`;
}

export function validateOrThrow(name: 'profile' | 'params' | 'waivers', file: string, data: unknown): void {
  const v = schemaValidator(name);
  if (!v(data)) throw new InputError(file, `does not validate against ${name}.schema.json: ${describeErrors(v.errors)}`);
}
