import { z } from 'zod';
import type { Role } from './define';

/** Input of `status`: nothing. */
export const statusInputSchema = z.object({}).strict();

/** Output of `status`: what the status bar shows. */
export interface StatusDto {
  readonly version: string;
  /** The role of the caller, as the transport authenticated it. */
  readonly role: Role;
  readonly dataDir: string;
  readonly startedAtMs: number;
  readonly nowMs: number;
}
