import { Hono } from 'hono';
import { DETECTORS, ENTITY_GROUPS } from '../scan/index.js';
import type { AppEnv } from '../env.js';

/** The catalog as the API shows it: computed once, it never changes at run time. */
const body = {
  entities: DETECTORS.map((d) => ({
    name: d.entity,
    description: d.description,
    groups: d.groups,
    example: d.examples.positive[0]?.match ?? null,
    checksum: d.checksum === true,
    validator: d.validator ?? null,
    contextWords: d.contextWords ?? [],
  })),
  groups: ENTITY_GROUPS,
};

export const entityRoutes = new Hono<AppEnv>().get('/', (c) => c.json(body));
