import { minimatch } from 'minimatch';
import { InputError } from './errors';
import { isIsoDate } from './dates';
import { readStructuredFile } from './profile';
import { validateOrThrow } from './schema';

/** An approved, expiring exception (例外措置) for one control on some resources. */
export interface Waiver {
  control: string;
  resources: string[];
  reason: string;
  approvedBy: string;
  approvedOn: string;
  expires: string;
  reference?: string;
  /** where it was declared: `<file>#waivers[<n>]` */
  origin: string;
}

export interface WaiverRecord extends Omit<Waiver, 'resources'> {
  status: 'active' | 'expired';
}

export function loadWaivers(file: string, knownControls?: ReadonlySet<string>): Waiver[] {
  const data = readStructuredFile(file);
  validateOrThrow('waivers', file, data);
  const entries = (data as { waivers: Omit<Waiver, 'origin'>[] }).waivers;
  return entries.map((w, i) => {
    const where = `waivers[${i}]`;
    for (const key of ['approvedOn', 'expires'] as const) {
      if (!isIsoDate(w[key])) throw new InputError(file, `${where}.${key} "${w[key]}" is not a calendar date`);
    }
    if (w.expires < w.approvedOn) throw new InputError(file, `${where} expires (${w.expires}) before it was approved (${w.approvedOn})`);
    if (knownControls && !knownControls.has(w.control)) throw new InputError(file, `${where}.control "${w.control}" is not a muniguard control`);
    return { ...w, origin: `${file}#${where}` };
  });
}

/** Does the waiver name this resource? Globs are matched against every name the resource has. */
export function waiverMatches(waiver: Waiver, names: readonly string[]): boolean {
  return waiver.resources.some((glob) => names.some((n) => n && minimatch(n, glob, { dot: true, nocomment: true, nonegate: true })));
}

export function waiverRecord(w: Waiver, asOf: string): WaiverRecord {
  const { resources: _r, ...rest } = w;
  return { ...rest, status: asOf > w.expires ? 'expired' : 'active' };
}
