/**
 * The IAM credential report (GenerateCredentialReport / GetCredentialReport): a CSV with one row
 * per IAM user plus `<root_account>`. It is the only place that says, for every user at once,
 * whether a console password exists, whether MFA is active and when each credential was last used.
 */
import { KINDS, Unknown, type Resource } from '@muniguard/core';

export interface AccessKeyFact {
  slot: 1 | 2;
  active: boolean;
  lastUsed: string | null;
  lastRotated: string | null;
}

export interface CredentialReportRow {
  user: string;
  arn: string;
  createDate: string | null;
  /** undefined for the root row (`not_supported`). */
  passwordEnabled: boolean | undefined;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  accessKeys: AccessKeyFact[];
}

export const ROOT_USER = '<root_account>';

/** Split one CSV line (the report quotes no field today, but a quoted field must not break it). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** A date cell: ISO text, or null for N/A, no_information, not_supported and empty cells. */
function dateCell(value: string | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (v === '' || v === 'N/A' || v === 'no_information' || v === 'not_supported') return null;
  return Number.isNaN(Date.parse(v)) ? null : v;
}

function boolCell(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** Parse the report's CSV text. Throws when the header lacks the columns muniguard reads. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lines.length) return [];
  const header = splitCsv(lines[0]).map((h) => h.trim());
  const col = new Map(header.map((h, i) => [h, i]));
  for (const need of ['user', 'arn', 'password_enabled', 'mfa_active']) {
    if (!col.has(need)) throw new Error(`the credential report has no ${need} column`);
  }
  return lines.slice(1).map((line) => {
    const cells = splitCsv(line);
    const at = (name: string) => {
      const i = col.get(name);
      return i === undefined ? undefined : cells[i];
    };
    const keys: AccessKeyFact[] = [];
    for (const slot of [1, 2] as const) {
      const active = boolCell(at(`access_key_${slot}_active`));
      const lastRotated = dateCell(at(`access_key_${slot}_last_rotated`));
      // a slot that never held a key reads false / N/A
      if (active === undefined || (!active && lastRotated === null)) continue;
      keys.push({ slot, active, lastUsed: dateCell(at(`access_key_${slot}_last_used_date`)), lastRotated });
    }
    return {
      user: at('user') ?? '',
      arn: at('arn') ?? '',
      createDate: dateCell(at('user_creation_time')),
      passwordEnabled: boolCell(at('password_enabled')),
      passwordLastUsed: dateCell(at('password_last_used')),
      passwordLastChanged: dateCell(at('password_last_changed')),
      mfaActive: boolCell(at('mfa_active')) ?? false,
      accessKeys: keys,
    };
  });
}

/** The normalized IAM user properties (core kinds.ts) a report row gives. */
export function credentialProps(row: CredentialReportRow): Record<string, unknown> {
  return {
    loginProfile: row.passwordEnabled === true,
    mfaActive: row.mfaActive,
    createDate: row.createDate,
    passwordLastUsed: row.passwordLastUsed,
    passwordLastChanged: row.passwordLastChanged,
    accessKeys: row.accessKeys,
  };
}

export const CREDENTIAL_PROPS = ['loginProfile', 'mfaActive', 'createDate', 'passwordLastUsed', 'passwordLastChanged', 'accessKeys'] as const;

/**
 * Fold the report onto the scan's IAM users (by ARN). A user the report names that the
 * inventory did not return is added (name and ARN only), so no console user goes unchecked.
 * With no report (`rows` Unknown), the users' credential properties are Unknown.
 */
export function foldCredentialReport(resources: Resource[], rows: CredentialReportRow[] | Unknown, accountFilter?: string): void {
  const users = new Map<string, Resource>();
  for (const r of resources) if (r.kind === KINDS.IamUser && typeof r.props.arn === 'string') users.set(r.props.arn, r);
  if (rows instanceof Unknown) {
    for (const u of users.values()) {
      // only the account the report is about: other accounts' users (aggregator) keep their inventory facts
      if (accountFilter && !String(u.props.arn).includes(`::${accountFilter}:`)) continue;
      for (const p of CREDENTIAL_PROPS) u.props[p] = rows;
    }
    return;
  }
  const reported = new Set<Resource>();
  for (const row of rows) {
    if (row.user === ROOT_USER) continue;
    let u = users.get(row.arn);
    if (!u) {
      u = {
        kind: KINDS.IamUser, id: row.arn, name: row.user, region: undefined, tags: {},
        props: { name: row.user, arn: row.arn }, source: { adapter: 'aws-config', address: row.arn },
      };
      resources.push(u);
      users.set(row.arn, u);
    }
    Object.assign(u.props, credentialProps(row));
    reported.add(u);
  }
  // the report is regenerated at most every four hours: a newer user is not in it yet
  const missing = new Unknown('the user is not in the credential report yet (the report is at most four hours old)');
  for (const u of users.values()) {
    if (reported.has(u) || (accountFilter && !String(u.props.arn).includes(`::${accountFilter}:`))) continue;
    for (const p of CREDENTIAL_PROPS) u.props[p] = missing;
  }
}
