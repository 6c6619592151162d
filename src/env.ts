/** Bindings and variables that flow through every Hono handler (extended by later features). */
export type Bindings = Record<string, never>;

export interface AppEnv {
  Bindings: Bindings;
}
