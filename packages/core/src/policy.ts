import { isRef, isUnknown, UNKNOWN, type Unknown } from './unknown';

/** An IAM policy statement, with the list-or-string fields normalized to arrays. */
export interface Statement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  principals: Record<string, string[]> | '*' | undefined;
  condition: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  statements: Statement[];
}

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Parse a policy document given as an object or a JSON string. Unknown when it is not known yet. */
export function parsePolicy(value: unknown): PolicyDocument | Unknown | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (isUnknown(value) || isRef(value)) return isUnknown(value) ? value : UNKNOWN;
  let doc = value;
  if (typeof value === 'string') {
    if (value.includes('${')) return UNKNOWN;
    try {
      doc = JSON.parse(value);
    } catch {
      return UNKNOWN;
    }
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const raw = (doc as Record<string, unknown>).Statement;
  if (isUnknown(raw)) return raw;
  const statements = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((s: Record<string, unknown>): Statement => {
    const p = s.Principal;
    let principals: Statement['principals'];
    if (p === '*') principals = '*';
    else if (p && typeof p === 'object') {
      principals = Object.fromEntries(Object.entries(p as Record<string, unknown>).map(([k, v]) => [k, list(v)]));
    }
    return {
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: list(s.Action),
      notActions: list(s.NotAction),
      resources: list(s.Resource),
      principals,
      condition: (s.Condition as Statement['condition']) ?? {},
    };
  });
  return { statements };
}

/** An Allow of every action on every resource (`*` / `*:*`, or NotAction with nothing excluded that matters). */
export function grantsAdmin(doc: PolicyDocument): boolean {
  return doc.statements.some(
    (s) => s.effect === 'Allow' && s.actions.some((a) => a === '*' || a === '*:*') && s.resources.includes('*'),
  );
}

function conditionValues(s: Statement, operators: string[], key: string): unknown[] {
  const out: unknown[] = [];
  for (const [op, body] of Object.entries(s.condition)) {
    if (!operators.includes(op)) continue;
    for (const [k, v] of Object.entries(body ?? {})) if (k.toLowerCase() === key.toLowerCase()) out.push(...(Array.isArray(v) ? v : [v]));
  }
  return out;
}

/** The statement only applies when the caller signed in with MFA. */
export function statementRequiresMfa(s: Statement): boolean {
  const bools = conditionValues(s, ['Bool'], 'aws:MultiFactorAuthPresent').map(String);
  if (bools.includes('true')) return true;
  return conditionValues(s, ['NumericLessThan', 'NumericLessThanEquals'], 'aws:MultiFactorAuthAge').length > 0;
}

/** A Deny of everything when MFA is absent (the "force MFA" pattern) protects the whole principal. */
export function deniesWithoutMfa(doc: PolicyDocument): boolean {
  return doc.statements.some(
    (s) =>
      s.effect === 'Deny' &&
      (s.actions.includes('*') || s.notActions.length > 0) &&
      conditionValues(s, ['BoolIfExists', 'Bool'], 'aws:MultiFactorAuthPresent').map(String).includes('false'),
  );
}

/** A Deny for every principal when aws:SecureTransport is false, covering S3 actions. */
export function deniesInsecureTransport(doc: PolicyDocument): boolean {
  return doc.statements.some((s) => {
    if (s.effect !== 'Deny') return false;
    const everyone = s.principals === '*' || (s.principals && list(s.principals.AWS).includes('*'));
    const actions = s.actions.some((a) => a === '*' || a === 's3:*');
    const secure = conditionValues(s, ['Bool', 'BoolIfExists'], 'aws:SecureTransport').map(String).includes('false');
    // denying TLS below 1.2 also denies plain HTTP (no TLS version at all); a lower bound denies nothing useful
    const tlsVersion = conditionValues(s, ['NumericLessThan'], 's3:TlsVersion').some((v) => Number(v) >= 1.2);
    return Boolean(everyone) && actions && (secure || tlsVersion);
  });
}

/** Principals a trust policy lets assume the role, by type (AWS, Federated, Service). */
export function trustedPrincipals(doc: PolicyDocument): { type: string; values: string[]; statement: Statement }[] {
  const out: { type: string; values: string[]; statement: Statement }[] = [];
  for (const s of doc.statements) {
    if (s.effect !== 'Allow') continue;
    if (s.principals === '*') out.push({ type: 'AWS', values: ['*'], statement: s });
    else for (const [type, values] of Object.entries(s.principals ?? {})) out.push({ type, values, statement: s });
  }
  return out;
}
