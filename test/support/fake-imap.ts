import { AddressInfo, createServer, Server, Socket } from 'node:net';

interface StoredMessage {
  uid: number;
  source: Buffer;
  seen: boolean;
}

/**
 * A tiny IMAP4rev1 server for one mailbox, enough for ImapFlow's login, SELECT, UID SEARCH, UID FETCH
 * of the source and UID STORE of \Seen. It is not a general IMAP server: it exists so the IMAP poller
 * can be tested through the real ImapFlow client over a real socket.
 */
export class FakeImapServer {
  readonly messages: StoredMessage[] = [];
  readonly commands: string[] = [];
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly user: string,
    private readonly pass: string,
  ) {}

  add(source: Buffer): number {
    const uid = this.messages.length + 1;
    this.messages.push({ uid, source, seen: false });
    return uid;
  }

  async start(): Promise<this> {
    this.server = createServer((socket) => this.session(socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private session(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let authed = false;
    const send = (line: string | Buffer) => socket.write(line);
    send('* OK [CAPABILITY IMAP4rev1 LITERAL+] fake IMAP ready\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const [tag, command = '', ...rest] = line.split(' ');
        const args = rest.join(' ');
        const verb = command.toUpperCase();
        this.commands.push(verb === 'LOGIN' ? 'LOGIN' : `${verb} ${args}`.trim());
        const ok = (text = 'done') => send(`${tag} OK ${text}\r\n`);
        if (verb === 'CAPABILITY') {
          send('* CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS\r\n');
          ok();
        } else if (verb === 'LOGIN') {
          const [u, p] = args.split(' ').map((x) => x.replace(/^"|"$/g, ''));
          authed = u === this.user && p === this.pass;
          if (authed) ok('[CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] logged in');
          else send(`${tag} NO [AUTHENTICATIONFAILED] invalid credentials\r\n`);
        } else if (!authed && verb !== 'LOGOUT' && verb !== 'NOOP') {
          send(`${tag} NO not authenticated\r\n`);
        } else if (verb === 'SELECT' || verb === 'EXAMINE') {
          send(`* ${this.messages.length} EXISTS\r\n* 0 RECENT\r\n`);
          send('* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)\r\n');
          send('* OK [PERMANENTFLAGS (\\Seen \\Deleted)] ok\r\n');
          send(`* OK [UIDVALIDITY 42] ok\r\n* OK [UIDNEXT ${this.messages.length + 1}] ok\r\n`);
          ok(`[${verb === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] selected`);
        } else if (verb === 'UID' && /^SEARCH/i.test(args)) {
          const unseen = this.messages.filter((m) => !m.seen).map((m) => m.uid);
          send(`* SEARCH${unseen.map((u) => ` ${u}`).join('')}\r\n`);
          ok();
        } else if (verb === 'UID' && /^FETCH/i.test(args)) {
          const uid = Number(/^FETCH\s+(\d+)/i.exec(args)?.[1]);
          const message = this.messages.find((m) => m.uid === uid);
          if (message) {
            const partial = /BODY\.PEEK\[\]<0\.(\d+)>/i.exec(args);
            const body = partial ? message.source.subarray(0, Number(partial[1])) : message.source;
            const seq = this.messages.indexOf(message) + 1;
            const head = partial ? 'BODY[]<0>' : 'BODY[]';
            send(
              `* ${seq} FETCH (UID ${uid} RFC822.SIZE ${message.source.length} ${head} {${body.length}}\r\n`,
            );
            send(body);
            send(')\r\n');
          }
          ok();
        } else if (verb === 'UID' && /^STORE/i.test(args)) {
          const uid = Number(/^STORE\s+(\d+)/i.exec(args)?.[1]);
          const message = this.messages.find((m) => m.uid === uid);
          if (message && /\\Seen/i.test(args)) message.seen = true;
          ok();
        } else if (verb === 'LOGOUT') {
          send('* BYE bye\r\n');
          ok();
          socket.end();
        } else {
          ok();
        }
      }
    });
  }
}
