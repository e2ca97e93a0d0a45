/**
 * What a live scan could not read. An adapter that reads an account (AWS Config, the service APIs)
 * reports each refused or failed call as a ReadError instead of aborting; the engine turns them into
 * `error` findings for exactly what could not be read:
 *
 * - an error about given resources (`resources`, e.g. GetBucketEncryption refused for one bucket)
 *   turns each `unknown` finding of those resources whose path is one of the error's `properties`
 *   into an `error` finding that names the missing permission (the adapter set those properties to
 *   Unknown, so the controls that needed them said `unknown`; controls that did not need them keep
 *   their verdict);
 * - an error about listing (no `resources`, e.g. ListBuckets refused, a region unreachable) adds one
 *   `error` finding per control of the profile over those kinds, per kind and region: the scan
 *   cannot say whether such resources exist there, so it must not report a clean pass.
 */
import type { Control } from './control';
import type { ClauseRef, ControlPlan, Finding } from './evaluate';
import { applicabilityOf } from './evaluate';
import { formatText, type Text } from './i18n';
import type { Profile } from './profile';

export interface ReadError {
  /** The service, as the prefix of its IAM actions: `config`, `s3`, `iam`, `ec2`, `logs`… */
  service: string;
  /** The IAM action of the call that failed (`s3:GetEncryptionConfiguration`): the permission to grant when it was refused. */
  action: string;
  /** The region of the call; undefined for a global service (IAM). */
  region?: string;
  /** The account, when the scan spans several (an aggregator). */
  accountId?: string;
  /** Normalized kinds the call would have listed or completed. */
  kinds: string[];
  /** When the call was about given resources: their addresses and kinds (everything else was read). */
  resources?: { address: string; kind: string }[];
  /** The normalized properties that became Unknown on those resources (top-level names, e.g. `encryption`). */
  properties?: string[];
  /** Error code as the service returned it (AccessDenied, UnrecognizedClientException, TimeoutError…). */
  code: string;
  /** The service's error message (never credentials). */
  message: string;
}

/** Codes that mean "the caller lacks the permission" rather than "the call failed". */
const DENIED = /AccessDenied|UnauthorizedOperation|NotAuthorized|Forbidden|AuthorizationError|AccessDeniedException/i;

export function isPermissionError(error: Pick<ReadError, 'code'>): boolean {
  return DENIED.test(error.code);
}

export const READ_ERROR_MESSAGES: Record<'readDenied' | 'readFailed' | 'listDenied' | 'listFailed', Text> = {
  readDenied: {
    ja: '{{path}} を読み取る権限がありません（{{action}} が拒否されました: {{code}}）。スキャン用ロールに {{action}} を許可してください。',
    en: 'Not allowed to read {{path}}: {{action}} was denied ({{code}}). Allow {{action}} for the scanning role.',
  },
  readFailed: {
    ja: '{{path}} を読み取れませんでした（{{action}} が失敗しました: {{code}} {{error}}）。',
    en: 'Could not read {{path}}: {{action}} failed ({{code}} {{error}}).',
  },
  listDenied: {
    ja: '{{where}} の {{kind}} を一覧できないため判定できません（{{action}} が拒否されました: {{code}}）。スキャン用ロールに {{action}} を許可してください。',
    en: 'Cannot evaluate: {{kind}} in {{where}} could not be listed because {{action}} was denied ({{code}}). Allow {{action}} for the scanning role.',
  },
  listFailed: {
    ja: '{{where}} の {{kind}} を一覧できないため判定できません（{{action}} が失敗しました: {{code}} {{error}}）。',
    en: 'Cannot evaluate: {{kind}} in {{where}} could not be listed because {{action}} failed ({{code}} {{error}}).',
  },
};

/** The address of a listing error's finding: `[<account>/]<region|global>/<kind>`. */
export function readErrorAddress(error: Pick<ReadError, 'accountId' | 'region'>, kind: string): string {
  return `${error.accountId ? `${error.accountId}/` : ''}${error.region ?? 'global'}/${kind}`;
}

function shortError(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/**
 * Apply read errors to the findings of one evaluation (in place): unknown findings of unreadable
 * properties become `error`, and listing errors add `error` findings. Linear in findings + errors.
 */
export function applyReadErrors(findings: Finding[], errors: readonly ReadError[], plans: readonly ControlPlan[], profile: Profile): void {
  if (!errors.length) return;

  // resource-scoped errors: address -> errors about it
  const byAddress = new Map<string, ReadError[]>();
  for (const e of errors) {
    for (const r of e.resources ?? []) {
      let list = byAddress.get(r.address);
      if (!list) byAddress.set(r.address, (list = []));
      list.push(e);
    }
  }
  if (byAddress.size) {
    for (const f of findings) {
      if (f.verdict !== 'unknown') continue;
      const related = byAddress.get(f.resource.address);
      if (!related) continue;
      const top = (f.path ?? '').split('.')[0];
      const cause = related.find((e) => !e.properties || e.properties.length === 0 || e.properties.includes(top));
      if (!cause) continue;
      const denied = isPermissionError(cause);
      f.verdict = 'error';
      f.messageId = denied ? 'readDenied' : 'readFailed';
      f.message = formatText(READ_ERROR_MESSAGES[f.messageId as 'readDenied'], {
        path: f.path ?? top, action: cause.action, code: cause.code, error: shortError(cause.message),
      });
    }
  }

  // listing errors: one finding per control over the kind, per kind and region
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.resources?.length) continue;
    for (const plan of plans) {
      const control = plan.control;
      const kinds = control.kinds.includes('*') ? e.kinds : e.kinds.filter((k) => control.kinds.includes(k));
      for (const kind of kinds) {
        const address = readErrorAddress(e, kind);
        const key = `${control.id}\u0000${address}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(listingFinding(control, plan, profile, e, kind, address));
      }
    }
  }
}

function listingFinding(control: Control, plan: ControlPlan, profile: Profile, e: ReadError, kind: string, address: string): Finding {
  // the class of what could not be listed is unknown: the most sensitive class applies (every mapping)
  const applicability = applicabilityOf(control, profile, plan.mappings);
  const override = profile.overrides[control.id] ?? {};
  const messageId = isPermissionError(e) ? 'listDenied' : 'listFailed';
  const clauses: ClauseRef[] = applicability.clauses;
  return {
    controlId: control.id,
    family: control.family,
    verdict: 'error',
    severity: override.severity ?? applicability.severity,
    enforcement: override.enforcement ?? (applicability.mandatory ? 'mandatory' : 'advisory'),
    resource: { kind, address, source: 'aws-config', region: e.region ?? null },
    path: null,
    messageId,
    message: formatText(READ_ERROR_MESSAGES[messageId], {
      kind, where: e.region ?? 'global', action: e.action, code: e.code, error: shortError(e.message),
    }),
    clauses,
    waiver: null,
  };
}
