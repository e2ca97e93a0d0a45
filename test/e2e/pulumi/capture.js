'use strict';
/**
 * Run a Pulumi TypeScript program under `pulumi.runtime.setMocks` and print every resource it
 * registers as JSON: type, name, URN, id, the inputs exactly as the SDK sends them to the engine
 * (preview unknowns are the engine's sentinel), the outputs the mock returned, its provider
 * reference, parent, dependencies and property dependencies.
 *
 *   node capture.js <programDir> '<config JSON>' <preview:true|false> [project] [stack]
 *
 * A child process per run: the Pulumi SDK keeps its settings in process-wide state.
 * The mock plays the provider: in an update it returns an id and computed attributes (arn); in
 * a preview of a create it returns neither, so they are unknown, as the real provider's are.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const [programDir, configJson, previewArg, project = 'muniguard-example', stack = 'dev'] = process.argv.slice(2);
const preview = previewArg === 'true';
// the CLI hands a program its configuration in PULUMI_CONFIG; set before the SDK reads it
process.env.PULUMI_CONFIG = configJson;

// TypeScript programs: transpile on require (type checking is the example's own tsconfig's job)
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};

const pulumi = require('@pulumi/pulumi');
const ACCOUNT = '111122223333';
const config = JSON.parse(configJson);
const providerRegions = new Map();

function computed(args, urn) {
  const region = (args.provider && providerRegions.get(args.provider.split('::').slice(0, -1).join('::'))) || config['aws:region'] || 'ap-northeast-1';
  if (args.type === 'pulumi:providers:aws') return {};
  const [, mod, name] = /^aws:([^/]+)\/([^:]+):/.exec(args.type) || [];
  if (!mod) return {};
  if (args.type.startsWith('aws:s3/bucket:') || args.type.startsWith('aws:s3/bucketV2:')) {
    const bucket = args.inputs.bucket || `${args.name}-0a1b2c3`;
    return { bucket, arn: `arn:aws:s3:::${bucket}`, id: bucket };
  }
  return { arn: `arn:aws:${mod}:${region}:${ACCOUNT}:${name}/${args.name}`, urn };
}

pulumi.runtime.setMocks(
  {
    newResource(args) {
      if (args.type === 'pulumi:providers:aws') {
        providerRegions.set(`urn:pulumi:${stack}::${project}::pulumi:providers:aws::${args.name}`, args.inputs.region);
      }
      if (preview && args.type !== 'pulumi:providers:aws') return { id: undefined, state: args.inputs };
      const outputs = computed(args);
      const id = outputs.id || `${args.name}-${Buffer.from(args.type).toString('hex').slice(-8)}`;
      delete outputs.urn;
      return { id, state: { ...args.inputs, ...outputs } };
    },
    call(args) {
      return args.inputs;
    },
  },
  project,
  stack,
  preview,
);

const captured = [];
const monitor = pulumi.runtime.getMonitor();
const register = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, callback) => {
  const propertyDependencies = {};
  req.getPropertydependenciesMap().forEach((v, k) => {
    propertyDependencies[k] = v.getUrnsList();
  });
  const record = {
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent: req.getParent() || undefined,
    provider: req.getProvider() || undefined,
    inputs: req.getObject() ? req.getObject().toJavaScript() : {},
    propertyDependencies,
    dependencies: req.getDependenciesList(),
  };
  return register(req, (err, resp) => {
    if (resp) {
      record.urn = resp.getUrn();
      record.id = resp.getId() || undefined;
      record.outputs = resp.getObject() ? resp.getObject().toJavaScript() : {};
    }
    captured.push(record);
    callback(err, resp);
  });
};

(async () => {
  try {
    require(path.resolve(programDir));
    await pulumi.runtime.waitForRPCs();
    process.stdout.write(JSON.stringify({ project, stack, preview, config, resources: captured }));
  } catch (error) {
    process.stderr.write(String((error && error.stack) || error));
    process.exitCode = 1;
  }
})();
