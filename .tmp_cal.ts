import { CALIBRATION_CASES, evaluateCalibration, inBand } from './src/engine/index';
const t0 = performance.now();
const v = evaluateCalibration(Number(process.env.N ?? 3000));
CALIBRATION_CASES.forEach((c, i) => console.log(c.id.padEnd(34), v[i].toFixed(3).padStart(8), JSON.stringify(c.band), inBand(c, v[i]) ? 'ok' : 'OUT'));
console.log('ms', (performance.now() - t0).toFixed(0));
