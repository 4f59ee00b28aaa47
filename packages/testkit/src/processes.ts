import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';

export interface ServiceProcess {
  readonly name: string;
  readonly port: number;
  /** The operating system's id of the service's Node process (to read its CPU and memory). */
  readonly pid: number;
  /** Sends SIGTERM and waits for exit (SIGKILL after 10 s); logs `[name] stopped`. */
  stop(): Promise<void>;
  /** Sends SIGKILL (no graceful shutdown: a crash, an OOM kill) and waits until the process is gone. */
  kill(): Promise<void>;
  /** Whether the process is still running (false once it exited, for whatever reason). */
  alive(): boolean;
}

/**
 * Whether `GET /health` on the port answers 200. (node:http, not fetch: fetch refuses some
 * ports outright, 4190 among them.)
 */
function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/health', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

/** Whether something already accepts connections on 127.0.0.1:`port`. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Node's arguments for an entry point: a TypeScript source through the tsx loader (development,
 * tests), compiled JavaScript (`pnpm build`'s `dist/index.js`) with plain Node and its source maps,
 * so stack traces name the TypeScript lines.
 */
export function nodeArguments(entry: string): string[] {
  return entry.endsWith('.ts') ? ['--import', 'tsx', entry] : ['--enable-source-maps', entry];
}

/**
 * Runs an entry point in its own Node process (`nodeArguments`: a TypeScript source through the
 * tsx loader, or compiled JavaScript), prefixing its
 * output with the service's name, and resolves once `GET http://host:port/health` answers 200.
 * Rejects, with the tail of the process's output, if it exits first or is not up in `timeoutMs`,
 * and at once if the port is already taken.
 */
export async function startServiceProcess(options: {
  name: string;
  entry: string;
  cwd: string;
  port: number;
  env: Record<string, string>;
  log: (line: string) => void;
  timeoutMs?: number;
}): Promise<ServiceProcess> {
  if (await portAnswers(options.port)) {
    throw new Error(`Port ${options.port} is already in use (another hub still running?); ${options.name} cannot start`);
  }
  const child: ChildProcess = spawn(process.execPath, nodeArguments(options.entry), {
    cwd: options.cwd,
    // V8 keeps compiled code of the (large) dependencies between starts: warm starts are quicker.
    env: { NODE_COMPILE_CACHE: join(options.cwd, '.data', 'compile-cache'), ...process.env, ...options.env },
    // The IPC channel lets the service notice when this process dies (it exits on 'disconnect').
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // A process group of its own: a terminal's Ctrl-C (SIGINT to the whole foreground group)
    // reaches only the launcher, which stops the services in order (`RunningStack.stop`).
    detached: true,
  });
  const tail: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      tail.push(line);
      tail.splice(0, Math.max(0, tail.length - 30));
      options.log(`[${options.name}] ${line}`);
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let exitCode: number | null | undefined;
  exited.then((code) => {
    exitCode = code;
  });
  while (true) {
    if (exitCode !== undefined) {
      throw new Error(`${options.name} exited (code ${exitCode}) before it was ready:\n${tail.join('\n')}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} was not ready on port ${options.port} in time:\n${tail.join('\n')}`);
    }
    if (await healthy(options.port)) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  return {
    name: options.name,
    port: options.port,
    pid: child.pid ?? 0,
    async stop() {
      if (exitCode !== undefined) {
        return;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      options.log(`[${options.name}] stopped${code === 0 ? '' : ` (exit code ${code})`}`);
    },
    async kill() {
      if (exitCode !== undefined) {
        return;
      }
      child.kill('SIGKILL');
      await exited;
    },
    alive: () => exitCode === undefined,
  };
}
