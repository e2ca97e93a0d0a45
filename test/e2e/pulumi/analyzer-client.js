'use strict';
/**
 * Launch a CrossGuard policy pack exactly as the Pulumi CLI does and talk to it over the analyzer
 * gRPC protocol (the generated client of @pulumi/pulumi/proto/analyzer_grpc_pb). Plain JS so that
 * both the tests (through harness.ts) and the benchmark (packages/pulumi/bench) use it.
 *
 * The CLI runs `node @pulumi/pulumi/cmd/run-policy-pack <engine-address> <packDir>` in the pack's
 * directory with the stack config in PULUMI_CONFIG; the pack prints the port it listens on.
 * run-policy-pack drops <engine-address> (only programs that log to the engine use one), so no
 * fake engine server is needed: the argument is a placeholder.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const protoDir = path.dirname(require.resolve('@pulumi/pulumi/proto/analyzer_pb'));
const analyzerPb = require('@pulumi/pulumi/proto/analyzer_pb');
const analyzerGrpc = require('@pulumi/pulumi/proto/analyzer_grpc_pb');
// the gRPC and protobuf runtimes @pulumi/pulumi itself uses
const grpc = require(require.resolve('@grpc/grpc-js', { paths: [protoDir] }));
const structPb = require(require.resolve('google-protobuf/google/protobuf/struct_pb', { paths: [protoDir] }));
const emptyPb = require(require.resolve('google-protobuf/google/protobuf/empty_pb', { paths: [protoDir] }));

const LEVELS = ['advisory', 'mandatory', 'disabled', 'remediate'];
const LEVEL_OF = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const MAX_MESSAGE = 400 * 1024 * 1024;

function toAnalyzerResource(r) {
  const m = new analyzerPb.AnalyzerResource();
  m.setUrn(r.urn);
  m.setType(r.type);
  m.setName(r.name);
  m.setProperties(structPb.Struct.fromJavaScript(r.properties));
  m.setOptions(new analyzerPb.AnalyzerResourceOptions());
  if (r.provider) {
    const p = new analyzerPb.AnalyzerProviderResource();
    p.setUrn(r.provider.urn);
    p.setType(r.provider.type);
    p.setName(r.provider.name);
    p.setProperties(structPb.Struct.fromJavaScript(r.provider.properties));
    m.setProvider(p);
  }
  if (r.parent) m.setParent(r.parent);
  m.setDependenciesList(r.dependencies || []);
  const deps = m.getPropertydependenciesMap();
  for (const [k, v] of Object.entries(r.propertyDependencies || {})) {
    const d = new analyzerPb.AnalyzerPropertyDependencies();
    d.setUrnsList(v);
    deps.set(k, d);
  }
  return m;
}

function readResponse(resp) {
  return {
    diagnostics: resp.getDiagnosticsList().map((d) => ({
      policyName: d.getPolicyname(),
      urn: d.getUrn(),
      message: d.getMessage(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()],
      severity: d.getSeverity(),
    })),
    notApplicable: resp.getNotApplicableList().map((n) => n.getPolicyName()),
  };
}

class PackProcess {
  constructor(child, client, startedMs, stderr) {
    this.child = child;
    this.client = client;
    this.startedMs = startedMs;
    this.stderr = stderr;
  }

  /** Start a pack; resolves when it has printed its port (startedMs = launch to port). */
  static start(packDir, options = {}) {
    const runner = path.dirname(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'));
    const t0 = Date.now();
    const child = spawn(process.execPath, [runner, '127.0.0.1:0', packDir], {
      cwd: packDir,
      env: {
        ...process.env,
        PULUMI_CONFIG: JSON.stringify(options.stackConfig || {}),
        PULUMI_NODEJS_PROJECT: options.project || 'muniguard-example',
        PULUMI_NODEJS_STACK: options.stack || 'dev',
        PULUMI_NODEJS_DRY_RUN: String(options.dryRun === undefined ? true : options.dryRun),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const timeoutMs = options.timeoutMs || 60000;
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`policy pack ${packDir} printed no port within ${timeoutMs} ms: ${err}`));
      }, timeoutMs);
      const onExit = (code) => {
        clearTimeout(timer);
        reject(new Error(`policy pack ${packDir} exited (${code}) before printing a port: ${err}`));
      };
      child.on('exit', onExit);
      child.stdout.on('data', (d) => {
        out += String(d);
        const m = /^(\d+)\s*$/m.exec(out);
        if (!m) return;
        clearTimeout(timer);
        child.off('exit', onExit);
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${m[1]}`, grpc.credentials.createInsecure(), {
          'grpc.max_receive_message_length': MAX_MESSAGE, 'grpc.max_send_message_length': MAX_MESSAGE,
        });
        resolve(new PackProcess(child, client, Date.now() - t0, () => err));
      });
    });
  }

  call(method, request) {
    return new Promise((resolve, reject) => {
      this.client[method](request, (error, response) => (error ? reject(new Error(`${method}: ${error.message}\n${this.stderr()}`)) : resolve(response)));
    });
  }

  async info() {
    const r = await this.call('getAnalyzerInfo', new emptyPb.Empty());
    const policies = r.getPoliciesList().map((p) => {
      const f = p.getFramework();
      const schema = p.getConfigschema();
      return {
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()],
        severity: p.getSeverity(),
        tags: p.getTagsList(),
        framework: f ? { name: f.getName(), version: f.getVersion(), reference: f.getReference(), specification: f.getSpecification() } : undefined,
        configSchema: schema && schema.getProperties() ? schema.getProperties().toJavaScript() : undefined,
        remediationSteps: p.getRemediationSteps(),
        policyType: p.getPolicyType(),
      };
    });
    return { name: r.getName(), version: r.getVersion(), policies };
  }

  /** Configure as the CLI does: one entry per policy, its enforcement level and properties. */
  async configure(config) {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, value] of Object.entries(config)) {
      const { enforcementLevel, ...props } = value;
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_OF[enforcementLevel || 'advisory']);
      pc.setProperties(structPb.Struct.fromJavaScript(props));
      map.set(name, pc);
    }
    await this.call('configure', req);
  }

  async analyzeStack(resources) {
    const req = new analyzerPb.AnalyzeStackRequest();
    req.setResourcesList(resources.map(toAnalyzerResource));
    return readResponse(await this.call('analyzeStack', req));
  }

  /** Analyze one resource, as the engine does before each step: its own inputs and provider only. */
  async analyze(r) {
    const full = toAnalyzerResource(r);
    const req = new analyzerPb.AnalyzeRequest();
    req.setUrn(r.urn);
    req.setType(r.type);
    req.setName(r.name);
    req.setProperties(full.getProperties());
    req.setOptions(full.getOptions());
    if (r.provider) req.setProvider(full.getProvider());
    return readResponse(await this.call('analyze', req));
  }

  async stop() {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

/** A config entry for every policy of the pack at its own level (what the CLI sends when nothing is set). */
function defaultConfig(policies) {
  return Object.fromEntries(policies.map((p) => [p.name, { enforcementLevel: p.enforcementLevel }]));
}

module.exports = { PackProcess, defaultConfig, toAnalyzerResource };
