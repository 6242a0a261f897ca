/**
 * Every bound of the generated worlds and sequences, in one place. `dapsim check` and the
 * property tests read these; a run may override `runs`, `maxSteps` and `seed`, nothing else is
 * hidden anywhere.
 */
export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface PropertySettings {
  /** Partner tenants per world. At least two, so one partner's changes can be seen not to move another's rights. */
  readonly partners: Range;
  /** Customer tenants per world (besides the bulk ones below). */
  readonly customers: Range;
  /** Users in each partner agent group (AdminAgents, HelpdeskAgents); SalesAgents has 0 or 1. */
  readonly agentsPerGroup: Range;
  /** Share of partners in the china-21vianet cloud (the rest are global), in percent. */
  readonly chinaPartnerPercent: number;
  /** Share of customers in the china-21vianet cloud, in percent. */
  readonly chinaCustomerPercent: number;
  /** Share of partners not certified for DAP, in percent. */
  readonly uncertifiedPercent: number;
  /** Relationships a customer starts with (to partners of its own cloud). */
  readonly relationshipsPerCustomer: Range;
  /** Azure subscriptions a customer starts with, customer-created or partner-provisioned. */
  readonly subscriptionsPerCustomer: Range;
  /** Autopilot devices a customer starts with, from every source. */
  readonly devicesPerCustomer: Range;
  /**
   * Share of worlds where one partner also has 99, 100 or 101 anonymous customers, so
   * OFFER-NAV-100 meets its boundary, in percent. They make set-up slower, so they are rare.
   */
  readonly bulkPercent: number;
  /** The most steps in a sequence (fast-check draws 0 to this many, and shrinks towards fewer). */
  readonly maxSteps: number;
  /**
   * Share of steps given to an actor picked from every user of the world instead of one who
   * could plausibly succeed, in percent: these are mostly refused, and some invalid.
   */
  readonly anyActorPercent: number;
  /** Share of Autopilot steps run under the `proposed` profile, in percent. */
  readonly proposedPercent: number;
  /** Sequences per run. */
  readonly runs: number;
}

export const DEFAULT_SETTINGS: PropertySettings = {
  partners: { min: 2, max: 4 },
  customers: { min: 1, max: 4 },
  agentsPerGroup: { min: 1, max: 2 },
  chinaPartnerPercent: 25,
  chinaCustomerPercent: 20,
  uncertifiedPercent: 15,
  relationshipsPerCustomer: { min: 0, max: 3 },
  subscriptionsPerCustomer: { min: 0, max: 2 },
  devicesPerCustomer: { min: 0, max: 3 },
  bulkPercent: 3,
  maxSteps: 40,
  anyActorPercent: 20,
  proposedPercent: 50,
  runs: 100,
};

/** The settings with a run's overrides applied. */
export function withOverrides(base: PropertySettings, o: { readonly runs?: number | undefined; readonly maxSteps?: number | undefined }): PropertySettings {
  return {
    ...base,
    ...(o.runs === undefined ? {} : { runs: o.runs }),
    ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }),
  };
}
