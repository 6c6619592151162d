// The observe bench's webhook receiver, run as a child process (bench/observe.mjs says why):
// answers 200 to every delivery, tells its parent its port, and how many it got when asked.
import { createServer } from 'node:http';

let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.end('ok');
  });
});
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
process.on('message', () => process.send(received));
process.on('disconnect', () => process.exit(0));
