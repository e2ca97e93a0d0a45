/**
 * Adapter support, measured: every fixture of every adapter in the registry
 * (test/fixture-adapters.ts) is loaded through the real adapter and evaluated by the real engine
 * with the test profile, exactly as test/fixtures.test.ts does. An adapter counts as supported for
 * a control only when at least one `pass--` and one `fail--` fixture give the expected verdict and
 * no fixture of that adapter gives another — never from a declaration.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testing, type Control } from '@muniguard/core';
import { fixturesDir } from '@muniguard/controls';
import { FIXTURE_ADAPTERS, type FixtureAdapter } from '../fixture-adapters';

/** `<expect>--<slug>.<ext>` */
export const EXPECT = /^(pass|fail|unknown|not-applicable|error)--[a-z0-9-]+\./;
/** A resource is the subject when its address, URN or name ends in `subject` (as in fixtures.test.ts). */
export const SUBJECT = /(^|[./:]|::)subject(\[[^\]]*\])?$/;

export interface FixtureResult {
  adapter: string;
  controlId: string;
  /** file name inside fixtures/<adapter>/ */
  name: string;
  /** absolute path (never written to the docs) */
  file: string;
  /** from the file name; undefined when the name does not follow `<expect>--<slug>.<ext>` */
  expect?: string;
  /** the verdict the engine gave the subject, or undefined when it could not be evaluated */
  actual?: string;
  /** why it could not be evaluated (bad name, load error, no subject) */
  problem?: string;
  ok: boolean;
}

/** verified: ≥1 pass and ≥1 fail fixture as expected, none wrong; mismatch: some fixture wrong;
 *  incomplete: fixtures all as expected but a pass or a fail one is missing; none: no fixtures. */
export type Support = 'verified' | 'mismatch' | 'incomplete' | 'none';

export interface AdapterCoverage {
  adapters: string[];
  results: FixtureResult[];
  support(controlId: string, adapter: string): Support;
  fixtures(controlId: string, adapter: string): FixtureResult[];
}

function relativeMessage(error: unknown, root: string): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].split(root + path.sep).join('').split(root).join('.');
}

export async function runFixture(adapter: FixtureAdapter, control: Control, name: string, file: string, root: string): Promise<FixtureResult> {
  const base = { adapter: adapter.name, controlId: control.id, name, file };
  const m = EXPECT.exec(name);
  if (!m) return { ...base, problem: 'name is not <expect>--<slug>.<ext>', ok: false };
  const expect = m[1];
  if (!adapter.pattern.test(name)) return { ...base, expect, problem: `not a ${adapter.name} fixture file name`, ok: false };
  try {
    const resources = await adapter.load(file, name);
    const subject = resources.find((r) => SUBJECT.test(r.id) && control.kinds.some((k) => k === '*' || k === r.kind));
    if (!subject) return { ...base, expect, problem: `no resource named subject of kind ${control.kinds.join('|')}`, ok: false };
    const { verdict } = testing.verdictOf(control, subject, resources.filter((r) => r !== subject));
    return { ...base, expect, actual: verdict, ok: verdict === expect };
  } catch (error) {
    return { ...base, expect, problem: relativeMessage(error, root), ok: false };
  }
}

export interface MeasureOptions {
  /** the adapters to run (default: the registry) */
  adapters?: readonly FixtureAdapter[];
  /** where a control's fixtures for an adapter are (default: the control's folder) */
  dirOf?: (controlId: string, adapter: string) => string;
}

export async function measureAdapterCoverage(controls: readonly Control[], root: string, options: MeasureOptions = {}): Promise<AdapterCoverage> {
  const registry = options.adapters ?? FIXTURE_ADAPTERS;
  const dirOf = options.dirOf ?? fixturesDir;
  const adapters = registry.map((a) => a.name).sort();
  const results: FixtureResult[] = [];
  for (const adapter of [...registry].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    for (const control of controls) {
      const dir = dirOf(control.id, adapter.name);
      if (!fs.existsSync(dir)) continue;
      for (const name of fs.readdirSync(dir).sort()) {
        // every entry, as fixtures.test.ts does (an adapter may read a directory, e.g. a cdktf.out)
        results.push(await runFixture(adapter, control, name, path.join(dir, name), root));
      }
    }
  }
  const byKey = new Map<string, FixtureResult[]>();
  for (const r of results) {
    const key = `${r.controlId}\u0000${r.adapter}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(r);
  }
  const supportOf = new Map<string, Support>();
  for (const [key, list] of byKey) {
    let s: Support;
    if (list.some((r) => !r.ok)) s = 'mismatch';
    else if (list.some((r) => r.expect === 'pass') && list.some((r) => r.expect === 'fail')) s = 'verified';
    else s = 'incomplete';
    supportOf.set(key, s);
  }
  return {
    adapters,
    results,
    support: (controlId, adapter) => supportOf.get(`${controlId}\u0000${adapter}`) ?? 'none',
    fixtures: (controlId, adapter) => byKey.get(`${controlId}\u0000${adapter}`) ?? [],
  };
}
