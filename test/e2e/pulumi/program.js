'use strict';
/**
 * The example program as the engine would see it, without the Pulumi CLI:
 * - capture(): run it under `pulumi.runtime.setMocks` (capture.js, a child process) and record every
 *   resource it registers;
 * - engineView(): the resource list the engine sends in AnalyzeStack — providers included (the
 *   default provider the engine creates from the `aws:*` stack config too), each resource with its
 *   provider's inputs, parent, dependencies and property dependencies. In an update the properties
 *   are the outputs; in a preview of a create they are the inputs, plus the provider's computed
 *   attributes, still unknown (`arn`).
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'pulumi-app');
const SENTINEL = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
const PROJECT = 'muniguard-example';
const STACK = 'dev';

function capture(config, preview, programDir = EXAMPLE) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'capture.js'), programDir, JSON.stringify(config), String(preview), PROJECT, STACK], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => (code !== 0 ? reject(new Error(`capture failed (${code}): ${err}`)) : resolve(JSON.parse(out))));
  });
}

function engineView(c) {
  const defaultProvider = {
    urn: `urn:pulumi:${c.stack}::${c.project}::pulumi:providers:aws::default_7_48_0`,
    type: 'pulumi:providers:aws',
    name: 'default_7_48_0',
    properties: { ...(c.config['aws:region'] ? { region: c.config['aws:region'] } : {}), version: '7.48.0' },
  };
  const providers = new Map();
  for (const r of c.resources) if (r.type.startsWith('pulumi:providers:')) providers.set(r.urn, r);
  const out = [{ ...defaultProvider }];
  for (const r of c.resources) {
    if (!r.custom) continue;
    let provider;
    if (!r.type.startsWith('pulumi:providers:')) {
      const p = r.provider ? providers.get(r.provider.slice(0, r.provider.lastIndexOf('::'))) : undefined;
      provider = p ? { urn: p.urn, type: p.type, name: p.name, properties: p.inputs } : defaultProvider;
    }
    const propertyDependencies = {};
    for (const [k, v] of Object.entries(r.propertyDependencies)) if (v.length) propertyDependencies[k] = v;
    const properties = c.preview ? { ...r.inputs, ...(r.type.startsWith('aws:') ? { arn: SENTINEL } : {}) } : { ...r.outputs };
    out.push({ urn: r.urn, type: r.type, name: r.name, properties, provider, parent: r.parent, dependencies: r.dependencies, propertyDependencies });
  }
  return out;
}

module.exports = { ROOT, EXAMPLE, SENTINEL, PROJECT, STACK, capture, engineView };
