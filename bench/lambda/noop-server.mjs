/**
 * The floor of the warm-invoke benchmark: an HTTP server that does nothing but read the request
 * body and answer what the Lambda Invoke API answers for `{ ok: true }` (200, JSON, the
 * `x-amz-executed-version` header the SDK reads). Run as its own process, like the local cloud.
 */
import { createServer } from 'node:http';

const BODY = Buffer.from('{"ok":true}');

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': BODY.length,
      'x-amz-executed-version': '$LATEST',
    });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`noop: listening http://127.0.0.1:${server.address().port}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
