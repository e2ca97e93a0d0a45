import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Control, testing } from '@muniguard/core';

type Case = testing.Case;

/**
 * Every control lives in its own folder `aws/<service>/<control-id>/` with `control.ts`,
 * `cases.ts` and `fixtures/<adapter>/`. The registry is the folder tree itself, so there is
 * no hand-kept list: deleting a control is deleting its folder.
 */
export const CONTROLS_ROOT = path.join(__dirname, 'aws');

export interface ControlFolder {
  id: string;
  service: string;
  dir: string;
}

function isModule(dir: string, base: string): string | undefined {
  for (const ext of ['.js', '.ts']) {
    const f = path.join(dir, base + ext);
    if (fs.existsSync(f)) return f;
  }
  return undefined;
}

export function controlFolders(): ControlFolder[] {
  const out: ControlFolder[] = [];
  for (const service of fs.readdirSync(CONTROLS_ROOT).sort()) {
    const sdir = path.join(CONTROLS_ROOT, service);
    if (!fs.statSync(sdir).isDirectory()) continue;
    for (const id of fs.readdirSync(sdir).sort()) {
      const dir = path.join(sdir, id);
      if (fs.statSync(dir).isDirectory() && isModule(dir, 'control')) out.push({ id, service, dir });
    }
  }
  return out;
}

let cache: Control[] | undefined;

export function allControls(): Control[] {
  if (!cache) {
    cache = controlFolders().map(({ id, dir }) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(isModule(dir, 'control')!) as { default: Control };
      if (mod.default?.id !== id) throw new Error(`control in ${id}/ has id ${mod.default?.id}: the id must equal the folder name`);
      return mod.default;
    });
  }
  return cache;
}

export function controlsById(): Map<string, Control> {
  return new Map(allControls().map((c) => [c.id, c]));
}

/** The table of cases of a control (its `cases.ts`), for tests and generated docs. */
export function casesOf(id: string): Case[] {
  const folder = controlFolders().find((f) => f.id === id);
  const file = folder && isModule(folder.dir, 'cases');
  if (!file) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { default: Case[] }).default;
}

/** The folder of a control's fixtures for one adapter (may not exist). */
export function fixturesDir(id: string, adapter: string): string {
  const folder = controlFolders().find((f) => f.id === id);
  if (!folder) throw new Error(`no control ${id}`);
  // fixtures are data: they stay next to the sources, also when running from dist
  const src = folder.dir.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);
  return path.join(src, 'fixtures', adapter);
}
