import { testing } from '@muniguard/core';
import { allControls, casesOf } from './index';

/** Every control's table of cases, run through the real engine with the test profile. */
describe.each(allControls().map((c) => [c.id, c] as const))('%s', (id, control) => {
  const cases = casesOf(id);

  it('has pass, fail, attribute-omitted, unknown and not-applicable cases', () => {
    const kinds = new Set(cases.map((c) => c.kind));
    const missing = (['pass', 'fail', 'omitted', 'unknown', 'not-applicable'] as const).filter((k) => !kinds.has(k));
    expect(missing).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { verdict, finding } = testing.verdictOf(control, c.subject(), c.others?.() ?? [], { params: c.params, asOf: c.asOf });
    expect(verdict).toBe(c.expect);
    if (c.messageId) expect(finding?.messageId).toBe(c.messageId);
    if (c.path) expect(finding?.path).toBe(c.path);
    if (c.enforcement) expect(finding?.enforcement).toBe(c.enforcement);
    if (finding && finding.verdict !== 'pass') {
      // every message is rendered in both languages with no placeholder left behind
      expect(finding.message.ja).not.toMatch(/\{\{/);
      expect(finding.message.en).not.toMatch(/\{\{/);
    }
  });
});
