'use strict';
/**
 * `npm run bench`: scan generated plans of 1k, 10k and 50k resources; print wall time, peak
 * memory and the ratio to a bare JSON.parse of the same file. Each measurement runs in a fresh
 * node process, best of three. Sizes can be given as arguments: `npm run bench -- 1000 5000`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { generatePlan } = require('./generate');

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length ? sizes : [1000, 10000, 50000];
const dir = path.join(__dirname, '..', '..', '.bench');
fs.mkdirSync(dir, { recursive: true });

function measure(args) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'worker.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })));
  return runs.sort((a, b) => a.ms - b.ms)[0];
}

const rows = [];
for (const n of SIZES) {
  const file = path.join(dir, `plan-${n}.json`);
  fs.writeFileSync(file, JSON.stringify(generatePlan(n)));
  const mb = fs.statSync(file).size / 1e6;
  const parse = measure(['parse', file]);
  const scan = measure(['scan', file, 'osaka']);
  rows.push({ resources: n, fileMB: mb.toFixed(1), parseMs: parse.ms.toFixed(0), scanMs: scan.ms.toFixed(0), ratio: (scan.ms / parse.ms).toFixed(2), scanPeakMB: scan.maxRssMb.toFixed(0), parsePeakMB: parse.maxRssMb.toFixed(0), findings: scan.findings });
}
console.table(rows);
console.log('scan = load + normalize + evaluate every control of the osaka profile (process start and module load included in neither).');
