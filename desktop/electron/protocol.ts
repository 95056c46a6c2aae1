import { z } from 'zod';

/** renderer -> main: pause protection for a while, with the user's reason (checked in main). */
export const PauseRequest = z.strictObject({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  justification: z.string().trim().min(3).max(2000),
});
export type PauseRequest = z.infer<typeof PauseRequest>;
