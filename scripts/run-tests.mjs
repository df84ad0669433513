// Test runner behind `npm test` (after `tsc` has compiled everything into dist/).
//
//   node scripts/run-tests.mjs                 # all dist/**/*.test.js
//   node scripts/run-tests.mjs records auth    # only files whose path contains "records" or "auth"
//   node scripts/run-tests.mjs --test-name-pattern=merge records
//                                              # arguments starting with "-" go to `node --test`
//
// Starts a throwaway PostgreSQL (scripts/pg-test-server.mjs) and exports its URL as
// RAPPORT_TEST_PG_URL, runs the files with `node --test` (one file at a time, spec reporter),
// stops PostgreSQL, and ends with the line "N passed, N failed". Exit code is non-zero if any
// test failed, the runner crashed, or it was interrupted.
//
// RAPPORT_TEST_SKIP_PG=1   don't start PostgreSQL (RAPPORT_TEST_PG_URL is unset: SQLite only)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPostgres, withParentDeathSignal } from './pg-test-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const TEST_FILE = /\.test\.[cm]?js$/;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const counts = { pass: null, fail: null, cancelled: null, tests: null };
let child = null;
let interrupted = null;
let pgServer = null;

const say = (msg) => process.stderr.write(`[run-tests] ${msg}\n`);

function findTestFiles(dir, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) findTestFiles(full, out);
    else if (e.isFile() && TEST_FILE.test(e.name)) out.push(full);
  }
  return out;
}

const toPosix = (p) => p.split(path.sep).join('/');

function parseArgs(argv) {
  const filters = [];
  const nodeArgs = [];
  for (const a of argv) {
    if (a === '--') continue;
    if (a.startsWith('-')) nodeArgs.push(a);
    // allow passing a source path: test/records.test.ts -> matches dist/test/records.test.js
    else filters.push(toPosix(a).replace(/\.([cm]?)ts$/, '.$1js'));
  }
  return { filters, nodeArgs };
}

// Parse the node test runner's summary: "ℹ pass 12" (spec reporter) or "# pass 12" (TAP).
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const SUMMARY = /^\s*(?:ℹ|#)\s*(tests|pass|fail|cancelled)\s+(\d+)\s*$/;
function makeLineScanner() {
  let buf = '';
  const scan = (line) => {
    const m = SUMMARY.exec(line.replace(ANSI, ''));
    if (m) counts[m[1]] = Number(m[2]);
  };
  return {
    push(chunk) {
      buf += chunk.toString('utf8');
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        scan(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    },
    end() {
      if (buf) scan(buf);
      buf = '';
    },
  };
}

function runNodeTest(files, nodeArgs, env) {
  return new Promise((resolve) => {
    const args = [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      ...nodeArgs,
      ...files,
    ];
    // detached: own process group, so on a signal we can take down the runner *and* the
    // per-file test processes it spawned with one kill(-pgid).
    // If this process is SIGKILLed, the kernel sends SIGTERM to `node --test`, which then
    // kills its per-file test processes.
    const [cmd, cmdArgs] = withParentDeathSignal(process.execPath, args, 'SIGTERM');
    child = spawn(cmd, cmdArgs, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const scanner = makeLineScanner();
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      scanner.push(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('error', (err) => {
      say(`could not start node --test: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      scanner.end();
      child = null;
      resolve({ code, signal });
    });
  });
}

function killChildGroup(sig) {
  if (!child || !child.pid) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {}
  }
}

function onSignal(sig) {
  if (interrupted) {
    // second signal: stop waiting
    killChildGroup('SIGKILL');
    return;
  }
  interrupted = sig;
  say(`received ${sig}, stopping tests`);
  if (child) {
    killChildGroup(sig);
    const pid = child.pid;
    setTimeout(() => {
      if (child && child.pid === pid) killChildGroup('SIGKILL');
    }, 5000).unref();
  }
  // pg-test-server's own handler stops PostgreSQL; main() awaits pgServer.stop() as well.
}

function finish(exitCode, note) {
  const passed = counts.pass ?? 0;
  const failed = (counts.fail ?? 0) + (counts.cancelled ?? 0);
  if (note) say(note);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = exitCode;
}

/**
 * `npm test` runs us as a child of npm. If npm itself is killed (e.g. a CI timeout sending
 * SIGTERM to npm only), it does not pass the signal on and we would be orphaned; treat the
 * parent's death like SIGTERM so tests and PostgreSQL are still cleaned up promptly.
 */
function watchParent() {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && !interrupted) {
      say('parent process (npm) exited');
      onSignal('SIGTERM');
    }
  }, 500).unref();
}

async function main() {
  for (const s of SIGNALS) process.on(s, () => onSignal(s));
  watchParent();

  const { filters, nodeArgs } = parseArgs(process.argv.slice(2));

  if (!fs.existsSync(DIST)) {
    return finish(1, `${path.relative(ROOT, DIST)}/ not found: run \`npm run build\` (or \`npm test\`)`);
  }
  let files = findTestFiles(DIST).sort();
  if (filters.length > 0) {
    files = files.filter((f) => {
      const rel = toPosix(path.relative(ROOT, f));
      return filters.some((flt) => rel.includes(flt));
    });
  }
  if (files.length === 0) {
    return finish(
      1,
      filters.length
        ? `no test files under dist/ match: ${filters.join(', ')}`
        : 'no test files (dist/**/*.test.js) found',
    );
  }
  say(`${files.length} test file(s)`);

  const env = { ...process.env };
  delete env.RAPPORT_TEST_PG_URL;
  if (process.stdout.isTTY && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) {
    env.FORCE_COLOR = '1'; // the child writes to a pipe; keep colours for humans
  }

  if (process.env.RAPPORT_TEST_SKIP_PG === '1') {
    say('RAPPORT_TEST_SKIP_PG=1: not starting PostgreSQL (SQLite only)');
  } else {
    try {
      pgServer = await startTestPostgres();
    } catch (err) {
      if (interrupted) {
        return finish(128 + (os.constants.signals[interrupted] || 1), `interrupted by ${interrupted}`);
      }
      return finish(
        1,
        `${err.message}\n[run-tests] (set RAPPORT_TEST_SKIP_PG=1 to run the SQLite-only tests)`,
      );
    }
    env.RAPPORT_TEST_PG_URL = pgServer.url;
  }

  let result = { code: null, signal: null };
  try {
    if (!interrupted) result = await runNodeTest(files, nodeArgs, env);
  } finally {
    if (pgServer) await pgServer.stop();
  }

  const failed = (counts.fail ?? 0) + (counts.cancelled ?? 0);
  if (interrupted) {
    return finish(128 + (os.constants.signals[interrupted] || 1), `interrupted by ${interrupted}`);
  }
  if (counts.pass === null && counts.fail === null) {
    return finish(
      1,
      `test runner crashed: no summary found (exit code ${result.code}, signal ${result.signal})`,
    );
  }
  if (result.code !== 0 && failed === 0) {
    return finish(1, `test runner exited with code ${result.code}, signal ${result.signal}`);
  }
  return finish(failed > 0 || result.code !== 0 ? 1 : 0);
}

main().catch((err) => {
  say(`fatal: ${err && err.stack ? err.stack : err}`);
  killChildGroup('SIGKILL');
  const stop = pgServer ? pgServer.stop() : Promise.resolve();
  stop.finally(() => finish(1));
});
