#!/usr/bin/env node
/**
 * Assemble the muniguard AWS Config rule function into a directory ready to zip:
 *
 *   node examples/live-scan/lambda/package.js [out-dir]      (default: examples/live-scan/build/function)
 *
 * Run `npm run build` first. The directory holds index.js (handler `index.handler`), the built
 * @muniguard/core, controls and aws-config packages, the bundled profiles and schemas
 * (node_modules/policies, where core looks for them), and every third-party package they need,
 * copied from this repository's node_modules with the same layout, so node resolves exactly the
 * versions the tests ran with. Nothing is downloaded.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PACKAGES = ['core', 'controls', 'aws-config'];

function fail(message) {
  process.stderr.write(`package.js: error: ${message}\n`);
  process.exit(2);
}

/** Where a repository path lands in the function: packages/<p>/... -> node_modules/@muniguard/<p>/... */
function target(out, repoPath) {
  const rel = path.relative(ROOT, repoPath);
  const m = /^packages[\\/]([^\\/]+)(.*)$/.exec(rel);
  return m ? path.join(out, 'node_modules', '@muniguard', m[1] + m[2]) : path.join(out, rel);
}

/** Copy a package directory without its nested node_modules, type declarations and source maps. */
function copyPackage(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'src' && from.startsWith(path.join(ROOT, 'packages'))) continue;
    if (/\.(d\.ts|map|tsbuildinfo)$/.test(entry.name) || entry.name === '__tests__') continue;
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) copyPackage(a, b);
    else if (entry.isFile()) fs.copyFileSync(a, b);
  }
}

/** Node's lookup: <dir>/node_modules/<name>, then each parent directory. */
function findPackage(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (dir === path.dirname(dir)) return undefined;
  }
}

function main() {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'examples', 'live-scan', 'build', 'function'));
  for (const p of PACKAGES) {
    if (!fs.existsSync(path.join(ROOT, 'packages', p, 'dist', 'index.js'))) fail(`packages/${p}/dist is missing: run npm run build first`);
  }
  if (!fs.existsSync(path.join(ROOT, 'packages', 'aws-config', 'dist', 'rule-handler-lambda.js'))) {
    fail('packages/aws-config/dist/rule-handler-lambda.js is missing: run npm run build first');
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  // breadth-first over `dependencies`, each resolved from the directory of the package that needs it
  const queue = PACKAGES.map((p) => path.join(ROOT, 'packages', p));
  const copied = new Set();
  while (queue.length) {
    const dir = queue.shift();
    if (copied.has(dir)) continue;
    copied.add(dir);
    copyPackage(dir, target(out, dir));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      if (name.startsWith('@muniguard/')) continue;
      const found = findPackage(name, dir);
      if (!found) {
        if (manifest.optionalDependencies && name in manifest.optionalDependencies) continue;
        fail(`${name} (needed by ${manifest.name}) is not installed: run npm ci`);
      }
      queue.push(found);
    }
  }

  copyPackage(path.join(ROOT, 'policies'), path.join(out, 'node_modules', 'policies'));
  fs.writeFileSync(
    path.join(out, 'index.js'),
    "'use strict';\n// muniguard AWS Config custom rule: handler index.handler (see examples/live-scan/README.md)\nmodule.exports = require('@muniguard/aws-config/dist/rule-handler-lambda');\n",
  );
  process.stdout.write(`${out}: ${copied.size} packages\n`);
}

main();
