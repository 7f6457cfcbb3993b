import { ChildProcess, spawn } from 'node:child_process';
import { Cleanup, freePort } from '../support';

/**
 * The machine's pace for HTTP: a Node `http` hello-world in a process of its own (as the server
 * is), answering a small JSON body on keep-alive connections. What no framework on top can beat.
 */
export async function startHelloWorld(cleanup: Cleanup): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const source = `
    const body = Buffer.from('{"hello":"world"}');
    require('node:http')
      .createServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      })
      .listen(${port}, '127.0.0.1', () => process.stdout.write('listening\\n'));
  `;
  const child: ChildProcess = spawn(process.execPath, ['-e', source], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.pid === undefined) throw new Error('could not start the hello-world ceiling');
  cleanup.add('stop the hello-world ceiling', () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the hello-world ceiling exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid };
}
