import { Ref, Unknown } from '@muniguard/core';

export const AFTER_APPLY = new Unknown('known after apply');
export const UNRESOLVED = new Unknown('unresolved expression');
export const CDKTF_TOKEN = new Unknown('unresolved CDKTF token');

const RESOURCE_REF = /^(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?(?:\.([A-Za-z0-9_]+))?/;

/**
 * Parse a Terraform reference (`aws_kms_key.k.arn`, `data.aws_iam_policy_document.p.json`,
 * `module.x...` is not a resource) into a Ref, prefixing the module/stack path of the referrer.
 */
export function parseReference(expr: string, prefix: string): Ref | undefined {
  const m = RESOURCE_REF.exec(expr.trim());
  if (!m) return undefined;
  const address = `${prefix}${m[1] ?? ''}${m[2]}.${m[3]}${m[4] ?? ''}`;
  return new Ref(address, m[5]);
}

export interface Scope {
  /** stack/module prefix of resource addresses in this configuration */
  prefix: string;
  variables: Record<string, unknown>;
  locals: Record<string, unknown>;
}

const WHOLE = /^\$\{([^{}]*)\}$/;

/**
 * A string of Terraform JSON syntax: a literal, one whole interpolation (`${aws_kms_key.k.arn}`,
 * `${var.region}`), a CDKTF token, or a template mixing text and interpolations.
 */
export function convertString(value: string, scope: Scope): unknown {
  if (!value.includes('${')) return value;
  const trimmed = value.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}') && !WHOLE.test(trimmed)) {
    // a JSON document (IAM policy) with interpolations inside its strings: the structure is known
    try {
      return JSON.parse(trimmed);
    } catch {
      return UNRESOLVED;
    }
  }
  if (/\$\{TfToken\[/.test(value)) return CDKTF_TOKEN;
  const whole = WHOLE.exec(value);
  if (whole) {
    const expr = whole[1].trim();
    const v = /^var\.([A-Za-z0-9_-]+)$/.exec(expr);
    if (v) return v[1] in scope.variables ? convertValue(scope.variables[v[1]], scope) : UNRESOLVED;
    const l = /^local\.([A-Za-z0-9_-]+)$/.exec(expr);
    if (l) return l[1] in scope.locals ? convertValue(scope.locals[l[1]], scope) : UNRESOLVED;
    const ref = parseReference(expr, scope.prefix);
    if (ref && ref.address.length - scope.prefix.length === matchedLength(expr)) return ref;
    if (ref && /^[^()]*$/.test(expr)) return ref; // attribute paths like aws_x.y.z[0].w
    return UNRESOLVED;
  }
  // a template: its value is known only when every part is a literal
  return UNRESOLVED;
}

function matchedLength(expr: string): number {
  const m = RESOURCE_REF.exec(expr.trim());
  return m ? `${m[1] ?? ''}${m[2]}.${m[3]}${m[4] ?? ''}`.length : -1;
}

/** Convert a whole JSON value of Terraform JSON syntax. */
export function convertValue(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') return convertString(value, scope);
  if (Array.isArray(value)) return value.map((v) => convertValue(v, scope));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === '//') continue;
      out[k] = convertValue(v, scope);
    }
    return out;
  }
  return value;
}
