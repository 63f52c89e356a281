// The Maven build's entry into the page's build (pom.xml, "area plugins: web page"):
//   node scripts/maven.mjs <install|build|test> frontend.skip=… skipTests=… maven.test.skip=…
// Unset properties arrive empty or literally ("${skipTests}"), so only the word "true" skips.
// `install` runs `npm ci` only when node_modules is missing or older than package-lock.json, so
// repeated builds do not reinstall every time.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [step, ...flags] = process.argv.slice(2);
const flag = (name) => flags.find((f) => f.startsWith(`${name}=`))?.slice(name.length + 1);
const isTrue = (name) => flag(name) === 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (isTrue('frontend.skip')) {
  console.log(`[frontend] ${step}: skipped (-Dfrontend.skip)`);
  process.exit(0);
}
if (step === 'test' && (isTrue('skipTests') || isTrue('maven.test.skip'))) {
  console.log('[frontend] test: skipped (-DskipTests)');
  process.exit(0);
}

const npm = (...args) => {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) {
    console.error(`[frontend] could not run npm (${result.error.message}): install Node.js 20+ with npm, or build with -Dfrontend.skip=true`);
  }
  return result.status ?? 1;
};

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

switch (step) {
  case 'install': {
    const installed = mtime(join(root, 'node_modules', '.package-lock.json'));
    if (installed > 0 && installed >= mtime(join(root, 'package-lock.json'))) {
      console.log('[frontend] install: node_modules is up to date');
      process.exit(0);
    }
    process.exit(npm('ci', '--no-audit', '--no-fund', '--loglevel=error'));
    break;
  }
  case 'build':
    process.exit(npm('run', 'build', '--silent'));
    break;
  case 'test':
    process.exit(npm('test', '--silent'));
    break;
  default:
    console.error(`[frontend] unknown step "${step}"`);
    process.exit(2);
}
