// Provider keys a tenant's configs may name. An operator provisions a key for one tenant as
// `<PREFIX><TENANT>_<NAME>`; a config can only name secrets with its own tenant's prefix, so no
// tenant can have another tenant's key (or Cordon's own secrets) sent to a URL of its choosing.
export type SecretKind = 'UPSTREAM_KEY_' | 'FALLBACK_KEY_';

/** `UPSTREAM_KEY_ACME_` for tenant `acme` (tenant names are lower case, digits, - and _). */
export function tenantSecretPrefix(kind: SecretKind, tenant: string): string {
  return `${kind}${tenant.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
}

export function mayUseSecret(kind: SecretKind, tenant: string, name: string): boolean {
  return name.startsWith(tenantSecretPrefix(kind, tenant));
}
