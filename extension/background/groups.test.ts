import { describe, expect, it } from 'vitest';
import { mergeGroups } from './groups.ts';

describe('mergeGroups', () => {
  it('keeps MDM groups first, adds directory groups once', () => {
    expect(mergeGroups(['research', 'all'], ['AI Pilot', 'research'])).toEqual(['research', 'all', 'AI Pilot']);
    expect(mergeGroups([], ['AI Pilot'])).toEqual(['AI Pilot']);
    expect(mergeGroups(['x'], [])).toEqual(['x']);
  });
});
