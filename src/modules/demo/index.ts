export { generateWorld } from './generate-world.ts';
export { writeWorld } from './write-world.ts';
export { loadDemoWorldIfEmpty } from './load-demo-world.ts';
