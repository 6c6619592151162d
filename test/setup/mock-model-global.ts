// vitest globalSetup of the worker project: the mock model runs in Node beside workerd, and the
// tests learn its port through inject('mockModelPort').
import type { TestProject } from 'vitest/node';
import { startMockModel } from './mock-model.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockModelPort: number;
  }
}

export default async function setup(project: TestProject) {
  const model = await startMockModel();
  project.provide('mockModelPort', model.port);
  return () => model.close();
}
