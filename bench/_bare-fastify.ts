// The ceiling for HTTP latency: a bare Fastify route answering a small JSON object.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ items: [{ id: 'U000001', name: 'HVB Ekbacken' }], page: 1, pageSize: 25, total: 1 }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
