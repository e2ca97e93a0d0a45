/**
 * What the scanner calls, read from its own source: every construction of a command imported from `@aws-sdk/client-*`
 * in the scanner's files, as IAM actions. The least-privilege test compares it with the
 * shipped policy (iam-policy.json) in both directions. The Config custom-rule handler and the
 * conformance-pack export are not part of the scanner (they run with their own role).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { iamAction, SERVICES, type Service } from './api';

/** Files of this package that are not the read-only scanner. */
export const NOT_SCANNER = /^(rule-handler|conformance-pack)/;

const SERVICE_OF_PACKAGE = new Map(Object.entries(SERVICES).map(([service, { pkg }]) => [pkg as string, service as Service]));

export interface CommandUse {
  file: string;
  command: string;
  action: string;
}

/** Commands constructed in one source text, with the IAM action each needs. Throws on a command of unknown origin. */
export function commandsInSource(file: string, text: string): CommandUse[] {
  const imported = new Map<string, { pkg: string; name: string }>();
  const importRe = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g;
  for (const m of text.matchAll(importRe)) {
    for (const part of m[1].split(',')) {
      const [name, alias] = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
      if (name) imported.set((alias ?? name).trim(), { pkg: m[2], name: name.trim() });
    }
  }
  const out: CommandUse[] = [];
  for (const m of text.matchAll(/new\s+([A-Za-z0-9_$]+)\s*\(/g)) {
    const local = m[1];
    const origin = imported.get(local);
    // a client or another class of an SDK package is not a call; a command of unknown origin is an error
    if (origin && !origin.name.endsWith('Command')) continue;
    if (!origin) {
      if (local.endsWith('Command')) throw new Error(`${file}: new ${local}( is not a command imported from an @aws-sdk/client-* package`);
      continue;
    }
    const service = SERVICE_OF_PACKAGE.get(origin.pkg);
    if (!service) throw new Error(`${file}: ${origin.pkg} is not a service of the scanner (api.ts SERVICES)`);
    out.push({ file, command: origin.name, action: iamAction(service, origin.name) });
  }
  return out;
}

/** Every command the scanner's source files construct. */
export function scannerCommands(srcDir: string = __dirname): CommandUse[] {
  const files = fs.readdirSync(srcDir).filter((f) => /\.(ts|js)$/.test(f) && !/\.d\.ts$|\.test\.|\.map$/.test(f) && !NOT_SCANNER.test(f));
  return files.flatMap((f) => commandsInSource(f, fs.readFileSync(path.join(srcDir, f), 'utf8')));
}

export interface PolicyDocument {
  Version: string;
  Statement: { Sid?: string; Effect: string; Action: string[] | string; Resource: string | string[] }[];
}

/** The actions an IAM policy document allows (no wildcards: the shipped policy lists each action). */
export function allowedActions(policy: PolicyDocument): Set<string> {
  const out = new Set<string>();
  for (const s of policy.Statement) {
    if (s.Effect !== 'Allow') continue;
    for (const a of Array.isArray(s.Action) ? s.Action : [s.Action]) out.add(a);
  }
  return out;
}

/** Actions called but not allowed, and actions allowed but never called. */
export function comparePolicy(called: Iterable<string>, policy: PolicyDocument): { missing: string[]; unused: string[] } {
  const allowed = allowedActions(policy);
  const calledSet = new Set(called);
  return {
    missing: [...calledSet].filter((a) => !allowed.has(a)).sort(),
    unused: [...allowed].filter((a) => !calledSet.has(a)).sort(),
  };
}

/** Read-only by name: the scanner only describes, gets, lists and selects (and asks IAM to build its credential report). */
export function isReadOnlyAction(action: string): boolean {
  const op = action.split(':')[1] ?? '';
  return /^(Describe|Get|List|Select|BatchGet)/.test(op) || action === 'iam:GenerateCredentialReport';
}
