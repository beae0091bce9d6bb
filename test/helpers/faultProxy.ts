/**
 * A TCP proxy between a branch and the hub that cuts connections at random byte offsets, in either
 * direction — what a rural line does to a sync. While `down`, it refuses to connect at all.
 */
import net from 'node:net';
import type { Rng } from '../../backend/seed/random';

export class FaultProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  cutProbability = 0;
  down = false;
  cuts = 0;

  constructor(
    private readonly targetPort: number,
    private readonly rng: Rng,
  ) {
    this.server = net.createServer((client) => this.handle(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(client: net.Socket): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => undefined);
    }
    // Either side gone (the hub refused or restarted, the branch gave up): the other goes too.
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    const cut = this.rng.chance(this.cutProbability);
    // Where to cut: somewhere in the request (up) or the reply (down), within the first few kilobytes.
    const upLimit = cut && this.rng.chance(0.5) ? this.rng.int(0, 3000) : Infinity;
    const downLimit = cut && upLimit === Infinity ? this.rng.int(0, 6000) : Infinity;
    const kill = () => {
      this.cuts++;
      client.destroy();
      upstream.destroy();
    };
    pipe(client, upstream, upLimit, kill);
    pipe(upstream, client, downLimit, kill);
  }
}

function pipe(from: net.Socket, to: net.Socket, limit: number, kill: () => void): void {
  let sent = 0;
  from.on('data', (chunk: Buffer) => {
    if (sent + chunk.length > limit) {
      to.write(chunk.subarray(0, Math.max(0, limit - sent)), () => kill());
      sent = limit;
      from.pause();
      return;
    }
    sent += chunk.length;
    if (!to.write(chunk)) from.pause();
  });
  to.on('drain', () => from.resume());
  from.on('end', () => to.end());
}
