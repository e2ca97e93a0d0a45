/**
 * Each bundled profile accepts its standard's own notation and the ASCII (and full-width)
 * forms people type in tags, and rejects values outside its scheme.
 */
import { CheckContext, KINDS, loadProfile, ResourceIndex, testing } from '@muniguard/core';
import { controlsById } from '@muniguard/controls';
import { PROFILE_SETTINGS } from './scenario';

const controls = controlsById();
const CASES: Record<string, [tag: string, level: string | null][]> = {
  osaka: [['Ⅱ', 'Ⅱ'], ['II', 'Ⅱ'], ['ii', 'Ⅱ'], ['Ⅰ', 'Ⅰ'], ['I', 'Ⅰ'], ['IV', 'Ⅳ'], ['V', null], ['secret', null]],
  kishiwada: [['Ａ', 'Ａ'], ['A', 'Ａ'], ['Ｂ', 'Ｂ'], ['B', 'Ｂ'], ['C', 'Ｃ'], ['D', null]],
  kitakyushu: [['第1種', '第1種'], ['1', '第1種'], ['第１種', '第1種'], ['２', '第2種'], ['3', '第3種'], ['第4種', null]],
  sendai: [['S', 'S'], ['I', 'I'], ['Ⅰ', 'I'], ['II', 'II'], ['Ⅱ', 'II'], ['III', 'III'], ['Ⅲ', 'III'], ['IV', null]],
};

describe.each(Object.entries(CASES))('%s', (id, cases) => {
  const profile = loadProfile(id, { controls, paramsFile: PROFILE_SETTINGS[id as keyof typeof PROFILE_SETTINGS].params });
  const ctx = new CheckContext(profile, new ResourceIndex([]), {}, '2026-04-01');
  it.each(cases)('DataClassification=%s -> %s', (tag, level) => {
    const c = ctx.classification(testing.makeResource(KINDS.S3Bucket, {}, { tags: { DataClassification: tag } }));
    if (level === null) {
      expect(c.status).toBe('invalid');
      expect(c.effectiveRank).toBe(profile.maxRank); // fail safe: treated as the most sensitive class
    } else {
      expect(c.status).toBe('valid');
      expect(c.level?.value).toBe(level);
    }
  });
});
