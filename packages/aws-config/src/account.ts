/**
 * The account itself as a resource (`AWS::::Account`, core kinds.ts): root MFA, the password
 * policy, the enabled regions, the trails that apply to the account, the Config recorder and
 * GuardDuty in each region. These are facts no IaC input can show.
 *
 * The live scan first collects the raw API responses into an `AccountResponses` record (AWS's
 * documented response shapes, keyed by operation), then `accountResource()` builds the resource
 * from it. The aws-config fixtures are such records too, so a fixture runs the very code a scan runs.
 */
import { DescribeTrailsCommand, GetTrailStatusCommand, type DescribeTrailsCommandOutput, type GetTrailStatusCommandOutput } from '@aws-sdk/client-cloudtrail';
import { DescribeRegionsCommand, type DescribeRegionsCommandOutput } from '@aws-sdk/client-ec2';
import { GetDetectorCommand, ListDetectorsCommand, type GetDetectorCommandOutput, type ListDetectorsCommandOutput } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand, GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, GetCredentialReportCommand, ListAccountAliasesCommand,
} from '@aws-sdk/client-iam';
import type {
  GenerateCredentialReportCommandOutput, GetAccountPasswordPolicyCommandOutput, GetAccountSummaryCommandOutput, GetCredentialReportCommandOutput,
  ListAccountAliasesCommandOutput,
} from '@aws-sdk/client-iam';
import { KINDS, Unknown, accountAddress, type Resource } from '@muniguard/core';
import type { AwsApi } from './api';
import { recorderFact, type RecorderFact } from './config-source';

/** A call that failed: its value is Unknown in the account resource. */
export interface Failed {
  failed: string;
  message?: string;
  /** The IAM action of the call that failed, when the caller records the error itself. */
  action?: string;
}
type Maybe<T> = T | Failed;
const isFailed = (v: unknown): v is Failed => !!v && typeof v === 'object' && 'failed' in (v as object) && typeof (v as Failed).failed === 'string';

/** Raw responses of the account-level calls (fixture format too; every key optional). */
export interface AccountResponses {
  accountId: string;
  partition?: string;
  ListAccountAliases?: Maybe<{ AccountAliases?: string[] }>;
  GetAccountSummary?: Maybe<{ SummaryMap?: Record<string, number> }>;
  /** null: the account has no password policy (NoSuchEntity). */
  GetAccountPasswordPolicy?: Maybe<{ PasswordPolicy?: Record<string, unknown> } | null>;
  DescribeRegions?: Maybe<{ Regions?: { RegionName?: string; OptInStatus?: string }[] }>;
  /** DescribeTrails with shadow trails, from the scan's home region. */
  DescribeTrails?: Maybe<{ trailList?: Record<string, unknown>[] }>;
  /** GetTrailStatus by trail ARN. */
  GetTrailStatus?: Record<string, Maybe<{ IsLogging?: boolean }>>;
  /** By region. */
  DescribeConfigurationRecorders?: Record<string, Maybe<{ ConfigurationRecorders?: unknown[] }>>;
  DescribeConfigurationRecorderStatus?: Record<string, Maybe<{ ConfigurationRecordersStatus?: unknown[] }>>;
  /** By region; GetDetector by detector id. */
  ListDetectors?: Record<string, Maybe<{ DetectorIds?: string[] }>>;
  GetDetector?: Record<string, Maybe<{ Status?: string }>>;
  /** The credential report's CSV text (decoded Content). */
  credentialReport?: Maybe<string>;
  /** The regions this scan read. */
  scannedRegions?: string[];
}

const unknownFrom = (f: Failed) => new Unknown(`could not be read: ${f.failed}`);

export interface TrailFact {
  arn: string | undefined;
  name: string | undefined;
  homeRegion: string | undefined;
  isMultiRegionTrail: boolean;
  logFileValidationEnabled: boolean;
  isOrganizationTrail: boolean;
  isLogging: boolean | Unknown;
}

/** Build the account resource from the collected responses. */
export function accountResource(r: AccountResponses): Resource {
  const props: Record<string, unknown> = { accountId: r.accountId };
  const aliases = r.ListAccountAliases;
  const alias = aliases && !isFailed(aliases) ? aliases.AccountAliases?.[0] : undefined;
  if (alias) props.alias = alias;

  const summary = r.GetAccountSummary;
  if (summary === undefined) props.rootMfaEnabled = new Unknown('not read');
  else if (isFailed(summary)) {
    props.rootMfaEnabled = unknownFrom(summary);
    props.rootAccessKeysPresent = unknownFrom(summary);
  } else {
    const m = summary.SummaryMap ?? {};
    props.rootMfaEnabled = m.AccountMFAEnabled === undefined ? new Unknown('AccountMFAEnabled missing from the account summary') : m.AccountMFAEnabled === 1;
    props.rootAccessKeysPresent = m.AccountAccessKeysPresent === undefined ? undefined : m.AccountAccessKeysPresent === 1;
    if (m.AccountPasswordPresent !== undefined) props.rootPasswordPresent = m.AccountPasswordPresent === 1;
  }

  const pp = r.GetAccountPasswordPolicy;
  if (pp !== undefined) {
    if (isFailed(pp)) props.passwordPolicy = unknownFrom(pp);
    else if (pp === null) props.passwordPolicy = null;
    else {
      const p = pp.PasswordPolicy ?? {};
      props.passwordPolicy = {
        minimumPasswordLength: p.MinimumPasswordLength, requireSymbols: p.RequireSymbols, requireNumbers: p.RequireNumbers,
        requireUppercaseCharacters: p.RequireUppercaseCharacters, requireLowercaseCharacters: p.RequireLowercaseCharacters,
        maxPasswordAge: p.MaxPasswordAge, passwordReusePrevention: p.PasswordReusePrevention,
      };
    }
  }

  const regions = r.DescribeRegions;
  props.enabledRegions = regions === undefined ? new Unknown('not read') : isFailed(regions) ? unknownFrom(regions)
    : (regions.Regions ?? []).filter((x) => x.OptInStatus !== 'not-opted-in').map((x) => x.RegionName).filter(Boolean);
  props.scannedRegions = [...(r.scannedRegions ?? [])];

  const trails = r.DescribeTrails;
  if (trails === undefined) props.trails = new Unknown('not read');
  else if (isFailed(trails)) props.trails = unknownFrom(trails);
  else {
    props.trails = (trails.trailList ?? []).map((t): TrailFact => {
      const arn = t.TrailARN as string | undefined;
      const st = arn ? r.GetTrailStatus?.[arn] : undefined;
      return {
        arn, name: t.Name as string | undefined, homeRegion: t.HomeRegion as string | undefined,
        isMultiRegionTrail: t.IsMultiRegionTrail === true, logFileValidationEnabled: t.LogFileValidationEnabled === true,
        isOrganizationTrail: t.IsOrganizationTrail === true,
        isLogging: st === undefined ? new Unknown('trail status not read') : isFailed(st) ? unknownFrom(st) : st.IsLogging === true,
      };
    });
  }

  const recorders: Record<string, RecorderFact | null | Unknown> = {};
  for (const [region, rec] of Object.entries(r.DescribeConfigurationRecorders ?? {})) {
    const st = r.DescribeConfigurationRecorderStatus?.[region];
    if (isFailed(rec)) recorders[region] = unknownFrom(rec);
    else if (st === undefined || isFailed(st)) recorders[region] = st ? unknownFrom(st) : new Unknown('recorder status not read');
    else recorders[region] = recorderFact(rec as never, st as never);
  }
  props.configRecorders = recorders;

  const guardDuty: Record<string, { detectorId: string; status: string | undefined } | null | Unknown> = {};
  for (const [region, list] of Object.entries(r.ListDetectors ?? {})) {
    if (isFailed(list)) {
      guardDuty[region] = unknownFrom(list);
      continue;
    }
    const id = list.DetectorIds?.[0];
    if (!id) {
      guardDuty[region] = null;
      continue;
    }
    const d = r.GetDetector?.[id];
    guardDuty[region] = d === undefined ? new Unknown('detector not read') : isFailed(d) ? unknownFrom(d) : { detectorId: id, status: d.Status };
  }
  props.guardDuty = guardDuty;

  const address = accountAddress(r.accountId);
  return { kind: KINDS.Account, id: address, name: alias, region: undefined, tags: {}, props, source: { adapter: 'aws-config', address } };
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** Collect the account-level responses of a live scan. Failures are recorded by the api and kept as `{ failed }`. */
export async function readAccountResponses(
  api: AwsApi,
  o: { accountId: string; partition: string; homeRegion: string; factRegions: readonly string[]; describeRegions?: AccountResponses['DescribeRegions']; reportWaitMs?: number },
): Promise<AccountResponses> {
  const r: AccountResponses = { accountId: o.accountId, partition: o.partition, DescribeRegions: o.describeRegions };
  const A = KINDS.Account;
  const acc = (props: string[]) => ({ kinds: [A], resources: [{ address: accountAddress(o.accountId), kind: A }], properties: props });
  const fail = (out: { ok: false; code: string }): Failed => ({ failed: out.code });

  const home = o.homeRegion;
  await Promise.all([
    (async () => {
      const x = await api.call<ListAccountAliasesCommandOutput>('iam', home, new ListAccountAliasesCommand({}), { ...acc(['alias']), record: false });
      r.ListAccountAliases = x.ok ? x.value : fail(x);
    })(),
    (async () => {
      const x = await api.call<GetAccountSummaryCommandOutput>('iam', home, new GetAccountSummaryCommand({}), acc(['rootMfaEnabled', 'rootAccessKeysPresent']));
      r.GetAccountSummary = x.ok ? x.value : fail(x);
    })(),
    (async () => {
      const x = await api.call<GetAccountPasswordPolicyCommandOutput>('iam', home, new GetAccountPasswordPolicyCommand({}), { ...acc(['passwordPolicy']), absentOn: ['NoSuchEntity', 'NoSuchEntityException'] });
      r.GetAccountPasswordPolicy = x.ok ? (x.value as AccountResponses['GetAccountPasswordPolicy']) : x.absent ? null : fail(x);
    })(),
    (async () => {
      r.credentialReport = await readCredentialReport(api, home, o.accountId, o.reportWaitMs ?? 60_000);
    })(),
    (async () => {
      const x = await api.call<DescribeTrailsCommandOutput>('cloudtrail', home, new DescribeTrailsCommand({ includeShadowTrails: true }), acc(['trails']));
      if (!x.ok) {
        r.DescribeTrails = fail(x);
        return;
      }
      r.DescribeTrails = x.value as AccountResponses['DescribeTrails'];
      r.GetTrailStatus = {};
      await Promise.all((x.value.trailList ?? []).map(async (t) => {
        if (!t.TrailARN) return;
        const st = await api.call<GetTrailStatusCommandOutput>('cloudtrail', t.HomeRegion ?? home, new GetTrailStatusCommand({ Name: t.TrailARN }), acc(['trails']));
        r.GetTrailStatus![t.TrailARN] = st.ok ? st.value : fail(st);
      }));
    })(),
    ...o.factRegions.map(async (region) => {
      const list = await api.call<ListDetectorsCommandOutput>('guardduty', region, new ListDetectorsCommand({}), acc(['guardDuty']));
      (r.ListDetectors ??= {})[region] = list.ok ? list.value : fail(list);
      const id = list.ok ? list.value.DetectorIds?.[0] : undefined;
      if (id) {
        const d = await api.call<GetDetectorCommandOutput>('guardduty', region, new GetDetectorCommand({ DetectorId: id }), acc(['guardDuty']));
        (r.GetDetector ??= {})[id] = d.ok ? d.value : fail(d);
      }
    }),
  ]);
  return r;
}

/** Generate (if needed) and fetch the credential report; polls while it is being generated. */
async function readCredentialReport(api: AwsApi, home: string, accountId: string, waitMs: number): Promise<Maybe<string>> {
  // not recorded here: the scan records it against the users it leaves unreadable (scan.ts)
  const meta = { kinds: [KINDS.IamUser], record: false };
  void accountId;
  const deadline = Date.now() + waitMs;
  let generated = false;
  for (let attempt = 0; ; attempt++) {
    const get = await api.call<GetCredentialReportCommandOutput>('iam', home, new GetCredentialReportCommand({}), {
      ...meta, absentOn: ['ReportNotPresent', 'ReportExpired', 'ReportInProgress', 'CredentialReportNotPresentException', 'CredentialReportExpiredException', 'CredentialReportNotReadyException'],
    });
    if (get.ok) {
      const content = get.value.Content;
      return typeof content === 'string' ? content : Buffer.from(content ?? new Uint8Array()).toString('utf8');
    }
    if (!get.absent) return { failed: get.code, message: get.error.message, action: get.error.action };
    if (!generated || /Expired|NotPresent/.test(get.code)) {
      const gen = await api.call<GenerateCredentialReportCommandOutput>('iam', home, new GenerateCredentialReportCommand({}), meta);
      if (!gen.ok) return { failed: gen.code, message: gen.absent ? gen.code : gen.error.message, action: 'iam:GenerateCredentialReport' };
      generated = true;
      if (gen.value.State === 'COMPLETE' && attempt === 0) continue;
    }
    if (Date.now() > deadline || api.timedOut) {
      return { failed: api.timedOut ? 'ScanTimeout' : 'CredentialReportNotReady', message: 'IAM did not finish the credential report in time', action: 'iam:GetCredentialReport' };
    }
    await sleep(Math.min(500 * 2 ** attempt, 5_000));
  }
}
