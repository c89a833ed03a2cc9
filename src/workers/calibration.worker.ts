import { evaluateCalibration } from '../engine';

/**
 * Runs every calibration case once (seed "calibration", the docs' trial count) and posts the
 * model's figures, so the Model view shows the same numbers as docs/calibration.md without
 * blocking the page for the two or three seconds they take.
 */
export type CalibrationMessage = { type: 'result'; figures: number[] } | { type: 'error'; message: string };

const scope = self as unknown as { postMessage(message: CalibrationMessage): void };
try {
  scope.postMessage({ type: 'result', figures: evaluateCalibration() });
} catch (e) {
  scope.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
