/**
 * The adapters whose fixtures the fixture runner (fixtures.test.ts) and the generated coverage
 * matrix exercise: each reads one fixture file into normalized resources. A control claims an
 * adapter by having `fixtures/<adapter>/` files; adding an adapter is adding one entry here.
 */
import type { Resource } from '@muniguard/core';
import { loadFile } from '@muniguard/terraform';
import { readAnalyzerResources } from '@muniguard/pulumi';
import { loadConfigFixture } from '@muniguard/aws-config';

export interface FixtureAdapter {
  /** folder name under a control's `fixtures/` */
  name: string;
  /** file names this adapter reads: `<expect>--<slug>.<ext>` */
  pattern: RegExp;
  load(file: string, display: string): Resource[] | Promise<Resource[]>;
}

export const FIXTURE_ADAPTERS: FixtureAdapter[] = [
  { name: 'terraform', pattern: /\.(tf|plan)\.json$/, load: (file, display) => loadFile(file, display).resources },
  { name: 'pulumi', pattern: /\.json$/, load: (file, display) => readAnalyzerResources(file, display) },
  { name: 'aws-config', pattern: /\.config\.json$/, load: (file, display) => loadConfigFixture(file, display) },
];
