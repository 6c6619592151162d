// Observation runs after each response (src/observe/observe-evaluation.ts): a test file's last
// requests may still be hashing, queueing or sending when its last test ends. The file's
// environment waits for them, so none of that work runs while it is being torn down.
import { afterAll } from 'vitest';
import { observationsSettled } from '../../src/observe/observe-evaluation.js';

afterAll(() => observationsSettled());
