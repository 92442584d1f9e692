import { spawn, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ImapFlow } from 'imapflow';

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p));

/** A free TCP port on 127.0.0.1 (closed again at once; taken by the next listener). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error('dovecot did not start listening');
    await delay(50);
  }
}

export type Dovecot = {
  host: string;
  port: number;
  /** Adds a user (passwd-file, plain password) and returns their login. */
  addUser: (login: string, password: string) => void;
  /** Delivers a raw RFC 822 message into a user's INBOX by IMAP APPEND. */
  deliver: (login: string, password: string, raw: string) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Debian's dovecot, started for one test file as an unprivileged process (the current user, or
 * `nobody` when the tests run as root) with a generated config in a temp dir: a high port,
 * passwd-file auth with plain passwords, maildirs under the temp dir. Throws when dovecot is not
 * installed or does not start: the caller decides whether that fails or skips.
 */
export async function startDovecot(): Promise<Dovecot> {
  if (!DOVECOT) throw new Error('dovecot is not installed (apt-get install dovecot-imapd)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voronka-dovecot-'));
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : (process.getuid?.() ?? 0);
  const gid = root ? 65534 : (process.getgid?.() ?? 0);
  const user = root ? 'nobody' : os.userInfo().username;
  const group = root
    ? (readFileSync('/etc/group', 'utf8').match(/^(nogroup|nobody):/m)?.[1] ?? 'nogroup')
    : user;
  for (const sub of ['run', 'state', 'mail']) mkdirSync(path.join(dir, sub));
  const users = path.join(dir, 'users');
  writeFileSync(users, '');
  const port = await freePort();
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = voronka-${path.basename(dir)}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${user}
default_internal_user = ${user}
default_internal_group = ${group}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${users}
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  user = ${user}
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service auth {
  user = ${user}
}
service auth-worker {
  user = ${user}
}
service imap-urlauth-login {
  chroot =
}
`,
  );
  const chownAll = (p: string) => {
    if (!root) return;
    chownSync(p, uid, gid);
    for (const name of readdirSync(p, { withFileTypes: true })) {
      const full = path.join(p, name.name);
      if (name.isDirectory()) chownAll(full);
      else chownSync(full, uid, gid);
    }
  };
  chownAll(dir);
  const child = spawn(DOVECOT, ['-F', '-c', conf], { uid, gid, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  try {
    await waitForPort(port, child, 10_000);
  } catch (err) {
    child.kill('SIGKILL');
    const log = existsSync(path.join(dir, 'dovecot.log'))
      ? readFileSync(path.join(dir, 'dovecot.log'), 'utf8')
      : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${stderr}\n${log}`);
  }
  const lines: string[] = [];
  return {
    host: '127.0.0.1',
    port,
    addUser: (login, password) => {
      lines.push(`${login}:{PLAIN}${password}`);
      writeFileSync(users, lines.join('\n') + '\n');
    },
    deliver: async (login, password, raw) => {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user: login, pass: password },
        logger: false,
      });
      client.on('error', () => {});
      await client.connect();
      try {
        await client.append('INBOX', raw);
      } finally {
        await client.logout();
      }
    },
    close: async () => {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), delay(3000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
