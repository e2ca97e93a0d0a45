/**
 * Every control's adapter fixtures, loaded through the real adapter and evaluated by the real
 * engine with the test profile: `fixtures/<adapter>/<expect>--<slug>.<ext>`, where the resource
 * under test is named `subject` (Terraform local name, Pulumi resource name, Config resource name).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allControls, fixturesDir } from '@muniguard/controls';
import { runFixture } from './docs/fixture-results';
import { FIXTURE_ADAPTERS } from './fixture-adapters';

const ROOT = path.resolve(__dirname, '..');

const rows: [string, string, string, string][] = [];
for (const adapter of FIXTURE_ADAPTERS) {
  for (const control of allControls()) {
    const dir = fixturesDir(control.id, adapter.name);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) rows.push([adapter.name, control.id, f, path.join(dir, f)]);
  }
}

describe('adapter fixtures', () => {
  it('every control has passing and failing Terraform fixtures, or says why Terraform cannot express it and has them from another adapter', () => {
    const missing: string[] = [];
    for (const control of allControls()) {
      // fixtures/NO-TERRAFORM.md: account state no IaC declares (e.g. root MFA); another adapter must then cover pass and fail
      const why = path.join(path.dirname(fixturesDir(control.id, 'terraform')), 'NO-TERRAFORM.md');
      const adapters = fs.existsSync(why) ? FIXTURE_ADAPTERS.map((a) => a.name).filter((a) => a !== 'terraform') : ['terraform'];
      const files = rows.filter((r) => adapters.includes(r[0]) && r[1] === control.id).map((r) => r[2]);
      for (const want of ['pass', 'fail']) {
        if (files.some((f) => f.startsWith(`${want}--`))) continue;
        missing.push(adapters[0] === 'terraform' ? `${control.id}: add fixtures/terraform/${want}--<case>.tf.json` : `${control.id}: add a ${want}--<case> fixture of ${adapters.join(' or ')}`);
      }
    }
    expect(missing).toEqual([]);
  });

  const each = rows.length ? it.each(rows) : it.skip.each([['-', '-', 'no fixtures yet', '-']]);
  each('%s %s %s', async (adapterName, id, name, file) => {
    // the same judge the generated coverage matrix uses (test/docs/fixture-results.ts)
    const adapter = FIXTURE_ADAPTERS.find((a) => a.name === adapterName)!;
    const control = allControls().find((c) => c.id === id)!;
    const result = await runFixture(adapter, control, name, file, ROOT);
    expect({ expect: result.expect, actual: result.actual, problem: result.problem }).toEqual({ expect: result.expect, actual: result.expect, problem: undefined });
  });
});
