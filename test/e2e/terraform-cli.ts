/**
 * Run the machine's real terraform offline: find the binary and a local filesystem mirror of the
 * hashicorp/aws provider, write a CLI config that installs from that mirror only, and produce
 * `terraform show -json` of a plan. Tests skip, saying why, when either is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const f = path.join(dir, cmd);
    if (dir && fs.existsSync(f)) return f;
  }
  return undefined;
}

/** Directories that hold `registry.terraform.io/hashicorp/aws/<version>/<os_arch>/`. */
function mirrorCandidates(): string[] {
  const fromEnv = process.env.MUNIGUARD_TF_MIRROR ? [process.env.MUNIGUARD_TF_MIRROR] : [];
  const implied = [
    path.join(os.homedir(), '.terraform.d', 'plugins'),
    path.join(os.homedir(), '.local', 'share', 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
  // images often unpack a mirror directly under /opt
  const underOpt = fs.existsSync('/opt') ? fs.readdirSync('/opt').map((d) => path.join('/opt', d)) : [];
  return [...fromEnv, ...implied, ...underOpt];
}

export function findMirror(): string | undefined {
  return mirrorCandidates().find((dir) => fs.existsSync(path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws')));
}

export interface TerraformEnv {
  bin: string;
  mirror: string;
}

/** What is missing for a real terraform plan, or the environment to run it. */
export function terraformEnv(): TerraformEnv | string {
  const bin = which('terraform');
  if (!bin) return 'no terraform binary on PATH';
  const mirror = findMirror();
  if (!mirror) return 'no local filesystem mirror of hashicorp/aws (set MUNIGUARD_TF_MIRROR to a directory holding registry.terraform.io/hashicorp/aws)';
  return { bin, mirror };
}

/** A working directory initialised against the mirror; `plan(vars)` returns the plan JSON. */
export function initWorkspace(env: TerraformEnv, config: Record<string, unknown>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-tf-'));
  const rc = path.join(dir, 'terraform.rc');
  fs.writeFileSync(
    rc,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(env.mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`,
  );
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
  const childEnv = { ...process.env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', AWS_EC2_METADATA_DISABLED: 'true', TF_INPUT: '0' };
  const run = (args: string[]) => {
    const r = spawnSync(env.bin, args, { cwd: dir, env: childEnv, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed (${r.status}): ${(r.stderr || r.stdout).slice(0, 2000)}`);
    return r.stdout;
  };
  run(['init', '-input=false', '-no-color', '-backend=false']);
  return {
    dir,
    plan(vars: Record<string, string>, name: string): string {
      const out = `${name}.tfplan`;
      run(['plan', '-input=false', '-no-color', '-refresh=false', '-lock=false', `-out=${out}`, ...Object.entries(vars).map(([k, v]) => `-var=${k}=${v}`)]);
      const json = execFileSync(env.bin, ['show', '-json', out], { cwd: dir, env: childEnv, encoding: 'utf8', maxBuffer: 1 << 28 });
      const file = path.join(dir, `${name}.plan.json`);
      fs.writeFileSync(file, json);
      return file;
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
