import { KINDS } from './kinds';
import type { ResourceIndex } from './context';
import { isRef, isUnknown, type Unknown } from './unknown';

export type KeyOwnership = 'customer' | 'aws-managed' | 'none';

/**
 * Who manages the KMS key a store names. A reference to a KMS key of the same scan is a
 * customer-managed key; `alias/aws/...` (and keys whose scanned metadata says AWS) are
 * AWS-managed; a literal key ARN, key id or customer alias is taken as customer-managed
 * (AWS-managed keys are named through their `alias/aws/*` aliases in IaC; the live scan
 * reads KeyManager). Absent = 'none'.
 */
export function keyOwnership(value: unknown, index: ResourceIndex): KeyOwnership | Unknown {
  if (isUnknown(value)) return value;
  if (value === undefined || value === null || value === '') return 'none';
  const target = index.resolve(value, [KINDS.KmsKey]);
  if (target && target.kind === KINDS.KmsKey) {
    const manager = target.props.keyManager;
    if (isUnknown(manager)) return manager;
    return manager === 'AWS' ? 'aws-managed' : 'customer';
  }
  if (isRef(value)) {
    // a reference to an alias resource or another attribute that names a key
    return 'customer';
  }
  if (typeof value !== 'string') return 'none';
  if (/(^|:)alias\/aws\//.test(value)) return 'aws-managed';
  return 'customer';
}
