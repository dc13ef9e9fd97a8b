/** An organisation: a tenant. Every user, client system, device and record belongs to one. */
export interface Organisation {
  readonly id: string;
  /** The short name users type at login (`acme`). */
  readonly slug: string;
  readonly name: string;
}
