import type { Detector, EntityGroup } from './types.js';
import { SECRET_DETECTORS } from './secrets.js';
import { GENERIC_DETECTORS } from './generic.js';
import { US_DETECTORS } from './us.js';
import { UK_DETECTORS } from './uk.js';
import { CA_DETECTORS } from './ca.js';
import { IN_DETECTORS } from './in.js';
import { AU_DETECTORS } from './au.js';
import { ES_DETECTORS } from './es.js';
import { IT_DETECTORS } from './it.js';
import { SG_DETECTORS } from './sg.js';
import { HEALTH_DETECTORS } from './health.js';

export type { Detector, DetectorExample, DetectorPattern, EntityGroup, ValidatorName } from './types.js';

/**
 * Every detector, in a stable order: secrets (literal prefixes, most specific) first, then generic
 * PII/PCI, then national identifiers, then health identifiers.
 *
 * An entity may have more than one detector when its forms need different validators
 * (PHONE: NANP and international; IP_ADDRESS: IPv4 and IPv6); findings carry the entity name only.
 */
export const DETECTORS: readonly Detector[] = Object.freeze([
  ...SECRET_DETECTORS,
  ...GENERIC_DETECTORS,
  ...US_DETECTORS,
  ...UK_DETECTORS,
  ...CA_DETECTORS,
  ...IN_DETECTORS,
  ...AU_DETECTORS,
  ...ES_DETECTORS,
  ...IT_DETECTORS,
  ...SG_DETECTORS,
  ...HEALTH_DETECTORS,
]);

/** Entity names, unique, in DETECTORS order. */
export const ENTITIES: readonly string[] = Object.freeze([...new Set(DETECTORS.map((d) => d.entity))]);

const GROUP_NAMES: readonly EntityGroup[] = ['pii', 'pci', 'phi', 'secrets'];

/** Entity names per group, derived from the detectors' `groups` (unique, in DETECTORS order). */
export const ENTITY_GROUPS: Record<EntityGroup, string[]> = (() => {
  const groups = {} as Record<EntityGroup, string[]>;
  for (const g of GROUP_NAMES) {
    groups[g] = [...new Set(DETECTORS.filter((d) => d.groups.includes(g)).map((d) => d.entity))];
  }
  return groups;
})();
