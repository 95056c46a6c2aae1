import { describe, expect, it } from 'vitest';
import { agentStatus, formatStatus } from './status.ts';

describe('agent status', () => {
  it('describes this machine and the catalog', () => {
    const s = agentStatus();
    expect(s.catalogApps).toBeGreaterThan(0);
    expect(s.platform).toBe(process.platform);
    expect(formatStatus(s)).toContain(`enrolled: no`);
  });
});
