import type { Role } from '../../shared/contract';

/** Who is calling, as the transport authenticated them. */
export interface Caller {
  readonly role: Role;
  /** For audit: `desktop`, `admin link`, `support link`. */
  readonly name: string;
}
