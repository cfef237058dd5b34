// Placeholder surface; the import/export use cases live beside this file.
export { importWorld } from './import-world.ts';
export { exportWorld } from './export-world.ts';
