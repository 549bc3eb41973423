import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/** A webhook on a local port that keeps the JSON bodies posted to it. */
export async function webhookReceiver() {
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/changes`,
    received,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}
