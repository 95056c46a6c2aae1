import { join } from 'node:path';
import { z } from 'zod';
import { DeviceDirectory, EnrollResponse } from '../../shared/contracts/enroll.ts';
import { SignedPolicy } from '../../shared/policy/index.ts';
import { readJsonFile, writeFileAtomic } from './files.ts';

/**
 * What the agent keeps in its state directory besides the event journal. Each file carries a
 * format version; a file that does not parse is treated as absent (the agent enrolls again or
 * fetches the policy again) rather than half-read.
 */
export const StoredEnrollment = z.object({
  v: z.literal(1),
  serverUrl: z.string(),
  enrolledAt: z.iso.datetime(),
  enrollment: EnrollResponse,
});
export type StoredEnrollment = z.infer<typeof StoredEnrollment>;

/** The last good policy: verified when it arrived; re-verified when read back (the file may be edited). */
export const StoredPolicy = z.object({ v: z.literal(1), signed: SignedPolicy, etag: z.string().optional() });
export type StoredPolicy = z.infer<typeof StoredPolicy>;

/** The newest notice already shown (`GET /v1/device/notices?after=`). */
export const StoredNotices = z.object({ v: z.literal(1), after: z.number().int().min(0) });
export type StoredNotices = z.infer<typeof StoredNotices>;

export class StateFiles {
  constructor(
    readonly dir: string,
    private readonly warn: (msg: string) => void = () => undefined,
  ) {}

  get enrollmentPath(): string {
    return join(this.dir, 'enrollment.json');
  }

  get policyPath(): string {
    return join(this.dir, 'policy.json');
  }

  readEnrollment(): StoredEnrollment | undefined {
    return readJsonFile(this.enrollmentPath, StoredEnrollment, this.warn);
  }

  /** The device credential is a secret: the file is readable by this user only. */
  writeEnrollment(e: StoredEnrollment): void {
    writeFileAtomic(this.enrollmentPath, JSON.stringify(e, null, 2), 0o600);
  }

  readPolicy(): StoredPolicy | undefined {
    return readJsonFile(this.policyPath, StoredPolicy, this.warn);
  }

  writePolicy(p: StoredPolicy): void {
    writeFileAtomic(this.policyPath, JSON.stringify(p), 0o600);
  }

  get noticesPath(): string {
    return join(this.dir, 'notices.json');
  }

  readNotices(): StoredNotices | undefined {
    return readJsonFile(this.noticesPath, StoredNotices, this.warn);
  }

  writeNotices(n: StoredNotices): void {
    writeFileAtomic(this.noticesPath, JSON.stringify(n), 0o600);
  }

  get directoryPath(): string {
    return join(this.dir, 'directory.json');
  }

  /** The user's directory groups as last fetched (`GET /v1/device/directory`). */
  readDirectory(): DeviceDirectory | undefined {
    return readJsonFile(this.directoryPath, DeviceDirectory, this.warn);
  }

  writeDirectory(d: DeviceDirectory): void {
    writeFileAtomic(this.directoryPath, JSON.stringify(d), 0o600);
  }
}
