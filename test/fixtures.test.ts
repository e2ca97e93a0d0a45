/**
 * Every control's adapter fixtures, loaded through the real adapter and evaluated by the real
 * engine with the test profile: `fixtures/<adapter>/<expect>--<slug>.<ext>`, where the resource
 * under test is named `subject` (Terraform local name, Pulumi resource name, Config resource name).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testing } from '@muniguard/core';
import { allControls, fixturesDir } from '@muniguard/controls';
import { FIXTURE_ADAPTERS } from './fixture-adapters';

const EXPECT = /^(pass|fail|unknown|not-applicable|error)--[a-z0-9-]+\./;
/** A resource is the subject when its address, URN or name ends in `subject`. */
export const SUBJECT = /(^|[./:]|::)subject(\[[^\]]*\])?$/;

const rows: [string, string, string, string][] = [];
for (const adapter of FIXTURE_ADAPTERS) {
  for (const control of allControls()) {
    const dir = fixturesDir(control.id, adapter.name);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) rows.push([adapter.name, control.id, f, path.join(dir, f)]);
  }
}

describe('adapter fixtures', () => {
  it('every control has passing and failing Terraform fixtures', () => {
    const missing: string[] = [];
    for (const control of allControls()) {
      const files = rows.filter((r) => r[0] === 'terraform' && r[1] === control.id).map((r) => r[2]);
      for (const want of ['pass', 'fail']) {
        if (!files.some((f) => f.startsWith(`${want}--`))) missing.push(`${control.id}: add fixtures/terraform/${want}--<case>.tf.json`);
      }
    }
    expect(missing).toEqual([]);
  });

  const each = rows.length ? it.each(rows) : it.skip.each([['-', '-', 'no fixtures yet', '-']]);
  each('%s %s %s', async (adapterName, id, name, file) => {
    const adapter = FIXTURE_ADAPTERS.find((a) => a.name === adapterName)!;
    const m = EXPECT.exec(name);
    expect(m).not.toBeNull(); // fixture names follow <expect>--<slug>.<ext>
    expect(adapter.pattern.test(name)).toBe(true);
    const control = allControls().find((c) => c.id === id)!;
    const resources = await adapter.load(file, name);
    const subject = resources.find((r) => SUBJECT.test(r.id) && control.kinds.some((k) => k === '*' || k === r.kind));
    expect(subject).toBeDefined();
    const { verdict } = testing.verdictOf(control, subject!, resources.filter((r) => r !== subject));
    expect(verdict).toBe(m![1]);
  });
});
