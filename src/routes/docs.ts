// Public, unauthenticated: the API's description (no tenant data) and the root index.
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { DOCS_HTML } from './docs-page.js';
import { OPERATION_LIST, openApiDocument } from './openapi.js';

export const docsRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.json({ name: 'cordon', docs: '/docs', openapi: '/openapi.json', endpoints: OPERATION_LIST.map((o) => `${o.method.toUpperCase()} ${o.path}`) }))
  .get('/openapi.json', (c) => c.json(openApiDocument()))
  .get('/docs', (c) => c.html(DOCS_HTML));
