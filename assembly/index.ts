// The scanner's WASM exports. Everything here works on bytes in linear memory; it knows nothing
// of strings, HTTP or configs. src/scan/wasm.ts is the only JS module that talks to it.
export { layout, growWindow } from './memory';
export { validate, entropy, hmacSha256 } from './validators/index';
export {
  addGroup, resetStream, restart, windowStart, windowLength, windowPtr, outPtr, reserve, commit,
  scan, scanDone, finish, holdFrom, discardBefore, recordCount,
  missedGroup, missedState, missedColumn, groupState, setGroupState, trackHold,
  contextPtr, contextBytes, saveContext, loadContext,
} from './scanner';
export { verifyWork } from './anchored';
export { utf16Units, toUtf16Offsets } from './utf16';
export { setPatternTables, setFinal, replayReport, retryPending } from './resolve';
import { windowBase, growWindow, tablesBase, layout } from './memory';

export function tablesPtr(): usize {
  return tablesBase;
}

/** A region of at least `len` bytes (the window) for one-off calls such as validator tests. */
export function scratch(len: u32): usize {
  if (windowBase == 0) layout(0, 0, 8, len); // used before any scanner was laid out
  growWindow(len);
  return windowBase;
}
export {
  modelLayout, modelWeightsPtr, modelWindow, modelWindowBytes, modelIdsPtr, modelFeatures, modelScore, modelBits, modelFeatureCount, modelCodesPtr, modelCheck, modelUnknownUnit, modelSpaceRuns, modelSpacesPtr,
  modelTopCount, modelTopPtr, modelTopStart, modelTopEnd, modelTopWeight, modelUtf16, modelUtf16From,
} from './safety/model';
