import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { DatabaseHandle, DatabaseKind } from '../../src/platform/db/database.ts';
import { createTestDatabase } from './databases.ts';
import type { JobQueue } from '../../src/platform/jobs/index.ts';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  /** Base URL when started with listen: true (browser tests). */
  url: string;
  close(): Promise<void>;
}

/** The real app on a fresh database; `listen` binds a free port for browser tests. */
export async function createTestApp(kind: DatabaseKind = 'pglite', options: { listen?: boolean; env?: Record<string, string>; jobs?: JobQueue } = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  let url = 'http://localhost';
  let config = loadConfig({ VAKA_DEMO: 'false', LOG_LEVEL: 'silent', ...options.env });
  let app = await buildApp({ config, db: database.db, dbKind: database.kind, jobs: options.jobs }, { logger: false });
  if (options.listen) {
    // The public URL must be known before the app is built (OIDC redirects), so find a port first.
    const probe = await import('node:net').then(
      (net) =>
        new Promise<number>((resolve) => {
          const server = net.createServer().listen(0, '127.0.0.1', () => {
            const port = (server.address() as { port: number }).port;
            server.close(() => resolve(port));
          });
        }),
    );
    url = `http://localhost:${probe}`;
    config = loadConfig({ VAKA_DEMO: 'false', LOG_LEVEL: 'silent', PORT: String(probe), ...options.env });
    await app.close();
    app = await buildApp({ config, db: database.db, dbKind: database.kind, jobs: options.jobs }, { logger: false });
    await app.listen({ port: probe, host: '127.0.0.1' });
  } else {
    await app.ready();
  }
  return {
    app,
    database,
    config,
    url,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
