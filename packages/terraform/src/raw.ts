import type { Unknown } from '@muniguard/core';

/** One Terraform resource before normalization: attributes already carry Unknown and Ref values. */
export interface RawResource {
  /** Full address inside the scan, e.g. `stack/module.net.aws_vpc.main[0]`. */
  address: string;
  type: string;
  mode: 'managed' | 'data';
  attrs: Record<string, unknown>;
  /** Region of the provider configuration the resource uses (alias resolved). */
  providerRegion: string | Unknown | undefined;
  /** Tags the provider adds to every resource (default_tags). */
  defaultTags?: Record<string, unknown> | Unknown;
  file: string;
  constructPath?: string;
}

/** Split an address `a/b/module.x.aws_s3_bucket.y[0]` into its prefix (stack + modules) and local part. */
export function addressPrefix(address: string): string {
  const m = /^(.*?)((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)$/.exec(address);
  return m ? m[1] : '';
}

/** Strip an instance key: `aws_s3_bucket.b[0]` -> `aws_s3_bucket.b`. */
export function withoutIndex(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}
