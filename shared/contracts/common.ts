import { z } from 'zod';

/**
 * A timestamp a client sends: ISO 8601 with `Z` or an offset, in years 2000-2999. The year bound
 * keeps values inside what every store accepts (PostgreSQL has no year 0) and catches clocks that
 * were never set.
 */
export const ClientTimestamp = z.iso.datetime({ offset: true }).refine((s) => /^2\d{3}-/.test(s), 'year must be between 2000 and 2999');
