import { isRef, isUnknown, Ref, Unknown } from '@muniguard/core';

/**
 * One resource as the Pulumi engine hands it to a policy pack in AnalyzeStack (and the shape of
 * the `fixtures/pulumi/` files): its type token, URN, properties (outputs; preview unknowns are
 * the engine's sentinel strings), its provider, and which resources each property came from.
 */
export interface PulumiResource {
  type: string;
  urn: string;
  name?: string;
  /** The provider's id for the resource (stack export). */
  id?: string;
  properties: Record<string, unknown>;
  /**
   * The provider resource with its inputs (what AnalyzeStack sends), or a provider reference
   * `<provider URN>::<provider id>` (a stack export) resolved against the `pulumi:providers:*`
   * resources of the same list.
   */
  provider?: PulumiProvider | string;
  /** Property name -> URNs of the resources its value was computed from. */
  propertyDependencies?: Record<string, readonly string[]>;
  dependencies?: readonly string[];
  parent?: string;
}

export interface PulumiProvider {
  urn?: string;
  type?: string;
  name?: string;
  properties?: Record<string, unknown>;
}

export interface NormalizeOptions {
  /**
   * The stack's configuration (`aws:region`, `aws-native:region`): the region of resources whose
   * provider names none. In a policy pack the CLI passes it in `PULUMI_CONFIG`.
   */
  stackConfig?: Record<string, unknown>;
  /** The file the resources were read from (shown in findings). */
  file?: string;
}

/**
 * The engine's markers for values that are not known yet. On the wire every unknown is the
 * string sentinel; the typed ones appear inside the SDK.
 */
export const UNKNOWN_SENTINELS: readonly string[] = [
  '04da6b54-80e4-46f7-96ec-b56ff0331ba9', // string (and every unknown the engine marshals)
  '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7', // boolean
  '3eeb2bf0-c639-47a8-9e75-3b44932eb421', // number
  '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2', // array
  '030794c1-ac77-496b-92df-f27374a8bd58', // asset
  'e48ece36-62e2-4504-bad9-02848725956a', // archive
  'dd056dcd-154b-4c76-9bd3-c8f88648b5ff', // object
];

/** The string sentinel the engine puts where a value is not known during preview. */
export const UNKNOWN_SENTINEL = UNKNOWN_SENTINELS[0];

export const PREVIEW_UNKNOWN = new Unknown('not known during preview (computed when the update runs)');

export function hasSentinel(value: string): boolean {
  return UNKNOWN_SENTINELS.some((s) => value.includes(s));
}

/** A secret in a stack export: plaintext (`--show-secrets`) is read, ciphertext cannot be. */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';
const SECRET_VALUE = '1b47061264138c4ac30d75fd1eb44270';
export const ENCRYPTED_SECRET = new Unknown('an encrypted secret (export the stack with --show-secrets to check it)');

export interface ConvertOptions {
  /** Rename object keys (camelCase -> Terraform snake_case); identity for aws-native. */
  key(name: string): string;
  /** Keys whose values are data (tags, policy documents): neither renamed inside nor turned into Refs. */
  opaque: ReadonlySet<string>;
  noRef: ReadonlySet<string>;
}

/**
 * Convert one property value: sentinels become Unknown, or a Ref to the one resource the property
 * was computed from (the value is certainly set, like a Terraform reference); secrets are unwrapped;
 * nulls are dropped (attribute omitted); object keys are renamed unless the value is data.
 */
export function convertValue(value: unknown, deps: readonly string[], opts: ConvertOptions, opaque: boolean, refOk: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    if (!hasSentinel(value)) return value;
    return refOk && deps.length === 1 ? new Ref(deps[0]) : PREVIEW_UNKNOWN;
  }
  if (Array.isArray(value)) {
    // a list written from several resources' outputs ([a.arn, b.arn]): one Ref per resource
    const allUnknown = value.length > 1 && value.every((v) => typeof v === 'string' && hasSentinel(v));
    if (allUnknown && refOk && deps.length === value.length) return deps.map((d) => new Ref(d));
    const out: unknown[] = [];
    for (const v of value) {
      const c = convertValue(v, deps, opts, opaque, refOk);
      if (c !== undefined) out.push(c);
    }
    return out;
  }
  if (typeof value === 'object' && !isRef(value) && !isUnknown(value)) {
    const obj = value as Record<string, unknown>;
    if (obj[SECRET_SIG] === SECRET_VALUE) {
      if ('value' in obj) return convertValue(obj.value, deps, opts, opaque, refOk);
      if (typeof obj.plaintext === 'string') {
        try {
          return convertValue(JSON.parse(obj.plaintext), deps, opts, opaque, refOk);
        } catch {
          return ENCRYPTED_SECRET;
        }
      }
      return ENCRYPTED_SECRET;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const inner = opaque || opts.opaque.has(k);
      const c = convertValue(v, deps, opts, inner, refOk && !opts.noRef.has(k));
      if (c !== undefined) out[opaque ? k : opts.key(k)] = c;
    }
    return out;
  }
  return value;
}
