/**
 * Every AWS call of the live scan goes through `AwsApi.call`: it names the IAM action of the
 * call (so the least-privilege policy can be checked against what the code really calls), counts
 * calls, bounds concurrency per service, stops everything at the whole-scan timeout, and turns a
 * refused or failed call into a ReadError instead of an exception, so the scan goes on.
 *
 * Clients use the SDK's default credential chain (environment, shared config and AWS_PROFILE,
 * SSO, container and instance roles), its own endpoint settings (AWS_ENDPOINT_URL and
 * AWS_ENDPOINT_URL_<SERVICE>) and adaptive retry for throttling. Nothing here writes.
 */
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { setMaxListeners } from 'node:events';
import type { ReadError } from '@muniguard/core';

/** The scan's services by IAM action prefix, with their SDK client and npm package. */
export const SERVICES = {
  backup: { client: BackupClient, pkg: '@aws-sdk/client-backup' },
  cloudtrail: { client: CloudTrailClient, pkg: '@aws-sdk/client-cloudtrail' },
  logs: { client: CloudWatchLogsClient, pkg: '@aws-sdk/client-cloudwatch-logs' },
  'cognito-idp': { client: CognitoIdentityProviderClient, pkg: '@aws-sdk/client-cognito-identity-provider' },
  config: { client: ConfigServiceClient, pkg: '@aws-sdk/client-config-service' },
  dynamodb: { client: DynamoDBClient, pkg: '@aws-sdk/client-dynamodb' },
  ec2: { client: EC2Client, pkg: '@aws-sdk/client-ec2' },
  elasticfilesystem: { client: EFSClient, pkg: '@aws-sdk/client-efs' },
  elasticloadbalancing: { client: ElasticLoadBalancingV2Client, pkg: '@aws-sdk/client-elastic-load-balancing-v2' },
  elasticache: { client: ElastiCacheClient, pkg: '@aws-sdk/client-elasticache' },
  guardduty: { client: GuardDutyClient, pkg: '@aws-sdk/client-guardduty' },
  iam: { client: IAMClient, pkg: '@aws-sdk/client-iam' },
  kms: { client: KMSClient, pkg: '@aws-sdk/client-kms' },
  rds: { client: RDSClient, pkg: '@aws-sdk/client-rds' },
  s3: { client: S3Client, pkg: '@aws-sdk/client-s3' },
  sns: { client: SNSClient, pkg: '@aws-sdk/client-sns' },
  sqs: { client: SQSClient, pkg: '@aws-sdk/client-sqs' },
  sts: { client: STSClient, pkg: '@aws-sdk/client-sts' },
} as const;
export type Service = keyof typeof SERVICES;

/** SDK operations whose IAM action has another name. */
export const ACTION_OVERRIDES: Record<string, string> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:GetBucketReplication': 's3:GetReplicationConfiguration',
};

/** The IAM action an SDK command needs: `s3` + `GetBucketEncryptionCommand` -> `s3:GetEncryptionConfiguration`. */
export function iamAction(service: string, commandName: string): string {
  const plain = `${service}:${commandName.replace(/Command$/, '')}`;
  return ACTION_OVERRIDES[plain] ?? plain;
}

interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy?(): void;
}

/** What a call is about, for the ReadError it becomes when it fails. */
export interface CallMeta {
  /** Normalized kinds the call lists or completes. */
  kinds: string[];
  /** The resources the call is about (when the call completes known resources). */
  resources?: { address: string; kind: string }[];
  /** The normalized properties that stay Unknown on those resources when the call fails. */
  properties?: string[];
  /** Error codes that mean "not configured" (NoSuchTagSet…): an absent value, not an error. */
  absentOn?: readonly string[];
  /** false: a failure is the caller's to handle (it falls back or retries) and is not recorded. */
  record?: boolean;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; absent: true; code: string } | { ok: false; absent?: false; code: string; error: ReadError };

/** A counting semaphore: at most `limit` calls of one service at a time. */
class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

export interface ApiOptions {
  /** Calls in flight per service (default 4). */
  concurrency?: number;
  /** Whole-scan timeout in ms: calls after it fail with ScanTimeout (the scan reports them as errors). */
  timeoutMs?: number;
  /** SDK attempts per call including adaptive-retry throttling retries (default 6). */
  maxAttempts?: number;
  progress?: (message: string) => void;
}

function errorCode(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.Code ?? e?.name ?? e?.code;
  if (name && name !== 'Error' && name !== 'UnknownError') return String(name);
  if (e?.$metadata?.httpStatusCode) return `HTTP${e.$metadata.httpStatusCode}`;
  return 'Error';
}

function errorMessage(error: unknown): string {
  const m = (error as { message?: string })?.message ?? String(error);
  // never let a signature, key or token slip into a report
  return m.replace(/(AKIA|ASIA)[A-Z0-9]{12,}/g, '(key id)').replace(/(Signature|X-Amz-Security-Token|Credential)=[^&\s]+/gi, '$1=(redacted)');
}

export class AwsApi {
  /** Calls made, by IAM action (`s3:ListAllMyBuckets`: 3). */
  readonly calls: Record<string, number> = {};
  readonly readErrors: ReadError[] = [];
  private readonly clients = new Map<string, SdkClient>();
  private readonly limiters = new Map<string, Limiter>();
  private readonly abort = new AbortController();
  private timer?: NodeJS.Timeout;
  readonly concurrency: number;
  private readonly maxAttempts: number;
  readonly progress: (message: string) => void;

  constructor(options: ApiOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.progress = options.progress ?? (() => undefined);
    // every call in flight listens on the one scan-wide abort signal
    setMaxListeners(0, this.abort.signal);
    if (options.timeoutMs && options.timeoutMs > 0) {
      this.timer = setTimeout(() => this.abort.abort(), options.timeoutMs);
      this.timer.unref?.();
    }
  }

  get timedOut(): boolean {
    return this.abort.signal.aborted;
  }

  /** One client per service and region, from the SDK's default configuration chain. */
  client(service: Service, region: string): SdkClient {
    const key = `${service}\u0000${region}`;
    let c = this.clients.get(key);
    if (!c) {
      const Ctor = SERVICES[service].client as unknown as new (config: Record<string, unknown>) => SdkClient;
      const config: Record<string, unknown> = { region, retryMode: 'adaptive', maxAttempts: this.maxAttempts };
      // an emulator or proxy at AWS_ENDPOINT_URL serves buckets by path, not by host name
      if (service === 's3' && (process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3)) config.forcePathStyle = true;
      c = new Ctor(config);
      this.clients.set(key, c);
    }
    return c;
  }

  private limiter(service: string): Limiter {
    let l = this.limiters.get(service);
    if (!l) this.limiters.set(service, (l = new Limiter(this.concurrency)));
    return l;
  }

  /** Make one call. Never throws: a failure is an Outcome (and a ReadError unless meta.record is false). */
  async call<T>(service: Service, region: string | undefined, command: object, meta: CallMeta): Promise<Outcome<T>> {
    const action = iamAction(service, command.constructor.name);
    const fail = (code: string, message: string): Outcome<T> => {
      const error: ReadError = {
        service, action, ...(region && !GLOBAL_SERVICES.has(service) ? { region } : {}), kinds: meta.kinds,
        ...(meta.resources?.length ? { resources: meta.resources } : {}), ...(meta.properties ? { properties: meta.properties } : {}),
        code, message,
      };
      if (meta.record !== false) this.readErrors.push(error);
      return { ok: false, code, error };
    };
    if (this.abort.signal.aborted) return fail('ScanTimeout', 'the whole-scan timeout ran out before this call');
    return this.limiter(service).run(async () => {
      if (this.abort.signal.aborted) return fail('ScanTimeout', 'the whole-scan timeout ran out before this call');
      this.calls[action] = (this.calls[action] ?? 0) + 1;
      try {
        const value = (await this.client(service, region ?? 'us-east-1').send(command, { abortSignal: this.abort.signal })) as T;
        // an empty response body reads as an empty output
        return { ok: true, value: (value ?? {}) as T };
      } catch (error) {
        const code = this.abort.signal.aborted ? 'ScanTimeout' : errorCode(error);
        if (meta.absentOn?.includes(code)) return { ok: false, absent: true, code };
        return fail(code, code === 'ScanTimeout' ? 'the whole-scan timeout ran out during this call' : errorMessage(error));
      }
    });
  }

  /** Follow a token-paginated list; stops at the first failure (the failure is recorded per meta). */
  async paginate<T>(
    service: Service,
    region: string | undefined,
    make: (token: string | undefined) => object,
    next: (page: T) => string | undefined,
    meta: CallMeta,
  ): Promise<{ pages: T[]; failed?: Outcome<T> & { ok: false } }> {
    const pages: T[] = [];
    let token: string | undefined;
    for (let i = 0; i < 100_000; i++) {
      const out = await this.call<T>(service, region, make(token), meta);
      if (!out.ok) return { pages, failed: out };
      pages.push(out.value);
      token = next(out.value);
      if (!token) break;
    }
    return { pages };
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const c of this.clients.values()) c.destroy?.();
    this.clients.clear();
  }
}

/** Services whose calls are not regional (their read errors carry no region). */
export const GLOBAL_SERVICES: ReadonlySet<string> = new Set(['iam', 'sts']);
