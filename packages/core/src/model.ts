import type { Unknown, Ref } from './unknown';

/** `muniguard` marks findings the engine makes itself (an expired waiver). */
export type AdapterName = 'terraform' | 'pulumi' | 'aws-config' | 'test' | 'muniguard';

/** A value an adapter could read: known, a reference to a sibling, or Unknown. Absent = undefined. */
export type Val<T> = T | Unknown;

export interface ResourceSource {
  adapter: AdapterName;
  /** Terraform address (prefixed `<stack>/` for cdktf.out), Pulumi URN, or ARN. */
  address: string;
  /** File the resource was read from, relative to where the scan started. */
  file?: string;
  /** Normalized property (top-level key) -> address of the resource it was folded from. */
  origins?: Record<string, string>;
  /** Construct path (CDKTF `//` metadata) when known. */
  constructPath?: string;
}

export type Tags = Record<string, Val<string>>;

/** A normalized resource: the one shape every adapter produces and every control reads. */
export interface Resource {
  /** CloudFormation / AWS Config type name, e.g. `AWS::S3::Bucket`. */
  kind: string;
  /** Unique in one scan: the address. */
  id: string;
  name?: Val<string>;
  /** undefined for global kinds (IAM). */
  region?: Val<string>;
  tags: Val<Tags>;
  /** Normalized properties, documented per kind in `kinds.ts`. May hold Unknown and Ref values. */
  props: Record<string, unknown>;
  source: ResourceSource;
}

export type { Unknown, Ref };
