// Machine intake: other authorities' systems send signals to POST /api/v1/signals.
export { machineIntakeRoutes } from './routes.ts';
export { createApiClient, authenticateApiClient, MACHINE_CHANNELS, type ApiClient, type MachineChannel } from './api-client.ts';
export { receiveMachineSignal } from './receive-machine-signal.ts';
