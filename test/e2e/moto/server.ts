/**
 * A moto server on loopback for the live-scan end-to-end tests: started by the test itself and
 * stopped after it. `startMoto()` resolves to undefined (with the reason) when this machine has
 * no python3 with moto, so the caller can skip saying why.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Moto {
  url: string;
  /** POST /moto-api/reset: an empty account again. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Why moto cannot run here, or undefined when it can. */
export function motoUnavailable(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import moto, flask, werkzeug; print(moto.__version__)'], { encoding: 'utf8' });
  if (probe.error) return `python3 is not on PATH (${probe.error.message})`;
  if (probe.status !== 0) return `python3 has no moto server (pip install "moto[server]"): ${probe.stderr.trim().split('\n').pop()}`;
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startMoto(timeoutMs = 30_000): Promise<Moto> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto server exited (${child.exitCode}): ${stderr.trim().split('\n').pop()}`);
    try {
      const res = await fetch(`${url}/moto-api/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`moto server did not answer on ${url} within ${timeoutMs} ms: ${stderr.trim().split('\n').pop()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async reset() {
      const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Point the SDK at moto through its own settings (AWS_ENDPOINT_URL) with throwaway credentials; returns a restore function. */
export function useMotoEnv(url: string, region = 'ap-northeast-1'): () => void {
  const set: Record<string, string | undefined> = {
    AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_SESSION_TOKEN: undefined,
    AWS_REGION: region, AWS_DEFAULT_REGION: region, AWS_PROFILE: undefined,
    // no shared config or credentials file of the machine may leak into the test
    AWS_CONFIG_FILE: path.join(os.tmpdir(), 'muniguard-e2e-no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(os.tmpdir(), 'muniguard-e2e-no-aws-credentials'),
  };
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(set)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
