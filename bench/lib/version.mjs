// Installed version of a package, read from node_modules (some packages do not export package.json).
import { readFileSync } from 'node:fs';

export function installedVersion(name) {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(url, 'utf8')).version;
  } catch {
    return undefined;
  }
}

export function requiredNode(name) {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(url, 'utf8')).engines?.node;
  } catch {
    return undefined;
  }
}
