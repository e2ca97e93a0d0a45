/**
 * The SDK's own machinery, not a stub: a real HTTP server on loopback plays AWS Config, reached
 * through AWS_ENDPOINT_URL (which the SDK reads itself). It throttles the first calls; the
 * scanner's clients retry (adaptive mode) and get the page. When throttling outlasts the
 * attempts, the call becomes a ReadError instead of an exception.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsApi } from '../api';
import { selectItems } from '../config-source';
import { s3Row } from './mock-account';

let server: http.Server;
let throttleFirst = 0;
const seen: { target: string; auth: boolean }[] = [];
const saved: Record<string, string | undefined> = {};
const ENV = { AWS_ENDPOINT_URL: '', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLETESTONLY', AWS_SECRET_ACCESS_KEY: 'test-secret', AWS_REGION: 'ap-northeast-1' };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ target: String(req.headers['x-amz-target']), auth: /^AWS4-HMAC-SHA256 /.test(String(req.headers.authorization)) });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (seen.length <= throttleFirst) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
        return;
      }
      const input = JSON.parse(body || '{}');
      res.end(JSON.stringify({ QueryInfo: { SelectFields: [{ Name: 'resourceId' }] }, Results: [s3Row(input.NextToken ? 'second' : 'first')], ...(input.NextToken ? {} : { NextToken: 'page-2' }) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  ENV.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  seen.length = 0;
});

it('retries throttled calls (adaptive retry) and pages on, through the endpoint in AWS_ENDPOINT_URL', async () => {
  throttleFirst = 2;
  const api = new AwsApi({ maxAttempts: 4 });
  try {
    const out = await selectItems(api, 'ap-northeast-1', ['AWS::S3::Bucket']);
    expect(out.failed).toBeUndefined();
    expect(out.items.map((i) => i.resourceName)).toEqual(['first', 'second']);
    expect(seen).toHaveLength(4); // 2 throttled + 2 pages
    expect(seen.every((s) => s.target === 'StarlingDoveService.SelectResourceConfig' && s.auth)).toBe(true);
    expect(api.calls['config:SelectResourceConfig']).toBe(2);
    expect(api.readErrors).toEqual([]);
  } finally {
    api.close();
  }
}, 30_000);

it('throttling that outlasts the attempts becomes a ReadError naming the action, without the credentials', async () => {
  throttleFirst = 100;
  const api = new AwsApi({ maxAttempts: 2 });
  try {
    const out = await selectItems(api, 'ap-northeast-1', ['AWS::S3::Bucket']);
    expect(seen).toHaveLength(2);
    expect(out.failed).toMatchObject({ service: 'config', action: 'config:SelectResourceConfig', region: 'ap-northeast-1', code: 'ThrottlingException', kinds: ['AWS::S3::Bucket'] });
    expect(JSON.stringify(api.readErrors)).not.toContain(ENV.AWS_ACCESS_KEY_ID);
    expect(JSON.stringify(api.readErrors)).not.toContain(ENV.AWS_SECRET_ACCESS_KEY);
  } finally {
    api.close();
  }
}, 30_000);
