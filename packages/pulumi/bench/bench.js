'use strict';
/**
 * Benchmark of the Pulumi policy packs (not a timed test; run after `npm run build`):
 *   node packages/pulumi/bench/bench.js [profile=osaka] [sizes=1000,10000]
 *
 * 1. launch -> first answer: the pack started exactly as the Pulumi CLI starts it (run-policy-pack
 *    compiles index.ts with ts-node), until it prints its port and until GetAnalyzerInfo answers;
 * 2. AnalyzeStack over gRPC on stacks of N resources: copies of the compliant example program's
 *    resources (captured under pulumi.runtime.setMocks, as the engine would send them after an update);
 * 3. the same stacks in process: normalizePulumi() + evaluate(), without gRPC and @pulumi/policy.
 */
const path = require('node:path');
const { PackProcess, defaultConfig } = require('../../../test/e2e/pulumi/analyzer-client');
const { capture, engineView, ROOT, PROJECT } = require('../../../test/e2e/pulumi/program');

const profile = process.argv[2] || 'osaka';
const sizes = (process.argv[3] || '1000,10000').split(',').map(Number);
const packDir = path.join(ROOT, 'policies', profile);
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** n resources: copies of the stack with every URN of the copy suffixed, links kept inside each copy. */
function replicate(base, n) {
  const [defaultProvider, ...rest] = base;
  const own = new Set(rest.map((r) => r.urn));
  const out = [defaultProvider];
  for (let i = 0; out.length < n; i++) {
    const re = (u) => (own.has(u) ? `${u}-${i}` : u);
    for (const r of rest) {
      if (out.length >= n) break;
      out.push({
        ...r,
        urn: re(r.urn),
        name: `${r.name}-${i}`,
        provider: r.provider && { ...r.provider, urn: re(r.provider.urn) },
        dependencies: (r.dependencies || []).map(re),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies || {}).map(([k, v]) => [k, v.map(re)])),
      });
    }
  }
  return out;
}

async function main() {
  const stackConfig = { 'aws:region': 'ap-northeast-1' };
  const launches = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const pack = await PackProcess.start(packDir, { stackConfig });
    const port = ms(t0);
    await pack.info();
    launches.push({ port, firstAnswer: ms(t0) });
    await pack.stop();
  }
  console.log(`launch -> port printed: median ${median(launches.map((l) => l.port)).toFixed(0)} ms; launch -> first GetAnalyzerInfo answer: median ${median(launches.map((l) => l.firstAnswer)).toFixed(0)} ms (3 runs)`);

  const classification = { osaka: 'Ⅰ', kishiwada: 'Ａ', kitakyushu: '第1種', sendai: 'S', nara: '機密性3' }[profile] || 'Ⅰ';
  const base = engineView(await capture({ [`${PROJECT}:variant`]: 'compliant', [`${PROJECT}:classification`]: classification, 'aws:region': 'ap-northeast-1' }, false));
  const pack = await PackProcess.start(packDir, { stackConfig });
  const info = await pack.info();
  const params = profile === 'nara' ? { paramsFile: path.join(ROOT, 'policies/nara/params.example.yaml') } : {};
  await pack.configure({ ...defaultConfig(info.policies), 'muniguard-settings': { enforcementLevel: 'mandatory', asOf: '2026-04-01', ...params } });

  const { normalizePulumi } = require('../dist');
  const { evaluate, loadProfile } = require('@muniguard/core');
  const { controlsById } = require('@muniguard/controls');
  const controls = controlsById();
  const prof = loadProfile(profile, { controls, paramsFile: params.paramsFile });

  for (const n of sizes) {
    const stack = replicate(base, n);
    const grpcRuns = [];
    let diags = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      const r = await pack.analyzeStack(stack);
      grpcRuns.push(ms(t0));
      diags = r.diagnostics.length;
    }
    const local = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      const input = stack.map((r) => ({ ...r }));
      const resources = normalizePulumi(input, { stackConfig });
      const t1 = process.hrtime.bigint();
      evaluate({ profile: prof, controls, resources, asOf: '2026-04-01' });
      local.push({ normalize: Number(t1 - t0) / 1e6, total: ms(t0) });
    }
    console.log(
      `AnalyzeStack ${stack.length} resources (${info.policies.length} policies): median ${median(grpcRuns).toFixed(0)} ms over gRPC ` +
        `(runs ${grpcRuns.map((x) => x.toFixed(0)).join('/')} ms, ${diags} diagnostics); in process normalize ${median(local.map((l) => l.normalize)).toFixed(0)} ms + evaluate = ${median(local.map((l) => l.total)).toFixed(0)} ms`,
    );
  }
  await pack.stop();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
