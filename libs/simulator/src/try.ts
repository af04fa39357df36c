import { simulateStream, careYearsPerChild, DEFAULT_CALIBRATION, NATIONAL } from '@trajectwacht/simulator';
let t0 = Date.now();
careYearsPerChild(DEFAULT_CALIBRATION, NATIONAL);
console.log('mc ms', Date.now() - t0);
t0 = Date.now();
let n = 0; let init = 0;
for (const m of simulateStream({ region: 'national', seed: 1, from: '2023-01-01', to: '2023-12-31' })) { n++; if (m.initieel) init++; }
console.log('national ms', Date.now() - t0, n, 'initieel', init, 'rss MB', Math.round(process.memoryUsage().rss / 1e6));
