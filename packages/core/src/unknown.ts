/**
 * A value that could not be known at scan time: a Pulumi preview unknown, a Terraform
 * "known after apply", an unresolved CDKTF token, an attribute AWS Config did not record.
 * Controls must treat it as "cannot decide" and return `unknown`, never a pass.
 */
export class Unknown {
  readonly unknown = true as const;
  constructor(readonly reason: string = 'unknown') {}
  toJSON(): string {
    return `(unknown: ${this.reason})`;
  }
}

export const UNKNOWN = new Unknown();

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/**
 * A reference to another resource of the same scan (`aws_kms_key.k.arn`, a Pulumi output of a
 * sibling). Its value is not known yet but it is certainly *set*: controls may treat it as
 * present and resolve it with `ctx.resolve(ref)`.
 */
export class Ref {
  constructor(
    readonly address: string,
    readonly attribute?: string,
  ) {}
  toJSON(): string {
    return `\${${this.address}${this.attribute ? '.' + this.attribute : ''}}`;
  }
}

export function isRef(value: unknown): value is Ref {
  return value instanceof Ref;
}

/** True when the value contains an Unknown anywhere inside (arrays and plain objects). */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === 'object' && !(value instanceof Ref)) {
    return Object.values(value as Record<string, unknown>).some(containsUnknown);
  }
  return false;
}
