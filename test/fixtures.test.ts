/**
 * Every control's adapter fixtures, loaded through the real adapter and evaluated by the real
 * engine with the test profile: `fixtures/terraform/<expect>--<slug>.(tf|plan).json`, where the
 * resource under test has the local name `subject`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testing } from '@muniguard/core';
import { allControls, fixturesDir } from '@muniguard/controls';
import { loadFile } from '@muniguard/terraform';

const EXPECT = /^(pass|fail|unknown|not-applicable|error)--[a-z0-9-]+\.(tf|plan)\.json$/;

const rows: [string, string, string][] = [];
for (const control of allControls()) {
  const dir = fixturesDir(control.id, 'terraform');
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir).sort()) rows.push([control.id, f, path.join(dir, f)]);
}

describe('terraform fixtures', () => {
  it('every control has passing and failing Terraform fixtures', () => {
    const missing: string[] = [];
    for (const control of allControls()) {
      const files = rows.filter((r) => r[0] === control.id).map((r) => r[1]);
      for (const want of ['pass', 'fail']) {
        if (!files.some((f) => f.startsWith(`${want}--`))) missing.push(`${control.id}: add fixtures/terraform/${want}--<case>.tf.json`);
      }
    }
    expect(missing).toEqual([]);
  });

  const each = rows.length ? it.each(rows) : it.skip.each([['-', 'no fixtures yet', '-']]);
  each('%s %s', (id, name, file) => {
    const m = EXPECT.exec(name);
    expect(m).not.toBeNull(); // fixture names follow <expect>--<slug>.(tf|plan).json
    const control = allControls().find((c) => c.id === id)!;
    const { resources } = loadFile(file, name);
    const subject = resources.find((r) => /(^|[./])subject(\[[^\]]*\])?$/.test(r.id) && control.kinds.some((k) => k === '*' || k === r.kind));
    expect(subject).toBeDefined();
    const { verdict } = testing.verdictOf(control, subject!, resources.filter((r) => r !== subject));
    expect(verdict).toBe(m![1]);
  });
});
