import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';

export const DOCKERD = '/usr/sbin/dockerd';
const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p)) ?? '/bin/busybox';
export const TEST_IMAGE = 'mozaic-busybox:test';

/**
 * A private Docker Engine for tests: Debian's dockerd on its own socket and data folder (vfs, no
 * iptables, no bridge), with a busybox image made locally (no registry), stopped at the end.
 */
export class TestDockerEngine {
  private constructor(
    private readonly proc: ChildProcess,
    private readonly dir: string,
    readonly socket: string,
    readonly docker: Docker,
  ) {}

  static available(): boolean {
    return existsSync(DOCKERD) && existsSync(BUSYBOX);
  }

  static async start(): Promise<TestDockerEngine> {
    const dir = mkdtempSync(join(tmpdir(), 'mozaic-dockerd-'));
    const socket = join(dir, 'docker.sock');
    const proc = spawn(
      DOCKERD,
      [
        '--storage-driver=vfs',
        '--iptables=false',
        '--ip6tables=false',
        '--bridge=none',
        `--host=unix://${socket}`,
        `--data-root=${join(dir, 'data')}`,
        `--exec-root=${join(dir, 'exec')}`,
        `--pidfile=${join(dir, 'docker.pid')}`,
      ],
      { stdio: 'ignore' },
    );
    const docker = new Docker({ socketPath: socket });
    for (let i = 0; ; i++) {
      if (await ping(socket)) break;
      if (proc.exitCode !== null || i > 150) throw new Error('dockerd did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const engine = new TestDockerEngine(proc, dir, socket, docker);
    await engine.importBusybox();
    return engine;
  }

  /** An image with busybox and its applets, built from the local binary (no network). */
  private async importBusybox(): Promise<void> {
    const root = join(this.dir, 'rootfs');
    mkdirSync(join(root, 'bin'), { recursive: true });
    copyFileSync(BUSYBOX, join(root, 'bin/busybox'));
    for (const applet of ['sh', 'echo', 'sleep', 'cat', 'dd', 'false', 'true', 'printf'])
      symlinkSync('busybox', join(root, 'bin', applet));
    const tar = join(this.dir, 'rootfs.tar');
    execFileSync('tar', ['-C', root, '-cf', tar, '.']);
    const stream = await this.docker.importImage(tar, { repo: 'mozaic-busybox', tag: 'test' });
    await new Promise((resolve, reject) =>
      this.docker.modem.followProgress(stream, (e) => (e ? reject(e) : resolve(null))),
    );
  }

  /** Creates and starts a container without network. */
  async run(
    name: string,
    cmd: string[],
    host: Partial<Docker.HostConfig> = {},
    extra: Partial<Docker.ContainerCreateOptions> = {},
  ) {
    const c = await this.docker.createContainer({
      name,
      Image: TEST_IMAGE,
      Cmd: cmd,
      HostConfig: { NetworkMode: 'none', ...host },
      ...extra,
    });
    await c.start();
    return c;
  }

  /** Removes every container (so nothing stays mounted), stops dockerd and removes its folder. */
  async stop(): Promise<void> {
    const all = await this.docker.listContainers({ all: true }).catch(() => []);
    await Promise.all(
      all.map((c) =>
        this.docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    if (this.proc.exitCode === null) {
      const exited = new Promise((r) => this.proc.once('exit', r));
      this.proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
    }
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // a mount dockerd left behind; the folder is in the temp directory
    }
  }
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping' }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}
