import * as fs from 'node:fs';
import * as path from 'node:path';
import { exampleFiles } from './scenario';

const ROOT = path.resolve(__dirname, '..', '..');

it('the bundled Terraform examples are what test/e2e/scenario.js generates', () => {
  for (const [rel, text] of Object.entries(exampleFiles() as Record<string, string>)) {
    const actual = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    if (actual !== text) throw new Error(`${rel} is stale: run \`node test/e2e/scenario.js --write\``);
  }
});
