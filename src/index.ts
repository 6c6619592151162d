// Worker entry: the Hono app (and, as features land, the Durable Object classes). Nothing else.
import { createApp } from './app.js';

export default createApp();
