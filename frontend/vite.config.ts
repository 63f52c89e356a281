/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { readFileSync, existsSync } from 'node:fs';
import { docsPage, markdownToHtml } from './src/markdown';

// The page is built straight into the jar's static resources: Spring Boot serves target/classes/static at "/".
// Maven runs this in generate-resources (see pom.xml, "area plugins: web page").
const outDir = fileURLToPath(new URL('../target/classes/static', import.meta.url));

const readme = fileURLToPath(new URL('../README.md', import.meta.url));

/** Serves the README (with its API tour) as /api-tour.html, so the page's "API tour" link works offline. */
function apiTourPage() {
  return {
    name: 'invertavatar-api-tour',
    generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: string }): void }) {
      const markdown = existsSync(readme) ? readFileSync(readme, 'utf8') : '# InvertAvatar\n\nThe README was not found at build time.';
      this.emitFile({ type: 'asset', fileName: 'api-tour.html', source: docsPage('README and API tour', markdownToHtml(markdown)) });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [apiTourPage()],
  build: {
    outDir,
    emptyOutDir: true,
    // No inline scripts: the strict CSP of the security work forbids them.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a locally running server (./mvnw spring-boot:run).
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
