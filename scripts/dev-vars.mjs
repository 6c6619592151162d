// `npm start` runs this first: local secrets come from .dev.vars, created from the committed
// example when missing, so a fresh checkout starts with a dev admin key and the demo guardrail.
import { copyFileSync, existsSync } from 'node:fs';

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('created .dev.vars from .dev.vars.example (dev admin key: cordon-dev-admin-key)');
}
