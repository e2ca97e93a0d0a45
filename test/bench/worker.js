'use strict';
// One measurement in a fresh process: `parse <file>` or `scan <file> <profile>`; prints JSON.
const fs = require('node:fs');
const [mode, file, profile] = process.argv.slice(2);
const cli = mode === 'scan' ? require('../../packages/cli/dist/index.js') : undefined;
const t0 = process.hrtime.bigint();
let findings = 0;
let resources = 0;
if (mode === 'parse') {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  resources = doc.resource_changes.length;
} else {
  const result = cli.runScan({ paths: [file], profile, asOf: '2026-04-01' });
  findings = result.findings.length;
  resources = result.resourceCount;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, findings, resources }) + '\n');
