import type { ParamSpec } from './control';

/** The parts of an ARN: `arn:partition:service:region:account:resource`. */
export interface Arn {
  partition: string;
  service: string;
  /** Empty for global services (`arn:aws:s3:::bucket`, IAM). */
  region: string;
  account: string;
  /** Everything after the 5th colon (`backup-vault:name`, `subnet/subnet-0abc`, a bucket name). */
  resource: string;
}

/** Parse an ARN. undefined when the value is not a literal ARN (a Ref, an Unknown, an interpolation…). */
export function parseArn(value: unknown): Arn | undefined {
  if (typeof value !== 'string' || value.includes('${')) return undefined;
  const parts = value.trim().split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) return undefined;
  const [, partition, service, region, account] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The region field of an ARN ('' for global resources); undefined when the value is not an ARN. */
export function arnRegion(value: unknown): string | undefined {
  return parseArn(value)?.region;
}

/**
 * The AWS identifier at the end of an ARN's resource part (`subnet/subnet-0abc` -> `subnet-0abc`,
 * `backup-vault:name` -> `name`, an S3 bucket ARN -> the bucket name). undefined when not an ARN.
 */
export function arnResourceId(value: unknown): string | undefined {
  const arn = parseArn(value);
  if (!arn) return undefined;
  const last = arn.resource.split(/[/:]/).pop();
  return last || undefined;
}

/** Region names compare trimmed and lower-cased. */
export function normalizeRegion(region: string): string {
  return region.trim().toLowerCase();
}

/** The `allowedRegions` parameter as a list of normalized region names. */
export function allowedRegionsOf(params: Readonly<Record<string, unknown>>): string[] {
  const v = params.allowedRegions;
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return list.filter((x): x is string => typeof x === 'string').map(normalizeRegion);
}

export function isRegionAllowed(region: string, allowed: readonly string[]): boolean {
  return allowed.includes(normalizeRegion(region));
}

/** The `allowedRegions` parameter shared by the region controls (resource location and copies of data). */
export const ALLOWED_REGIONS_PARAM: ParamSpec = {
  schema: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' }, minItems: 1, uniqueItems: true },
  default: ['ap-northeast-1', 'ap-northeast-3'],
  description: {
    ja: 'データを置くこと・複製することを許可する AWS リージョン。',
    en: 'AWS regions where data may be stored or copied to.',
  },
  rationale: {
    ja: '本プロジェクトの既定値であり、自治体の基準の記載ではありません。ガバメントクラウドで利用が認められている国内リージョン（東京 ap-northeast-1、大阪 ap-northeast-3）としています。',
    en: "The project's default, not a municipality's text: the Japanese regions ガバメントクラウド (Government Cloud) permits, Tokyo (ap-northeast-1) and Osaka (ap-northeast-3).",
  },
};
